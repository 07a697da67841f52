import type { Core } from '@strapi/strapi';
import type { AccessFacts, Grant, MembershipFact } from '../access';

/**
 * Loads the facts of one customer identity for the access engine, straight from
 * the database at request time: no cache, so a revoked grant or a suspended parent
 * is refused on the very next request.
 */
const ca = (name: string) => `plugin::client-area.${name}` as any;
const ID = { select: ['id'] };
const idOf = (related: any): number | null => (related && typeof related.id === 'number' ? related.id : null);

/**
 * A grant's product, failing closed: when the product row was deleted behind our back
 * the link empties, but the grant's key still names it (`m5:tickets:7`), so the grant
 * keeps pointing at a product that no longer exists and covers nothing, instead of
 * turning client-wide.
 */
const productOf = (grant: any): number | null => {
  const linked = idOf(grant.product);
  if (linked !== null) return linked;
  const recorded = String(grant.scopeKey ?? '').split(':').pop();
  return recorded && recorded !== '*' && /^\d+$/.test(recorded) ? Number(recorded) : null;
};

const toGrants = (grants: any[] | undefined): Grant[] => (grants ?? []).map((grant) => ({ section: grant.section, productId: productOf(grant) }));

/** The parent, failing closed: a deleted parent leaves its id in parentKey, so the chain breaks instead of ending. */
const parentOf = (membership: any): number | null => idOf(membership.parent) ?? (membership.parentKey ? Number(membership.parentKey) : null);

const suspenderOf = (membership: any): MembershipFact['suspendedBy'] => {
  if (membership.suspendedByStaff) return { kind: 'staff' };
  const by = idOf(membership.suspendedBy);
  return by === null ? null : { kind: 'membership', membershipId: by };
};

export interface LoadOptions {
  /** Sub-account memberships whose relationship password this request proved. */
  verifiedMembershipIds?: number[];
}

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async load(identityId: number, { verifiedMembershipIds = [] }: LoadOptions = {}): Promise<AccessFacts> {
    const db = strapi.db;
    const own = await db.query(ca('membership')).findMany({ where: { identity: { id: identityId }, membershipStatus: { $ne: 'removed' } }, populate: { client: ID } });

    const logons = await db.query(ca('secondary-logon')).findMany({
      where: { logon: { id: identityId } },
      populate: { owner: { select: ['id', 'blocked'] }, securityGroups: ID },
    });
    const ownerIds = [...new Set(logons.map((logon: any) => idOf(logon.owner)).filter((id): id is number => id !== null))];
    const ownerMasterships = ownerIds.length
      ? await db.query(ca('membership')).findMany({ where: { identity: { id: { $in: ownerIds } }, kind: 'master' }, populate: { client: ID } })
      : [];

    const clientIds = [...new Set([...own, ...ownerMasterships].map((m: any) => idOf(m.client)).filter((id): id is number => id !== null))];
    if (clientIds.length === 0 && logons.length === 0) return emptyFacts(strapi, identityId);

    const { memberships, products, clients } = await clientFacts(strapi, clientIds, new Set(verifiedMembershipIds));
    const groups = ownerIds.length
      ? await db.query(ca('security-group')).findMany({ where: { owner: { id: { $in: ownerIds } } }, populate: { owner: ID, clients: ID } })
      : [];
    const contacts = await db.query(ca('contact')).findMany({
      where: { membership: { identity: { id: identityId } } },
      populate: { client: ID, groupReadCategory: ID },
    });

    return {
      identityId,
      memberships,
      products,
      clients,
      sections: sectionFacts(strapi),
      securityGroups: groups.map((g: any) => ({
        id: g.id,
        ownerIdentityId: idOf(g.owner)!,
        isDefault: Boolean(g.isDefault),
        clientIds: (g.clients ?? []).map((c: any) => c.id),
      })),
      secondaryLogons: logons.map((logon: any) => ({
        id: logon.id,
        ownerIdentityId: idOf(logon.owner)!,
        logonIdentityId: identityId,
        // A logon is cancelled with its owner's account.
        status: logon.owner?.blocked ? 'cancelled' : logon.logonStatus,
        securityGroupIds: (logon.securityGroups ?? []).map((g: any) => g.id),
        sections: Array.isArray(logon.sections) ? logon.sections.filter((s: unknown) => typeof s === 'string') : [],
      })),
      contacts: contacts.map((c: any) => ({ id: c.id, clientId: idOf(c.client)!, groupReadCategoryId: idOf(c.groupReadCategory) })),
    };
  },

  /** Staff's view of one client: every membership and product of it, no identity of its own. */
  async loadClient(clientId: number): Promise<AccessFacts> {
    return { ...emptyFacts(strapi, 0), ...(await clientFacts(strapi, [clientId], new Set())) };
  },
});

/**
 * Every standing or suspended membership (with its grants, or its role's) and every
 * product of the clients. A removed membership is history: it holds nothing, and a
 * member still under it finds its parent missing and holds nothing either.
 */
async function clientFacts(strapi: Core.Strapi, clientIds: number[], verified: Set<number>) {
  if (clientIds.length === 0) return { memberships: [], products: [], clients: [] };
  const clients = await strapi.db.query(ca('client')).findMany({ where: { id: { $in: clientIds } }, select: ['id', 'documentId'] });
  const memberships = await strapi.db.query(ca('membership')).findMany({
    where: { client: { id: { $in: clientIds } }, membershipStatus: { $ne: 'removed' } },
    populate: {
      client: ID,
      identity: { select: ['id', 'username'] },
      parent: ID,
      suspendedBy: ID,
      grants: { populate: { product: ID } },
      accessRole: { populate: { grants: { populate: { product: ID } } } },
    },
  });
  const products = await strapi.db.query(ca('product')).findMany({
    where: { client: { id: { $in: clientIds } } },
    populate: { client: ID, owner: ID, distributedTo: ID },
  });
  return {
    memberships: memberships.map(
      (m: any): MembershipFact => ({
        id: m.id,
        clientId: idOf(m.client)!,
        identityId: idOf(m.identity)!,
        kind: m.kind,
        status: m.membershipStatus,
        parentId: parentOf(m),
        roleId: idOf(m.accessRole),
        grants: m.accessRole ? toGrants(m.accessRole.grants) : toGrants(m.grants),
        passwordVerified: verified.has(m.id),
        suspendedBy: suspenderOf(m),
        label: m.identity?.username ?? undefined,
        ref: m.documentId,
      }),
    ),
    products: products.map((p: any) => ({
      id: p.id,
      clientId: idOf(p.client)!,
      ownerMembershipId: idOf(p.owner),
      distributedTo: (p.distributedTo ?? []).map((m: any) => m.id),
      ref: p.documentId,
    })),
    clients: clients.map((c: any) => ({ id: c.id, ref: c.documentId })),
  };
}

const sectionFacts = (strapi: Core.Strapi) =>
  strapi
    .plugin('client-area')
    .service('sections')
    .list()
    .map((s: any) => ({ name: s.name, productScoped: s.productScoped }));

const emptyFacts = (strapi: Core.Strapi, identityId: number): AccessFacts => ({
  identityId,
  memberships: [],
  products: [],
  sections: sectionFacts(strapi),
  securityGroups: [],
  secondaryLogons: [],
  contacts: [],
});

import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import type { AccessFacts, Grant, MembershipFact, SecondaryLogonFact, SecurityGroupFact } from '../access';
import { cancellable, connectionOf, jsonOf, linkOf, tableOf, together } from '../queries/links';

/**
 * Loads the facts of one customer identity for the access engine, straight from
 * the database at request time: no cache, so a revoked grant or a suspended parent
 * is refused on the very next request.
 *
 * A bounded number of statements whatever the size of the data: the memberships of
 * every client the identity reaches (its own, and those its secondary logons'
 * owners are master of) in one, their grants and their roles' grants in one, those
 * clients' products in one, the identity's contacts in one, its secondary logons in
 * one, and, only for an identity that is someone's secondary logon, its owners'
 * security groups in one. Each reads link tables by their indexed columns.
 */
const ca = (name: string) => `plugin::client-area.${name}`;
const USER = 'plugin::users-permissions.user';

const num = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));
const distinct = (values: Array<number | null>): number[] => [...new Set(values.filter((v): v is number => v !== null))];

/**
 * A grant's product, failing closed: when the product row was deleted behind our back
 * the link empties, but the grant's key still names it (`m5:tickets:7`), so the grant
 * keeps pointing at a product that no longer exists and covers nothing, instead of
 * turning client-wide.
 */
const productOf = (linked: number | null, scopeKey: unknown): number | null => {
  if (linked !== null) return linked;
  const recorded = String(scopeKey ?? '').split(':').pop();
  return recorded && recorded !== '*' && /^\d+$/.test(recorded) ? Number(recorded) : null;
};

export interface LoadOptions {
  /** Sub-account memberships whose relationship password this request proved. */
  verifiedMembershipIds?: number[];
  /** The request's: its statements are cancelled when the client goes away (queries/links `cancellable`). */
  signal?: AbortSignal;
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const L = {
    membershipClient: () => linkOf(strapi, ca('membership'), 'client'),
    membershipIdentity: () => linkOf(strapi, ca('membership'), 'identity'),
    membershipParent: () => linkOf(strapi, ca('membership'), 'parent'),
    membershipSuspendedBy: () => linkOf(strapi, ca('membership'), 'suspendedBy'),
    membershipRole: () => linkOf(strapi, ca('membership'), 'accessRole'),
    membershipContact: () => linkOf(strapi, ca('membership'), 'contact'),
    grantMembership: () => linkOf(strapi, ca('grant'), 'membership'),
    grantRole: () => linkOf(strapi, ca('grant'), 'accessRole'),
    grantProduct: () => linkOf(strapi, ca('grant'), 'product'),
    productClient: () => linkOf(strapi, ca('product'), 'client'),
    productOwner: () => linkOf(strapi, ca('product'), 'owner'),
    productDistributed: () => linkOf(strapi, ca('product'), 'distributedTo'),
    contactClient: () => linkOf(strapi, ca('contact'), 'client'),
    contactGroupRead: () => linkOf(strapi, ca('contact'), 'groupReadCategory'),
    logonOwner: () => linkOf(strapi, ca('secondary-logon'), 'owner'),
    logonLogon: () => linkOf(strapi, ca('secondary-logon'), 'logon'),
    logonGroups: () => linkOf(strapi, ca('secondary-logon'), 'securityGroups'),
    groupOwner: () => linkOf(strapi, ca('security-group'), 'owner'),
    clientGroup: () => linkOf(strapi, ca('client'), 'securityGroup'),
  };

  /** The clients an identity reaches: those of its own standing or suspended memberships, and those its logons' owners are master of. */
  function reachedClients(db: Knex, identityId: number): Knex.QueryBuilder {
    const [mc, mi, lo, ll] = [L.membershipClient(), L.membershipIdentity(), L.logonOwner(), L.logonLogon()];
    const memberships = tableOf(strapi, ca('membership'));
    const own = db
      .select(`mc.${mc.to} as client_id`)
      .from({ m: memberships })
      .join({ mi: mi.table }, `mi.${mi.from}`, 'm.id')
      .join({ mc: mc.table }, `mc.${mc.from}`, 'm.id')
      .where(`mi.${mi.to}`, identityId)
      .whereNot('m.membership_status', 'removed');
    const viaLogons = db
      .select(`mc.${mc.to} as client_id`)
      .from({ ll: ll.table })
      .join({ lo: lo.table }, `lo.${lo.from}`, `ll.${ll.from}`)
      .join({ mi: mi.table }, `mi.${mi.to}`, `lo.${lo.to}`)
      .join({ m: memberships }, 'm.id', `mi.${mi.from}`)
      .join({ mc: mc.table }, `mc.${mc.from}`, 'm.id')
      .where(`ll.${ll.to}`, identityId)
      .where('m.kind', 'master');
    return own.union(viaLogons);
  }

  /**
   * Every standing or suspended membership of the clients (a removed one is history: it
   * holds nothing). Reached clients are joined as a derived table, not `IN (…)`: the
   * planner then starts from those few clients and walks the indexes, instead of
   * joining every membership of the database first.
   */
  function membershipsOf(db: Knex, clients: Knex.QueryBuilder | number[]) {
    const [mc, mi, mp, ms, mr] = [L.membershipClient(), L.membershipIdentity(), L.membershipParent(), L.membershipSuspendedBy(), L.membershipRole()];
    const query = db
      .select(
        'm.id', 'm.document_id', 'm.kind', 'm.membership_status', 'm.parent_key', 'm.suspended_by_staff',
        `mc.${mc.to} as client_id`, 'c.document_id as client_ref', `mi.${mi.to} as identity_id`, 'u.username',
        `mp.${mp.to} as parent_id`, `ms.${ms.to} as suspended_by_id`, `mr.${mr.to} as role_id`,
      );
    if (Array.isArray(clients)) query.from({ mc: mc.table }).whereIn(`mc.${mc.to}`, clients);
    else query.from({ r: clients } as any).join({ mc: mc.table }, `mc.${mc.to}`, 'r.client_id');
    return query
      .join({ m: tableOf(strapi, ca('membership')) }, 'm.id', `mc.${mc.from}`)
      .join({ c: tableOf(strapi, ca('client')) }, 'c.id', `mc.${mc.to}`)
      .leftJoin({ mi: mi.table }, `mi.${mi.from}`, 'm.id')
      .leftJoin({ u: tableOf(strapi, USER) }, 'u.id', `mi.${mi.to}`)
      .leftJoin({ mp: mp.table }, `mp.${mp.from}`, 'm.id')
      .leftJoin({ ms: ms.table }, `ms.${ms.from}`, 'm.id')
      .leftJoin({ mr: mr.table }, `mr.${mr.from}`, 'm.id')
      .whereNot('m.membership_status', 'removed');
  }

  /** The grants held by these memberships directly or through these roles. */
  function grantsOf(db: Knex, membershipIds: number[], roleIds: number[]) {
    const [gm, gr, gp] = [L.grantMembership(), L.grantRole(), L.grantProduct()];
    return db
      .select('g.section', 'g.scope_key', `gm.${gm.to} as membership_id`, `gr.${gr.to} as role_id`, `gp.${gp.to} as product_id`)
      .from({ g: tableOf(strapi, ca('grant')) })
      .leftJoin({ gm: gm.table }, `gm.${gm.from}`, 'g.id')
      .leftJoin({ gr: gr.table }, `gr.${gr.from}`, 'g.id')
      .leftJoin({ gp: gp.table }, `gp.${gp.from}`, 'g.id')
      .where((where) => {
        where.whereIn(`gm.${gm.to}`, membershipIds.length ? membershipIds : [-1]);
        if (roleIds.length) where.orWhereIn(`gr.${gr.to}`, roleIds);
      });
  }

  /** The products of these clients, one row per membership each is distributed to. */
  function productsOf(db: Knex, clientIds: number[]) {
    const [pc, po, pd] = [L.productClient(), L.productOwner(), L.productDistributed()];
    return db
      .select('p.id', 'p.document_id', `pc.${pc.to} as client_id`, `po.${po.to} as owner_id`, `pd.${pd.to} as distributed_to`)
      .from({ p: tableOf(strapi, ca('product')) })
      .join({ pc: pc.table }, `pc.${pc.from}`, 'p.id')
      .leftJoin({ po: po.table }, `po.${po.from}`, 'p.id')
      .leftJoin({ pd: pd.table }, `pd.${pd.from}`, 'p.id')
      .whereIn(`pc.${pc.to}`, clientIds);
  }

  /** The identity's own contacts: those linked to any of its memberships. */
  function contactsOf(db: Knex, identityId: number) {
    const [mct, mi, cc, cg] = [L.membershipContact(), L.membershipIdentity(), L.contactClient(), L.contactGroupRead()];
    return db
      .select(`mct.${mct.to} as id`, `cc.${cc.to} as client_id`, `cg.${cg.to} as group_read_id`)
      .from({ mi: mi.table })
      .join({ mct: mct.table }, `mct.${mct.from}`, `mi.${mi.from}`)
      .join({ cc: cc.table }, `cc.${cc.from}`, `mct.${mct.to}`)
      .leftJoin({ cg: cg.table }, `cg.${cg.from}`, `mct.${mct.to}`)
      .where(`mi.${mi.to}`, identityId);
  }

  /** The secondary logons the identity is the logon of, one row per security group. */
  function logonsOf(db: Knex, identityId: number) {
    const [ll, lo, lg] = [L.logonLogon(), L.logonOwner(), L.logonGroups()];
    return db
      .select('l.id', 'l.logon_status', 'l.sections', `lo.${lo.to} as owner_id`, 'u.blocked as owner_blocked', `lg.${lg.to} as group_id`)
      .from({ ll: ll.table })
      .join({ l: tableOf(strapi, ca('secondary-logon')) }, 'l.id', `ll.${ll.from}`)
      .leftJoin({ lo: lo.table }, `lo.${lo.from}`, 'l.id')
      .leftJoin({ u: tableOf(strapi, USER) }, 'u.id', `lo.${lo.to}`)
      .leftJoin({ lg: lg.table }, `lg.${lg.from}`, 'l.id')
      .where(`ll.${ll.to}`, identityId);
  }

  /** The security groups of these owners, one row per client each lists. */
  function groupsOf(db: Knex, ownerIds: number[]) {
    const [go, cg] = [L.groupOwner(), L.clientGroup()];
    return db
      .select('g.id', 'g.is_default', `go.${go.to} as owner_id`, `cg.${cg.from} as client_id`)
      .from({ g: tableOf(strapi, ca('security-group')) })
      .join({ go: go.table }, `go.${go.from}`, 'g.id')
      .leftJoin({ cg: cg.table }, `cg.${cg.to}`, 'g.id')
      .whereIn(`go.${go.to}`, ownerIds);
  }

  /** Memberships, products and client names of the clients, from the membership rows already read. */
  async function clientFacts(db: Knex, membershipRows: any[], verified: Set<number>, signal?: AbortSignal) {
    const clientIds = distinct(membershipRows.map((m) => num(m.client_id)));
    const roleIds = distinct(membershipRows.map((m) => num(m.role_id)));
    const [grantRows, productRows] = clientIds.length
      ? await together<[any[], any[]]>(db, [
          () => cancellable(strapi, db, grantsOf(db, membershipRows.map((m) => Number(m.id)), roleIds), signal),
          () => cancellable(strapi, db, productsOf(db, clientIds), signal),
        ])
      : [[], []];

    const grantsBy = { membership: new Map<number, Grant[]>(), role: new Map<number, Grant[]>() };
    for (const row of grantRows as any[]) {
      const grant = { section: row.section, productId: productOf(num(row.product_id), row.scope_key) };
      for (const [holder, id] of [['membership', num(row.membership_id)], ['role', num(row.role_id)]] as const) {
        if (id !== null) grantsBy[holder].set(id, [...(grantsBy[holder].get(id) ?? []), grant]);
      }
    }
    const products = new Map<number, { id: number; clientId: number; ownerMembershipId: number | null; distributedTo: number[]; ref: string }>();
    for (const row of productRows as any[]) {
      const id = Number(row.id);
      const product = products.get(id) ?? { id, clientId: Number(row.client_id), ownerMembershipId: num(row.owner_id), distributedTo: [] as number[], ref: row.document_id };
      if (num(row.distributed_to) !== null) product.distributedTo.push(Number(row.distributed_to));
      products.set(id, product);
    }
    const clients = new Map<number, string>(membershipRows.map((m) => [Number(m.client_id), m.client_ref]));
    return {
      memberships: membershipRows.map((m): MembershipFact => {
        const id = Number(m.id);
        const roleId = num(m.role_id);
        const suspendedBy = num(m.suspended_by_id);
        return {
          id,
          clientId: Number(m.client_id),
          identityId: num(m.identity_id)!,
          kind: m.kind,
          status: m.membership_status,
          // Failing closed: a deleted parent leaves its id in parentKey, so the chain breaks instead of ending.
          parentId: num(m.parent_id) ?? (m.parent_key ? Number(m.parent_key) : null),
          roleId,
          grants: roleId !== null ? (grantsBy.role.get(roleId) ?? []) : (grantsBy.membership.get(id) ?? []),
          passwordVerified: verified.has(id),
          suspendedBy: m.suspended_by_staff ? { kind: 'staff' } : suspendedBy === null ? null : { kind: 'membership', membershipId: suspendedBy },
          label: m.username ?? undefined,
          ref: m.document_id,
        };
      }),
      products: [...products.values()],
      clients: [...clients].map(([id, ref]) => ({ id, ref })),
    };
  }

  return {
    async load(identityId: number, { verifiedMembershipIds = [], signal }: LoadOptions = {}): Promise<AccessFacts> {
      const db = await connectionOf(strapi);
      const [membershipRows, contactRows, logonRows] = await together<[any[], any[], any[]]>(db, [
        () => cancellable(strapi, db, membershipsOf(db, reachedClients(db, identityId)), signal),
        () => cancellable(strapi, db, contactsOf(db, identityId), signal),
        () => cancellable(strapi, db, logonsOf(db, identityId), signal),
      ]);
      const ownerIds = distinct((logonRows as any[]).map((row) => num(row.owner_id)));
      const facts = await clientFacts(db, membershipRows, new Set(verifiedMembershipIds), signal);
      const groupRows: any[] = ownerIds.length ? await cancellable(strapi, db, groupsOf(db, ownerIds), signal) : [];

      const logons = new Map<number, SecondaryLogonFact>();
      for (const row of logonRows as any[]) {
        const id = Number(row.id);
        const sections = jsonOf(row.sections);
        const logon: SecondaryLogonFact = logons.get(id) ?? {
          id,
          ownerIdentityId: num(row.owner_id)!,
          logonIdentityId: identityId,
          // A logon is cancelled with its owner's account.
          status: row.owner_blocked ? 'cancelled' : row.logon_status,
          securityGroupIds: [],
          sections: Array.isArray(sections) ? sections.filter((s: unknown): s is string => typeof s === 'string') : [],
        };
        if (num(row.group_id) !== null) logon.securityGroupIds.push(Number(row.group_id));
        logons.set(id, logon);
      }
      const groups = new Map<number, SecurityGroupFact>();
      for (const row of groupRows as any[]) {
        const id = Number(row.id);
        const group: SecurityGroupFact = groups.get(id) ?? { id, ownerIdentityId: Number(row.owner_id), isDefault: Boolean(row.is_default), clientIds: [] };
        if (num(row.client_id) !== null) group.clientIds.push(Number(row.client_id));
        groups.set(id, group);
      }

      return {
        identityId,
        ...facts,
        sections: sectionFacts(strapi),
        securityGroups: [...groups.values()],
        secondaryLogons: [...logons.values()],
        contacts: (contactRows as any[]).map((c) => ({ id: Number(c.id), clientId: Number(c.client_id), groupReadCategoryId: num(c.group_read_id) })),
      };
    },

    /** Staff's view of one client: every membership and product of it, no identity of its own. */
    async loadClient(clientId: number): Promise<AccessFacts> {
      const db = await connectionOf(strapi);
      return { ...emptyFacts(strapi, 0), ...(await clientFacts(db, (await membershipsOf(db, [clientId])) as any[], new Set())) };
    },
  };
};

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

import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import type { AccessFacts, Grant, MembershipFact, SecondaryLogonFact, SecurityGroupFact } from '../access';
import { byTag, cancellable, connectionOf, jsonOf, linkOf, tableOf, tagged, together } from '../queries/links';
import { passwordVersionOf, type PasswordClaim } from '../secrets/relationship-session';

/**
 * Loads the facts of one customer identity for the access engine, straight from
 * the database at request time: no cache, so a revoked grant or a suspended parent
 * is refused on the very next request.
 *
 * Three statements whatever the size of the data, run together: the memberships of
 * every client the identity reaches (its own, and those its secondary logons' owners
 * are master of); what the engine needs of those clients (their memberships' grants,
 * their roles' grants and their products, as one tagged union); and what it needs of
 * the identity (its contacts, the secondary logons it is the logon of and their owners'
 * security groups, as another). A relationship-session token is checked against the
 * membership rows of the first, so proving a password costs no statement. Each branch
 * reads link tables by their indexed columns.
 */
const ca = (name: string) => `plugin::client-area.${name}`;
const USER = 'plugin::users-permissions.user';

const num = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

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
  /** Sub-account memberships whose relationship password is known to be proved (mail intake, a reload). */
  verifiedMembershipIds?: number[];
  /**
   * What the request's relationship-session tokens claim (relationship-passwords `claimsOf`):
   * a claim proves its membership when that membership is the identity's and its password
   * version is still the one the token names, checked on the membership rows.
   */
  passwordClaims?: PasswordClaim[];
  /** The request's: its statements are cancelled when the client goes away (queries/links `cancellable`). */
  signal?: AbortSignal;
  /**
   * Only this client's facts, as a question about one client needs ("who can see this?"
   * asks it of each of its people): the identity's own side (contacts, logons, groups)
   * is loaded whole, the clients it reaches are narrowed to this one.
   */
  onlyClientId?: number;
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
        'm.id', 'm.document_id', 'm.kind', 'm.membership_status', 'm.parent_key', 'm.suspended_by_staff', 'm.relationship_password_rotated_at',
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

  /** The ids of these clients: a list, or a subquery (the clients an identity reaches). */
  type Clients = number[] | (() => Knex.QueryBuilder);
  const inClients = (query: Knex.QueryBuilder, column: string, clients: Clients) =>
    Array.isArray(clients) ? query.whereIn(column, clients) : query.whereIn(column, clients());

  /**
   * What the access engine needs of the clients, in one statement: the grants of their
   * standing or suspended memberships, the grants of the roles those memberships hold, and
   * their products, one row per membership each product is distributed to.
   */
  function clientSide(db: Knex, clients: Clients) {
    const [gm, gr, gp, mc, mr, pc, po, pd] = [
      L.grantMembership(), L.grantRole(), L.grantProduct(), L.membershipClient(), L.membershipRole(), L.productClient(), L.productOwner(), L.productDistributed(),
    ];
    const grants = tableOf(strapi, ca('grant'));
    const memberships = tableOf(strapi, ca('membership'));
    const standing = () =>
      inClients(
        db.select(`mc.${mc.from}`).from({ mc: mc.table }).join({ m: memberships }, 'm.id', `mc.${mc.from}`).whereNot('m.membership_status', 'removed'),
        `mc.${mc.to}`,
        clients,
      );
    return tagged(db, { id: 'bigint', ref: 'text', section: 'text', scope_key: 'text', membership_id: 'bigint', role_id: 'bigint', product_id: 'bigint', client_id: 'bigint', owner_id: 'bigint', distributed_to: 'bigint' }, [
      {
        tag: 'membership-grant',
        query: db.from({ g: grants }).join({ gm: gm.table }, `gm.${gm.from}`, 'g.id').leftJoin({ gp: gp.table }, `gp.${gp.from}`, 'g.id').whereIn(`gm.${gm.to}`, standing()),
        select: { section: 'g.section', scope_key: 'g.scope_key', membership_id: `gm.${gm.to}`, product_id: `gp.${gp.to}` },
      },
      {
        tag: 'role-grant',
        query: db
          .from({ g: grants })
          .join({ gr: gr.table }, `gr.${gr.from}`, 'g.id')
          .leftJoin({ gp: gp.table }, `gp.${gp.from}`, 'g.id')
          .whereIn(`gr.${gr.to}`, db.select(`mr.${mr.to}`).from({ mr: mr.table }).whereIn(`mr.${mr.from}`, standing())),
        select: { section: 'g.section', scope_key: 'g.scope_key', role_id: `gr.${gr.to}`, product_id: `gp.${gp.to}` },
      },
      {
        tag: 'product',
        query: inClients(
          db.from({ p: tableOf(strapi, ca('product')) }).join({ pc: pc.table }, `pc.${pc.from}`, 'p.id').leftJoin({ po: po.table }, `po.${po.from}`, 'p.id').leftJoin({ pd: pd.table }, `pd.${pd.from}`, 'p.id'),
          `pc.${pc.to}`,
          clients,
        ),
        select: { id: 'p.id', ref: 'p.document_id', client_id: `pc.${pc.to}`, owner_id: `po.${po.to}`, distributed_to: `pd.${pd.to}` },
      },
    ]);
  }

  /**
   * What the access engine needs of the identity itself, in one statement: its own
   * contacts (those linked to any of its memberships), the secondary logons it is the
   * logon of (one row per security group), and its owners' security groups (one row per
   * client each lists).
   */
  function identitySide(db: Knex, identityId: number) {
    const [mct, mi, cc, cg, ll, lo, lg, go, clg] = [
      L.membershipContact(), L.membershipIdentity(), L.contactClient(), L.contactGroupRead(), L.logonLogon(), L.logonOwner(), L.logonGroups(), L.groupOwner(), L.clientGroup(),
    ];
    return tagged(db, { id: 'bigint', client_id: 'bigint', group_read_id: 'bigint', status: 'text', sections: 'text', owner_id: 'bigint', owner_blocked: 'boolean', group_id: 'bigint', is_default: 'boolean' }, [
      {
        tag: 'contact',
        query: db
          .from({ mi: mi.table })
          .join({ mct: mct.table }, `mct.${mct.from}`, `mi.${mi.from}`)
          .join({ cc: cc.table }, `cc.${cc.from}`, `mct.${mct.to}`)
          .leftJoin({ cg: cg.table }, `cg.${cg.from}`, `mct.${mct.to}`)
          .where(`mi.${mi.to}`, identityId),
        select: { id: `mct.${mct.to}`, client_id: `cc.${cc.to}`, group_read_id: `cg.${cg.to}` },
      },
      {
        tag: 'logon',
        query: db
          .from({ ll: ll.table })
          .join({ l: tableOf(strapi, ca('secondary-logon')) }, 'l.id', `ll.${ll.from}`)
          .leftJoin({ lo: lo.table }, `lo.${lo.from}`, 'l.id')
          .leftJoin({ u: tableOf(strapi, USER) }, 'u.id', `lo.${lo.to}`)
          .leftJoin({ lg: lg.table }, `lg.${lg.from}`, 'l.id')
          .where(`ll.${ll.to}`, identityId),
        select: { id: 'l.id', status: 'l.logon_status', sections: 'l.sections', owner_id: `lo.${lo.to}`, owner_blocked: 'u.blocked', group_id: `lg.${lg.to}` },
      },
      {
        tag: 'group',
        query: db
          .from({ g: tableOf(strapi, ca('security-group')) })
          .join({ go: go.table }, `go.${go.from}`, 'g.id')
          .leftJoin({ clg: clg.table }, `clg.${clg.to}`, 'g.id')
          .whereIn(`go.${go.to}`, db.select(`lo.${lo.to}`).from({ ll: ll.table }).join({ lo: lo.table }, `lo.${lo.from}`, `ll.${ll.from}`).where(`ll.${ll.to}`, identityId)),
        select: { id: 'g.id', is_default: 'g.is_default', owner_id: `go.${go.to}`, client_id: `clg.${clg.from}` },
      },
    ]);
  }

  /** Memberships, products and client names of the clients, from their membership and client-side rows. */
  function clientFacts(membershipRows: any[], clientRows: any[], verified: Set<number>) {
    const rows = byTag(clientRows);
    const grantsBy = { membership: new Map<number, Grant[]>(), role: new Map<number, Grant[]>() };
    // A grant of a section hidden from customers is kept in the database, not in force.
    const offered = strapi.plugin('client-area').service('sections').isOffered as (name: string) => boolean;
    for (const row of [...(rows.get('membership-grant') ?? []), ...(rows.get('role-grant') ?? [])]) {
      if (!offered(row.section)) continue;
      const grant = { section: row.section, productId: productOf(num(row.product_id), row.scope_key) };
      for (const [holder, id] of [['membership', num(row.membership_id)], ['role', num(row.role_id)]] as const) {
        if (id === null) continue;
        const grants = grantsBy[holder].get(id);
        if (grants) grants.push(grant);
        else grantsBy[holder].set(id, [grant]);
      }
    }
    const products = new Map<number, { id: number; clientId: number; ownerMembershipId: number | null; distributedTo: number[]; ref: string }>();
    for (const row of rows.get('product') ?? []) {
      const id = Number(row.id);
      const product = products.get(id) ?? { id, clientId: Number(row.client_id), ownerMembershipId: num(row.owner_id), distributedTo: [] as number[], ref: row.ref };
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
    async load(identityId: number, { verifiedMembershipIds = [], passwordClaims = [], signal, onlyClientId }: LoadOptions = {}): Promise<AccessFacts> {
      const db = await connectionOf(strapi);
      const reached = () => {
        const clients = db.select('r.client_id').from(reachedClients(db, identityId).as('r'));
        return onlyClientId === undefined ? clients : clients.where('r.client_id', onlyClientId);
      };
      const [membershipRows, identityRows, clientRows] = await together<[any[], any[], any[]]>(db, [
        () => cancellable(strapi, db, membershipsOf(db, onlyClientId === undefined ? reachedClients(db, identityId) : reached()), signal),
        () => cancellable(strapi, db, identitySide(db, identityId), signal),
        () => cancellable(strapi, db, clientSide(db, reached), signal),
      ]);
      const verified = new Set(verifiedMembershipIds);
      for (const row of membershipRows as any[]) {
        const id = Number(row.id);
        const version = passwordVersionOf(row.relationship_password_rotated_at);
        if (num(row.identity_id) === identityId && passwordClaims.some((c) => c.membershipId === id && c.passwordVersion === version)) verified.add(id);
      }
      const facts = clientFacts(membershipRows, clientRows, verified);
      const own = byTag(identityRows);

      const logons = new Map<number, SecondaryLogonFact>();
      for (const row of own.get('logon') ?? []) {
        const id = Number(row.id);
        const sections = jsonOf(row.sections);
        const logon: SecondaryLogonFact = logons.get(id) ?? {
          id,
          ownerIdentityId: num(row.owner_id)!,
          logonIdentityId: identityId,
          // A logon is cancelled with its owner's account.
          status: row.owner_blocked ? 'cancelled' : row.status,
          securityGroupIds: [],
          sections: Array.isArray(sections) ? sections.filter((s: unknown): s is string => typeof s === 'string') : [],
        };
        if (num(row.group_id) !== null) logon.securityGroupIds.push(Number(row.group_id));
        logons.set(id, logon);
      }
      const groups = new Map<number, SecurityGroupFact>();
      for (const row of own.get('group') ?? []) {
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
        contacts: (own.get('contact') ?? []).map((c) => ({ id: Number(c.id), clientId: Number(c.client_id), groupReadCategoryId: num(c.group_read_id) })),
      };
    },

    /** Staff's view of one client: every membership and product of it, no identity of its own. */
    async loadClient(clientId: number): Promise<AccessFacts> {
      const db = await connectionOf(strapi);
      const [membershipRows, clientRows] = await together<[any[], any[]]>(db, [() => membershipsOf(db, [clientId]), () => clientSide(db, [clientId])]);
      return { ...emptyFacts(strapi, 0), ...clientFacts(membershipRows, clientRows, new Set()) };
    },
  };
};

const sectionFacts = (strapi: Core.Strapi) =>
  strapi
    .plugin('client-area')
    .service('sections')
    .offered()
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

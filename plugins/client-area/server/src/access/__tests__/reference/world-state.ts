/**
 * The world the differential tests evolve: rows as a database would hold them, changed
 * by a log of operations (grant, revoke, suspend, move a client, cancel a logon…).
 * Shares no code with the engine.
 */

export const MODEL_SECTIONS = [
  { name: 'profile', productScoped: false },
  { name: 'contacts', productScoped: false },
  { name: 'products', productScoped: true },
  { name: 'product-management', productScoped: true },
  { name: 'billing', productScoped: true },
  { name: 'orders', productScoped: false },
  { name: 'tickets', productScoped: true },
];

export interface Row {
  id: number;
}
export interface GrantRow {
  section: string;
  product: number | null;
}
export interface MembershipRow extends Row {
  client: number;
  identity: number;
  kind: 'master' | 'sub-account';
  status: 'active' | 'suspended' | 'removed';
  parent: number | null;
  role: number | null;
  grants: GrantRow[];
  verified: boolean;
  /** The group read category of the contact linked to this membership. */
  groupRead: number | null;
}
export interface ClientRow extends Row {
  /** Its security group; null: its master's Default group. */
  group: number | null;
}
export interface ProductRow extends Row {
  client: number;
  owner: number | null;
  distributedTo: number[];
}
export interface RoleRow extends Row {
  client: number;
  grants: GrantRow[];
}
export interface GroupRow extends Row {
  owner: number;
  isDefault: boolean;
}
export interface LogonRow extends Row {
  owner: number;
  logon: number;
  status: 'active' | 'cancelled';
  groups: number[];
  sections: string[];
}

export interface WorldState {
  identities: number[];
  clients: ClientRow[];
  products: ProductRow[];
  memberships: MembershipRow[];
  roles: RoleRow[];
  groups: GroupRow[];
  logons: LogonRow[];
}

/** A grant as the generator draws it: picks resolved against the world when applied. */
export interface GrantPick {
  section: number;
  /** null: client-wide; else a pick among every product (a foreign one is a bad grant the engine must ignore). */
  product: number | null;
}

export type Operation =
  | { op: 'add-member'; client: number; identity: number; parent: number; grants: GrantPick[]; verified: boolean }
  | { op: 'grant'; member: number; grant: GrantPick }
  | { op: 'revoke'; member: number; grant: number }
  | { op: 'set-status'; member: number; status: MembershipRow['status'] }
  | { op: 'verify'; member: number; verified: boolean }
  | { op: 'reparent'; member: number; parent: number }
  | { op: 'create-role'; client: number; grants: GrantPick[] }
  | { op: 'change-role'; role: number; grants: GrantPick[] }
  | { op: 'assign-role'; member: number; role: number }
  | { op: 'distribute'; product: number; member: number }
  | { op: 'undistribute'; product: number; member: number }
  | { op: 'set-owner'; product: number; member: number | null }
  | { op: 'create-group'; owner: number }
  | { op: 'move-client'; client: number; group: number | null }
  | { op: 'create-logon'; owner: number; logon: number; groups: number[]; sections: number[] }
  | { op: 'set-logon'; logon: number; groups: number[]; sections: number[] }
  | { op: 'cancel-logon'; logon: number }
  | { op: 'transfer-master'; client: number; identity: number }
  | { op: 'set-group-read'; member: number; category: number | null };

export interface InitialWorld {
  identities: number;
  /** Per client: the pick of its master identity and its number of products. */
  clients: Array<{ master: number; products: number }>;
}

const pick = <T>(items: T[], n: number): T | undefined => (items.length === 0 ? undefined : items[n % items.length]);
const nextId = (rows: Row[]): number => rows.reduce((max, r) => Math.max(max, r.id), 0) + 1;

export function createWorld(initial: InitialWorld): WorldState {
  const state: WorldState = { identities: [], clients: [], products: [], memberships: [], roles: [], groups: [], logons: [] };
  for (let i = 1; i <= initial.identities; i++) {
    state.identities.push(i);
    state.groups.push({ id: nextId(state.groups), owner: i, isDefault: true });
  }
  for (const spec of initial.clients) {
    const client = { id: nextId(state.clients), group: null };
    state.clients.push(client);
    state.memberships.push({
      id: nextId(state.memberships), client: client.id, identity: pick(state.identities, spec.master)!, kind: 'master',
      status: 'active', parent: null, role: null, grants: [], verified: false, groupRead: null,
    });
    for (let p = 0; p < spec.products; p++) state.products.push({ id: nextId(state.products), client: client.id, owner: null, distributedTo: [] });
  }
  return state;
}

const resolveGrant = (state: WorldState, g: GrantPick): GrantRow => ({
  section: MODEL_SECTIONS[g.section % MODEL_SECTIONS.length].name,
  product: g.product === null ? null : (pick(state.products, g.product)?.id ?? null),
});

/** Hand-editing a member with a role copies the role's grants and makes it custom. */
function materialize(state: WorldState, m: MembershipRow): void {
  if (m.role === null) return;
  m.grants = state.roles.find((r) => r.id === m.role)!.grants.map((g) => ({ ...g }));
  m.role = null;
}

const hasGrant = (grants: GrantRow[], g: GrantRow) => grants.some((x) => x.section === g.section && x.product === g.product);
const distinct = (grants: GrantRow[]) => grants.filter((g, i) => grants.findIndex((x) => x.section === g.section && x.product === g.product) === i);

function isAbove(state: WorldState, ancestor: MembershipRow, m: MembershipRow): boolean {
  for (let p = m.parent; p !== null; p = state.memberships.find((x) => x.id === p)!.parent) if (p === ancestor.id) return true;
  return false;
}

const masterOf = (state: WorldState, client: number) => state.memberships.find((m) => m.client === client && m.kind === 'master')!;

export function apply(state: WorldState, o: Operation): void {
  const subs = state.memberships.filter((m) => m.kind === 'sub-account');
  switch (o.op) {
    case 'add-member': {
      const client = pick(state.clients, o.client)!;
      const identity = pick(state.identities, o.identity)!;
      if (state.memberships.some((m) => m.client === client.id && m.identity === identity)) return;
      const parent = pick(state.memberships.filter((m) => m.client === client.id && m.status !== 'removed'), o.parent);
      state.memberships.push({
        id: nextId(state.memberships), client: client.id, identity, kind: 'sub-account', status: 'active',
        parent: parent?.id ?? null, role: null, grants: distinct(o.grants.map((g) => resolveGrant(state, g))),
        verified: o.verified, groupRead: null,
      });
      return;
    }
    case 'grant': {
      const m = pick(subs, o.member);
      if (!m) return;
      materialize(state, m);
      const g = resolveGrant(state, o.grant);
      if (!hasGrant(m.grants, g)) m.grants.push(g);
      return;
    }
    case 'revoke': {
      const m = pick(subs, o.member);
      if (!m) return;
      materialize(state, m);
      if (m.grants.length > 0) m.grants.splice(o.grant % m.grants.length, 1);
      return;
    }
    case 'set-status': {
      const m = pick(state.memberships, o.member)!;
      m.status = o.status;
      return;
    }
    case 'verify': {
      const m = pick(state.memberships, o.member)!;
      m.verified = o.verified;
      return;
    }
    case 'reparent': {
      const m = pick(subs, o.member);
      if (!m) return;
      const parent = pick(state.memberships.filter((x) => x.client === m.client), o.parent)!;
      if (parent.id === m.id || isAbove(state, m, parent)) return;
      m.parent = parent.id;
      return;
    }
    case 'create-role': {
      const client = pick(state.clients, o.client)!;
      state.roles.push({ id: nextId(state.roles), client: client.id, grants: distinct(o.grants.map((g) => resolveGrant(state, g))) });
      return;
    }
    case 'change-role': {
      const role = pick(state.roles, o.role);
      if (role) role.grants = distinct(o.grants.map((g) => resolveGrant(state, g)));
      return;
    }
    case 'assign-role': {
      const m = pick(subs, o.member);
      const role = m && pick(state.roles.filter((r) => r.client === m.client), o.role);
      if (m && role) m.role = role.id;
      return;
    }
    case 'distribute': {
      const product = pick(state.products, o.product);
      const m = product && pick(state.memberships.filter((x) => x.client === product.client), o.member);
      if (product && m && !product.distributedTo.includes(m.id)) product.distributedTo.push(m.id);
      return;
    }
    case 'undistribute': {
      const product = pick(state.products, o.product);
      if (product && product.distributedTo.length > 0) product.distributedTo.splice(o.member % product.distributedTo.length, 1);
      return;
    }
    case 'set-owner': {
      const product = pick(state.products, o.product);
      if (!product) return;
      product.owner = o.member === null ? null : (pick(state.memberships.filter((x) => x.client === product.client), o.member)?.id ?? null);
      return;
    }
    case 'create-group':
      state.groups.push({ id: nextId(state.groups), owner: pick(state.identities, o.owner)!, isDefault: false });
      return;
    case 'move-client': {
      const client = pick(state.clients, o.client)!;
      client.group = o.group === null ? null : pick(state.groups, o.group)!.id;
      return;
    }
    case 'create-logon': {
      const owner = pick(state.identities, o.owner)!;
      const logon = pick(state.identities, o.logon)!;
      if (owner === logon || state.logons.some((l) => l.owner === owner && l.logon === logon)) return;
      const groups = state.groups.filter((g) => g.owner === owner);
      state.logons.push({
        id: nextId(state.logons), owner, logon, status: 'active',
        groups: [...new Set(o.groups.map((g) => pick(groups, g)!.id))],
        sections: [...new Set(o.sections.map((s) => MODEL_SECTIONS[s % MODEL_SECTIONS.length].name))],
      });
      return;
    }
    case 'set-logon': {
      const logon = pick(state.logons, o.logon);
      if (!logon) return;
      const groups = state.groups.filter((g) => g.owner === logon.owner);
      logon.groups = [...new Set(o.groups.map((g) => pick(groups, g)!.id))];
      logon.sections = [...new Set(o.sections.map((s) => MODEL_SECTIONS[s % MODEL_SECTIONS.length].name))];
      return;
    }
    case 'cancel-logon': {
      const logon = pick(state.logons, o.logon);
      if (logon) logon.status = 'cancelled';
      return;
    }
    case 'transfer-master': {
      const client = pick(state.clients, o.client)!;
      const identity = pick(state.identities, o.identity)!;
      const old = masterOf(state, client.id);
      if (old.identity === identity) return;
      Object.assign(old, { kind: 'sub-account', parent: null, role: null, grants: [], verified: false });
      const existing = state.memberships.find((m) => m.client === client.id && m.identity === identity);
      if (existing) Object.assign(existing, { kind: 'master', status: 'active', parent: null, role: null, grants: [] });
      else {
        state.memberships.push({
          id: nextId(state.memberships), client: client.id, identity, kind: 'master', status: 'active',
          parent: null, role: null, grants: [], verified: false, groupRead: null,
        });
      }
      return;
    }
    case 'set-group-read': {
      const m = pick(state.memberships, o.member)!;
      m.groupRead = o.category;
      return;
    }
  }
}

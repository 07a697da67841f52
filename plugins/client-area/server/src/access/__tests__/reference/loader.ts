/**
 * The facts of one identity, read from the test world the way the Strapi shell reads
 * them from the database: `minimal` loads only what DESIGN says the engine needs,
 * otherwise everything (the engine must not care).
 */
import type { AccessFacts, Grant, MembershipFact } from '../..';
import { MODEL_SECTIONS, type GrantRow, type MembershipRow, type WorldState } from './world-state';

export const contactIdOf = (membershipId: number): number => 1000 + membershipId;

const asGrant = (g: GrantRow): Grant => ({ section: g.section, productId: g.product });

function asFact(state: WorldState, m: MembershipRow): MembershipFact {
  const grants = m.role === null ? m.grants : state.roles.find((r) => r.id === m.role)!.grants;
  return {
    id: m.id, clientId: m.client, identityId: m.identity, kind: m.kind, status: m.status,
    parentId: m.parent, roleId: m.role, grants: grants.map(asGrant), passwordVerified: m.verified,
  };
}

export function loadFacts(state: WorldState, identity: number, minimal: boolean): AccessFacts {
  const logons = state.logons.filter((l) => !minimal || l.logon === identity);
  const owners = new Set(logons.filter((l) => l.logon === identity).map((l) => l.owner));
  let memberships = state.memberships;
  if (minimal) {
    const wanted = new Set<MembershipRow>();
    for (const own of state.memberships.filter((m) => m.identity === identity)) {
      for (let m: MembershipRow | undefined = own; m && !wanted.has(m); m = state.memberships.find((x) => x.id === m!.parent)) wanted.add(m);
    }
    for (const m of state.memberships) if (m.kind === 'master' && owners.has(m.identity)) wanted.add(m);
    memberships = [...wanted];
  }
  const clients = new Set(memberships.map((m) => m.client));
  const groups = state.groups.filter((g) => !minimal || owners.has(g.owner));
  return {
    identityId: identity,
    memberships: memberships.map((m) => asFact(state, m)),
    products: state.products
      .filter((p) => !minimal || clients.has(p.client))
      .map((p) => ({ id: p.id, clientId: p.client, ownerMembershipId: p.owner, distributedTo: [...p.distributedTo] })),
    sections: MODEL_SECTIONS.map((s) => ({ ...s })),
    securityGroups: groups.map((g) => ({
      id: g.id,
      ownerIdentityId: g.owner,
      isDefault: g.isDefault,
      clientIds: g.isDefault ? [] : state.clients.filter((c) => c.group === g.id).map((c) => c.id),
    })),
    secondaryLogons: logons.map((l) => ({
      id: l.id, ownerIdentityId: l.owner, logonIdentityId: l.logon, status: l.status,
      securityGroupIds: [...l.groups], sections: [...l.sections],
    })),
    contacts: state.memberships
      .filter((m) => m.identity === identity)
      .map((m) => ({ id: contactIdOf(m.id), clientId: m.client, groupReadCategoryId: m.groupRead })),
  };
}

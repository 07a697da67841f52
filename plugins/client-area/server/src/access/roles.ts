import type { AccessFacts, Actor, Grant } from './facts';
import { allow, deny } from './decision';
import { checkGrantChange, invalidGrant, type GrantChangeDecision } from './ceiling';
import { effectiveGrantsIn } from './engine';
import { indexFacts } from './fact-index';
import { describeGrant, distinctGrants, grantKey } from './grants';
import { resolveActor } from './management';

/**
 * Rule 8: the grants a role gives a member, clipped to a ceiling (the effective grants
 * of whoever applies it, as `effectiveGrants` returns them). A client-wide role grant
 * the ceiling holds only on some products narrows to those products. A role never lifts
 * anyone above the ceiling.
 */
export function applyRole(roleGrants: Grant[], ceiling: Grant[]): Grant[] {
  const held = new Set(ceiling.map(grantKey));
  const clipped: Grant[] = [];
  for (const grant of distinctGrants(roleGrants)) {
    if (held.has(grantKey(grant))) clipped.push(grant);
    else if (grant.productId === null) {
      clipped.push(...ceiling.filter((c) => c.section === grant.section && c.productId !== null));
    }
  }
  return distinctGrants(clipped);
}

/** Rule 8: a member whose grants differ from its role's, in any way, is "Custom". */
export function isCustom(memberGrants: Grant[], roleGrants: Grant[]): boolean {
  const member = new Set(memberGrants.map(grantKey));
  const role = new Set(roleGrants.map(grantKey));
  return member.size !== role.size || [...member].some((key) => !role.has(key));
}

export interface RoleChange {
  actor: Actor;
  clientId: number;
  /** The role being edited or deleted; null for a new role (no holders yet). */
  roleId: number | null;
  /** The role's new grants; null when it is deleted (its holders keep its grants, as Custom). */
  newGrants: Grant[] | null;
}

/**
 * Rules 5, 6 and 8: a role is a grant change on every member holding it. Staff and the
 * master change any of the client's roles. A sub-account puts in a role only grants it
 * holds itself, and edits or deletes a role only when it could make that same change
 * on every holder: each holder is below it, and each grant the role adds or takes away
 * is one it may give or revoke there (ceiling and product ownership).
 */
export function checkRoleChange(facts: AccessFacts, change: RoleChange): GrantChangeDecision {
  const index = indexFacts(facts);
  const actor = resolveActor(index, change.actor, change.clientId);
  if (!actor.allowed) return deny(actor.reason);
  if (actor.value.kind !== 'sub-account') {
    const invalid = change.newGrants && invalidGrant(index, change.clientId, change.newGrants);
    return invalid || allow(`${actor.value.kind === 'staff' ? 'staff' : 'the master'} may change any role`);
  }
  const membership = actor.value.membership;
  if (change.newGrants) {
    const invalid = invalidGrant(index, change.clientId, change.newGrants);
    if (invalid) return invalid;
    const ceiling = new Set(effectiveGrantsIn(index, membership.id).map(grantKey));
    const above = distinctGrants(change.newGrants).find((grant) => !ceiling.has(grantKey(grant)));
    if (above) return { ...deny(`grant ${describeGrant(index, above, change.clientId)} is above your own access`), grant: above };
  }
  if (change.roleId === null) return allow(`within the ceiling of ${index.nameMembership(membership.id)}`);
  const holders = index.membershipsIn(change.clientId).filter((m) => m.roleId === change.roleId && m.status !== 'removed');
  for (const holder of holders) {
    const decision = checkGrantChange(facts, { actor: change.actor, targetMembershipId: holder.id, newGrants: change.newGrants ?? holder.grants });
    if (!decision.allowed) return { ...decision, reason: `the role is held by ${index.nameMembership(holder.id)}: ${decision.reason}` };
  }
  return allow(`every holder of the role is within the reach of ${index.nameMembership(membership.id)}`);
}

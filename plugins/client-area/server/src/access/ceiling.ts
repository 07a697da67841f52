import type { AccessFacts, Actor, Grant, MembershipFact } from './facts';
import { allow, deny, type Decision } from './decision';
import { effectiveGrantsIn } from './engine';
import { indexFacts, type FactIndex } from './fact-index';
import { describeGrant, distinctGrants, grantKey, grantsMissingFrom } from './grants';
import { resolveManager } from './management';

export interface GrantChange {
  actor: Actor;
  targetMembershipId: number;
  /** The target's whole new set of grants. */
  newGrants: Grant[];
}

export interface GrantChangeDecision extends Decision {
  /** The first new grant above the actor's ceiling, when that is the refusal. */
  grant?: Grant;
}

/** Grants must name a registered section and, when scoped, a product-scoped section and a product of the client. */
export function invalidGrant(index: FactIndex, clientId: number, grants: Grant[]): Decision | undefined {
  for (const grant of grants) {
    const section = index.section(grant.section);
    if (!section) return deny(`unknown section "${grant.section}"`);
    if (grant.productId === null) continue;
    if (!section.productScoped) return deny(`section "${grant.section}" can't be scoped to a product`);
    const product = index.product(grant.productId);
    if (!product || product.clientId !== clientId) return deny(`product ${grant.productId} is not a product of client ${clientId}`);
  }
  return undefined;
}

/** Rule 7: on a product with an owner, only that owner sets other members' grants. */
function ownershipRefusal(index: FactIndex, actor: MembershipFact, grants: Grant[]): Decision | undefined {
  for (const grant of grants) {
    if (grant.productId === null) continue;
    const owner = index.product(grant.productId)?.ownerMembershipId ?? null;
    if (owner !== null && owner !== actor.id) {
      return deny(`product ${grant.productId} is owned by membership ${owner}: only its owner or the master sets grants on it`);
    }
  }
  return undefined;
}

/**
 * Rule 5, the delegation ceiling: whether an actor may set a membership's grants.
 * Staff and the master may grant anything. A sub-account needs `contacts`, manages only
 * the memberships below it, never changes its own grants, may add only grants it holds
 * itself (its effective grants), and sets grants on an owned product only if it owns it.
 * Grants the target already holds are not held against the actor.
 */
export function checkGrantChange(facts: AccessFacts, change: GrantChange): GrantChangeDecision {
  const index = indexFacts(facts);
  const target = index.membership(change.targetMembershipId);
  if (!target) return deny(`membership ${change.targetMembershipId} is not loaded`);
  if (target.status === 'removed') return deny(`membership ${target.id} is removed`);
  if (target.kind === 'master') return deny(`the master of client ${target.clientId} holds every section; its grants can't be changed`);
  const invalid = invalidGrant(index, target.clientId, change.newGrants);
  if (invalid) return invalid;
  const manager = resolveManager(index, change.actor, target, {
    onItself: 'change its own grants',
    onMaster: "change the master's grants",
  });
  if (!manager.allowed) return deny(manager.reason);
  if (manager.value.kind === 'staff') return allow('staff may grant anything');
  if (manager.value.kind === 'master') return allow('the master may grant anything');

  const actor = manager.value.membership;
  const ceiling = new Set(effectiveGrantsIn(index, actor.id).map(grantKey));
  const added = grantsMissingFrom(change.newGrants, target.grants);
  const removed = grantsMissingFrom(target.grants, distinctGrants(change.newGrants));
  for (const grant of added) {
    if (!ceiling.has(grantKey(grant))) {
      return { ...deny(`grant ${describeGrant(grant, target.clientId)} is above your own access`), grant };
    }
  }
  const notOwner = ownershipRefusal(index, actor, [...added, ...removed]);
  if (notOwner) return notOwner;
  return allow(`within the ceiling of membership ${actor.id}`);
}

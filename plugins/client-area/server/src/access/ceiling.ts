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
    if (!product || product.clientId !== clientId) return deny(`${index.nameProduct(grant.productId)} is not a product of ${index.nameClient(clientId)}`);
  }
  return undefined;
}

/**
 * Rule 7: on a product with an owner, only that owner sets other members' grants. A
 * client-wide grant of a product-scoped section covers every product of the client, so
 * a sub-account adds or revokes one only where it could do so on each of those products.
 */
function ownershipRefusal(index: FactIndex, actor: MembershipFact, grants: Grant[]): Decision | undefined {
  for (const grant of grants) {
    const covered =
      grant.productId !== null
        ? [grant.productId]
        : index.section(grant.section)?.productScoped
          ? index.productsOf(actor.clientId).map((p) => p.id)
          : [];
    for (const productId of covered) {
      const owner = index.product(productId)?.ownerMembershipId ?? null;
      if (owner === null || owner === actor.id) continue;
      const which = grant.productId === null ? `client-wide grant "${grant.section}" covers ${index.nameProduct(productId)}, which` : index.nameProduct(productId);
      const instead = grant.productId === null ? ': grant it per product instead' : '';
      return deny(`${which} is owned by ${index.nameMembership(owner)}: only its owner or the master sets grants on it${instead}`);
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
  return checkGrantChangeIn(indexFacts(facts), change);
}

function checkGrantChangeIn(index: FactIndex, change: GrantChange): GrantChangeDecision {
  const target = index.membership(change.targetMembershipId);
  if (!target) return deny(`${index.nameMembership(change.targetMembershipId)} is not loaded`);
  if (target.status === 'removed') return deny(`${index.nameMembership(target.id)} is removed`);
  if (target.kind === 'master') return deny(`the master of ${index.nameClient(target.clientId)} holds every section; its grants can't be changed`);
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
      return { ...deny(`grant ${describeGrant(index, grant, target.clientId)} is above your own access`), grant };
    }
  }
  const notOwner = ownershipRefusal(index, actor, [...added, ...removed]);
  if (notOwner) return notOwner;
  return allow(`within the ceiling of ${index.nameMembership(actor.id)}`);
}

/**
 * Each box of a member's access matrix, decided as ticking or unticking it alone would be
 * by checkGrantChange: the box's grant added when the member lacks it, taken away when
 * it holds it. The portal locks a box the actor can't change and shows this reason.
 */
export function grantToggles(facts: AccessFacts, request: { actor: Actor; targetMembershipId: number; boxes: Grant[] }): GrantChangeDecision[] {
  const index = indexFacts(facts);
  const current = index.membership(request.targetMembershipId)?.grants ?? [];
  return request.boxes.map((box) => {
    const held = current.some((g) => grantKey(g) === grantKey(box));
    const newGrants = held ? current.filter((g) => grantKey(g) !== grantKey(box)) : [...current, box];
    return checkGrantChangeIn(index, { actor: request.actor, targetMembershipId: request.targetMembershipId, newGrants });
  });
}

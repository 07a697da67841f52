import type { AccessFacts, Actor } from './facts';
import { allow, deny, type Decision } from './decision';
import { indexFacts } from './fact-index';
import { resolveManager } from './management';
import { descendantsIn, isManagedBy } from './hierarchy';

/** What a removal leaves behind: the memberships it manages and the products it owns. */
export interface Reassignment {
  memberships: number[];
  products: number[];
}

export interface RemovalDecision extends Decision {
  /** What must be reassigned first (or what the master or staff take over). */
  reassign: Reassignment;
}

const list = (ids: number[]): string => ids.join(', ');

/**
 * Rules 1 and 6: the master is never removed (staff transfer the client instead); a
 * membership with children or owned products is removed by a sub-account only once they
 * are reassigned; the master and staff take them over.
 */
export function canRemove(facts: AccessFacts, request: { actor: Actor; membershipId: number }): RemovalDecision {
  const index = indexFacts(facts);
  const nothing: Reassignment = { memberships: [], products: [] };
  const target = index.membership(request.membershipId);
  if (!target) return { ...deny(`membership ${request.membershipId} is not loaded`), reassign: nothing };
  if (target.status === 'removed') return { ...deny(`membership ${target.id} is already removed`), reassign: nothing };
  const reassign: Reassignment = {
    memberships: index.childrenOf(target.id).filter((m) => m.status !== 'removed').map((m) => m.id),
    products: index.productsOf(target.clientId).filter((p) => p.ownerMembershipId === target.id).map((p) => p.id),
  };
  const manager = resolveManager(index, request.actor, target, { onItself: 'remove itself', onMaster: 'remove the master' });
  if (!manager.allowed) return { ...deny(manager.reason), reassign };
  if (target.kind === 'master') {
    return { ...deny('the master can not be removed: staff transfer the client to another master first'), reassign };
  }
  const left = [
    reassign.memberships.length > 0 ? `manages memberships ${list(reassign.memberships)}` : '',
    reassign.products.length > 0 ? `owns products ${list(reassign.products)}` : '',
  ].filter(Boolean);
  if (left.length === 0) return { ...allow(`membership ${target.id} manages nobody and owns no product`), reassign };
  if (manager.value.kind === 'sub-account') {
    return { ...deny(`membership ${target.id} still ${left.join(' and ')}: reassign them first`), reassign };
  }
  return { ...allow(`${manager.value.kind === 'staff' ? 'staff take' : 'the master takes'} over what membership ${target.id} ${left.join(' and ')}`), reassign };
}

/**
 * Rules 1 and 6: who may suspend a membership (and restore it). Suspension reaches every
 * descendant at request time. Only staff suspend a master.
 */
export function canSuspend(facts: AccessFacts, request: { actor: Actor; membershipId: number }): Decision {
  const index = indexFacts(facts);
  const target = index.membership(request.membershipId);
  if (!target) return deny(`membership ${request.membershipId} is not loaded`);
  if (target.status === 'removed') return deny(`membership ${target.id} is removed`);
  const manager = resolveManager(index, request.actor, target, { onItself: 'suspend itself', onMaster: 'suspend the master' });
  if (!manager.allowed) return deny(manager.reason);
  if (target.kind === 'master' && manager.value.kind !== 'staff') return deny('only staff suspend the master');
  return allow(`membership ${target.id} and its descendants can be suspended`);
}

/**
 * Rule 6, reassigning: moves a membership under another parent of the same client
 * (`parentId: null`: directly under the master). Staff and the master move anyone but
 * the master; a sub-account moves only members it manages, under itself or under
 * another member it manages. A membership is never put under itself or one of its
 * descendants. Its effective grants are narrowed by the new parent from the next request.
 */
export function canReparent(facts: AccessFacts, request: { actor: Actor; membershipId: number; parentId: number | null }): Decision {
  const index = indexFacts(facts);
  const target = index.membership(request.membershipId);
  if (!target) return deny(`membership ${request.membershipId} is not loaded`);
  if (target.status === 'removed') return deny(`membership ${target.id} is removed`);
  if (target.kind === 'master') return deny('the master has no parent');
  const manager = resolveManager(index, request.actor, target, { onItself: 'move itself', onMaster: 'move the master' });
  if (!manager.allowed) return deny(manager.reason);
  if (request.parentId === null) {
    return manager.value.kind === 'sub-account' ? deny('only the master or staff put a member directly under the master') : allow('moved under the master');
  }
  const parent = index.membership(request.parentId);
  if (!parent || parent.clientId !== target.clientId) return deny(`membership ${request.parentId} is not a member of client ${target.clientId}`);
  if (parent.status === 'removed') return deny(`membership ${parent.id} is removed`);
  if (parent.id === target.id || descendantsIn(index, target.id).includes(parent.id)) {
    return deny(`membership ${parent.id} is membership ${target.id} itself or below it`);
  }
  if (manager.value.kind === 'sub-account') {
    const actor = manager.value.membership;
    if (parent.id !== actor.id && !isManagedBy(index, parent, actor.id)) return deny(`membership ${parent.id} is not managed by membership ${actor.id}`);
  }
  return allow(`membership ${target.id} can be moved under membership ${parent.id}`);
}

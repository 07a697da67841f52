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

/**
 * Rules 1 and 6: the master is never removed (staff transfer the client instead); a
 * membership with children or owned products is removed by a sub-account only once they
 * are reassigned; the master and staff take them over.
 */
export function canRemove(facts: AccessFacts, request: { actor: Actor; membershipId: number }): RemovalDecision {
  const index = indexFacts(facts);
  const nothing: Reassignment = { memberships: [], products: [] };
  const target = index.membership(request.membershipId);
  if (!target) return { ...deny(`${index.nameMembership(request.membershipId)} is not loaded`), reassign: nothing };
  if (target.status === 'removed') return { ...deny(`${index.nameMembership(target.id)} is already removed`), reassign: nothing };
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
    reassign.memberships.length > 0 ? `manages ${reassign.memberships.map(index.nameMembership).join(", ")}` : '',
    reassign.products.length > 0 ? `owns ${reassign.products.map(index.nameProduct).join(", ")}` : '',
  ].filter(Boolean);
  if (left.length === 0) return { ...allow(`${index.nameMembership(target.id)} manages nobody and owns no product`), reassign };
  if (manager.value.kind === 'sub-account') {
    return { ...deny(`${index.nameMembership(target.id)} still ${left.join(' and ')}: reassign them first`), reassign };
  }
  return { ...allow(`${manager.value.kind === 'staff' ? 'staff take' : 'the master takes'} over what ${index.nameMembership(target.id)} ${left.join(' and ')}`), reassign };
}

/**
 * Rules 1 and 6: who may suspend a membership (and restore it). Suspension reaches every
 * descendant at request time. Only staff suspend a master.
 */
export function canSuspend(facts: AccessFacts, request: { actor: Actor; membershipId: number }): Decision {
  const index = indexFacts(facts);
  const target = index.membership(request.membershipId);
  if (!target) return deny(`${index.nameMembership(request.membershipId)} is not loaded`);
  if (target.status === 'removed') return deny(`${index.nameMembership(target.id)} is removed`);
  const manager = resolveManager(index, request.actor, target, { onItself: 'suspend itself', onMaster: 'suspend the master' });
  if (!manager.allowed) return deny(manager.reason);
  if (target.kind === 'master' && manager.value.kind !== 'staff') return deny('only staff suspend the master');
  return allow(`${index.nameMembership(target.id)} and its descendants can be suspended`);
}

/**
 * Rule 6: restoring a suspended membership. Whoever may suspend it may restore it, but
 * a suspension holds against everyone below the one who made it: a sub-account restores
 * only what it or a member it manages suspended; what the master suspended waits for the
 * master or staff, what staff suspended for staff.
 */
export function canRestore(facts: AccessFacts, request: { actor: Actor; membershipId: number }): Decision {
  const index = indexFacts(facts);
  const target = index.membership(request.membershipId);
  if (!target) return deny(`${index.nameMembership(request.membershipId)} is not loaded`);
  if (target.status !== 'suspended') return deny(`${index.nameMembership(target.id)} is not suspended`);
  const manager = resolveManager(index, request.actor, target, { onItself: 'restore itself', onMaster: 'restore the master' });
  if (!manager.allowed) return deny(manager.reason);
  const by = target.suspendedBy ?? null;
  if (manager.value.kind === 'staff') return allow('staff may restore any member');
  if (by?.kind === 'staff') return deny(`${index.nameMembership(target.id)} was suspended by staff: only staff restore it`);
  if (target.kind === 'master') return deny('only staff restore the master');
  if (manager.value.kind === 'master') return allow('the master may restore any member');
  const actor = manager.value.membership;
  if (by === null) return deny(`only the master restores ${index.nameMembership(target.id)}`);
  const suspender = index.membership(by.membershipId);
  if (by.membershipId === actor.id || (suspender && isManagedBy(index, suspender, actor.id))) {
    return allow(`${index.nameMembership(target.id)} was suspended by ${index.nameMembership(by.membershipId)}, at or below you`);
  }
  return deny(`${index.nameMembership(target.id)} was suspended by ${index.nameMembership(by.membershipId)}, above you: only they or a member above them restore it`);
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
  if (!target) return deny(`${index.nameMembership(request.membershipId)} is not loaded`);
  if (target.status === 'removed') return deny(`${index.nameMembership(target.id)} is removed`);
  if (target.kind === 'master') return deny('the master has no parent');
  const manager = resolveManager(index, request.actor, target, { onItself: 'move itself', onMaster: 'move the master' });
  if (!manager.allowed) return deny(manager.reason);
  if (request.parentId === null) {
    return manager.value.kind === 'sub-account' ? deny('only the master or staff put a member directly under the master') : allow('moved under the master');
  }
  const parent = index.membership(request.parentId);
  if (!parent || parent.clientId !== target.clientId) return deny(`${index.nameMembership(request.parentId)} is not a member of ${index.nameClient(target.clientId)}`);
  if (parent.status === 'removed') return deny(`${index.nameMembership(parent.id)} is removed`);
  if (parent.id === target.id || descendantsIn(index, target.id).includes(parent.id)) {
    return deny(`${index.nameMembership(parent.id)} is ${index.nameMembership(target.id)} itself or below it`);
  }
  if (manager.value.kind === 'sub-account') {
    const actor = manager.value.membership;
    if (parent.id !== actor.id && !isManagedBy(index, parent, actor.id)) return deny(`${index.nameMembership(parent.id)} is not managed by ${index.nameMembership(actor.id)}`);
  }
  return allow(`${index.nameMembership(target.id)} can be moved under ${index.nameMembership(parent.id)}`);
}

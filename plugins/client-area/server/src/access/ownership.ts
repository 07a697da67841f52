import type { AccessFacts, Actor } from './facts';
import { allow, deny, type Decision } from './decision';
import { indexFacts } from './fact-index';
import { resolveActor, resolveManager } from './management';

/**
 * Rule 7: an unowned product distributed to a member can be taken under that member's
 * management; an owned one must be released by its owner first. The master and staff
 * override.
 */
export function canTakeOwnership(facts: AccessFacts, request: { actor: Actor; productId: number }): Decision {
  const index = indexFacts(facts);
  const product = index.product(request.productId);
  if (!product) return deny(`${index.nameProduct(request.productId)} is not loaded`);
  const actor = resolveActor(index, request.actor, product.clientId);
  if (!actor.allowed) return deny(actor.reason);
  if (actor.value.kind === 'staff') return allow('staff may reassign any product');
  if (actor.value.kind === 'master') return allow('the master may reassign any product');
  const membership = actor.value.membership;
  if (product.ownerMembershipId === membership.id) return deny(`${index.nameProduct(product.id)} is already yours`);
  if (product.ownerMembershipId !== null) {
    return deny(`${index.nameProduct(product.id)} is owned by ${index.nameMembership(product.ownerMembershipId)}: it must be released first`);
  }
  if (!product.distributedTo.includes(membership.id)) {
    return deny(`${index.nameProduct(product.id)} is not distributed to ${index.nameMembership(membership.id)}`);
  }
  return allow(`${index.nameProduct(product.id)} is distributed to ${index.nameMembership(membership.id)} and unowned`);
}

/**
 * Rule 7: distributing a product to a member makes it visible to that member, so its
 * client-wide grants cover it. Staff and the master distribute any product; a
 * sub-account distributes, to members it manages, a product it owns or an unowned one
 * distributed to it.
 */
export function canDistribute(facts: AccessFacts, request: { actor: Actor; productId: number; membershipId: number }): Decision {
  const index = indexFacts(facts);
  const product = index.product(request.productId);
  if (!product) return deny(`${index.nameProduct(request.productId)} is not loaded`);
  const target = index.membership(request.membershipId);
  if (!target) return deny(`${index.nameMembership(request.membershipId)} is not loaded`);
  if (target.clientId !== product.clientId) return deny(`${index.nameMembership(target.id)} is not in ${index.nameClient(product.clientId)}`);
  if (target.status === 'removed') return deny(`${index.nameMembership(target.id)} is removed`);
  const manager = resolveManager(index, request.actor, target, {
    onItself: 'distribute a product to itself',
    onMaster: 'distribute a product to the master',
  });
  if (!manager.allowed) return deny(manager.reason);
  if (manager.value.kind !== 'sub-account') return allow(`${manager.value.kind === 'staff' ? 'staff' : 'the master'} may distribute any product`);
  const membership = manager.value.membership;
  if (product.ownerMembershipId === membership.id) return allow(`${index.nameMembership(membership.id)} owns ${index.nameProduct(product.id)}`);
  if (product.ownerMembershipId !== null) {
    return deny(`${index.nameProduct(product.id)} is owned by ${index.nameMembership(product.ownerMembershipId)}: only its owner or the master distributes it`);
  }
  if (!product.distributedTo.includes(membership.id)) {
    return deny(`${index.nameProduct(product.id)} is not distributed to ${index.nameMembership(membership.id)}`);
  }
  return allow(`${index.nameProduct(product.id)} is unowned and distributed to ${index.nameMembership(membership.id)}`);
}

/**
 * Rule 7, "release first": the owner hands its product back (it stays distributed to
 * whom it was, and grants on it are set by the master again until someone takes it).
 * The master and staff release any owned product.
 */
export function canRelease(facts: AccessFacts, request: { actor: Actor; productId: number }): Decision {
  const index = indexFacts(facts);
  const product = index.product(request.productId);
  if (!product) return deny(`${index.nameProduct(request.productId)} is not loaded`);
  const actor = resolveActor(index, request.actor, product.clientId);
  if (!actor.allowed) return deny(actor.reason);
  const owner = product.ownerMembershipId;
  if (owner === null) return deny(`${index.nameProduct(product.id)} is not under anyone's management`);
  if (actor.value.kind !== 'sub-account') return allow(`${actor.value.kind === 'staff' ? 'staff' : 'the master'} may release any product`);
  if (owner === actor.value.membership.id) return allow(`${index.nameMembership(owner)} owns ${index.nameProduct(product.id)}`);
  return deny(`${index.nameProduct(product.id)} is owned by ${index.nameMembership(owner)}: only its owner or the master releases it`);
}

/**
 * Rule 7: taking a product back from a member it is distributed to. Whoever may
 * distribute it to that member may take it back; the member then no longer sees it
 * (unless it owns it) and its client-wide grants stop covering it.
 */
export function canUndistribute(facts: AccessFacts, request: { actor: Actor; productId: number; membershipId: number }): Decision {
  const index = indexFacts(facts);
  const product = index.product(request.productId);
  if (!product) return deny(`${index.nameProduct(request.productId)} is not loaded`);
  if (!product.distributedTo.includes(request.membershipId)) {
    return deny(`${index.nameProduct(product.id)} is not distributed to ${index.nameMembership(request.membershipId)}`);
  }
  const distributing = canDistribute(facts, request);
  return distributing.allowed ? allow(`who may distribute ${index.nameProduct(product.id)} to ${index.nameMembership(request.membershipId)} may take it back`) : distributing;
}

import type { AccessFacts, MembershipFact } from './facts';
import { allow, deny, type Decision } from './decision';
import { indexFacts, type FactIndex } from './fact-index';

export type Chain = { ok: true; chain: MembershipFact[] } | { ok: false; reason: string };

/**
 * A membership and the memberships above it, nearest first, up to the master or to a
 * membership with no parent. A parent that is not loaded, in another client, or a loop
 * breaks the chain: decisions on it fail closed.
 */
export function chainOf(index: FactIndex, membership: MembershipFact): Chain {
  const chain = [membership];
  let current = membership;
  while (current.kind !== 'master' && current.parentId !== null) {
    const parent = index.membership(current.parentId);
    if (!parent) return { ok: false, reason: `parent ${index.nameMembership(current.parentId)} is not loaded` };
    if (parent.clientId !== current.clientId) {
      return { ok: false, reason: `parent ${index.nameMembership(parent.id)} belongs to another client` };
    }
    if (chain.includes(parent)) return { ok: false, reason: `${index.nameMembership(membership.id)} is in a parent loop` };
    chain.push(parent);
    current = parent;
  }
  return { ok: true, chain };
}

/**
 * Rule 6: a membership stands only while it and every membership above it is active;
 * suspending or removing a parent suspends every descendant.
 */
export function standing(index: FactIndex, membership: MembershipFact): Decision {
  const found = chainOf(index, membership);
  if (!found.ok) return deny(found.reason);
  for (const link of found.chain) {
    if (link.status === 'active') continue;
    return link === membership
      ? deny(`${index.nameMembership(membership.id)} is ${link.status}`)
      : deny(`${index.nameMembership(link.id)}, which manages ${index.nameMembership(membership.id)}, is ${link.status}`);
  }
  return allow(`${index.nameMembership(membership.id)} is active`);
}

/** Whether `ancestorId` is strictly above `membership` on its parent chain. */
export function isManagedBy(index: FactIndex, membership: MembershipFact, ancestorId: number): boolean {
  const found = chainOf(index, membership);
  return found.ok && found.chain.slice(1).some((link) => link.id === ancestorId);
}

export function descendantsIn(index: FactIndex, membershipId: number): number[] {
  const found: number[] = [];
  const queue = [membershipId];
  while (queue.length > 0) {
    for (const child of index.childrenOf(queue.shift() as number)) {
      if (child.id === membershipId || found.includes(child.id)) continue;
      found.push(child.id);
      queue.push(child.id);
    }
  }
  return found;
}

/** Every membership below one, nearest first, whatever its status. */
export const descendants = (facts: AccessFacts, membershipId: number): number[] =>
  descendantsIn(indexFacts(facts), membershipId);

import type { AccessFacts, Actor } from './facts';
import { allow, deny, type Decision } from './decision';
import { decide } from './engine';
import { indexFacts } from './fact-index';
import { resolveManager } from './management';
import { callerAccess } from './membership-access';
import { canDistribute } from './ownership';
import { actingOwner } from './secondary-logons';

export const ORDERS_SECTION = 'orders';

/** The id the product an order would make stands under while the order is decided: no real product has it. */
const ORDERED_PRODUCT = -1;

export interface OrderDecision extends Decision {
  /**
   * The membership that will own the product the order makes (rule 7): the orderer's own,
   * or, for a secondary logon, its owner's master membership. Null when refused.
   */
  ownerMembershipId: number | null;
  /** For each member the orderer wants the product shown to, in order: the engine's decision. */
  distribution: Decision[];
}

/**
 * Placing an order needs `orders` in the client. What the order makes belongs to whoever
 * ordered it: the product is owned by the orderer's membership, so the orderer may show it
 * to exactly the members it could show a product it owns to (rule 7: those it manages; the
 * master anyone) — decided as if the product existed already. A secondary logon orders for
 * its owner (rule 9): the owner's master membership owns the product, and showing it to
 * members is left to the owner, since a logon manages nobody.
 */
export function canPlaceOrder(facts: AccessFacts, order: { clientId: number; distributeTo: number[] }): OrderDecision {
  const index = indexFacts(facts);
  const refuse = (reason: string, distribution: Decision[] = []): OrderDecision => ({ ...deny(reason), ownerMembershipId: null, distribution });
  const access = decide(index, { section: ORDERS_SECTION, clientId: order.clientId });
  if (!access.allowed) return refuse(access.reason);

  const section = index.section(ORDERS_SECTION)!;
  const own = index.ownMembership(order.clientId);
  if (own && callerAccess(index, order.clientId, section, null).allowed) {
    const withProduct: AccessFacts = {
      ...facts,
      products: [...facts.products, { id: ORDERED_PRODUCT, clientId: order.clientId, ownerMembershipId: own.id, distributedTo: [], ref: 'ordered' }],
    };
    const distribution = order.distributeTo.map((membershipId) =>
      canDistribute(withProduct, { actor: { kind: 'membership', membershipId: own.id }, productId: ORDERED_PRODUCT, membershipId }),
    );
    const refused = distribution.find((d) => !d.allowed);
    if (refused) return refuse(refused.reason, distribution);
    return { ...allow(`${access.reason}; the product will be owned by ${index.nameMembership(own.id)}`), ownerMembershipId: own.id, distribution };
  }

  const owner = actingOwner(facts, ORDERS_SECTION, order.clientId);
  const master = index.membershipsIn(order.clientId).find((m) => m.kind === 'master' && m.identityId === owner);
  if (owner === null || !master) return refuse(access.reason);
  const distribution = order.distributeTo.map(() => deny("a secondary logon orders for its owner: the owner's master account shows the product to members"));
  if (distribution.length > 0) return refuse(distribution[0].reason, distribution);
  return { ...allow(`${access.reason}; the product will be owned by ${index.nameMembership(master.id)}`), ownerMembershipId: master.id, distribution };
}

/**
 * A pending order is withdrawn by whoever placed it, or by whoever manages the member it
 * was placed for (its ancestors holding `contacts`, the master, staff).
 */
export function canCancelOrder(facts: AccessFacts, request: { actor: Actor | null; ownerMembershipId: number; placedByIdentityId: number | null }): Decision {
  if (request.actor?.kind === 'staff') return allow('staff may withdraw any order');
  if (request.placedByIdentityId === facts.identityId) return allow('you placed this order');
  const index = indexFacts(facts);
  const owner = index.membership(request.ownerMembershipId);
  if (!owner) return deny(`${index.nameMembership(request.ownerMembershipId)} is not loaded`);
  if (!request.actor) return deny('only who placed an order, or who manages the member it was placed for, withdraws it');
  const manager = resolveManager(index, request.actor, owner, { onItself: "withdraw another person's order for itself", onMaster: "withdraw the master's order" });
  if (!manager.allowed) return deny(manager.reason);
  return allow(`${manager.value.kind === 'sub-account' ? index.nameMembership(manager.value.membership.id) : 'the master'} manages ${index.nameMembership(owner.id)}`);
}

import type { AccessFacts, Grant } from './facts';
import { deny, type AccessRequest, type Decision, type Scope } from './decision';
import { indexFacts, type FactIndex } from './fact-index';
import { callerAccess, membershipAccess, type Access } from './membership-access';
import { logonAccess, logonClientIds } from './secondary-logons';

const refused = (reason: string): Access => ({ ...deny(reason), wholeClient: false });

/** The one decision every way of asking goes through. */
export function decide(index: FactIndex, { section, clientId, productId = null }: AccessRequest): Access {
  const registered = index.section(section);
  if (!registered) return refused(`unknown section "${section}"`);
  if (productId !== null) {
    if (!registered.productScoped) return refused(`section "${section}" is not product-scoped`);
    const product = index.product(productId);
    if (!product || product.clientId !== clientId) return refused(`${index.nameProduct(productId)} is not a product of ${index.nameClient(clientId)}`);
  }
  const viaMembership = callerAccess(index, clientId, registered, productId);
  if (viaMembership.allowed) return viaMembership;
  const viaLogon = logonAccess(index, section, clientId);
  if (viaLogon.allowed) return { allowed: true, reason: viaLogon.reason, wholeClient: true };
  return !index.ownMembership(clientId) && viaLogon.applies ? refused(viaLogon.reason) : viaMembership;
}

/**
 * Whether the caller may use a section of a client (`productId` absent: its records
 * tied to no product) or of one product, and why; a refusal names what is missing.
 */
export function can(facts: AccessFacts, request: AccessRequest): Decision {
  const { allowed, reason } = decide(indexFacts(facts), request);
  return { allowed, reason };
}

/** The clients the caller may reach at all, by membership or by secondary logon. */
function reachableClientIds(index: FactIndex): number[] {
  const own = index.facts.memberships.filter((m) => m.identityId === index.facts.identityId).map((m) => m.clientId);
  return [...new Set([...own, ...logonClientIds(index)])].sort((a, b) => a - b);
}

function scopeIn(index: FactIndex, section: string, clientId: number): Scope | undefined {
  const clientLevel = decide(index, { section, clientId });
  const productScoped = index.section(section)?.productScoped ?? false;
  let productIds: Scope['productIds'] = [];
  if (productScoped && clientLevel.wholeClient) productIds = 'all';
  else if (productScoped) {
    productIds = index
      .productsOf(clientId)
      .filter((p) => decide(index, { section, clientId, productId: p.id }).allowed)
      .map((p) => p.id)
      .sort((a, b) => a - b);
  }
  if (!clientLevel.allowed && productIds !== 'all' && productIds.length === 0) return undefined;
  return { clientId, clientWide: clientLevel.allowed, productIds };
}

/**
 * How a list of one section must be filtered: one scope per client the caller reaches
 * in that section. A product is in a scope exactly when `can` allows it.
 */
export function scopes(facts: AccessFacts, section: string): Scope[] {
  const index = indexFacts(facts);
  if (!index.section(section)) return [];
  return reachableClientIds(index)
    .map((clientId) => scopeIn(index, section, clientId))
    .filter((scope): scope is Scope => scope !== undefined);
}

/** The sections the caller reaches in a client, client-wide or on some product: its menu there. */
export function sectionsIn(facts: AccessFacts, clientId: number): string[] {
  const index = indexFacts(facts);
  return facts.sections.filter((s) => scopeIn(index, s.name, clientId) !== undefined).map((s) => s.name);
}

/**
 * A membership's effective grants (rule 6), expanded: a section held client-wide
 * appears once with `productId: null` and once per product it covers. This is the
 * membership's delegation ceiling (rule 5). Empty when it does not stand.
 */
export function effectiveGrants(facts: AccessFacts, membershipId: number): Grant[] {
  const index = indexFacts(facts);
  return effectiveGrantsIn(index, membershipId);
}

export function effectiveGrantsIn(index: FactIndex, membershipId: number): Grant[] {
  const membership = index.membership(membershipId);
  if (!membership) return [];
  const grants: Grant[] = [];
  for (const section of index.facts.sections) {
    if (membershipAccess(index, membership, section, null).allowed) grants.push({ section: section.name, productId: null });
    if (!section.productScoped) continue;
    for (const product of index.productsOf(membership.clientId)) {
      if (membershipAccess(index, membership, section, product.id).allowed) {
        grants.push({ section: section.name, productId: product.id });
      }
    }
  }
  return grants;
}

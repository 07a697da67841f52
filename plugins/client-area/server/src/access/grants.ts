import type { Grant } from './facts';
import type { FactIndex } from './fact-index';

/** A grant as one comparable value. */
export const grantKey = (grant: Grant): string => `${grant.section}@${grant.productId ?? '*'}`;

/** How a 403 names a grant: `"tickets" on product k3j2…` or `"tickets" on client x9z…` (public ids). */
export const describeGrant = (index: FactIndex, grant: Grant, clientId: number): string =>
  grant.productId === null ? `"${grant.section}" on ${index.nameClient(clientId)}` : `"${grant.section}" on ${index.nameProduct(grant.productId)}`;

/** The grants once each, in their first order. */
export function distinctGrants(grants: Grant[]): Grant[] {
  const seen = new Set<string>();
  return grants.filter((grant) => {
    const key = grantKey(grant);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Grants in `a` that are not in `b`. */
export function grantsMissingFrom(a: Grant[], b: Grant[]): Grant[] {
  const inB = new Set(b.map(grantKey));
  return distinctGrants(a).filter((grant) => !inB.has(grantKey(grant)));
}

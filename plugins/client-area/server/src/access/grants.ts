import type { Grant } from './facts';

/** A grant as one comparable value. */
export const grantKey = (grant: Grant): string => `${grant.section}@${grant.productId ?? '*'}`;

/** How a 403 names a grant: `"tickets" on product 7` or `"tickets" on client 3`. */
export const describeGrant = (grant: Grant, clientId: number): string =>
  grant.productId === null ? `"${grant.section}" on client ${clientId}` : `"${grant.section}" on product ${grant.productId}`;

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

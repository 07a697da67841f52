import type { Grant } from './facts';
import { distinctGrants, grantKey } from './grants';

/**
 * Rule 8: the grants a role gives a member, clipped to a ceiling (the effective grants
 * of whoever applies it, as `effectiveGrants` returns them). A client-wide role grant
 * the ceiling holds only on some products narrows to those products. A role never lifts
 * anyone above the ceiling.
 */
export function applyRole(roleGrants: Grant[], ceiling: Grant[]): Grant[] {
  const held = new Set(ceiling.map(grantKey));
  const clipped: Grant[] = [];
  for (const grant of distinctGrants(roleGrants)) {
    if (held.has(grantKey(grant))) clipped.push(grant);
    else if (grant.productId === null) {
      clipped.push(...ceiling.filter((c) => c.section === grant.section && c.productId !== null));
    }
  }
  return distinctGrants(clipped);
}

/** Rule 8: a member whose grants differ from its role's, in any way, is "Custom". */
export function isCustom(memberGrants: Grant[], roleGrants: Grant[]): boolean {
  const member = new Set(memberGrants.map(grantKey));
  const role = new Set(roleGrants.map(grantKey));
  return member.size !== role.size || [...member].some((key) => !role.has(key));
}

import type { MembershipFact, ProductFact } from './facts';

/** The section a product's visibility stands for: viewing it. */
export const VIEW_SECTION = 'products';

/**
 * Rule 7, product visibility: a product is visible to the master of its client, to its
 * owner, and to every member it is distributed to — visible meaning the `products`
 * (view) section on that product, still bounded by the member's parents (rule 6).
 * Every other section needs a grant: a client-wide grant covers every product of the
 * client, a grant scoped to a product covers that product only (rule 4).
 */
export const isVisibleTo = (product: ProductFact, membership: MembershipFact): boolean =>
  product.clientId === membership.clientId &&
  (membership.kind === 'master' ||
    product.ownerMembershipId === membership.id ||
    product.distributedTo.includes(membership.id));

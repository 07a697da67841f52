import type { MembershipFact, SectionFact } from './facts';
import { allow, deny, type Decision } from './decision';
import type { FactIndex } from './fact-index';
import { describeGrant } from './grants';
import { chainOf, standing } from './hierarchy';
import { isVisibleTo, VIEW_SECTION } from './products';

/** A decision, and whether it holds for the whole client (every product, now and later). */
export type Access = Decision & { wholeClient: boolean };

const granted = (reason: string, wholeClient = false): Access => ({ ...allow(reason), wholeClient });
const refused = (reason: string): Access => ({ ...deny(reason), wholeClient: false });

/** Rules 3 and 4: whether a membership's own grants cover a section of the client or of one product. */
function ownGrantsCover(index: FactIndex, membership: MembershipFact, section: string, productId: number | null): boolean {
  const clientWide = membership.grants.some((g) => g.section === section && g.productId === null);
  if (productId === null) return clientWide;
  const product = index.product(productId);
  if (!product || product.clientId !== membership.clientId) return false;
  return (
    clientWide ||
    membership.grants.some((g) => g.section === section && g.productId === productId) ||
    (section === VIEW_SECTION && isVisibleTo(product, membership))
  );
}

/**
 * What a membership may do, ignoring the relationship password: the master everything
 * (rule 1); a sub-account what its own grants and those of every membership above it
 * cover (rule 6: effective grants are the grants ∩ the parent's effective grants).
 */
export function membershipAccess(
  index: FactIndex,
  membership: MembershipFact,
  section: SectionFact,
  productId: number | null,
): Access {
  const stands = standing(index, membership);
  if (!stands.allowed) return refused(stands.reason);
  if (membership.kind === 'master') return granted(`master of ${index.nameClient(membership.clientId)}`, true);
  const grant = { section: section.name, productId };
  const found = chainOf(index, membership);
  if (!found.ok) return refused(found.reason);
  for (const link of found.chain) {
    if (link.kind === 'master') break;
    if (ownGrantsCover(index, link, section.name, productId)) continue;
    const missing = `missing grant ${describeGrant(index, grant, membership.clientId)}`;
    if (link !== membership) return refused(`${missing} (${index.nameMembership(link.id)}, which manages ${index.nameMembership(membership.id)}, lacks it)`);
    return refused(missing);
  }
  const scoped = productId !== null && membership.grants.some((g) => g.section === section.name && g.productId === productId);
  return granted(
    scoped || productId === null
      ? `grant ${describeGrant(index, grant, membership.clientId)}`
      : `client-wide grant "${section.name}" covers ${index.nameProduct(productId)}`,
  );
}

/**
 * Rule 2: the caller may act through its own membership only while it stands and,
 * for a sub-account, once the relationship password has been given.
 */
export function actingStanding(index: FactIndex, membership: MembershipFact): Decision {
  const stands = standing(index, membership);
  if (!stands.allowed) return stands;
  if (membership.kind !== 'master' && membership.passwordVerified !== true) {
    return deny('relationship password required');
  }
  return stands;
}

/** What the caller may do in a client through its own membership there. */
export function callerAccess(index: FactIndex, clientId: number, section: SectionFact, productId: number | null): Access {
  const membership = index.ownMembership(clientId);
  if (!membership) return refused(`no membership in ${index.nameClient(clientId)}`);
  const acting = actingStanding(index, membership);
  if (!acting.allowed) return refused(acting.reason);
  return membershipAccess(index, membership, section, productId);
}

import type { AccessFacts, MembershipFact, ProductFact, SectionFact } from './facts';
import { groupBy } from '../group-by';

/** The facts of one request, looked up by id. Built once per public call. */
export interface FactIndex {
  readonly facts: AccessFacts;
  section(name: string): SectionFact | undefined;
  membership(id: number): MembershipFact | undefined;
  /** The caller's own membership in a client. */
  ownMembership(clientId: number): MembershipFact | undefined;
  membershipsIn(clientId: number): MembershipFact[];
  childrenOf(membershipId: number): MembershipFact[];
  product(id: number): ProductFact | undefined;
  productsOf(clientId: number): ProductFact[];
  /** How a reason names a membership, a product or a client to a person. */
  nameMembership(id: number): string;
  nameProduct(id: number): string;
  nameClient(id: number): string;
}

/** `member "bob" (k3j2…)` when the loader gave a label and a public id; `membership 5` in pure tests. */
const named = (kind: string, fact: { label?: string; ref?: string } | undefined, fallback: string) =>
  fact?.label && fact.ref ? `${kind} "${fact.label}" (${fact.ref})` : fallback;

export function indexFacts(facts: AccessFacts): FactIndex {
  const sections = new Map(facts.sections.map((s) => [s.name, s]));
  const memberships = new Map(facts.memberships.map((m) => [m.id, m]));
  const byClient = groupBy(facts.memberships, (m) => m.clientId);
  const byParent = groupBy(
    facts.memberships.filter((m) => m.parentId !== null),
    (m) => m.parentId as number,
  );
  const products = new Map(facts.products.map((p) => [p.id, p]));
  const productsByClient = groupBy(facts.products, (p) => p.clientId);
  const clients = new Map((facts.clients ?? []).map((c) => [c.id, c]));
  return {
    facts,
    section: (name) => sections.get(name),
    membership: (id) => memberships.get(id),
    ownMembership: (clientId) => (byClient.get(clientId) ?? []).find((m) => m.identityId === facts.identityId),
    membershipsIn: (clientId) => byClient.get(clientId) ?? [],
    childrenOf: (membershipId) => byParent.get(membershipId) ?? [],
    product: (id) => products.get(id),
    productsOf: (clientId) => productsByClient.get(clientId) ?? [],
    nameMembership: (id) => named('member', memberships.get(id), 'membership ' + id),
    nameProduct: (id) => 'product ' + (products.get(id)?.ref ?? id),
    nameClient: (id) => 'client ' + (clients.get(id)?.ref ?? id),
  };
}

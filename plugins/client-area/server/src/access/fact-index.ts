import type { AccessFacts, MembershipFact, ProductFact, SectionFact } from './facts';

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
}

const groupBy = <T>(items: T[], key: (item: T) => number): Map<number, T[]> => {
  const groups = new Map<number, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
};

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
  return {
    facts,
    section: (name) => sections.get(name),
    membership: (id) => memberships.get(id),
    ownMembership: (clientId) => (byClient.get(clientId) ?? []).find((m) => m.identityId === facts.identityId),
    membershipsIn: (clientId) => byClient.get(clientId) ?? [],
    childrenOf: (membershipId) => byParent.get(membershipId) ?? [],
    product: (id) => products.get(id),
    productsOf: (clientId) => productsByClient.get(clientId) ?? [],
  };
}

import { can, scopes, type AccessFacts } from '..';
import { inScopes } from './queries';
import { grant, PRODUCT_SCOPED, SECTIONS, world } from './world';

/** Every (client, product) the facts know, checked one by one against the scopes. */
function disagreements(facts: AccessFacts): string[] {
  const found: string[] = [];
  const clientIds = [...new Set([...facts.memberships.map((m) => m.clientId), ...facts.products.map((p) => p.clientId)])];
  for (const { name: section } of SECTIONS) {
    const listed = scopes(facts, section);
    for (const clientId of clientIds) {
      if (inScopes(listed, clientId, null) !== can(facts, { section, clientId }).allowed) found.push(`${section} ${clientId}`);
      for (const product of facts.products.filter((p) => p.clientId === clientId)) {
        if (inScopes(listed, clientId, product.id) !== can(facts, { section, clientId, productId: product.id }).allowed) {
          found.push(`${section} ${clientId}/${product.id}`);
        }
      }
    }
  }
  return found;
}

describe('scopes: a list is filtered exactly as the single check decides', () => {
  it('scopes agree with can for a master, members by product and by distribution, and a secondary logon', () => {
    const w = world();
    const acme = w.client();
    const globex = w.client();
    const [nats1, pg] = [w.product(acme), w.product(globex)];
    w.product(acme); // a product bob holds nothing on
    const bob = w.identity();
    w.subAccount(acme, { identity: bob, grants: [grant('tickets', nats1), grant('products', nats1)] });
    const onGlobex = w.subAccount(globex, { identity: bob, grants: [grant('billing'), grant('tickets')] });
    w.distribute(pg, onGlobex);
    const frank = w.logon(acme.master.identityId, { groups: [w.defaultGroup(acme.master.identityId)], sections: ['billing'] });
    for (const facts of [w.factsOf(acme.master), w.factsOf(bob), w.factsOf(frank)]) expect(disagreements(facts)).toEqual([]);
    expect(scopes(w.factsOf(bob), 'tickets')).toEqual([
      { clientId: acme.id, clientWide: false, productIds: [nats1] },
      { clientId: globex.id, clientWide: true, productIds: [pg] },
    ]);
  });

  it('a member with nothing in a section gets no scope for it', () => {
    const w = world();
    const acme = w.client();
    w.product(acme);
    const bob = w.subAccount(acme, { grants: [grant('profile')] });
    for (const section of PRODUCT_SCOPED) expect(scopes(w.factsOf(bob), section)).toEqual([]);
    expect(scopes(w.factsOf(bob), 'profile')).toEqual([{ clientId: acme.id, clientWide: true, productIds: [] }]);
  });
});

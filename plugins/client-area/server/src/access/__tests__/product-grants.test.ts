import { can, checkGrantChange, scopes } from '..';
import { grant, world } from './world';

describe('rule 4: per-product grants', () => {
  it('a grant scoped to product P gives access only to P', () => {
    const w = world();
    const acme = w.client();
    const nats1 = w.product(acme);
    const nats2 = w.product(acme);
    const bob = w.subAccount(acme, { grants: [grant('tickets', nats1)] });
    const facts = w.factsOf(bob);
    expect(can(facts, { section: 'tickets', clientId: acme.id, productId: nats1 })).toEqual({
      allowed: true,
      reason: `grant "tickets" on product ${nats1}`,
    });
    expect(can(facts, { section: 'tickets', clientId: acme.id, productId: nats2 })).toEqual({
      allowed: false,
      reason: `missing grant "tickets" on product ${nats2}`,
    });
  });

  it("a grant scoped to a product doesn't reach the client's records tied to no product", () => {
    const w = world();
    const acme = w.client();
    const nats1 = w.product(acme);
    const bob = w.subAccount(acme, { grants: [grant('billing', nats1)] });
    expect(can(w.factsOf(bob), { section: 'billing', clientId: acme.id }).allowed).toBe(false);
    expect(scopes(w.factsOf(bob), 'billing')).toEqual([{ clientId: acme.id, clientWide: false, productIds: [nats1] }]);
  });

  it('a grant scoped to a product reaches it without the product being distributed', () => {
    const w = world();
    const acme = w.client();
    const nats1 = w.product(acme);
    const bob = w.subAccount(acme, { grants: [grant('tickets', nats1)] });
    expect(w.productFact(nats1).distributedTo).toEqual([]);
    expect(can(w.factsOf(bob), { section: 'tickets', clientId: acme.id, productId: nats1 }).allowed).toBe(true);
  });

  it("a product of another client is never reached, whatever the grants say", () => {
    const w = world();
    const acme = w.client();
    const globex = w.client();
    const foreign = w.product(globex);
    const bob = w.subAccount(acme, { grants: [grant('tickets', foreign), grant('tickets')] });
    w.distribute(foreign, bob);
    expect(can(w.factsOf(bob), { section: 'tickets', clientId: acme.id, productId: foreign })).toEqual({
      allowed: false,
      reason: `product ${foreign} is not a product of client ${acme.id}`,
    });
    expect(scopes(w.factsOf(bob), 'tickets')).toEqual([{ clientId: acme.id, clientWide: true, productIds: [] }]);
  });
});

describe('rule 7: product visibility', () => {
  it('a client-wide grant covers every product of the client, distributed or not', () => {
    const w = world();
    const acme = w.client();
    const nats1 = w.product(acme);
    const nats2 = w.product(acme);
    const grace = w.subAccount(acme, { grants: [grant('tickets')] });
    w.distribute(nats1, grace);
    const facts = w.factsOf(grace);
    expect(can(facts, { section: 'tickets', clientId: acme.id, productId: nats1 }).allowed).toBe(true);
    expect(can(facts, { section: 'tickets', clientId: acme.id, productId: nats2 }).allowed).toBe(true);
    expect(scopes(facts, 'tickets')).toEqual([{ clientId: acme.id, clientWide: true, productIds: [nats1, nats2] }]);
  });

  it('a client-wide grant covers every product the member owns', () => {
    const w = world();
    const acme = w.client();
    const grace = w.subAccount(acme, { grants: [grant('billing')] });
    const owned = w.product(acme, { owner: grace });
    expect(can(w.factsOf(grace), { section: 'billing', clientId: acme.id, productId: owned }).allowed).toBe(true);
  });

  it('a product is visible to every member it is distributed to, each within its own sections', () => {
    const w = world();
    const acme = w.client();
    const nats1 = w.product(acme);
    const billingClerk = w.subAccount(acme, { grants: [grant('billing')] });
    const engineer = w.subAccount(acme, { grants: [grant('tickets')] });
    w.distribute(nats1, billingClerk, engineer);
    const ask = (who: typeof engineer, section: string) => can(w.factsOf(who), { section, clientId: acme.id, productId: nats1 }).allowed;
    expect([ask(billingClerk, 'billing'), ask(billingClerk, 'tickets')]).toEqual([true, false]);
    expect([ask(engineer, 'billing'), ask(engineer, 'tickets')]).toEqual([false, true]);
  });

  it('a distributed product is visible to the member, and nothing else of it without a grant', () => {
    const w = world();
    const acme = w.client();
    const nats1 = w.product(acme);
    const nats2 = w.product(acme);
    const bob = w.subAccount(acme);
    w.distribute(nats1, bob);
    const facts = w.factsOf(bob);
    expect(can(facts, { section: 'products', clientId: acme.id, productId: nats1 }).allowed).toBe(true);
    expect(can(facts, { section: 'products', clientId: acme.id, productId: nats2 })).toEqual({
      allowed: false,
      reason: `missing grant "products" on product ${nats2}`,
    });
    for (const section of ['tickets', 'billing', 'product-management']) {
      expect(can(facts, { section, clientId: acme.id, productId: nats1 }).allowed).toBe(false);
    }
    expect(scopes(facts, 'products')).toEqual([{ clientId: acme.id, clientWide: false, productIds: [nats1] }]);
  });

  it("a grant change can't name a product of another client", () => {
    const w = world();
    const acme = w.client();
    const globex = w.client();
    const foreign = w.product(globex);
    const bob = w.subAccount(acme);
    const decision = checkGrantChange(w.factsOf(acme.master), {
      actor: { kind: 'membership', membershipId: acme.master.id },
      targetMembershipId: bob.id,
      newGrants: [grant('tickets', foreign)],
    });
    expect(decision).toEqual({ allowed: false, reason: `product ${foreign} is not a product of client ${acme.id}` });
  });
});

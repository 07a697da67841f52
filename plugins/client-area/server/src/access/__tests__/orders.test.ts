import { canCancelOrder, canDistribute, canPlaceOrder } from '..';
import { grant, world } from './world';

const as = (membershipId: number) => ({ kind: 'membership', membershipId }) as const;

/** Acme: a buyer holding orders and contacts, who made a member below it; another member beside it. */
function acmeWithBuyer() {
  const w = world();
  const acme = w.client();
  const buyer = w.subAccount(acme, { grants: [grant('orders'), grant('contacts'), grant('products')] });
  const below = w.subAccount(acme, { parent: buyer });
  const beside = w.subAccount(acme);
  return { w, acme, buyer, below, beside };
}

describe('orders: who places one, and who the product it makes is shown to', () => {
  it('a member with orders places an order; the product will be its own', () => {
    const { w, acme, buyer } = acmeWithBuyer();
    const decision = canPlaceOrder(w.factsOf(buyer), { clientId: acme.id, distributeTo: [] });
    expect(decision).toMatchObject({ allowed: true, ownerMembershipId: buyer.id, distribution: [] });
  });

  it('a member without orders is refused, and the refusal names the section', () => {
    const { w, acme, below } = acmeWithBuyer();
    expect(canPlaceOrder(w.factsOf(below), { clientId: acme.id, distributeTo: [] })).toMatchObject({ allowed: false, reason: `missing grant "orders" on client ${acme.id}`, ownerMembershipId: null });
  });

  it('a sub-account whose relationship password was not given yet is refused', () => {
    const w = world();
    const acme = w.client();
    const buyer = w.subAccount(acme, { grants: [grant('orders')], passwordVerified: false });
    expect(canPlaceOrder(w.factsOf(buyer), { clientId: acme.id, distributeTo: [] }).allowed).toBe(false);
  });

  it('the orderer shows the product to members it manages, as an owner could, and to no one else', () => {
    const { w, acme, buyer, below, beside } = acmeWithBuyer();
    const facts = w.factsOf(buyer);
    expect(canPlaceOrder(facts, { clientId: acme.id, distributeTo: [below.id] })).toMatchObject({ allowed: true, distribution: [{ allowed: true }] });
    const refused = canPlaceOrder(facts, { clientId: acme.id, distributeTo: [below.id, beside.id] });
    expect(refused.allowed).toBe(false);
    expect(refused.distribution.map((d) => d.allowed)).toEqual([true, false]);
    expect(refused.reason).toBe(`membership ${beside.id} is not managed by membership ${buyer.id}`);
    expect(canPlaceOrder(facts, { clientId: acme.id, distributeTo: [acme.master.id] }).reason).toBe("a sub-account can't distribute a product to the master");
  });

  it('each distribution decision is the one canDistribute gives once the product exists, owned by the orderer', () => {
    const { w, acme, buyer, below, beside } = acmeWithBuyer();
    const candidates = [below, beside, acme.master, buyer];
    for (const orderer of [buyer, acme.master]) {
      const decision = canPlaceOrder(w.factsOf(orderer), { clientId: acme.id, distributeTo: candidates.map((m) => m.id) });
      const made = w.product(acme, { owner: orderer });
      const afterwards = candidates.map((m) => canDistribute(w.factsOf(orderer), { actor: as(orderer.id), productId: made, membershipId: m.id }).allowed);
      expect(decision.distribution.map((d) => d.allowed)).toEqual(afterwards);
    }
  });

  it('the master orders and shows the product to any member', () => {
    const { w, acme, below, beside } = acmeWithBuyer();
    expect(canPlaceOrder(w.factsOf(acme.master), { clientId: acme.id, distributeTo: [below.id, beside.id] })).toMatchObject({
      allowed: true,
      ownerMembershipId: acme.master.id,
      distribution: [{ allowed: true }, { allowed: true }],
    });
  });

  it("a secondary logon with orders orders for its owner: the owner's master membership owns the product, and it picks no members", () => {
    const w = world();
    const owner = w.identity();
    const acme = w.client(owner);
    const member = w.subAccount(acme);
    const logon = w.logon(owner, { groups: [w.defaultGroup(owner)], sections: ['orders'] });
    expect(canPlaceOrder(w.factsOf(logon), { clientId: acme.id, distributeTo: [] })).toMatchObject({ allowed: true, ownerMembershipId: acme.master.id });
    expect(canPlaceOrder(w.factsOf(logon), { clientId: acme.id, distributeTo: [member.id] }).allowed).toBe(false);
    const noOrders = w.logon(owner, { groups: [w.defaultGroup(owner)], sections: ['tickets'] });
    expect(canPlaceOrder(w.factsOf(noOrders), { clientId: acme.id, distributeTo: [] })).toMatchObject({ allowed: false, ownerMembershipId: null });
  });

  it('a suspended parent takes orders away from its children', () => {
    const w = world();
    const acme = w.client();
    const parent = w.subAccount(acme, { grants: [grant('orders'), grant('contacts')], status: 'suspended' });
    const child = w.subAccount(acme, { parent, grants: [grant('orders')] });
    expect(canPlaceOrder(w.factsOf(child), { clientId: acme.id, distributeTo: [] }).allowed).toBe(false);
  });
});

describe('orders: who withdraws a pending one', () => {
  it('whoever placed it, whoever manages its member, the master and staff; nobody else', () => {
    const { w, acme, buyer, below, beside } = acmeWithBuyer();
    const order = { ownerMembershipId: below.id, placedByIdentityId: below.identityId };
    expect(canCancelOrder(w.factsOf(below), { actor: as(below.id), ...order }).allowed).toBe(true);
    expect(canCancelOrder(w.factsOf(buyer), { actor: as(buyer.id), ...order }).allowed).toBe(true);
    expect(canCancelOrder(w.factsOf(acme.master), { actor: as(acme.master.id), ...order }).allowed).toBe(true);
    expect(canCancelOrder(w.factsOf(acme.master), { actor: { kind: 'staff' }, ...order }).allowed).toBe(true);
    expect(canCancelOrder(w.factsOf(beside), { actor: as(beside.id), ...order })).toEqual({ allowed: false, reason: `missing grant "contacts" on client ${acme.id}` });
  });

  it("a sub-account can't withdraw the master's order; a secondary logon withdraws the one it placed", () => {
    const w = world();
    const owner = w.identity();
    const acme = w.client(owner);
    const manager = w.subAccount(acme, { grants: [grant('orders'), grant('contacts')] });
    const logon = w.logon(owner, { groups: [w.defaultGroup(owner)], sections: ['orders'] });
    const placedByLogon = { ownerMembershipId: acme.master.id, placedByIdentityId: logon.logonIdentityId };
    expect(canCancelOrder(w.factsOf(manager), { actor: as(manager.id), ...placedByLogon }).reason).toBe("a sub-account can't withdraw the master's order");
    expect(canCancelOrder(w.factsOf(logon), { actor: null, ...placedByLogon }).allowed).toBe(true);
    expect(canCancelOrder(w.factsOf(logon), { actor: null, ownerMembershipId: acme.master.id, placedByIdentityId: owner }).allowed).toBe(false);
  });
});

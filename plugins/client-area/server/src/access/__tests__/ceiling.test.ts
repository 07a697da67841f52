import { checkGrantChange, type Grant, type MembershipFact } from '..';
import { grant, world, type World } from './world';

const staff = { kind: 'staff' } as const;
const change = (w: World, actor: MembershipFact | 'staff', target: MembershipFact, newGrants: Grant[]) =>
  checkGrantChange(w.factsOf(actor === 'staff' ? target : actor), {
    actor: actor === 'staff' ? staff : { kind: 'membership', membershipId: actor.id },
    targetMembershipId: target.id,
    newGrants,
  });

/** Acme, a product, and a manager with contacts and tickets who made one member. */
function managerAndMember() {
  const w = world();
  const acme = w.client();
  const nats1 = w.product(acme);
  const manager = w.subAccount(acme, { grants: [grant('contacts'), grant('tickets')] });
  const member = w.subAccount(acme, { parent: manager });
  return { w, acme, nats1, manager, member };
}

describe('rule 5: the delegation ceiling', () => {
  it("a sub-account can't grant what it lacks", () => {
    const { w, acme, manager, member } = managerAndMember();
    expect(change(w, manager, member, [grant('tickets'), grant('billing'), grant('orders')])).toEqual({
      allowed: false,
      reason: `grant "billing" on client ${acme.id} is above your own access`,
      grant: grant('billing'),
    });
  });

  it('a sub-account grants what it holds itself', () => {
    const { w, manager, member } = managerAndMember();
    expect(change(w, manager, member, [grant('tickets'), grant('contacts')]).allowed).toBe(true);
  });

  it("a sub-account can't grant client-wide a section it holds on one product only", () => {
    const { w, acme, nats1, manager, member } = managerAndMember();
    manager.grants = [grant('contacts'), grant('billing', nats1)];
    expect(change(w, manager, member, [grant('billing', nats1)]).allowed).toBe(true);
    expect(change(w, manager, member, [grant('billing')]).reason).toBe(`grant "billing" on client ${acme.id} is above your own access`);
  });

  it('a sub-account grants any product its client-wide grant covers, and only the products a scoped grant names', () => {
    const { w, acme, nats1, manager, member } = managerAndMember();
    const nats2 = w.product(acme);
    expect(change(w, manager, member, [grant('tickets', nats1), grant('tickets', nats2)]).allowed).toBe(true);
    manager.grants = [grant('contacts'), grant('tickets', nats1)];
    expect(change(w, manager, member, [grant('tickets', nats1)]).allowed).toBe(true);
    expect(change(w, manager, member, [grant('tickets', nats2)]).grant).toEqual(grant('tickets', nats2));
    expect(change(w, manager, member, [grant('tickets')]).grant).toEqual(grant('tickets'));
  });

  it('a sub-account needs contacts to change grants', () => {
    const { w, acme, manager, member } = managerAndMember();
    manager.grants = [grant('tickets')];
    expect(change(w, manager, member, [grant('tickets')]).reason).toBe(`missing grant "contacts" on client ${acme.id}`);
  });

  it('a sub-account can never change its own grants', () => {
    const { w, manager } = managerAndMember();
    expect(change(w, manager, manager, [grant('tickets')]).reason).toBe("a sub-account can't change its own grants");
    expect(change(w, manager, manager, []).allowed).toBe(false);
  });

  it("a sub-account can't change the grants of its parent or of a member it doesn't manage", () => {
    const { w, acme, manager, member } = managerAndMember();
    member.grants = [grant('contacts'), grant('tickets')];
    const sibling = w.subAccount(acme);
    expect(change(w, member, manager, [grant('contacts')]).reason).toBe(`membership ${manager.id} is not managed by membership ${member.id}`);
    expect(change(w, manager, sibling, [grant('tickets')]).allowed).toBe(false);
  });

  it('a sub-account changes the grants of every member below it, not only its children', () => {
    const { w, acme, manager, member } = managerAndMember();
    const grandchild = w.subAccount(acme, { parent: member });
    expect(change(w, manager, grandchild, [grant('tickets')]).allowed).toBe(true);
  });

  it('the master and staff may grant anything', () => {
    const { w, acme, nats1, member } = managerAndMember();
    const everything = [grant('billing'), grant('orders'), grant('tickets', nats1), grant('profile')];
    expect(change(w, acme.master, member, everything)).toEqual({ allowed: true, reason: 'the master may grant anything' });
    expect(change(w, 'staff', member, everything)).toEqual({ allowed: true, reason: 'staff may grant anything' });
  });

  it('grants the target already holds are not held against the actor', () => {
    const { w, manager, member } = managerAndMember();
    member.grants = [grant('billing')];
    expect(change(w, manager, member, [grant('billing'), grant('tickets')]).allowed).toBe(true);
    expect(change(w, manager, member, []).allowed).toBe(true);
  });

  it("only the product's owner sets other members' grants on an owned product", () => {
    const { w, acme, manager, member } = managerAndMember();
    const otherOwner = w.subAccount(acme);
    const owned = w.product(acme, { owner: otherOwner, distributedTo: [manager] });
    expect(change(w, manager, member, [grant('tickets', owned)]).reason).toBe(
      `product ${owned} is owned by membership ${otherOwner.id}: only its owner or the master sets grants on it`,
    );
    w.productFact(owned).ownerMembershipId = manager.id;
    expect(change(w, manager, member, [grant('tickets', owned)]).allowed).toBe(true);
  });

  it("only the product's owner revokes other members' grants on an owned product", () => {
    const { w, acme, nats1, manager, member } = managerAndMember();
    member.grants = [grant('tickets', nats1)];
    w.productFact(nats1).ownerMembershipId = acme.master.id;
    expect(change(w, manager, member, []).allowed).toBe(false);
    expect(change(w, acme.master, member, []).allowed).toBe(true);
  });

  it("the master overrides a product's owner", () => {
    const { w, acme, manager, member } = managerAndMember();
    const owned = w.product(acme, { owner: manager });
    expect(change(w, acme.master, member, [grant('billing', owned)]).allowed).toBe(true);
  });

  it("a removed membership's grants can't be changed", () => {
    const { w, manager, member } = managerAndMember();
    member.status = 'removed';
    expect(change(w, manager, member, []).reason).toBe(`membership ${member.id} is removed`);
  });
});

describe('rule 7: a client-wide grant covers every product, owned ones too', () => {
  it("a sub-account can't give a client-wide grant that covers a product owned by someone else", () => {
    const { w, acme, manager, member } = managerAndMember();
    const otherOwner = w.subAccount(acme);
    const owned = w.product(acme, { owner: otherOwner });
    const decision = change(w, manager, member, [grant('tickets')]);
    expect(decision).toMatchObject({ allowed: false });
    expect(decision.reason).toBe(
      `client-wide grant "tickets" covers product ${owned}, which is owned by membership ${otherOwner.id}: only its owner or the master sets grants on it: grant it per product instead`,
    );
  });

  it('nor revoke one, and per-product grants on the products it may set still work', () => {
    const { w, acme, nats1, manager, member } = managerAndMember();
    const otherOwner = w.subAccount(acme);
    w.product(acme, { owner: otherOwner });
    member.grants = [grant('tickets')];
    expect(change(w, manager, member, []).allowed).toBe(false);
    member.grants = [];
    expect(change(w, manager, member, [grant('tickets', nats1)]).allowed).toBe(true);
  });

  it('a client-wide grant is fine when every owned product is the actor\'s, and for sections no product scopes', () => {
    const { w, acme, manager, member } = managerAndMember();
    w.product(acme, { owner: manager });
    expect(change(w, manager, member, [grant('tickets')]).allowed).toBe(true);
    const otherOwner = w.subAccount(acme);
    w.product(acme, { owner: otherOwner });
    expect(change(w, manager, member, [grant('contacts')]).allowed).toBe(true);
  });

  it('the master gives client-wide grants whoever owns the products', () => {
    const { w, acme, member } = managerAndMember();
    w.product(acme, { owner: w.subAccount(acme) });
    expect(change(w, acme.master, member, [grant('tickets')]).allowed).toBe(true);
  });
});

describe('refusals name people and products as a person knows them', () => {
  it('by label and public id when the loader gives them', () => {
    const { w, acme, manager, member } = managerAndMember();
    manager.label = 'dave';
    manager.ref = 'doc-dave';
    member.label = 'bob';
    member.ref = 'doc-bob';
    const sibling = w.subAccount(acme, { grants: [] });
    sibling.label = 'erin';
    sibling.ref = 'doc-erin';
    const facts = { ...w.factsOf(member), clients: [{ id: acme.id, ref: 'doc-acme' }] };
    expect(checkGrantChange(facts, { actor: { kind: 'membership', membershipId: member.id }, targetMembershipId: sibling.id, newGrants: [] }).reason).toBe(
      'missing grant "contacts" on client doc-acme',
    );
    member.grants = [grant('contacts')];
    expect(checkGrantChange(facts, { actor: { kind: 'membership', membershipId: member.id }, targetMembershipId: sibling.id, newGrants: [] }).reason).toBe(
      'member "erin" (doc-erin) is not managed by member "bob" (doc-bob)',
    );
  });
});

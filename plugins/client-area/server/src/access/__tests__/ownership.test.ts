import { canDistribute, canRelease, canTakeOwnership, canUndistribute } from '..';
import { grant, world } from './world';

const staff = { kind: 'staff' } as const;
const as = (membershipId: number) => ({ kind: 'membership', membershipId }) as const;

function acmeWithManager() {
  const w = world();
  const acme = w.client();
  const manager = w.subAccount(acme, { grants: [grant('contacts'), grant('tickets')] });
  const member = w.subAccount(acme, { parent: manager });
  return { w, acme, manager, member };
}

describe('rule 7: ownership and distribution', () => {
  it("an unowned product distributed to a member can be taken under that member's management", () => {
    const { w, acme, manager } = acmeWithManager();
    const nats1 = w.product(acme, { distributedTo: [manager] });
    expect(canTakeOwnership(w.factsOf(manager), { actor: as(manager.id), productId: nats1 }).allowed).toBe(true);
  });

  it("a product that isn't distributed to a member can't be taken by it", () => {
    const { w, acme, manager } = acmeWithManager();
    const nats1 = w.product(acme);
    expect(canTakeOwnership(w.factsOf(manager), { actor: as(manager.id), productId: nats1 }).reason).toBe(
      `product ${nats1} is not distributed to membership ${manager.id}`,
    );
  });

  it('a product has a single owner: an owned product must be released before another member takes it', () => {
    const { w, acme, manager, member } = acmeWithManager();
    const nats1 = w.product(acme, { owner: member, distributedTo: [manager, member] });
    expect(canTakeOwnership(w.factsOf(manager), { actor: as(manager.id), productId: nats1 }).allowed).toBe(false);
    expect(canTakeOwnership(w.factsOf(member), { actor: as(member.id), productId: nats1 }).reason).toBe(`product ${nats1} is already yours`);
  });

  it('the master and staff override ownership', () => {
    const { w, acme, member } = acmeWithManager();
    const nats1 = w.product(acme, { owner: member });
    expect(canTakeOwnership(w.factsOf(acme.master), { actor: as(acme.master.id), productId: nats1 }).allowed).toBe(true);
    expect(canTakeOwnership(w.factsOf(acme.master), { actor: staff, productId: nats1 }).allowed).toBe(true);
  });

  it('the owner distributes its product to the members it manages', () => {
    const { w, acme, manager, member } = acmeWithManager();
    const nats1 = w.product(acme, { owner: manager });
    expect(canDistribute(w.factsOf(manager), { actor: as(manager.id), productId: nats1, membershipId: member.id }).allowed).toBe(true);
  });

  it("a member can't distribute a product another member owns; the master can", () => {
    const { w, acme, manager, member } = acmeWithManager();
    const other = w.subAccount(acme);
    const nats1 = w.product(acme, { owner: other, distributedTo: [manager] });
    expect(canDistribute(w.factsOf(manager), { actor: as(manager.id), productId: nats1, membershipId: member.id }).allowed).toBe(false);
    expect(canDistribute(w.factsOf(acme.master), { actor: as(acme.master.id), productId: nats1, membershipId: member.id }).allowed).toBe(true);
  });

  it('a member passes on an unowned product it sees to the members it manages, and no product it does not see', () => {
    const { w, acme, manager, member } = acmeWithManager();
    const seen = w.product(acme, { distributedTo: [manager] });
    const unseen = w.product(acme);
    expect(canDistribute(w.factsOf(manager), { actor: as(manager.id), productId: seen, membershipId: member.id }).allowed).toBe(true);
    expect(canDistribute(w.factsOf(manager), { actor: as(manager.id), productId: unseen, membershipId: member.id }).allowed).toBe(false);
  });

  it("a product can't be distributed to a member of another client", () => {
    const { w, acme } = acmeWithManager();
    const globex = w.client();
    const stranger = w.subAccount(globex);
    const nats1 = w.product(acme);
    expect(canDistribute(w.factsOf(acme.master), { actor: staff, productId: nats1, membershipId: stranger.id }).allowed).toBe(false);
  });

  it('the owner releases its product, and then another member it is distributed to may take it; nobody else releases it but the master', () => {
    const { w, acme, manager, member } = acmeWithManager();
    const other = w.subAccount(acme, { grants: [grant('contacts')] });
    const nats1 = w.product(acme, { owner: member, distributedTo: [manager, member] });
    expect(canRelease(w.factsOf(manager), { actor: as(manager.id), productId: nats1 }).reason).toBe(
      `product ${nats1} is owned by membership ${member.id}: only its owner or the master releases it`,
    );
    expect(canRelease(w.factsOf(other), { actor: as(other.id), productId: nats1 }).allowed).toBe(false);
    expect(canRelease(w.factsOf(acme.master), { actor: as(acme.master.id), productId: nats1 }).allowed).toBe(true);
    expect(canRelease(w.factsOf(acme.master), { actor: staff, productId: nats1 }).allowed).toBe(true);
    expect(canRelease(w.factsOf(member), { actor: as(member.id), productId: nats1 }).allowed).toBe(true);
    // Released: unowned, still distributed to the manager, who may now take it.
    w.productFact(nats1).ownerMembershipId = null;
    expect(canTakeOwnership(w.factsOf(manager), { actor: as(manager.id), productId: nats1 }).allowed).toBe(true);
    expect(canRelease(w.factsOf(member), { actor: as(member.id), productId: nats1 }).reason).toBe(`product ${nats1} is not under anyone's management`);
  });

  it('a product is taken back from a member by whoever may distribute it to that member, and only where it is distributed', () => {
    const { w, acme, manager, member } = acmeWithManager();
    const nats1 = w.product(acme, { owner: manager, distributedTo: [member] });
    const nats2 = w.product(acme, { owner: manager });
    expect(canUndistribute(w.factsOf(manager), { actor: as(manager.id), productId: nats1, membershipId: member.id }).allowed).toBe(true);
    expect(canUndistribute(w.factsOf(manager), { actor: as(manager.id), productId: nats2, membershipId: member.id }).reason).toBe(
      `product ${nats2} is not distributed to membership ${member.id}`,
    );
    // The member can't take it back from itself, nor can a member who doesn't own it.
    expect(canUndistribute(w.factsOf(member), { actor: as(member.id), productId: nats1, membershipId: member.id }).allowed).toBe(false);
    const other = w.subAccount(acme, { grants: [grant('contacts')] });
    const below = w.subAccount(acme, { parent: other });
    w.distribute(nats1, below);
    expect(canUndistribute(w.factsOf(other), { actor: as(other.id), productId: nats1, membershipId: below.id }).reason).toBe(
      `product ${nats1} is owned by membership ${manager.id}: only its owner or the master distributes it`,
    );
    expect(canUndistribute(w.factsOf(acme.master), { actor: as(acme.master.id), productId: nats1, membershipId: below.id }).allowed).toBe(true);
  });
});

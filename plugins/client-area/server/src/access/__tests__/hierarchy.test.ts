import { can, canEditContact, canRemove, canReparent, canRestore, canSuspend, descendants, effectiveGrants } from '..';
import { grant, world } from './world';

const staff = { kind: 'staff' } as const;
const as = (membershipId: number) => ({ kind: 'membership', membershipId }) as const;

/** Acme with a manager (contacts, tickets, billing) who made a member, who made another. */
function chainOfThree() {
  const w = world();
  const acme = w.client();
  const nats1 = w.product(acme);
  const manager = w.subAccount(acme, { grants: [grant('contacts'), grant('tickets'), grant('billing')] });
  const member = w.subAccount(acme, { parent: manager, grants: [grant('contacts'), grant('tickets'), grant('billing')] });
  const leaf = w.subAccount(acme, { parent: member, grants: [grant('tickets'), grant('billing')] });
  return { w, acme, nats1, manager, member, leaf };
}

describe('rule 6: hierarchy', () => {
  it("effective grants are the member's grants ∩ its parent's effective grants", () => {
    const { w, acme, nats1, manager, member } = chainOfThree();
    manager.grants = [grant('contacts'), grant('tickets')];
    member.grants = [grant('tickets'), grant('billing'), grant('orders')];
    // Expanded: client-wide, then each product the client-wide grant covers.
    expect(effectiveGrants(w.factsOf(member), member.id)).toEqual([grant('tickets'), grant('tickets', nats1)]);
    expect(can(w.factsOf(member), { section: 'billing', clientId: acme.id })).toEqual({
      allowed: false,
      reason: `missing grant "billing" on client ${acme.id} (membership ${manager.id}, which manages membership ${member.id}, lacks it)`,
    });
  });

  it('narrowing a parent narrows every descendant on the very next request', () => {
    const { w, acme, manager, leaf } = chainOfThree();
    expect(can(w.factsOf(leaf), { section: 'billing', clientId: acme.id }).allowed).toBe(true);
    manager.grants = manager.grants.filter((g) => g.section !== 'billing');
    expect(can(w.factsOf(leaf), { section: 'billing', clientId: acme.id }).allowed).toBe(false);
    expect(can(w.factsOf(leaf), { section: 'tickets', clientId: acme.id }).allowed).toBe(true);
  });

  it("a parent's product-scoped grant narrows a child's client-wide grant to that product", () => {
    const { w, acme, nats1, manager, member } = chainOfThree();
    const nats2 = w.product(acme);
    manager.grants = [grant('contacts'), grant('tickets', nats1)];
    expect(effectiveGrants(w.factsOf(member), member.id)).toEqual([grant('contacts'), grant('tickets', nats1)]);
    expect(can(w.factsOf(member), { section: 'tickets', clientId: acme.id, productId: nats2 }).allowed).toBe(false);
  });

  it('suspending a parent suspends every descendant', () => {
    const { w, acme, manager, member, leaf } = chainOfThree();
    manager.status = 'suspended';
    for (const m of [member, leaf]) {
      expect(effectiveGrants(w.factsOf(m), m.id)).toEqual([]);
      expect(can(w.factsOf(m), { section: 'tickets', clientId: acme.id }).reason).toBe(
        `membership ${manager.id}, which manages membership ${m.id}, is suspended`,
      );
    }
  });

  it('removing a parent removes the access of every descendant', () => {
    const { w, acme, member, leaf } = chainOfThree();
    member.status = 'removed';
    expect(can(w.factsOf(leaf), { section: 'tickets', clientId: acme.id }).allowed).toBe(false);
  });

  it('restoring a suspended parent restores its descendants', () => {
    const { w, acme, manager, leaf } = chainOfThree();
    manager.status = 'suspended';
    manager.status = 'active';
    expect(can(w.factsOf(leaf), { section: 'tickets', clientId: acme.id }).allowed).toBe(true);
  });

  it("a parent that wasn't loaded, or a parent loop, fails closed", () => {
    const { w, acme, manager, member } = chainOfThree();
    const facts = w.factsOf(member);
    const withoutManager = { ...facts, memberships: facts.memberships.filter((m) => m !== manager) };
    expect(can(withoutManager, { section: 'tickets', clientId: acme.id }).reason).toBe(`parent membership ${manager.id} is not loaded`);
    manager.parentId = member.id;
    expect(can(w.factsOf(member), { section: 'tickets', clientId: acme.id }).reason).toBe(`membership ${member.id} is in a parent loop`);
  });

  it('a sub-account with no parent (made by staff) is bounded by its own grants', () => {
    const w = world();
    const acme = w.client();
    const imported = w.subAccount(acme, { grants: [grant('billing')] });
    imported.parentId = null;
    expect(effectiveGrants(w.factsOf(imported), imported.id)).toEqual([grant('billing')]);
  });

  it('descendants lists every membership below one, nearest first', () => {
    const { w, acme, manager, member, leaf } = chainOfThree();
    const sibling = w.subAccount(acme, { parent: manager });
    expect(descendants(w.factsOf(manager), manager.id)).toEqual([member.id, sibling.id, leaf.id]);
    expect(descendants(w.factsOf(manager), leaf.id)).toEqual([]);
  });

  it("a member with children can't be removed by a sub-account until they are reassigned", () => {
    const { w, manager, member, leaf } = chainOfThree();
    const decision = canRemove(w.factsOf(manager), { actor: as(manager.id), membershipId: member.id });
    expect(decision).toEqual({
      allowed: false,
      reason: `membership ${member.id} still manages membership ${leaf.id}: reassign them first`,
      reassign: { memberships: [leaf.id], products: [] },
    });
  });

  it("a member owning products can't be removed by a sub-account until they are reassigned", () => {
    const { w, acme, manager, leaf } = chainOfThree();
    const owned = w.product(acme, { owner: leaf });
    const decision = canRemove(w.factsOf(manager), { actor: as(manager.id), membershipId: leaf.id });
    expect(decision.allowed).toBe(false);
    expect(decision.reassign).toEqual({ memberships: [], products: [owned] });
  });

  it('a removed child no longer holds its parent back', () => {
    const { w, manager, member, leaf } = chainOfThree();
    leaf.status = 'removed';
    expect(canRemove(w.factsOf(manager), { actor: as(manager.id), membershipId: member.id }).allowed).toBe(true);
  });

  it('the master and staff take over the children and products of a member they remove', () => {
    const { w, acme, member, leaf } = chainOfThree();
    const owned = w.product(acme, { owner: member });
    for (const actor of [as(acme.master.id), staff]) {
      expect(canRemove(w.factsOf(acme.master), { actor, membershipId: member.id })).toMatchObject({
        allowed: true,
        reassign: { memberships: [leaf.id], products: [owned] },
      });
    }
  });

  it('a sub-account with contacts removes and suspends a member it manages', () => {
    const { w, manager, leaf } = chainOfThree();
    expect(canRemove(w.factsOf(manager), { actor: as(manager.id), membershipId: leaf.id }).allowed).toBe(true);
    expect(canSuspend(w.factsOf(manager), { actor: as(manager.id), membershipId: leaf.id }).allowed).toBe(true);
  });

  it("a sub-account can't remove or suspend a member it doesn't manage", () => {
    const { w, acme, manager, member } = chainOfThree();
    const stranger = w.subAccount(acme);
    for (const target of [manager, stranger]) {
      expect(canRemove(w.factsOf(member), { actor: as(member.id), membershipId: target.id }).reason).toBe(
        `membership ${target.id} is not managed by membership ${member.id}`,
      );
      expect(canSuspend(w.factsOf(member), { actor: as(member.id), membershipId: target.id }).allowed).toBe(false);
    }
  });

  it("a sub-account can't remove or suspend itself", () => {
    const { w, member } = chainOfThree();
    expect(canRemove(w.factsOf(member), { actor: as(member.id), membershipId: member.id }).reason).toBe("a sub-account can't remove itself");
    expect(canSuspend(w.factsOf(member), { actor: as(member.id), membershipId: member.id }).reason).toBe("a sub-account can't suspend itself");
  });

  it('a sub-account without contacts manages nobody, not even its own children', () => {
    const { w, acme, member, leaf } = chainOfThree();
    member.grants = [grant('tickets')];
    expect(canSuspend(w.factsOf(member), { actor: as(member.id), membershipId: leaf.id })).toEqual({
      allowed: false,
      reason: `missing grant "contacts" on client ${acme.id}`,
    });
  });

  it('a suspended sub-account manages nobody', () => {
    const { w, manager, member, leaf } = chainOfThree();
    manager.status = 'suspended';
    expect(canRemove(w.factsOf(member), { actor: as(member.id), membershipId: leaf.id }).allowed).toBe(false);
  });

  it("an actor membership must be the caller's own", () => {
    const { w, manager, member, leaf } = chainOfThree();
    expect(canRemove(w.factsOf(leaf), { actor: as(manager.id), membershipId: member.id }).reason).toBe(`membership ${manager.id} is not yours`);
  });

  describe('reassigning a member to another parent', () => {
    it('the master moves a member anywhere in its client, and the new parent narrows it', () => {
      const { w, acme, manager, member, leaf } = chainOfThree();
      const other = w.subAccount(acme, { grants: [grant('tickets')] });
      expect(canReparent(w.factsOf(acme.master), { actor: as(acme.master.id), membershipId: leaf.id, parentId: other.id }).allowed).toBe(true);
      leaf.parentId = other.id;
      expect(can(w.factsOf(leaf), { section: 'billing', clientId: acme.id }).allowed).toBe(false);
      expect(can(w.factsOf(leaf), { section: 'tickets', clientId: acme.id }).allowed).toBe(true);
      expect(canReparent(w.factsOf(acme.master), { actor: staff, membershipId: member.id, parentId: null }).allowed).toBe(true);
      expect(manager.id).toBeGreaterThan(0);
    });

    it('never puts a member under itself or one of its descendants', () => {
      const { w, acme, member, leaf } = chainOfThree();
      expect(canReparent(w.factsOf(acme.master), { actor: staff, membershipId: member.id, parentId: leaf.id }).reason).toBe(
        `membership ${leaf.id} is membership ${member.id} itself or below it`,
      );
      expect(canReparent(w.factsOf(acme.master), { actor: staff, membershipId: member.id, parentId: member.id }).allowed).toBe(false);
    });

    it('a sub-account moves only members it manages, under itself or another member it manages', () => {
      const { w, acme, manager, member, leaf } = chainOfThree();
      const sibling = w.subAccount(acme, { parent: manager });
      const stranger = w.subAccount(acme);
      const facts = w.factsOf(manager);
      expect(canReparent(facts, { actor: as(manager.id), membershipId: leaf.id, parentId: sibling.id }).allowed).toBe(true);
      expect(canReparent(facts, { actor: as(manager.id), membershipId: leaf.id, parentId: manager.id }).allowed).toBe(true);
      expect(canReparent(facts, { actor: as(manager.id), membershipId: leaf.id, parentId: stranger.id }).reason).toBe(
        `membership ${stranger.id} is not managed by membership ${manager.id}`,
      );
      expect(canReparent(facts, { actor: as(manager.id), membershipId: stranger.id, parentId: member.id }).allowed).toBe(false);
      expect(canReparent(facts, { actor: as(manager.id), membershipId: leaf.id, parentId: null }).allowed).toBe(false);
      expect(canReparent(facts, { actor: as(manager.id), membershipId: acme.master.id, parentId: member.id }).allowed).toBe(false);
    });
  });
});

describe('rule 6: a suspension holds against everyone below the one who made it', () => {
  it("a sub-account can't restore a member the master suspended", () => {
    const { w, acme, manager, leaf } = chainOfThree();
    leaf.status = 'suspended';
    leaf.suspendedBy = { kind: 'membership', membershipId: acme.master.id };
    expect(canRestore(w.factsOf(manager), { actor: as(manager.id), membershipId: leaf.id })).toEqual({
      allowed: false,
      reason: `membership ${leaf.id} was suspended by membership ${acme.master.id}, above you: only they or a member above them restore it`,
    });
    expect(canRestore(w.factsOf(acme.master), { actor: as(acme.master.id), membershipId: leaf.id }).allowed).toBe(true);
  });

  it('a sub-account restores what it or a member it manages suspended', () => {
    const { w, manager, member, leaf } = chainOfThree();
    leaf.status = 'suspended';
    leaf.suspendedBy = { kind: 'membership', membershipId: member.id };
    expect(canRestore(w.factsOf(member), { actor: as(member.id), membershipId: leaf.id }).allowed).toBe(true);
    expect(canRestore(w.factsOf(manager), { actor: as(manager.id), membershipId: leaf.id }).allowed).toBe(true);
  });

  it('what staff suspended, only staff restore; an unknown suspender waits for the master', () => {
    const { w, acme, manager, leaf } = chainOfThree();
    leaf.status = 'suspended';
    leaf.suspendedBy = { kind: 'staff' };
    expect(canRestore(w.factsOf(acme.master), { actor: as(acme.master.id), membershipId: leaf.id }).allowed).toBe(false);
    expect(canRestore(w.factsOf(leaf), { actor: staff, membershipId: leaf.id }).allowed).toBe(true);
    leaf.suspendedBy = null;
    expect(canRestore(w.factsOf(manager), { actor: as(manager.id), membershipId: leaf.id }).allowed).toBe(false);
    expect(canRestore(w.factsOf(acme.master), { actor: as(acme.master.id), membershipId: leaf.id }).allowed).toBe(true);
  });

  it('only a suspended member is restored', () => {
    const { w, acme, leaf } = chainOfThree();
    expect(canRestore(w.factsOf(acme.master), { actor: as(acme.master.id), membershipId: leaf.id }).reason).toBe(`membership ${leaf.id} is not suspended`);
  });
});

describe("a member's contact is that member's (contact takeover)", () => {
  const edit = (w: ReturnType<typeof world>, actor: { id: number; identityId: number } | 'staff', clientId: number, owner: { id: number } | null) =>
    canEditContact(w.factsOf(actor === 'staff' ? w.memberships[0] : (actor as any)), {
      actor: actor === 'staff' ? staff : as(actor.id),
      clientId,
      contactMembershipId: owner?.id ?? null,
    });

  it("a sub-account with contacts can't edit the master's contact, nor a sibling's", () => {
    const { w, acme, manager } = chainOfThree();
    const sibling = w.subAccount(acme, { grants: [grant('contacts')] });
    expect(edit(w, manager, acme.id, acme.master)).toEqual({
      allowed: false,
      reason: `the contact is the login of membership ${acme.master.id}: a sub-account can't edit the master's contact`,
    });
    expect(edit(w, manager, acme.id, sibling).allowed).toBe(false);
    expect(edit(w, sibling, acme.id, manager).allowed).toBe(false);
  });

  it('the member itself, a member above it, the master and staff edit it; anyone with contacts edits a contact that is nobody\'s login', () => {
    const { w, acme, manager, member, leaf } = chainOfThree();
    expect(edit(w, leaf, acme.id, leaf).allowed).toBe(true);
    expect(edit(w, member, acme.id, leaf).allowed).toBe(true);
    expect(edit(w, manager, acme.id, leaf).allowed).toBe(true);
    expect(edit(w, acme.master, acme.id, leaf).allowed).toBe(true);
    expect(edit(w, acme.master, acme.id, acme.master).allowed).toBe(true);
    expect(edit(w, 'staff', acme.id, acme.master).allowed).toBe(true);
    expect(edit(w, leaf, acme.id, null).allowed).toBe(true);
    expect(edit(w, leaf, acme.id, member).allowed).toBe(false);
  });
});

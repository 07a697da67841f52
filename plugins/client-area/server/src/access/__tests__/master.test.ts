import { can, canRemove, canSuspend, checkGrantChange, effectiveGrants, scopes } from '..';
import { grant, PRODUCT_SCOPED, SECTIONS, world } from './world';

const staff = { kind: 'staff' } as const;
const as = (membershipId: number) => ({ kind: 'membership', membershipId }) as const;

describe('rule 1: the master', () => {
  it('the master has every section on every product of its client, distributed or not', () => {
    const w = world();
    const acme = w.client();
    const bob = w.subAccount(acme);
    const owned = w.product(acme, { owner: bob });
    const plain = w.product(acme);
    const facts = w.factsOf(acme.master);
    for (const { name } of SECTIONS) expect(can(facts, { section: name, clientId: acme.id })).toEqual({ allowed: true, reason: `master of client ${acme.id}` });
    for (const section of PRODUCT_SCOPED) {
      for (const productId of [owned, plain]) expect(can(facts, { section, clientId: acme.id, productId }).allowed).toBe(true);
    }
  });

  it('the master needs no relationship password', () => {
    const w = world();
    const acme = w.client();
    acme.master.passwordVerified = false;
    expect(can(w.factsOf(acme.master), { section: 'billing', clientId: acme.id }).allowed).toBe(true);
  });

  it("the master's list scopes cover every product of its client", () => {
    const w = world();
    const acme = w.client();
    w.product(acme);
    expect(scopes(w.factsOf(acme.master), 'tickets')).toEqual([{ clientId: acme.id, clientWide: true, productIds: 'all' }]);
  });

  it("the master of one client has nothing in a client it isn't a member of", () => {
    const w = world();
    const acme = w.client();
    const globex = w.client();
    const decision = can(w.factsOf(acme.master), { section: 'tickets', clientId: globex.id });
    expect(decision).toEqual({ allowed: false, reason: `no membership in client ${globex.id}` });
  });

  it("a suspended master has nothing (only staff suspend it)", () => {
    const w = world();
    const acme = w.client();
    acme.master.status = 'suspended';
    expect(can(w.factsOf(acme.master), { section: 'profile', clientId: acme.id }).allowed).toBe(false);
    expect(effectiveGrants(w.factsOf(acme.master), acme.master.id)).toEqual([]);
  });

  it("a sub-account can't remove the master, even with contacts", () => {
    const w = world();
    const acme = w.client();
    const dave = w.subAccount(acme, { grants: [grant('contacts')] });
    expect(canRemove(w.factsOf(dave), { actor: as(dave.id), membershipId: acme.master.id })).toMatchObject({
      allowed: false,
      reason: "a sub-account can't remove the master",
    });
  });

  it("a sub-account can't suspend the master, even with contacts", () => {
    const w = world();
    const acme = w.client();
    const dave = w.subAccount(acme, { grants: [grant('contacts')] });
    expect(canSuspend(w.factsOf(dave), { actor: as(dave.id), membershipId: acme.master.id })).toEqual({
      allowed: false,
      reason: "a sub-account can't suspend the master",
    });
  });

  it('only staff suspend the master', () => {
    const w = world();
    const acme = w.client();
    expect(canSuspend(w.factsOf(acme.master), { actor: as(acme.master.id), membershipId: acme.master.id }).allowed).toBe(false);
    expect(canSuspend(w.factsOf(acme.master), { actor: staff, membershipId: acme.master.id }).allowed).toBe(true);
  });

  it('the master is never removed, not even by staff: the client is transferred instead', () => {
    const w = world();
    const acme = w.client();
    for (const actor of [staff, as(acme.master.id)]) {
      expect(canRemove(w.factsOf(acme.master), { actor, membershipId: acme.master.id }).reason).toMatch(/transfer the client/);
    }
  });

  it("the master's grants can't be changed: it holds every section", () => {
    const w = world();
    const acme = w.client();
    const decision = checkGrantChange(w.factsOf(acme.master), { actor: staff, targetMembershipId: acme.master.id, newGrants: [] });
    expect(decision.allowed).toBe(false);
  });
});

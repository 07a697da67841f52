import { can, canSeeTicket, checkGrantChange, scopes, sectionsIn } from '..';
import { grant, world } from './world';

describe('rule 2: the relationship password', () => {
  it("a sub-account can't act for a client before its relationship password is given", () => {
    const w = world();
    const acme = w.client();
    const bob = w.subAccount(acme, { grants: [grant('tickets')], passwordVerified: false });
    expect(can(w.factsOf(bob), { section: 'tickets', clientId: acme.id })).toEqual({
      allowed: false,
      reason: 'relationship password required',
    });
    expect(sectionsIn(w.factsOf(bob), acme.id)).toEqual([]);
  });

  it('the relationship password is given per client: one client verified opens no other', () => {
    const w = world();
    const bob = w.identity();
    const acme = w.client();
    const globex = w.client();
    w.subAccount(acme, { identity: bob, grants: [grant('tickets')], passwordVerified: true });
    w.subAccount(globex, { identity: bob, grants: [grant('tickets')], passwordVerified: false });
    expect(can(w.factsOf(bob), { section: 'tickets', clientId: acme.id }).allowed).toBe(true);
    expect(can(w.factsOf(bob), { section: 'tickets', clientId: globex.id }).allowed).toBe(false);
    expect(scopes(w.factsOf(bob), 'tickets').map((s) => s.clientId)).toEqual([acme.id]);
  });

  it('a missing relationship password is checked before the grants, so it is what the 403 says', () => {
    const w = world();
    const acme = w.client();
    const bob = w.subAccount(acme, { passwordVerified: false });
    expect(can(w.factsOf(bob), { section: 'billing', clientId: acme.id }).reason).toBe('relationship password required');
  });

  it("a sub-account can't manage others before its relationship password is given", () => {
    const w = world();
    const acme = w.client();
    const dave = w.subAccount(acme, { grants: [grant('contacts'), grant('tickets')], passwordVerified: false });
    const erin = w.subAccount(acme, { parent: dave });
    const decision = checkGrantChange(w.factsOf(dave), {
      actor: { kind: 'membership', membershipId: dave.id },
      targetMembershipId: erin.id,
      newGrants: [grant('tickets')],
    });
    expect(decision).toEqual({ allowed: false, reason: 'relationship password required' });
  });

  it("a requester can't read its own ticket before its relationship password is given", () => {
    const w = world();
    const acme = w.client();
    const bob = w.subAccount(acme, { passwordVerified: false });
    const contact = w.contact(bob);
    const ticket = { clientId: acme.id, productId: null, requesterContactId: contact.id, requesterCategoryIds: [] };
    expect(canSeeTicket(w.factsOf(bob), ticket).allowed).toBe(false);
    bob.passwordVerified = true;
    expect(canSeeTicket(w.factsOf(bob), ticket).allowed).toBe(true);
  });
});

import { canSeeTicket, ticketFilter, type AccessFacts, type TicketFact } from '..';
import { matchesTicketFilter } from './queries';
import { grant, world } from './world';

/** Whether the ticket list query built from `ticketFilter` would return the ticket. */
const listed = (facts: AccessFacts, ticket: TicketFact): boolean => matchesTicketFilter(ticketFilter(facts), ticket);

/** Acme with two products, a requester with no grants, and a ticket of his about NATS #1. */
function acmeTicket() {
  const w = world();
  const acme = w.client();
  const nats1 = w.product(acme);
  const nats2 = w.product(acme);
  const bob = w.subAccount(acme);
  const bobContact = w.contact(bob);
  const ticket: TicketFact = { clientId: acme.id, productId: nats1, requesterContactId: bobContact.id, requesterCategoryIds: [] };
  return { w, acme, nats1, nats2, bob, ticket };
}

describe('rules 10-11: ticket visibility', () => {
  it('a ticket is visible to its requester, with no tickets grant', () => {
    const { w, bob, ticket } = acmeTicket();
    expect(canSeeTicket(w.factsOf(bob), ticket)).toEqual({ allowed: true, reason: 'you requested it' });
    expect(listed(w.factsOf(bob), ticket)).toBe(true);
  });

  it("a suspended requester no longer sees its ticket", () => {
    const { w, bob, ticket } = acmeTicket();
    bob.status = 'suspended';
    expect(canSeeTicket(w.factsOf(bob), ticket).allowed).toBe(false);
    expect(listed(w.factsOf(bob), ticket)).toBe(false);
  });

  it('a ticket is visible to members whose tickets grant covers its client and product', () => {
    const { w, acme, nats1, ticket } = acmeTicket();
    const onProduct = w.subAccount(acme, { grants: [grant('tickets', nats1)] });
    expect(canSeeTicket(w.factsOf(onProduct), ticket).allowed).toBe(true);
    expect(canSeeTicket(w.factsOf(acme.master), ticket).allowed).toBe(true);
  });

  it("a ticket about another product is not visible, and the refusal names the missing grant", () => {
    const { w, acme, nats1, nats2, ticket } = acmeTicket();
    const onOther = w.subAccount(acme, { grants: [grant('tickets', nats2)] });
    expect(canSeeTicket(w.factsOf(onOther), ticket)).toEqual({ allowed: false, reason: `missing grant "tickets" on product ${nats1}` });
    expect(listed(w.factsOf(onOther), ticket)).toBe(false);
  });

  it('a ticket tied to no product needs a client-wide tickets grant', () => {
    const { w, acme, nats1, ticket } = acmeTicket();
    const onProduct = w.subAccount(acme, { grants: [grant('tickets', nats1)] });
    const clientWide = w.subAccount(acme, { grants: [grant('tickets')] });
    const general = { ...ticket, productId: null };
    expect(canSeeTicket(w.factsOf(onProduct), general).allowed).toBe(false);
    expect(canSeeTicket(w.factsOf(clientWide), general).allowed).toBe(true);
  });

  it("other contacts of the client without the tickets grant don't see a ticket they didn't open", () => {
    const { w, acme, ticket } = acmeTicket();
    const clerk = w.subAccount(acme, { grants: [grant('billing')] });
    w.contact(clerk);
    expect(canSeeTicket(w.factsOf(clerk), ticket).allowed).toBe(false);
  });

  it('a contact with group read access on a category sees every ticket whose requester is in it, across clients', () => {
    const { w, ticket } = acmeTicket();
    const globex = w.client();
    const grace = w.subAccount(globex);
    w.contact(grace, 42);
    const inCategory = { ...ticket, requesterCategoryIds: [41, 42] };
    expect(canSeeTicket(w.factsOf(grace), inCategory)).toEqual({ allowed: true, reason: 'group read access on category 42' });
    expect(canSeeTicket(w.factsOf(grace), { ...ticket, requesterCategoryIds: [41] }).allowed).toBe(false);
    expect(listed(w.factsOf(grace), inCategory)).toBe(true);
  });

  it("a group reader whose own membership is suspended reads no group's tickets", () => {
    const { w, ticket } = acmeTicket();
    const globex = w.client();
    const grace = w.subAccount(globex, { status: 'suspended' });
    w.contact(grace, 42);
    expect(canSeeTicket(w.factsOf(grace), { ...ticket, requesterCategoryIds: [42] }).allowed).toBe(false);
  });

  it('a secondary logon with tickets sees the tickets of the clients it reaches', () => {
    const { w, acme, ticket } = acmeTicket();
    const owner = acme.master.identityId;
    const group = w.defaultGroup(owner);
    const frank = w.logon(owner, { groups: [group], sections: ['tickets'] });
    expect(canSeeTicket(w.factsOf(frank), ticket).allowed).toBe(true);
  });
});

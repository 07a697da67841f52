import { canPayInvoice, canSeeInvoice, scopes, BILLING_SECTION, type AccessFacts, type InvoiceFact } from '..';
import { inScopes, matchesInvoiceScopes } from './queries';
import { grant, world } from './world';

/** Whether the invoice list built from the billing scopes would return it, and which of its lines it would show. */
const listed = (facts: AccessFacts, invoice: InvoiceFact) => {
  const billing = scopes(facts, BILLING_SECTION);
  return { listed: matchesInvoiceScopes(billing, invoice), lines: invoice.lineProductIds.map((p) => inScopes(billing, invoice.clientId, p)) };
};

/** Acme with two products and an invoice with a line of each and a line of no product. */
function acmeInvoice() {
  const w = world();
  const acme = w.client();
  const nats1 = w.product(acme);
  const nats2 = w.product(acme);
  const invoice: InvoiceFact = { clientId: acme.id, lineProductIds: [nats1, nats2, null] };
  return { w, acme, nats1, nats2, invoice };
}

describe('rule 4 for billing: invoice lines belong to their products', () => {
  it('the master sees every line of every invoice', () => {
    const { w, acme, invoice } = acmeInvoice();
    expect(canSeeInvoice(w.factsOf(acme.master), invoice)).toMatchObject({ allowed: true, lines: [true, true, true] });
    expect(listed(w.factsOf(acme.master), invoice)).toEqual({ listed: true, lines: [true, true, true] });
  });

  it("billing on one product shows that product's lines and no others", () => {
    const { w, acme, nats1, invoice } = acmeInvoice();
    const clerk = w.subAccount(acme, { grants: [grant('billing', nats1)] });
    const decision = canSeeInvoice(w.factsOf(clerk), invoice);
    expect(decision).toMatchObject({ allowed: true, lines: [true, false, false] });
    expect(decision.reason).toMatch(/1 of 3 lines/);
    expect(listed(w.factsOf(clerk), invoice)).toEqual({ listed: true, lines: [true, false, false] });
  });

  it("an invoice with no line of the clerk's product is not visible, and the refusal names the missing grant", () => {
    const { w, acme, nats1, nats2 } = acmeInvoice();
    const clerk = w.subAccount(acme, { grants: [grant('billing', nats2)] });
    const other: InvoiceFact = { clientId: acme.id, lineProductIds: [nats1, null] };
    expect(canSeeInvoice(w.factsOf(clerk), other)).toEqual({ allowed: false, reason: `missing grant "billing" on product ${nats1}`, lines: [false, false] });
    expect(listed(w.factsOf(clerk), other).listed).toBe(false);
  });

  it('a line tied to no product, and an invoice with no lines, need billing client-wide', () => {
    const { w, acme, nats1, invoice } = acmeInvoice();
    const onProduct = w.subAccount(acme, { grants: [grant('billing', nats1)] });
    const clientWide = w.subAccount(acme, { grants: [grant('billing')] });
    const empty: InvoiceFact = { clientId: acme.id, lineProductIds: [] };
    expect(canSeeInvoice(w.factsOf(onProduct), empty).allowed).toBe(false);
    expect(listed(w.factsOf(onProduct), empty).listed).toBe(false);
    expect(canSeeInvoice(w.factsOf(clientWide), empty).allowed).toBe(true);
    expect(canSeeInvoice(w.factsOf(clientWide), invoice).lines).toEqual([true, true, true]);
  });

  it('tickets or products grants show no invoice; nor does billing in another client', () => {
    const { w, acme, nats1, invoice } = acmeInvoice();
    const support = w.subAccount(acme, { grants: [grant('tickets'), grant('products', nats1)] });
    expect(canSeeInvoice(w.factsOf(support), invoice).allowed).toBe(false);
    const globex = w.client();
    const elsewhere = w.subAccount(globex, { identity: support.identityId, grants: [grant('billing')] });
    expect(canSeeInvoice(w.factsOf(elsewhere), invoice).allowed).toBe(false);
    expect(listed(w.factsOf(elsewhere), invoice).listed).toBe(false);
  });

  it("a parent's narrower billing narrows its child's lines (rule 6)", () => {
    const { w, acme, nats1, invoice } = acmeInvoice();
    const manager = w.subAccount(acme, { grants: [grant('contacts'), grant('billing', nats1)] });
    const child = w.subAccount(acme, { parent: manager, grants: [grant('billing')] });
    expect(canSeeInvoice(w.factsOf(child), invoice).lines).toEqual([true, false, false]);
    expect(listed(w.factsOf(child), invoice).lines).toEqual([true, false, false]);
  });
});

describe('paying an invoice needs all of it', () => {
  it('the master and client-wide billing pay; billing on some lines does not, and is told why; no billing, no payment', () => {
    const { w, acme, nats1, nats2, invoice } = acmeInvoice();
    expect(canPayInvoice(w.factsOf(acme.master), invoice).allowed).toBe(true);
    const wide = w.subAccount(acme, { grants: [grant('billing')] });
    expect(canPayInvoice(w.factsOf(wide), invoice).allowed).toBe(true);
    const both = w.subAccount(acme, { grants: [grant('billing', nats1), grant('billing', nats2)] });
    expect(canPayInvoice(w.factsOf(both), invoice)).toEqual({
      allowed: false,
      reason: "1 of the invoice's 3 lines are not yours to see: whoever holds billing for the whole invoice pays it",
    });
    // The same member pays an invoice of its products' lines only.
    expect(canPayInvoice(w.factsOf(both), { clientId: acme.id, lineProductIds: [nats1, nats2] }).allowed).toBe(true);
    const none = w.subAccount(acme, { grants: [grant('tickets')] });
    expect(canPayInvoice(w.factsOf(none), invoice).reason).toMatch(/missing grant "billing"/);
    // An invoice of no lines belongs to the whole client.
    expect(canPayInvoice(w.factsOf(both), { clientId: acme.id, lineProductIds: [] }).allowed).toBe(false);
    expect(canPayInvoice(w.factsOf(wide), { clientId: acme.id, lineProductIds: [] }).allowed).toBe(true);
  });
});

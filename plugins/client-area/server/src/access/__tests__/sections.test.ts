import { can, checkGrantChange, scopes, sectionsIn } from '..';
import { grant, SECTIONS, world } from './world';

const staff = { kind: 'staff' } as const;

describe('rule 3: sections', () => {
  it('a member sees exactly the sections granted, and nothing else', () => {
    const w = world();
    const acme = w.client();
    const bob = w.subAccount(acme, { grants: [grant('tickets'), grant('billing')] });
    const facts = w.factsOf(bob);
    expect(sectionsIn(facts, acme.id)).toEqual(['billing', 'tickets']);
    for (const { name } of SECTIONS) {
      expect(can(facts, { section: name, clientId: acme.id }).allowed).toBe(name === 'billing' || name === 'tickets');
    }
  });

  it('a refusal names the missing grant', () => {
    const w = world();
    const acme = w.client();
    const bob = w.subAccount(acme, { grants: [grant('tickets')] });
    expect(can(w.factsOf(bob), { section: 'billing', clientId: acme.id })).toEqual({
      allowed: false,
      reason: `missing grant "billing" on client ${acme.id}`,
    });
  });

  it('a section grant in one client gives nothing in another client of the same identity', () => {
    const w = world();
    const bob = w.identity();
    const acme = w.client();
    const globex = w.client();
    w.subAccount(acme, { identity: bob, grants: [grant('billing')] });
    w.subAccount(globex, { identity: bob, grants: [grant('tickets')] });
    expect(can(w.factsOf(bob), { section: 'billing', clientId: globex.id }).allowed).toBe(false);
    expect(sectionsIn(w.factsOf(bob), globex.id)).toEqual(['tickets']);
  });

  it('an unknown section is refused, and names the section', () => {
    const w = world();
    const acme = w.client();
    expect(can(w.factsOf(acme.master), { section: 'domains', clientId: acme.id })).toEqual({
      allowed: false,
      reason: 'unknown section "domains"',
    });
    expect(scopes(w.factsOf(acme.master), 'domains')).toEqual([]);
  });

  it('a section registered by another plugin is decided like a built-in one', () => {
    const w = world();
    w.sections.push({ name: 'domains', productScoped: true });
    const acme = w.client();
    const site = w.product(acme);
    const bob = w.subAccount(acme, { grants: [grant('domains', site)] });
    expect(can(w.factsOf(bob), { section: 'domains', clientId: acme.id, productId: site }).allowed).toBe(true);
  });

  it("a section that isn't product-scoped is never asked about a product", () => {
    const w = world();
    const acme = w.client();
    const site = w.product(acme);
    expect(can(w.factsOf(acme.master), { section: 'orders', clientId: acme.id, productId: site })).toEqual({
      allowed: false,
      reason: 'section "orders" is not product-scoped',
    });
    expect(scopes(w.factsOf(acme.master), 'orders')).toEqual([{ clientId: acme.id, clientWide: true, productIds: [] }]);
  });

  it("a grant can't scope a section that isn't product-scoped, nor name an unknown section", () => {
    const w = world();
    const acme = w.client();
    const site = w.product(acme);
    const bob = w.subAccount(acme);
    const change = (newGrants: ReturnType<typeof grant>[]) => checkGrantChange(w.factsOf(acme.master), { actor: staff, targetMembershipId: bob.id, newGrants });
    expect(change([grant('orders', site)]).reason).toBe('section "orders" can\'t be scoped to a product');
    expect(change([grant('domains')]).reason).toBe('unknown section "domains"');
  });
});

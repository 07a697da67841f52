import { applyRole, can, effectiveGrants, isCustom } from '..';
import { grant, world } from './world';

describe('rule 8: roles', () => {
  it('applying a role clips it to the ceiling', () => {
    const ceiling = [grant('tickets'), grant('profile')];
    expect(applyRole([grant('tickets'), grant('billing'), grant('profile')], ceiling)).toEqual([grant('tickets'), grant('profile')]);
  });

  it("a client-wide role grant narrows to the products the ceiling holds it on", () => {
    const ceiling = [grant('billing', 7), grant('billing', 8), grant('tickets', 7)];
    expect(applyRole([grant('billing')], ceiling)).toEqual([grant('billing', 7), grant('billing', 8)]);
  });

  it('a product-scoped role grant outside the ceiling is dropped', () => {
    expect(applyRole([grant('tickets', 9)], [grant('tickets', 7)])).toEqual([]);
  });

  it('a role within the ceiling applies whole', () => {
    const role = [grant('tickets'), grant('tickets', 7)];
    expect(applyRole(role, [grant('tickets'), grant('tickets', 7), grant('billing')])).toEqual(role);
  });

  it('a member holding exactly its role\'s grants, in any order, is not custom', () => {
    expect(isCustom([grant('billing'), grant('tickets', 7)], [grant('tickets', 7), grant('billing'), grant('billing')])).toBe(false);
  });

  it('changing a member\'s grants by hand makes its role "Custom"', () => {
    const role = [grant('billing'), grant('tickets', 7)];
    expect(isCustom([...role, grant('orders')], role)).toBe(true);
    expect(isCustom([grant('billing')], role)).toBe(true);
    expect(isCustom([grant('billing'), grant('tickets')], role)).toBe(true);
  });

  it('a role change never lifts a member above its parent', () => {
    const w = world();
    const acme = w.client();
    const manager = w.subAccount(acme, { grants: [grant('contacts'), grant('tickets')] });
    const holder = w.subAccount(acme, { parent: manager, roleId: 1, grants: [grant('tickets')] });
    holder.grants = [grant('tickets'), grant('billing')]; // the role gained billing
    expect(can(w.factsOf(holder), { section: 'billing', clientId: acme.id }).allowed).toBe(false);
    expect(effectiveGrants(w.factsOf(holder), holder.id)).toEqual([grant('tickets')]);
  });
});

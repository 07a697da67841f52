import { applyRole, can, checkRoleChange, effectiveGrants, isCustom, type Grant, type MembershipFact } from '..';
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

describe('rule 8: a role edit is a grant change on every holder', () => {
  const ROLE = 900;
  const edit = (w: ReturnType<typeof world>, actor: MembershipFact | 'staff', clientId: number, roleId: number | null, newGrants: Grant[] | null) =>
    checkRoleChange(w.factsOf(actor === 'staff' ? w.memberships[0] : actor), {
      actor: actor === 'staff' ? { kind: 'staff' } : { kind: 'membership', membershipId: actor.id },
      clientId,
      roleId,
      newGrants,
    });

  /** Acme: a manager with contacts, billing and tickets; its child holds the role; a sibling of the manager holds it too. */
  function roleWorld() {
    const w = world();
    const acme = w.client();
    const manager = w.subAccount(acme, { grants: [grant('contacts'), grant('billing'), grant('tickets')] });
    const child = w.subAccount(acme, { parent: manager, roleId: ROLE, grants: [grant('tickets')] });
    const stranger = w.subAccount(acme, { roleId: ROLE, grants: [grant('tickets')] });
    return { w, acme, manager, child, stranger };
  }

  it("a sub-account can't edit a role held by a member it does not manage, even with grants it holds", () => {
    const { w, acme, manager, stranger } = roleWorld();
    const decision = edit(w, manager, acme.id, ROLE, [grant('tickets'), grant('billing')]);
    expect(decision.allowed).toBe(false);
    expect(decision.reason).toBe(`the role is held by membership ${stranger.id}: membership ${stranger.id} is not managed by membership ${manager.id}`);
  });

  it("nor delete it", () => {
    const { w, acme, manager } = roleWorld();
    expect(edit(w, manager, acme.id, ROLE, null).allowed).toBe(false);
  });

  it('edits and deletes a role held only by members it manages, within its ceiling', () => {
    const { w, acme, manager, stranger } = roleWorld();
    stranger.roleId = null;
    expect(edit(w, manager, acme.id, ROLE, [grant('tickets'), grant('billing')]).allowed).toBe(true);
    expect(edit(w, manager, acme.id, ROLE, null).allowed).toBe(true);
    expect(edit(w, manager, acme.id, ROLE, [grant('orders')])).toMatchObject({ allowed: false, grant: grant('orders') });
  });

  it("can't edit a role it holds itself", () => {
    const { w, acme, manager, stranger } = roleWorld();
    stranger.roleId = null;
    manager.roleId = ROLE;
    expect(edit(w, manager, acme.id, ROLE, [grant('tickets')]).reason).toMatch(/can't change its own grants/);
  });

  it('creates a role only with grants it holds; the master and staff change any role', () => {
    const { w, acme, manager } = roleWorld();
    expect(edit(w, manager, acme.id, null, [grant('billing')]).allowed).toBe(true);
    expect(edit(w, manager, acme.id, null, [grant('orders')]).allowed).toBe(false);
    expect(edit(w, acme.master, acme.id, ROLE, [grant('orders')]).allowed).toBe(true);
    expect(edit(w, 'staff', acme.id, ROLE, null).allowed).toBe(true);
  });
});

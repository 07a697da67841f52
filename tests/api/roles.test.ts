import { startApp, type TestApp } from '../support/strapi';
import { clientWorld, enteredSubAccount } from '../support/customers';

let app: TestApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.stop();
});

type World = Awaited<ReturnType<typeof clientWorld>>;
const path = (world: World, rest = '') => `/clients/${world.client.documentId}${rest}`;
const entered = enteredSubAccount;
const sectionsOf = async (sub: Awaited<ReturnType<typeof enteredSubAccount>>, world: World) => (await sub.customer.get(path(world)).expect(200)).body.data.sections;

describe('roles (rule 8)', () => {
  it('applying a role sets the member grants; changing the role changes every holder; a hand edit makes it Custom', async () => {
    const world = await clientWorld(app.strapi, app.server);
    const master = await world.master();
    const role = (await master.post(path(world, '/roles'), { name: 'Technical staff', grants: [{ section: 'tickets' }, { section: 'products' }] }).expect(201)).body.data;
    const first = await entered(world, []);
    const second = await entered(world, []);
    for (const sub of [first, second]) await master.put(path(world, `/members/${sub.membership.documentId}/role`), { role: role.documentId }).expect(200);
    expect(await sectionsOf(first, world)).toEqual(['products', 'tickets']);

    const shown = await master.get(path(world, `/roles/${role.documentId}`)).expect(200);
    expect(shown.body.data.holders.sort()).toEqual([first.membership.documentId, second.membership.documentId].sort());

    await master.put(path(world, `/roles/${role.documentId}`), { grants: [{ section: 'tickets' }, { section: 'billing' }] }).expect(200);
    expect(await sectionsOf(first, world)).toEqual(['billing', 'tickets']);
    expect(await sectionsOf(second, world)).toEqual(['billing', 'tickets']);

    await master.put(path(world, `/members/${first.membership.documentId}/grants`), { grants: [{ section: 'tickets' }] }).expect(200);
    const member = await master.get(path(world, `/members/${first.membership.documentId}`)).expect(200);
    expect(member.body.data.role).toBe('custom');
    await master.put(path(world, `/roles/${role.documentId}`), { grants: [{ section: 'orders' }] }).expect(200);
    expect(await sectionsOf(first, world)).toEqual(['tickets']);
    expect(await sectionsOf(second, world)).toEqual(['orders']);
  });

  it("a role change never lifts anyone above their ceiling", async () => {
    const world = await clientWorld(app.strapi, app.server);
    const master = await world.master();
    const role = (await master.post(path(world, '/roles'), { name: 'Support', grants: [{ section: 'tickets' }] }).expect(201)).body.data;
    const parent = await entered(world, [{ section: 'contacts' }, { section: 'tickets' }]);
    const child = await entered(world, [], { parent: parent.membership });
    await parent.customer.put(path(world, `/members/${child.membership.documentId}/role`), { role: role.documentId }).expect(200);
    await master.put(path(world, `/roles/${role.documentId}`), { grants: [{ section: 'tickets' }, { section: 'billing' }] }).expect(200);
    // The role now names billing, but the child's parent lacks it.
    expect(await sectionsOf(child, world)).toEqual(['tickets']);
  });

  it("a sub-account can't put into a role, nor apply, what it lacks", async () => {
    const world = await clientWorld(app.strapi, app.server);
    const master = await world.master();
    const manager = await entered(world, [{ section: 'contacts' }, { section: 'tickets' }]);
    const refused = await manager.customer.post(path(world, '/roles'), { name: 'Too much', grants: [{ section: 'billing' }] }).expect(403);
    expect(refused.body.error.message).toMatch(/^grant "billing" on client [a-z0-9]{20,} is above your own access$/);
    const big = (await master.post(path(world, '/roles'), { name: 'Billing', grants: [{ section: 'billing' }] }).expect(201)).body.data;
    const child = await world.subAccount([], { parent: manager.membership });
    const applied = await manager.customer.put(path(world, `/members/${child.membership.documentId}/role`), { role: big.documentId }).expect(403);
    expect(applied.body.error.message).toMatch(/above your own access/);
  });

  it('deleting a role leaves its holders their grants, as Custom', async () => {
    const world = await clientWorld(app.strapi, app.server);
    const master = await world.master();
    const role = (await master.post(path(world, '/roles'), { name: 'Temporary', grants: [{ section: 'billing' }] }).expect(201)).body.data;
    const sub = await entered(world, []);
    await master.put(path(world, `/members/${sub.membership.documentId}/role`), { role: role.documentId }).expect(200);
    await master.del(path(world, `/roles/${role.documentId}`)).expect(204);
    expect(await sectionsOf(sub, world)).toEqual(['billing']);
    expect((await master.get(path(world, `/members/${sub.membership.documentId}`)).expect(200)).body.data.role).toBe('custom');
  });

  it('role names are unique per client', async () => {
    const world = await clientWorld(app.strapi, app.server);
    const master = await world.master();
    await master.post(path(world, '/roles'), { name: 'Same', grants: [] }).expect(201);
    const res = await master.post(path(world, '/roles'), { name: 'same', grants: [] }).expect(400);
    expect(res.body.error.message).toMatch(/already exists/);
  });
});

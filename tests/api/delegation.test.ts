import { startApp, type TestApp } from '../support/strapi';
import { clientWorld, enter, enteredSubAccount, login } from '../support/customers';
import { fixtures } from '../support/fixtures';

let app: TestApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.stop();
});

type World = Awaited<ReturnType<typeof clientWorld>>;

const entered = enteredSubAccount;

const path = (world: World, rest = '') => `/clients/${world.client.documentId}${rest}`;

describe('contacts and sub-accounts', () => {
  it('the master adds a contact, activates it as a sub-account by login, and the sub-account sees exactly its grants', async () => {
    const world = await clientWorld(app.strapi, app.server);
    const master = await world.master();
    const person = await fixtures(app.strapi).identity();
    const contact = await master.post(path(world, '/contacts'), { email: person.email, firstName: 'Pat', emailPreferences: { invoices: true } }).expect(201);
    expect(contact.body.data).toMatchObject({ email: person.email, emailPreferences: { general: true, invoices: true }, subAccount: null });

    const activated = await master
      .post(path(world, `/contacts/${contact.body.data.documentId}/sub-account`), { login: person.username, grants: [{ section: 'tickets' }, { section: 'billing' }] })
      .expect(201);
    expect(Buffer.from(activated.body.data.relationshipPassword, 'base64url').length).toBeGreaterThanOrEqual(16);
    // The account's real email, to confirm the login is the person meant.
    expect(activated.body.data.identity).toEqual({ username: person.username, email: person.email });

    const sub = await login(app.server, person);
    await enter(sub, world.client, activated.body.data.relationshipPassword);
    const shown = await sub.get(path(world)).expect(200);
    expect(shown.body.data.sections).toEqual(['billing', 'tickets']);
    await sub.get(path(world, '/contacts')).expect(403);

    const listed = await master.get(path(world, '/contacts')).expect(200);
    expect(listed.body.data.find((c: any) => c.email === person.email).subAccount).toMatchObject({ kind: 'sub-account', status: 'active' });
  });

  it('a contact email is unique per client, whatever its case', async () => {
    const world = await clientWorld(app.strapi, app.server);
    const master = await world.master();
    await master.post(path(world, '/contacts'), { email: 'twice@example.test' }).expect(201);
    const res = await master.post(path(world, '/contacts'), { email: 'TWICE@example.test' }).expect(400);
    expect(res.body.error.message).toMatch(/already has a contact/);
  });

  it('refuses body fields that would assign a client, a membership, grants or a master flag', async () => {
    const world = await clientWorld(app.strapi, app.server);
    const other = await clientWorld(app.strapi, app.server);
    const master = await world.master();
    for (const extra of [{ client: other.client.documentId }, { membership: 'x' }, { grants: [] }, { kind: 'master' }, { id: 1 }]) {
      const res = await master.post(path(world, '/contacts'), { email: `x${Math.random()}@example.test`, ...extra }).expect(400);
      expect(res.body.error.message).toMatch(/unrecognized key/i);
    }
    const { membership } = await world.subAccount([]);
    await master.put(path(world, `/members/${membership.documentId}/grants`), { grants: [], status: 'active' }).expect(400);
    await master.put(path(world, `/members/${membership.documentId}/grants`), { grants: [{ section: 'tickets', parent: 'x' }] }).expect(400);
  });

  it('answers bad input with a clear 4xx', async () => {
    const world = await clientWorld(app.strapi, app.server);
    const master = await world.master();
    await master.post(path(world, '/contacts'), { email: 'not-an-email' }).expect(400);
    await master.post(path(world, '/contacts'), { email: 42 }).expect(400);
    await master.post(path(world, '/contacts'), []).expect(400);
    await master.get(path(world, '/contacts/doesnotexist')).expect(404);
    await master.get(path(world, '/members/doesnotexist')).expect(404);
    await master.put(path(world, '/members/doesnotexist/grants'), { grants: [] }).expect(404);
    const { membership } = await world.subAccount([]);
    const unknown = await master.put(path(world, `/members/${membership.documentId}/grants`), { grants: [{ section: 'teleport' }] }).expect(400);
    expect(unknown.body.error.message).toBe('grants: unknown section "teleport"');
    await master.put(path(world, `/members/${membership.documentId}/grants`), { grants: [{ section: 'tickets', product: 'nosuchproduct' }] }).expect(400);
    await master.post(path(world, '/contacts/x/sub-account'), { login: 'nobody' }).expect(404);
    const huge = await master.post(path(world, '/contacts'), { email: 'a@example.test', firstName: 'x'.repeat(2_000_000) });
    expect(huge.status).toBeGreaterThanOrEqual(400);
    expect(huge.status).toBeLessThan(500);
  });
});

describe('the delegation ceiling (rule 5)', () => {
  it("a sub-account with contacts can't grant what it lacks, and the 403 names the grant", async () => {
    const world = await clientWorld(app.strapi, app.server);
    const manager = await entered(world, [{ section: 'contacts' }, { section: 'tickets' }]);
    const child = await world.subAccount([], { parent: manager.membership });
    const res = await manager.customer
      .put(path(world, `/members/${child.membership.documentId}/grants`), { grants: [{ section: 'tickets' }, { section: 'billing' }] })
      .expect(403);
    expect(res.body.error.message).toMatch(/^grant "billing" on client [a-z0-9]{20,} is above your own access$/);
    await manager.customer.put(path(world, `/members/${child.membership.documentId}/grants`), { grants: [{ section: 'tickets' }] }).expect(200);
    const grants = await manager.customer.get(path(world, `/members/${child.membership.documentId}/grants`)).expect(200);
    expect(grants.body.data.grants).toEqual([{ section: 'tickets', product: null }]);
  });

  it("a sub-account can't change its own grants", async () => {
    const world = await clientWorld(app.strapi, app.server);
    const manager = await entered(world, [{ section: 'contacts' }]);
    const res = await manager.customer.put(path(world, `/members/${manager.membership.documentId}/grants`), { grants: [{ section: 'contacts' }, { section: 'billing' }] }).expect(403);
    expect(res.body.error.message).toMatch(/can't change its own grants/);
  });

  it('a grant scoped to one product gives that product only', async () => {
    const world = await clientWorld(app.strapi, app.server);
    const nats1 = await world.product('NATS #1');
    await world.product('NATS #2');
    const sub = await entered(world, [{ section: 'products', product: nats1 }]);
    const products = await sub.customer.get(path(world, '/products')).expect(200);
    expect(products.body.data.map((p: any) => p.name)).toEqual(['NATS #1']);
    const shown = await sub.customer.get(path(world)).expect(200);
    expect(shown.body.data.products.map((p: any) => [p.name, p.sections])).toEqual([['NATS #1', ['products']]]);
  });
});

describe('the hierarchy (rule 6)', () => {
  it("narrowing a parent narrows its child on the very next request", async () => {
    const world = await clientWorld(app.strapi, app.server);
    const master = await world.master();
    const parent = await entered(world, [{ section: 'contacts' }, { section: 'billing' }, { section: 'tickets' }]);
    const child = await entered(world, [{ section: 'billing' }, { section: 'tickets' }], { parent: parent.membership });
    expect((await child.customer.get(path(world)).expect(200)).body.data.sections).toEqual(['billing', 'tickets']);
    await master.put(path(world, `/members/${parent.membership.documentId}/grants`), { grants: [{ section: 'contacts' }, { section: 'tickets' }] }).expect(200);
    expect((await child.customer.get(path(world)).expect(200)).body.data.sections).toEqual(['tickets']);
  });

  it('suspending a parent suspends every descendant until it is restored', async () => {
    const world = await clientWorld(app.strapi, app.server);
    const master = await world.master();
    const parent = await entered(world, [{ section: 'contacts' }, { section: 'tickets' }]);
    const child = await entered(world, [{ section: 'tickets' }], { parent: parent.membership });
    await master.post(path(world, `/members/${parent.membership.documentId}/suspend`)).expect(200);
    await parent.customer.get(path(world)).expect(404);
    await child.customer.get(path(world)).expect(404);
    await master.post(path(world, `/members/${parent.membership.documentId}/restore`)).expect(200);
    await child.customer.get(path(world)).expect(200);
  });

  it("a sub-account can't suspend or remove the master", async () => {
    const world = await clientWorld(app.strapi, app.server);
    const manager = await entered(world, [{ section: 'contacts' }]);
    await manager.customer.post(path(world, `/members/${world.masterMembership.documentId}/suspend`)).expect(403);
    await manager.customer.del(path(world, `/members/${world.masterMembership.documentId}`)).expect(403);
  });

  it('a member with children is removed only once they are taken over, by the master', async () => {
    const world = await clientWorld(app.strapi, app.server);
    const master = await world.master();
    const parent = await entered(world, [{ section: 'contacts' }, { section: 'tickets' }]);
    const child = await entered(world, [{ section: 'tickets' }], { parent: parent.membership });
    const refused = await master.del(path(world, `/members/${parent.membership.documentId}`)).expect(400);
    expect(refused.body.error.message).toMatch(/takeOver/);
    await master.del(path(world, `/members/${parent.membership.documentId}?takeOver=true`)).expect(200);
    await parent.customer.get(path(world)).expect(404);
    // The child now answers to the master and keeps its own access.
    await child.customer.get(path(world)).expect(200);
    const shown = await master.get(path(world, `/members/${child.membership.documentId}`)).expect(200);
    expect(shown.body.data.parent).toBe(world.masterMembership.documentId);
  });
});

describe('reassigning a member (rule 6)', () => {
  it('the master moves a member under another; the new parent narrows it on the next request', async () => {
    const world = await clientWorld(app.strapi, app.server);
    const master = await world.master();
    const narrow = await entered(world, [{ section: 'contacts' }, { section: 'tickets' }]);
    const member = await entered(world, [{ section: 'tickets' }, { section: 'billing' }]);
    expect((await member.customer.get(path(world)).expect(200)).body.data.sections).toEqual(['billing', 'tickets']);
    await master.put(path(world, `/members/${member.membership.documentId}/parent`), { parent: narrow.membership.documentId }).expect(200);
    expect((await member.customer.get(path(world)).expect(200)).body.data.sections).toEqual(['tickets']);
    const children = await master.get(path(world, `/members/${narrow.membership.documentId}`)).expect(200);
    expect(children.body.data.children).toEqual([member.membership.documentId]);
    // Not under its own descendant.
    await master.put(path(world, `/members/${narrow.membership.documentId}/parent`), { parent: member.membership.documentId }).expect(403);
    await master.put(path(world, `/members/${member.membership.documentId}/parent`), { parent: null }).expect(200);
    expect((await member.customer.get(path(world)).expect(200)).body.data.sections).toEqual(['billing', 'tickets']);
    await master.put(path(world, `/members/${member.membership.documentId}/parent`), { parent: 'nosuchmember' }).expect(404);
  });
});

describe('ownership and distribution (rule 7)', () => {
  it('an unowned product distributed to a member can be taken under its management', async () => {
    const world = await clientWorld(app.strapi, app.server);
    const master = await world.master();
    const product = await world.product();
    const sub = await entered(world, [{ section: 'contacts' }]);
    await sub.customer.post(path(world, `/products/${product.documentId}/take`)).expect(403);
    await master.post(path(world, `/products/${product.documentId}/distribute`), { member: sub.membership.documentId }).expect(200);
    const seen = await sub.customer.get(path(world, '/products')).expect(200);
    expect(seen.body.data.map((p: any) => p.documentId)).toEqual([product.documentId]);
    await sub.customer.post(path(world, `/products/${product.documentId}/take`)).expect(200);
    const owned = await sub.customer.get(path(world, '/products')).expect(200);
    expect(owned.body.data[0]).toMatchObject({ ownedByYou: true, owner: sub.membership.documentId });
  });

  it('the owner releases its product ("release first") so that another member may take it; a product is taken back from a member, who then no longer sees it', async () => {
    const world = await clientWorld(app.strapi, app.server);
    const master = await world.master();
    const product = await world.product();
    const first = await entered(world, [{ section: 'contacts' }]);
    const second = await entered(world, [{ section: 'tickets' }]);
    for (const sub of [first, second]) await master.post(path(world, `/products/${product.documentId}/distribute`), { member: sub.membership.documentId }).expect(200);
    await first.customer.post(path(world, `/products/${product.documentId}/take`)).expect(200);

    // What each may do, as the products list says it: the engine's decisions.
    const asSecond = (await second.customer.get(path(world, '/products')).expect(200)).body.data[0];
    expect(asSecond.can.take).toEqual({ allowed: false, reason: expect.stringMatching(/is owned by .*: it must be released first$/) });
    expect(asSecond.can.release.allowed).toBe(false);
    expect(asSecond.distribution).toEqual([]);
    const asMaster = (await master.get(path(world, '/products')).expect(200)).body.data[0];
    expect(asMaster.distribution.map((d: any) => [d.member, d.distributed, d.can.allowed])).toEqual([
      [first.membership.documentId, true, true],
      [second.membership.documentId, true, true],
    ]);

    await second.customer.post(path(world, `/products/${product.documentId}/take`)).expect(403);
    const refused = await second.customer.post(path(world, `/products/${product.documentId}/release`)).expect(403);
    expect(refused.body.error.message).toMatch(/only its owner or the master releases it$/);
    await first.customer.post(path(world, `/products/${product.documentId}/release`)).expect(200);
    await first.customer.post(path(world, `/products/${product.documentId}/release`)).expect(403);
    await second.customer.post(path(world, `/products/${product.documentId}/take`)).expect(200);
    const audit = await app.strapi.db.query('plugin::client-area.audit-entry' as any).findMany({ where: { action: 'product.released', client: { id: world.client.id } } });
    expect(audit).toHaveLength(1);

    // Taken back from the first member: it no longer sees the product, the only one it saw, so it holds no Products at all.
    expect((await first.customer.get(path(world, '/products')).expect(200)).body.data.map((p: any) => p.documentId)).toEqual([product.documentId]);
    await second.customer.post(path(world, `/products/${product.documentId}/undistribute`), { member: first.membership.documentId }).expect(403);
    await master.post(path(world, `/products/${product.documentId}/undistribute`), { member: first.membership.documentId }).expect(200);
    expect((await first.customer.get(path(world, '/products')).expect(403)).body.error.message).toMatch(/missing grant "products"/);
    await master.post(path(world, `/products/${product.documentId}/undistribute`), { member: first.membership.documentId }).expect(403);
    await master.post(path(world, `/products/${product.documentId}/undistribute`), { member: 'nosuchmember0000000000000' }).expect(400);
    await master.post(path(world, `/products/${product.documentId}/undistribute`), {}).expect(400);
  });
});

describe('the audit log (rule 15)', () => {
  it('records access changes and logins, visible to the master and not to a member without contacts', async () => {
    const world = await clientWorld(app.strapi, app.server);
    const master = await world.master();
    const sub = await entered(world, [{ section: 'tickets' }]);
    await master.put(path(world, `/members/${sub.membership.documentId}/grants`), { grants: [{ section: 'tickets' }, { section: 'billing' }] }).expect(200);
    await master.post(path(world, `/members/${sub.membership.documentId}/relationship-password`)).expect(201);
    const log = await master.get(path(world, '/audit')).expect(200);
    const actions = log.body.data.map((entry: any) => entry.action);
    expect(actions).toEqual(expect.arrayContaining(['client.login', 'grants.changed', 'relationship-password.rotated']));
    expect(log.body.data.find((e: any) => e.action === 'grants.changed')).toMatchObject({ actor: expect.any(String), ip: expect.any(String) });
    await sub.customer.get(path(world, '/audit')).expect(403);
  });
});

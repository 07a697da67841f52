import { startApp, type TestApp } from '../support/strapi';
import request from 'supertest';
import { clientWorld, enteredSubAccount as entered } from '../support/customers';
import { createSmtp, deliverAll, smtpEnv, type TestSmtp } from '../support/smtp';
import { staffLogin } from '../support/staff';

/**
 * Findings of an attack on a running instance (issue 7): each was possible before and
 * is refused now, through the real API and database.
 */
let app: TestApp;
let smtp: TestSmtp;
beforeAll(async () => {
  smtp = await createSmtp();
  app = await startApp({ env: smtpEnv(smtp) });
});
afterAll(async () => {
  await app?.stop();
  await smtp?.stop();
});
beforeEach(() => {
  smtp.messages.length = 0;
});

type World = Awaited<ReturnType<typeof clientWorld>>;
const path = (world: World, rest = '') => `/clients/${world.client.documentId}${rest}`;
const ca = (name: string) => `plugin::client-area.${name}` as any;
const sectionsOf = async (sub: Awaited<ReturnType<typeof entered>>, world: World) => (await sub.customer.get(path(world)).expect(200)).body.data.sections;

describe('roles do not bypass the ceiling (finding 1)', () => {
  it("a sub-account can't edit or delete a role held by members it does not manage, even with grants it holds", async () => {
    const world = await clientWorld(app.strapi, app.server);
    const master = await world.master();
    const role = (await master.post(path(world, '/roles'), { name: 'Support', grants: [{ section: 'tickets' }] }).expect(201)).body.data;
    const manager = await entered(world, [{ section: 'contacts' }, { section: 'tickets' }, { section: 'billing' }]);
    const stranger = await entered(world, []);
    await master.put(path(world, `/members/${stranger.membership.documentId}/role`), { role: role.documentId }).expect(200);

    const edit = await manager.customer.put(path(world, `/roles/${role.documentId}`), { grants: [{ section: 'tickets' }, { section: 'billing' }] }).expect(403);
    expect(edit.body.error.message).toMatch(/^the role is held by member ".+" \(.+\): .+ is not managed by member/);
    expect(await sectionsOf(stranger, world)).toEqual(['tickets']);
    await manager.customer.del(path(world, `/roles/${role.documentId}`)).expect(403);
    await manager.customer.put(path(world, `/roles/${role.documentId}`), { name: 'Renamed' }).expect(403);
    expect(await app.strapi.db.query(ca('access-role')).findOne({ where: { documentId: role.documentId } })).toMatchObject({ name: 'Support' });
  });

  it('a sub-account edits and deletes a role held only by members below it, within its own access', async () => {
    const world = await clientWorld(app.strapi, app.server);
    const manager = await entered(world, [{ section: 'contacts' }, { section: 'tickets' }, { section: 'billing' }]);
    const child = await entered(world, [], { parent: manager.membership });
    const role = (await manager.customer.post(path(world, '/roles'), { name: 'Mine', grants: [{ section: 'tickets' }] }).expect(201)).body.data;
    await manager.customer.put(path(world, `/members/${child.membership.documentId}/role`), { role: role.documentId }).expect(200);
    await manager.customer.put(path(world, `/roles/${role.documentId}`), { grants: [{ section: 'tickets' }, { section: 'billing' }] }).expect(200);
    expect(await sectionsOf(child, world)).toEqual(['billing', 'tickets']);
    await manager.customer.put(path(world, `/roles/${role.documentId}`), { grants: [{ section: 'orders' }] }).expect(403);
    await manager.customer.del(path(world, `/roles/${role.documentId}`)).expect(204);
    expect(await sectionsOf(child, world)).toEqual(['billing', 'tickets']);
  });
});

describe('dangling references fail closed (finding 6)', () => {
  it('a deleted product takes its per-product grants with it instead of turning them client-wide', async () => {
    const world = await clientWorld(app.strapi, app.server);
    const [kept, doomed] = [await world.product('Kept'), await world.product('Doomed')];
    const sub = await entered(world, [{ section: 'profile' }, { section: 'tickets', product: doomed }]);
    await app.strapi.documents(ca('product')).delete({ documentId: doomed.documentId });
    const { sections, products } = (await sub.customer.get(path(world)).expect(200)).body.data;
    expect(sections).toEqual(['profile']);
    expect(products.map((p: any) => p.documentId)).not.toContain(kept.documentId);
    expect(await app.strapi.db.query(ca('grant')).count({ where: { membership: { id: sub.membership.id } } })).toBe(1);
  });

  it('a grant whose product row vanished behind our back grants nothing', async () => {
    const world = await clientWorld(app.strapi, app.server);
    const doomed = await world.product('Doomed');
    const sub = await entered(world, [{ section: 'profile' }, { section: 'tickets', product: doomed }]);
    // Raw SQL, as a careless script would: the link empties, the grant stays.
    await app.strapi.db.connection('ca_products').where({ id: doomed.id }).delete();
    await app.strapi.db.connection('ca_grants_product_lnk').whereNotIn('product_id', app.strapi.db.connection('ca_products').select('id')).delete();
    expect((await sub.customer.get(path(world)).expect(200)).body.data.sections).toEqual(['profile']);
  });

  it('a hard-deleted parent leaves its child with nothing, not unbounded', async () => {
    const world = await clientWorld(app.strapi, app.server);
    const parent = await entered(world, [{ section: 'contacts' }, { section: 'tickets' }]);
    const child = await entered(world, [{ section: 'tickets' }, { section: 'billing' }], { parent: parent.membership });
    expect(await sectionsOf(child, world)).toEqual(['tickets']);
    await app.strapi.documents(ca('membership')).delete({ documentId: parent.membership.documentId });
    await child.customer.get(path(world)).expect(404);
  });
});

describe('a client-wide grant covers owned products too (finding 7)', () => {
  it("a sub-account can't give a client-wide grant that covers a product someone else owns; per-product grants it may", async () => {
    const world = await clientWorld(app.strapi, app.server);
    const [free, owned] = [await world.product('Free'), await world.product('Owned')];
    const owner = await entered(world, []);
    await app.strapi.db.query(ca('product')).update({ where: { id: owned.id }, data: { owner: owner.membership.id } });
    const manager = await entered(world, [{ section: 'contacts' }, { section: 'tickets' }]);
    const child = await entered(world, [], { parent: manager.membership });
    const refused = await manager.customer.put(path(world, `/members/${child.membership.documentId}/grants`), { grants: [{ section: 'tickets' }] }).expect(403);
    expect(refused.body.error.message).toBe(
      `client-wide grant "tickets" covers product ${owned.documentId}, which is owned by member "${owner.customer.identity.username}" (${owner.membership.documentId}): only its owner or the master sets grants on it: grant it per product instead`,
    );
    await manager.customer.put(path(world, `/members/${child.membership.documentId}/grants`), { grants: [{ section: 'tickets', product: free.documentId }] }).expect(200);
  });
});

describe('a removed member can be added back (finding 8)', () => {
  it('removal frees the identity × client key; the old row keeps its history', async () => {
    const world = await clientWorld(app.strapi, app.server);
    const master = await world.master();
    const sub = await entered(world, [{ section: 'tickets' }], { withContact: true });
    await master.del(path(world, `/members/${sub.membership.documentId}`)).expect(200);
    const again = await master.post(path(world, `/contacts/${sub.contact!.documentId}/sub-account`), { login: sub.customer.identity.username, grants: [{ section: 'billing' }] }).expect(201);
    expect(again.body.data.member).not.toBe(sub.membership.documentId);
    const rows = await app.strapi.db.query(ca('membership')).findMany({ where: { identity: { id: sub.customer.identity.id }, client: { id: world.client.id } } });
    expect(rows.map((r: any) => r.membershipStatus).sort()).toEqual(['active', 'removed']);
    sub.customer.tokens = {};
    const { enter } = await import('../support/customers');
    await enter(sub.customer, world.client, again.body.data.relationshipPassword);
    expect(await sectionsOf(sub, world)).toEqual(['billing']);
  });
});

describe('refusals name things by public id and label (finding 10)', () => {
  it('a removal blocker lists documentIds, and the reason names the member', async () => {
    const world = await clientWorld(app.strapi, app.server);
    const manager = await entered(world, [{ section: 'contacts' }, { section: 'tickets' }]);
    const middle = await entered(world, [{ section: 'contacts' }], { parent: manager.membership });
    const leaf = await entered(world, [], { parent: middle.membership });
    const res = await manager.customer.del(path(world, `/members/${middle.membership.documentId}`)).expect(403);
    expect(res.body.error.details.reassign).toEqual({ memberships: [leaf.membership.documentId], products: [] });
    expect(res.body.error.message).toBe(
      `member "${middle.customer.identity.username}" (${middle.membership.documentId}) still manages member "${leaf.customer.identity.username}" (${leaf.membership.documentId}): reassign them first`,
    );
    expect(res.body.error.message).not.toMatch(/membership \d/);
  });
});

describe('restoring is for the suspender or above (finding 12)', () => {
  it("a sub-account can't restore a member the master suspended; the master can", async () => {
    const world = await clientWorld(app.strapi, app.server);
    const master = await world.master();
    const manager = await entered(world, [{ section: 'contacts' }, { section: 'tickets' }]);
    const child = await entered(world, [{ section: 'tickets' }], { parent: manager.membership });
    await master.post(path(world, `/members/${child.membership.documentId}/suspend`)).expect(200);
    const refused = await manager.customer.post(path(world, `/members/${child.membership.documentId}/restore`)).expect(403);
    expect(refused.body.error.message).toMatch(/was suspended by member .+, above you/);
    await child.customer.get(path(world)).expect(404);
    await master.post(path(world, `/members/${child.membership.documentId}/restore`)).expect(200);
    expect(await sectionsOf(child, world)).toEqual(['tickets']);
  });

  it('a sub-account restores what it suspended itself', async () => {
    const world = await clientWorld(app.strapi, app.server);
    const manager = await entered(world, [{ section: 'contacts' }, { section: 'tickets' }]);
    const child = await entered(world, [{ section: 'tickets' }], { parent: manager.membership });
    await manager.customer.post(path(world, `/members/${child.membership.documentId}/suspend`)).expect(200);
    await manager.customer.post(path(world, `/members/${child.membership.documentId}/restore`)).expect(200);
  });
});

describe('a contact that is someone\'s login is theirs (finding 2)', () => {
  const contactOf = (membership: { id: number }) =>
    app.strapi.db.query(ca('contact')).findOne({ where: { membership: { id: membership.id } } });

  it("a contacts holder can't change the master's contact, nor a sibling's", async () => {
    const world = await clientWorld(app.strapi, app.server);
    const manager = await entered(world, [{ section: 'contacts' }]);
    const sibling = await entered(world, [{ section: 'tickets' }], { withContact: true });
    const masterContact = await contactOf(world.masterMembership);
    const refused = await manager.customer.put(path(world, `/contacts/${masterContact.documentId}`), { email: 'attacker@evil.test' }).expect(403);
    expect(refused.body.error.message).toMatch(/can't edit the master's contact/);
    await manager.customer.put(path(world, `/contacts/${sibling.contact!.documentId}`), { phone: '+1 555' }).expect(403);
    await manager.customer.del(path(world, `/contacts/${masterContact.documentId}`)).expect(400);
    expect(await contactOf(world.masterMembership)).toMatchObject({ email: masterContact.email, pendingEmail: null });
  });

  it('a new address for a login takes effect only once its one-time link is followed', async () => {
    const world = await clientWorld(app.strapi, app.server);
    const master = await world.master();
    const sub = await entered(world, [{ section: 'tickets' }], { withContact: true });
    const before = sub.contact!.email;
    const res = await master.put(path(world, `/contacts/${sub.contact!.documentId}`), { email: 'new-address@example.test', phone: '+1 555 0100' }).expect(200);
    expect(res.body.data).toMatchObject({ email: before, pendingEmail: 'new-address@example.test', phone: '+1 555 0100' });
    await deliverAll(app.strapi);
    const byAddress = Object.fromEntries(smtp.messages.map((m) => [m.envelope.to.join(','), m.mail.text ?? '']));
    expect(byAddress[before]).toMatch(/new-address@example\.test was requested/);
    const link = byAddress['new-address@example.test'].match(/\/portal\/#\/confirm-email\/([A-Za-z0-9_-]+)/);
    expect(link).not.toBeNull();
    // Nothing of the token is stored in clear.
    expect(JSON.stringify(await contactOf(sub.membership))).not.toContain(link![1]);

    const confirm = (token: string) => request(app.server).post('/api/client-area/contacts/email-confirmation').send({ token });
    await confirm('x'.repeat(43)).expect(400);
    const confirmed = await confirm(link![1]).expect(200);
    expect(confirmed.body.data).toEqual({ documentId: sub.contact!.documentId, email: 'new-address@example.test' });
    expect(await contactOf(sub.membership)).toMatchObject({ email: 'new-address@example.test', pendingEmail: null, emailChangeTokenHash: null });
    await confirm(link![1]).expect(400);
  });

  it('a contact that is nobody\'s login is changed at once by any contacts holder', async () => {
    const world = await clientWorld(app.strapi, app.server);
    const manager = await entered(world, [{ section: 'contacts' }]);
    const created = await manager.customer.post(path(world, '/contacts'), { email: 'someone@example.test' }).expect(201);
    const changed = await manager.customer.put(path(world, `/contacts/${created.body.data.documentId}`), { email: 'other@example.test' }).expect(200);
    expect(changed.body.data).toMatchObject({ email: 'other@example.test', pendingEmail: null });
  });

  it('staff change a login\'s address through the same confirmation', async () => {
    const world = await clientWorld(app.strapi, app.server);
    const staff = await staffLogin(app.strapi, app.server);
    const masterContact = await contactOf(world.masterMembership);
    const res = await staff.put(`/clients/${world.client.documentId}/contacts/${masterContact.documentId}`, { email: 'master-new@example.test' }).expect(200);
    expect(res.body.data).toMatchObject({ email: masterContact.email, pendingEmail: 'master-new@example.test' });
  });
});

describe('the audit log records every client login and every hand edit, for the master and staff only (finding 16)', () => {
  it("a master's login is in the log of each client it is master of", async () => {
    const world = await clientWorld(app.strapi, app.server);
    const master = await world.master();
    const log = (await master.get(path(world, '/audit')).expect(200)).body.data;
    expect(log.find((entry: any) => entry.action === 'client.login')).toMatchObject({ actor: master.identity.username, details: { as: 'master' } });
  });

  it('a sub-account, even one holding contacts, does not read the log', async () => {
    const world = await clientWorld(app.strapi, app.server);
    const manager = await entered(world, [{ section: 'contacts' }]);
    const refused = await manager.customer.get(path(world, '/audit')).expect(403);
    expect(refused.body.error.message).toBe("Only the client's master reads its audit log");
  });

  it('an edit of access data in the content manager is audited with the admin who made it', async () => {
    const world = await clientWorld(app.strapi, app.server);
    const sub = await entered(world, [{ section: 'tickets' }], { withContact: true });
    const staff = await staffLogin(app.strapi, app.server);
    await staff
      .admin('put', `/content-manager/collection-types/plugin::client-area.contact/${sub.contact!.documentId}`)
      .send({ email: sub.contact!.email, phone: '+1 555 0199' })
      .expect(200);
    const master = await world.master();
    const log = (await master.get(path(world, '/audit')).expect(200)).body.data;
    expect(log.find((entry: any) => entry.action === 'content-manager.updated')).toMatchObject({ actor: 'staff', subject: { type: 'contact', name: sub.contact!.email } });
  });
});

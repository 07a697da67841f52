import request from 'supertest';
import { startApp, type TestApp } from '../support/strapi';
import { staffLogin, staffLoginWithRole } from '../support/staff';
import { clientWorld } from '../support/customers';
import { configureContentManager } from '../../plugins/client-area/server/src/content-manager-layout';

/**
 * Finding 3: Strapi's default admin roles must not reach the plugin's raw rows through
 * the content manager, and nobody sees a private field there.
 */
let app: TestApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.stop();
});

const ca = (name: string) => `plugin::client-area.${name}`;
const list = (model: string) => `/content-manager/collection-types/${model}`;
const PLUGIN_TYPES = ['membership', 'grant', 'mail-outbox', 'ticket-message', 'audit-entry', 'invitation', 'mail-intake'];

describe('the content manager and the plugin types', () => {
  it("the default roles hold no content-manager right on the plugin's types, and are refused every one", async () => {
    const world = await clientWorld(app.strapi, app.server);
    const rights = await app.strapi.db.query('admin::permission').count({
      where: { role: { code: { $in: ['strapi-editor', 'strapi-author'] } }, action: { $startsWith: 'plugin::content-manager.explorer.' }, subject: { $startsWith: 'plugin::client-area.' } },
    });
    expect(rights).toBe(0);

    for (const role of ['strapi-editor', 'strapi-author']) {
      const staff = await staffLogin(app.strapi, app.server, role);
      for (const type of PLUGIN_TYPES) await staff.admin('get', list(ca(type))).expect(403);
      await staff.admin('post', list(ca('grant'))).send({ section: 'billing', membership: world.masterMembership.documentId }).expect(403);
    }
  });

  it('rights given back to a default role by hand are stripped again, and refused meanwhile', async () => {
    const editor = await app.strapi.db.query('admin::role').findOne({ where: { code: 'strapi-editor' } });
    await app.strapi.service('admin::permission').createMany([
      { action: 'plugin::content-manager.explorer.read', subject: ca('mail-outbox'), role: editor.id, properties: {}, conditions: [] },
      { action: 'plugin::content-manager.explorer.create', subject: ca('grant'), role: editor.id, properties: {}, conditions: [] },
    ]);
    const staff = await staffLogin(app.strapi, app.server, 'strapi-editor');
    await staff.admin('get', list(ca('mail-outbox'))).expect(403);
    await staff.admin('post', list(ca('grant'))).send({ section: 'billing' }).expect(403);
    expect(await app.strapi.db.query('admin::permission').count({ where: { role: { id: editor.id }, subject: { $startsWith: 'plugin::client-area.' } } })).toBe(0);
  });

  it("a custom role with content-manager rights but without the plugin's permissions is refused; with read, it reads and can't write", async () => {
    const role = await app.strapi.service('admin::role').create({ name: `CM only ${Date.now()}`, description: 'content manager rights only' });
    const cm = ['read', 'create', 'update', 'delete'].map((action) => ({ action: `plugin::content-manager.explorer.${action}`, subject: ca('grant'), properties: {}, conditions: [] }));
    await app.strapi.service('admin::role').assignPermissions(role.id, cm);
    const staff = await staffLoginWithRole(app.strapi, app.server, role.id);
    await staff.admin('get', list(ca('grant'))).expect(403);

    await app.strapi.service('admin::role').assignPermissions(role.id, [...cm, { action: 'plugin::client-area.contacts.read', subject: null, properties: {}, conditions: [] }]);
    const reader = await staffLoginWithRole(app.strapi, app.server, role.id);
    await reader.admin('get', list(ca('grant'))).expect(200);
    await reader.admin('post', list(ca('grant'))).send({ section: 'billing' }).expect(403);
  });

  it('a super admin browses the plugin types but never sees a private field', async () => {
    const world = await clientWorld(app.strapi, app.server);
    await world.subAccount([{ section: 'tickets' }]);
    const staff = await staffLogin(app.strapi, app.server);
    const memberships = (await staff.admin('get', `${list(ca('membership'))}?pageSize=100`).expect(200)).body.results;
    expect(memberships.length).toBeGreaterThan(1);
    for (const row of memberships) {
      for (const field of ['relationshipPasswordHash', 'memberKey', 'masterKey', 'parentKey']) expect(row).not.toHaveProperty(field);
    }
    const one = memberships.find((m: any) => m.kind === 'sub-account');
    const shown = (await staff.admin('get', `${list(ca('membership'))}/${one.documentId}`).expect(200)).body.data;
    expect(shown).not.toHaveProperty('relationshipPasswordHash');
    const hash = (await app.strapi.db.query(ca('membership') as any).findOne({ where: { documentId: one.documentId } })).relationshipPasswordHash;
    expect(hash).toMatch(/\S{20,}/);
    expect(JSON.stringify(shown)).not.toContain(hash);
  });
});

describe('the plugin types save in the content manager (finding 9)', () => {
  it("a membership's status is its own field: shown, and saved", async () => {
    const world = await clientWorld(app.strapi, app.server);
    const { membership } = await world.subAccount([{ section: 'tickets' }]);
    const staff = await staffLogin(app.strapi, app.server);
    const url = `${list(ca('membership'))}/${membership.documentId}`;
    expect((await staff.admin('get', url).expect(200)).body.data).toMatchObject({ membershipStatus: 'active' });
    await staff.admin('put', url).send({ kind: 'sub-account', membershipStatus: 'suspended' }).expect(200);
    expect(await app.strapi.db.query(ca('membership') as any).findOne({ where: { id: membership.id } })).toMatchObject({ membershipStatus: 'suspended' });
  });
});

describe('ticket attachments in the media library', () => {
  it('are hidden from admins without the Read tickets permission, Editors included, and listed for those with it', async () => {
    const world = await clientWorld(app.strapi, app.server);
    const master = await world.master();
    const reference = (await master.post(`/clients/${world.client.documentId}/tickets`, { subject: 'Logs', body: 'x' }).expect(201)).body.data.reference;
    await request(app.server)
      .post(`/api/client-area/tickets/${reference}/messages`)
      .set('Authorization', `Bearer ${master.jwt}`)
      .field('body', 'see file')
      .attach('attachments', Buffer.from('secret log line'), { filename: 'secret.log', contentType: 'text/plain' })
      .expect(201);
    const file = await app.strapi.db.query('plugin::upload.file').findOne({ where: { name: 'secret.log' } });
    const names = async (staff: Awaited<ReturnType<typeof staffLogin>>) => (await staff.admin('get', '/upload/files?pageSize=100').expect(200)).body.results.map((f: any) => f.name);

    const editor = await staffLogin(app.strapi, app.server, 'strapi-editor');
    expect(await names(editor)).not.toContain('secret.log');
    await editor.admin('get', `/upload/files/${file.id}`).expect(404);
    const superAdmin = await staffLogin(app.strapi, app.server);
    expect(await names(superAdmin)).toContain('secret.log');
  });
});

describe('the content manager names what it shows', () => {
  it('a membership is "login @ client" in lists and relation pickers, in step with renames', async () => {
    const world = await clientWorld(app.strapi, app.server);
    const { membership: parentMembership, customer: parentCustomer } = await world.subAccount([{ section: 'tickets' }]);
    const { membership, customer } = await world.subAccount([{ section: 'tickets' }], { parent: parentMembership });
    const staff = await staffLogin(app.strapi, app.server);
    const labelOf = async () => (await staff.admin('get', `${list(ca('membership'))}/${membership.documentId}`).expect(200)).body.data.label;
    expect(await labelOf()).toBe(`${customer.identity.username} @ ${world.client.name}`);

    // Its parent, as the relation picker shows it: by name, not "Untitled".
    const parent = (await staff.admin('get', `/content-manager/relations/${ca('membership')}/${membership.documentId}/parent`).expect(200)).body.results;
    expect(parent.map((row: any) => row.label)).toEqual([`${parentCustomer.identity.username} @ ${world.client.name}`]);

    await app.strapi.documents(ca('client') as any).update({ documentId: world.client.documentId, data: { name: 'Renamed Hosting' } } as any);
    expect(await labelOf()).toBe(`${customer.identity.username} @ Renamed Hosting`);
    const renamed = `renamed-${'u'.repeat(60)}-${customer.identity.username}`;
    await app.strapi.db.query('plugin::users-permissions.user').update({ where: { id: customer.identity.id }, data: { username: renamed } });
    expect(await labelOf()).toBe(`${renamed} @ Renamed Hosting`);
    // A long name is cut to what the column holds (varchar(255) on PostgreSQL), and the rename still saves.
    const long = 'L'.repeat(200);
    await app.strapi.documents(ca('client') as any).update({ documentId: world.client.documentId, data: { name: long } } as any);
    expect(await labelOf()).toBe(`${renamed} @ ${long}`.slice(0, 255));
    expect(`${renamed} @ ${long}`.length).toBeGreaterThan(255);
    await app.strapi.documents(ca('client') as any).update({ documentId: world.client.documentId, data: { name: 'Renamed Hosting' } } as any);
    // Nobody writes the name by hand.
    await staff.admin('put', `${list(ca('membership'))}/${membership.documentId}`).send({ label: 'forged' }).expect(200);
    expect(await labelOf()).toBe(`${renamed} @ Renamed Hosting`);
  });

  it('lists show their dates, newest first where time matters, and an admin\'s own view is kept', async () => {
    const staff = await staffLogin(app.strapi, app.server);
    const configurationOf = async (type: string) => (await staff.admin('get', `/content-manager/content-types/${ca(type)}/configuration`).expect(200)).body.data.contentType;
    const audit = await configurationOf('audit-entry');
    expect(audit.settings).toMatchObject({ mainField: 'action', defaultSortBy: 'createdAt', defaultSortOrder: 'DESC' });
    expect(audit.layouts.list).toEqual(['createdAt', 'action', 'subjectType', 'ip']);
    expect((await configurationOf('ticket')).layouts.list).toContain('lastMessageAt');
    expect((await configurationOf('membership')).settings.mainField).toBe('label');

    // An admin picks another name field; a restart does not undo it.
    const contentTypes = app.strapi.plugin('content-manager').service('content-types');
    const current = await contentTypes.findConfiguration({ uid: ca('ticket') });
    await contentTypes.updateConfiguration({ uid: ca('ticket') }, { ...current, settings: { ...current.settings, mainField: 'subject' } });
    await configureContentManager(app.strapi);
    expect((await configurationOf('ticket')).settings.mainField).toBe('subject');
  });

  it('a database an older version configured shows memberships by name in relation pickers too', async () => {
    // What 0.1 left: Strapi picked the first string attribute, the password hash, for each relation to a membership.
    const contentTypes = app.strapi.plugin('content-manager').service('content-types');
    for (const [type, attribute] of [['membership', 'parent'], ['grant', 'membership']]) {
      const current = await contentTypes.findConfiguration({ uid: ca(type) });
      const metadata = current.metadatas[attribute];
      await contentTypes.updateConfiguration({ uid: ca(type) }, { ...current, metadatas: { ...current.metadatas, [attribute]: { ...metadata, edit: { ...metadata.edit, mainField: 'relationshipPasswordHash' } } } });
    }
    await app.strapi.store({ type: 'plugin', name: 'client-area' }).delete({ key: 'contentManagerLayout' });
    await configureContentManager(app.strapi);
    for (const [type, attribute] of [['membership', 'parent'], ['grant', 'membership']]) {
      expect((await contentTypes.findConfiguration({ uid: ca(type) })).metadatas[attribute].edit.mainField).toBe('label');
    }
  });
});

import { startApp, type TestApp } from '../support/strapi';
import { staffLogin, staffLoginWithPermissions } from '../support/staff';
import { clientWorld } from '../support/customers';
import { CONTENT_TYPE_AREA, upgradeStaffPermissions } from '../../plugins/client-area/server/src/staff-permissions';
import contentTypes from '../../plugins/client-area/server/src/content-types';

/**
 * Staff roles per section: a super admin builds a "Billing clerk" and a "Support agent"
 * in Settings → Roles from the plugin's permissions, and each sees its area and nothing
 * else, on the plugin's admin API and in the content manager alike.
 */
let app: TestApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.stop();
});

const ca = (name: string) => `plugin::client-area.${name}`;
const list = (name: string) => `/content-manager/collection-types/${ca(name)}`;
const AREAS = ['profile', 'contacts', 'products', 'billing', 'orders', 'tickets', 'triage', 'categories', 'mail', 'audit', 'settings'];

/** A role made as a super admin would in Settings → Roles: the plugin's permissions plus content-manager rights on some types. */
function roleWith(name: string, actions: string[], contentManagerTypes: string[]) {
  const explorer = contentManagerTypes.flatMap((type) => ['read', 'create', 'update', 'delete'].map((action) => ({ action: `plugin::content-manager.explorer.${action}`, subject: ca(type) })));
  return staffLoginWithPermissions(app.strapi, app.server, name, [...actions.map(ca), ...explorer]);
}

async function ticketAndInvoice() {
  const world = await clientWorld(app.strapi, app.server);
  const master = await world.master();
  const reference = (await master.post(`/clients/${world.client.documentId}/tickets`, { subject: 'Disk full', body: 'node 2' }).expect(201)).body.data.reference;
  // Someone to send the invoice to: the master's contact, with its invoices preference on.
  await app.strapi.db.query(ca('contact') as any).update({ where: { client: { id: world.client.id } }, data: { emailInvoices: true } });
  const invoice = await app.strapi.db.query(ca('invoice') as any).create({
    data: { number: `INV-${Math.random().toString(36).slice(2, 8)}`, client: world.client.id, issuedOn: '2026-11-01', total: 10, currency: 'EUR' },
  });
  return { world, reference, invoice };
}

describe('staff permissions', () => {
  it('are read and manage per area, grouped by area in Settings → Roles; the audit log is read only', async () => {
    const superAdmin = await staffLogin(app.strapi, app.server);
    const { sections } = (await superAdmin.admin('get', '/admin/permissions').expect(200)).body.data;
    const ours = sections.plugins.filter((action: any) => action.plugin === 'client-area');
    const expected = AREAS.flatMap((area) => (area === 'audit' ? [`${area}.read`] : [`${area}.read`, `${area}.manage`])).map(ca);
    expect(ours.map((action: any) => action.action).sort()).toEqual(expected.sort());
    expect(ours.find((action: any) => action.action === ca('billing.read'))).toMatchObject({ subCategory: 'Billing', displayName: 'Read invoices' });
    expect(ours.find((action: any) => action.action === ca('tickets.manage'))).toMatchObject({ subCategory: 'Tickets' });
    // Every type of the plugin belongs to an area, or the content manager refuses it to everyone.
    expect(Object.keys(CONTENT_TYPE_AREA).sort()).toEqual(Object.keys(contentTypes).sort());
  });

  it('a Billing clerk reads and sends invoices and sees no ticket anywhere', async () => {
    const { world, reference, invoice } = await ticketAndInvoice();
    const clerk = await roleWith('Billing clerk', ['billing.read', 'billing.manage'], ['invoice', 'invoice-line', 'ticket', 'ticket-message']);

    await clerk.get('/tickets').expect(403);
    await clerk.get(`/tickets/${reference}`).expect(403);
    await clerk.post(`/tickets/${reference}/messages`, { body: 'Paid?', internal: true }).expect(403);
    await clerk.admin('get', list('ticket')).expect(403);
    await clerk.admin('get', list('ticket-message')).expect(403);
    await clerk.get(`/clients/${world.client.documentId}/members`).expect(403);

    const invoices = (await clerk.admin('get', `${list('invoice')}?pageSize=100`).expect(200)).body.results;
    expect(invoices.map((row: any) => row.documentId)).toContain(invoice.documentId);
    await clerk.post(`/invoices/${invoice.documentId}/send`).expect(202);
  });

  it('a Support agent answers tickets and sees no invoice anywhere', async () => {
    const { reference, invoice } = await ticketAndInvoice();
    const agent = await roleWith('Support agent', ['tickets.read', 'tickets.manage', 'triage.read', 'triage.manage'], ['invoice', 'invoice-line', 'ticket']);

    expect((await agent.get('/tickets?pageSize=100').expect(200)).body.data.map((ticket: any) => ticket.reference)).toContain(reference);
    await agent.post(`/tickets/${reference}/messages`, { body: 'We are on it.' }).expect(201);
    await agent.admin('get', list('ticket')).expect(200);

    await agent.post(`/invoices/${invoice.documentId}/send`).expect(403);
    await agent.admin('get', list('invoice')).expect(403);
    await agent.admin('get', list('invoice-line')).expect(403);
  });

  it('a role that may read an area but not manage it reads there and writes nothing', async () => {
    const { invoice } = await ticketAndInvoice();
    const reader = await roleWith('Billing reader', ['billing.read'], ['invoice']);
    await reader.admin('get', list('invoice')).expect(200);
    await reader.admin('put', `${list('invoice')}/${invoice.documentId}`).send({ total: 1 }).expect(403);
    await reader.post(`/invoices/${invoice.documentId}/send`).expect(403);
  });

  it('the audit log is read only in the content manager, even for a super admin', async () => {
    const superAdmin = await staffLogin(app.strapi, app.server);
    await superAdmin.admin('get', list('audit-entry')).expect(200);
    await superAdmin.admin('post', list('audit-entry')).send({ action: 'forged' }).expect(403);
  });

  it("roles holding the permissions of 0.1 are given the ones that replace them, once", async () => {
    const role = await app.strapi.service('admin::role').create({ name: `Old staff ${Date.now()}`, description: 'made with 0.1' });
    const permissions = app.strapi.db.query('admin::permission');
    for (const action of ['access.read', 'tickets.read', 'tickets.reply', 'mail.send', 'mail.manage']) {
      await permissions.create({ data: { action: ca(action), actionParameters: {}, subject: null, properties: {}, conditions: [], role: role.id } });
    }
    // Two instances starting at once: one upgrades, the other finds nothing left to do.
    expect((await Promise.all([upgradeStaffPermissions(app.strapi), upgradeStaffPermissions(app.strapi)])).sort()).toEqual([0, 1]);
    const held = (await permissions.findMany({ where: { role: { id: role.id } } })).map((permission: any) => permission.action).sort();
    expect(held).toEqual(
      [
        ...['profile', 'contacts', 'products', 'billing', 'orders', 'tickets', 'categories', 'mail', 'audit'].map((area) => `${area}.read`),
        'tickets.manage',
        'billing.manage',
        'categories.manage',
        'mail.manage',
      ]
        .map(ca)
        .sort(),
    );
    expect(await upgradeStaffPermissions(app.strapi)).toBe(0);
    // Nobody else lost anything: the super admin still holds every permission.
    const superAdmin = await app.strapi.db.query('admin::role').findOne({ where: { code: 'strapi-super-admin' } });
    const superHeld = (await permissions.findMany({ where: { role: { id: superAdmin.id }, action: { $startsWith: 'plugin::client-area.' } } })).map((p: any) => p.action);
    expect(superHeld.sort()).toEqual(AREAS.flatMap((area) => (area === 'audit' ? [`${area}.read`] : [`${area}.read`, `${area}.manage`])).map(ca).sort());
  });
});

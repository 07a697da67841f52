import fs from 'fs';
import path from 'path';
import request from 'supertest';
import type { Browser, Page } from 'playwright-core';
import { startApp, type TestApp } from '../support/strapi';
import { launchBrowser, screen as photograph } from '../support/browser';
import { createSmtp, deliverAll, smtpEnv, type TestSmtp } from '../support/smtp';
import { seedDemo, type DemoReport } from '../../src/demo/seed';
import { DEMO_ADMIN, DEMO_PASSWORD } from '../../src/demo/data';

/**
 * The staff screens on a built admin panel, driven in Debian's Chromium: each screen is
 * photographed at desktop and phone width (.tmp/screenshots, looked at by a person) and
 * checked by axe-core for serious or critical accessibility violations.
 */
const STAFF_PASSWORD = 'Staff-pass-2026';
const screenshots = path.resolve(__dirname, '../../.tmp/screenshots');
const ca = (name: string) => `plugin::client-area.${name}` as any;

let app: TestApp;
let browser: Browser;
let smtp: TestSmtp;
let demo: DemoReport;

beforeAll(async () => {
  if (!fs.existsSync(path.resolve(__dirname, '../../dist/build/index.html'))) {
    throw new Error('The admin panel is not built: run "npm test" (it builds first) or "npm run build"');
  }
  fs.mkdirSync(screenshots, { recursive: true });
  smtp = await createSmtp();
  app = await startApp({ listen: true, env: { ...smtpEnv(smtp), CLIENT_AREA_STAFF_ADDRESS: 'staff@client-area.test' } });
  demo = await seedDemo(app.strapi);
  // Dave manages Bob in Acme: Bob's grants take effect only where Dave's do (rule 6).
  const acme = await app.strapi.db.query(ca('client')).findOne({ where: { reference: 'ACME' } });
  const member = (username: string) => app.strapi.db.query(ca('membership')).findOne({ where: { client: { id: acme.id }, identity: { username } } });
  await app.strapi.db.query(ca('membership')).update({ where: { id: (await member('bob')).id }, data: { parent: (await member('dave')).id } });
  browser = await launchBrowser();
}, 120000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await smtp?.stop();
});

/** An admin user with a role made of the given plugin permissions (and content-manager rights on the given types). */
async function staffWithRole(name: string, actions: string[], types: string[] = []) {
  const roles = app.strapi.service('admin::role');
  const role = await roles.create({ name, description: name });
  const explorer = types.map((type) => ({ action: 'plugin::content-manager.explorer.read', subject: ca(type), properties: {}, conditions: [] }));
  await roles.assignPermissions(role.id, [...actions.map((action) => ({ action: ca(action), subject: null, properties: {}, conditions: [] })), ...explorer]);
  const email = `${name.toLowerCase().replace(/\W+/g, '-')}@client-area.test`;
  await app.strapi.service('admin::user').create({ email, firstname: name, lastname: 'Staff', password: STAFF_PASSWORD, isActive: true, registrationToken: null, roles: [role.id] });
  return email;
}

async function logIn(email: string, password: string) {
  // axe-core needs a page of an explicit context.
  const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  await page.goto(`${app.url}/admin/auth/login`);
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="password"]', password);
  await page.click('button[type="submit"]');
  await page.waitForURL((url) => !url.pathname.includes('/auth/login'), { timeout: 30000 });
  return page;
}

/** A plugin screen, photographed at both widths and checked by axe-core: the page (`main`) and any dialog open on it. */
const screen = (page: Page, name: string) => photograph(page, 'admin', name, { include: ['main', '[role="dialog"]', '[role="alertdialog"]'] });

/** What Bob's own API lists as his products in Acme, after his relationship password. */
async function bobsProducts() {
  const server = app.strapi.server.httpServer;
  const jwt = (await request(server).post('/api/auth/local').send({ identifier: 'bob', password: DEMO_PASSWORD }).expect(200)).body.jwt;
  const acme = await app.strapi.db.query(ca('client')).findOne({ where: { reference: 'ACME' } });
  const password = demo.relationshipPasswords.find((entry) => entry.username === 'bob' && entry.client === 'ACME')!.password;
  const token = (await request(server).post(`/api/client-area/clients/${acme.documentId}/session`).set('Authorization', `Bearer ${jwt}`).send({ relationshipPassword: password }).expect(201)).body.data.token;
  const res = await request(server).get(`/api/client-area/clients/${acme.documentId}/products`).set('Authorization', `Bearer ${jwt}`).set('X-Relationship-Token', token);
  return res.status === 200 ? res.body.data.map((p: any) => p.name) : [];
}

describe('the staff screens', () => {
  it('find a client, show its access matrix, and a ticked box changes the customer’s API on the next request; suspending shows its cascade first', async () => {
    const page = await logIn(DEMO_ADMIN.email, DEMO_ADMIN.password);
    await page.getByRole('link', { name: 'Client Area' }).click();
    await page.getByRole('heading', { name: 'Clients', level: 1 }).waitFor({ timeout: 30000 });
    await page.getByRole('link', { name: 'Acme Hosting' }).waitFor();
    await screen(page, 'clients');

    // Search by a member's login email: only Acme has alice.
    await page.getByLabel('Search clients', { exact: true }).fill('alice@acme');
    await page.keyboard.press('Enter');
    await page.waitForURL(/_q=alice/);
    await page.getByText('1 client', { exact: true }).waitFor();
    expect(await page.getByRole('link', { name: 'Globex Corporation' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Acme Hosting' }).click();

    await page.getByRole('heading', { name: 'Acme Hosting' }).waitFor();
    await page.getByText('not in effect').first().waitFor();
    await screen(page, 'client-access');

    // Bob holds products on NATS #1, but Dave above him does not: Bob sees no product.
    expect(await bobsProducts()).toEqual([]);
    await page.getByRole('checkbox', { name: 'Products: NATS installation #1 for dave' }).click();
    await page.getByText('Access of dave saved.').waitFor();
    expect(await bobsProducts()).toEqual(['NATS installation #1']);

    // Suspending Dave names Bob, whose access flows through him, before anything happens.
    await page.getByRole('button', { name: 'Actions for dave' }).click();
    await page.getByRole('menuitem', { name: 'Suspend' }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.getByRole('list', { name: 'Members affected' }).getByText('bob').waitFor();
    const dave = () => app.strapi.db.query(ca('membership')).findOne({ where: { identity: { username: 'dave' } } });
    expect((await dave()).membershipStatus).toBe('active');
    await screen(page, 'suspend-cascade');
    await dialog.getByRole('button', { name: 'Suspend' }).click();
    await page.getByText('dave is suspended.').waitFor();
    expect((await dave()).membershipStatus).toBe('suspended');
    expect(await bobsProducts()).toEqual([]);
    await page.getByRole('button', { name: 'Actions for dave' }).click();
    await page.getByRole('menuitem', { name: 'Restore' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Restore' }).click();
    await page.getByText('dave is restored.').waitFor();
    expect(await bobsProducts()).toEqual(['NATS installation #1']);

    // Roles: make one, give it to Bob, and its editor names Bob before a change is saved.
    await page.getByRole('button', { name: 'New role' }).click();
    const editor = page.getByRole('dialog');
    await editor.getByLabel('Name').fill('Billing only');
    await editor.getByRole('group', { name: 'Billing' }).getByRole('checkbox', { name: 'All products' }).click();
    await editor.getByRole('button', { name: 'Save role' }).click();
    await page.getByText('Role Billing only saved.').waitFor();
    await page.getByRole('combobox', { name: 'Role of bob' }).click();
    await page.getByRole('option', { name: 'Billing only' }).click();
    await page.getByText('Role applied to bob.').waitFor();
    await page.getByRole('button', { name: 'Edit the role Billing only' }).click();
    await page.getByRole('dialog').getByText('Saving changes the access of the member who holds it: bob.').waitFor();
    await screen(page, 'role-editor');
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();

    await page.getByRole('tab', { name: 'Contacts' }).click();
    await page.getByRole('row').filter({ hasText: 'alice@acme.test' }).getByText('Master account (active)').waitFor();
    await screen(page, 'client-contacts');

    await page.getByRole('tab', { name: 'Products' }).click();
    await page.getByRole('button', { name: 'Who can see NATS installation #1?' }).click();
    const who = page.getByRole('dialog');
    await who.getByText(/master of "Acme Hosting"/).waitFor();
    await screen(page, 'product-who-can-see');
    await page.close();
  }, 180000);

  it('answer a ticket: recipients shown before sending, the mail arrives with the master in CC; an internal note mails nobody; who can see it and why', async () => {
    const page = await logIn(DEMO_ADMIN.email, DEMO_ADMIN.password);
    await page.goto(`${app.url}/admin/plugins/client-area/tickets`);
    await page.getByRole('heading', { name: 'Tickets', level: 1 }).waitFor({ timeout: 30000 });
    await page.getByRole('link', { name: /CA-1001/ }).waitFor();
    await screen(page, 'tickets');
    // Found by words of its subject, then by its requester's address.
    const search = page.getByRole('searchbox', { name: 'Search' });
    await search.fill('will not rejoin');
    await page.getByText('1 ticket', { exact: true }).waitFor();
    expect(await page.getByRole('link', { name: /^CA-\d+/ }).allInnerTexts()).toEqual(['CA-1001 Cluster node 3 will not rejoin']);
    await search.fill('nobody-writes-like-this');
    await page.getByText('No tickets match.').waitFor();
    await screen(page, 'tickets-search-empty');
    await search.fill('');

    await page.getByRole('link', { name: /CA-1001/ }).click();
    await page.getByText('Since the upgrade node 3 keeps leaving the cluster', { exact: false }).waitFor();
    await page.getByText('This reply is mailed to bob@example.test, with alice@acme.test in CC.').waitFor();
    await screen(page, 'ticket');
    await deliverAll(app.strapi);
    smtp.messages.length = 0;

    await page.getByLabel('Reply').fill('We changed the route configuration; please check.');
    await page.getByRole('button', { name: 'Send reply' }).click();
    await page.getByText('Reply sent.').waitFor();
    await page.getByText('We changed the route configuration; please check.').waitFor();
    // The form empties once the reply is saved; only then write the next one.
    await page.waitForFunction(() => (document.querySelector('textarea[name="reply"]') as HTMLTextAreaElement | null)?.value === '');
    await page.getByLabel('Reply').fill('Customer was warned about this last month.');
    await page.getByText('Internal note (customers never see it)').click();
    await page.getByText('An internal note is mailed to nobody.').waitFor();
    await page.getByRole('button', { name: 'Add internal note' }).click();
    await page.getByText('Customer was warned about this last month.').waitFor();
    await page.getByText('— internal note', { exact: false }).waitFor();

    await deliverAll(app.strapi);
    expect(smtp.messages.map((m) => ({ to: (m.mail.to as any)?.text, cc: (m.mail.cc as any)?.text, text: m.mail.text?.trim() }))).toEqual([
      { to: 'bob@example.test', cc: 'alice@acme.test', text: 'We changed the route configuration; please check.' },
    ]);
    const ticket = await app.strapi.db.query(ca('ticket')).findOne({ where: { reference: 'CA-1001' } });
    const messages = await app.strapi.db.query(ca('ticket-message')).findMany({ where: { ticket: { id: ticket.id } }, orderBy: { id: 'asc' } });
    expect(messages.slice(-2).map((m: any) => [m.authorType, m.internal])).toEqual([
      ['staff', false],
      ['staff', true],
    ]);

    await page.getByRole('combobox', { name: 'Assigned to' }).click();
    await page.getByRole('option', { name: 'Demo Admin' }).click();
    await page.getByText('Given to Demo Admin.').waitFor();
    expect((await app.strapi.db.query(ca('ticket')).findOne({ where: { reference: 'CA-1001' }, populate: { assignee: true } })).assignee.email).toBe(DEMO_ADMIN.email);

    await page.getByRole('button', { name: 'Who can see this?' }).click();
    const who = page.getByRole('dialog');
    const row = (login: string) => who.getByRole('row').filter({ has: page.getByText(login, { exact: true }) });
    await row('alice').getByText(/master of "Acme Hosting"/).waitFor();
    await row('bob').getByText('is the requester').waitFor();
    await who.getByText(/Cannot see it/).waitFor();
    await row('dave').waitFor();
    await screen(page, 'ticket-who-can-see');
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: 'Close ticket' }).click();
    await page.getByText('Ticket closed.').waitFor();
    // The queue: "assigned to me" holds this ticket alone.
    await page.getByRole('link', { name: 'Tickets', exact: true }).click();
    await page.getByRole('heading', { name: 'Tickets', level: 1 }).waitFor();
    await page.getByRole('combobox', { name: 'Assigned to' }).click();
    await page.getByRole('option', { name: 'Me', exact: true }).click();
    await page.getByText('1 ticket', { exact: true }).waitFor();
    expect(await page.getByRole('link', { name: /^CA-\d+/ }).allInnerTexts()).toEqual(['CA-1001 Cluster node 3 will not rejoin']);
    await screen(page, 'tickets-mine');
    await page.getByRole('link', { name: /CA-1001/ }).click();
    expect((await app.strapi.db.query(ca('ticket')).findOne({ where: { reference: 'CA-1001' } })).ticketStatus).toBe('closed');
    await page.getByRole('button', { name: 'Reopen ticket' }).waitFor();

    // The audit log names the suspension made in the matrix, by staff.
    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.getByRole('heading', { name: 'Audit log', level: 1 }).waitFor();
    await page.getByRole('row').filter({ hasText: 'membership.suspended' }).filter({ hasText: 'dave @ Acme Hosting' }).waitFor();
    await page.getByLabel('Action').fill('grants.');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.getByText('1 entry', { exact: true }).waitFor();
    await screen(page, 'audit');

    // Settings → Client Area: change the staff address, and it is in force.
    await page.goto(`${app.url}/admin/settings/client-area`);
    await page.getByRole('heading', { name: 'Client Area', level: 1 }).waitFor({ timeout: 30000 });
    await page.getByLabel('Staff address').fill('desk@client-area.test');
    await screen(page, 'settings');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Settings saved: they apply now.').waitFor();
    expect(app.strapi.plugin('client-area').config('staffAddress')).toBe('desk@client-area.test');
    await page.getByRole('button', { name: "Go back to the app's own Staff address" }).click();
    await page.getByLabel('Staff address').and(page.locator('[value="staff@client-area.test"]')).waitFor();
    // Orders hidden from customers: alice's client no longer lists it, until it is shown again.
    const server = app.strapi.server.httpServer;
    const jwt = (await request(server).post('/api/auth/local').send({ identifier: 'alice', password: DEMO_PASSWORD }).expect(200)).body.jwt;
    const acme = await app.strapi.db.query(ca('client')).findOne({ where: { reference: 'ACME' } });
    const sectionsOfAcme = async () => (await request(server).get(`/api/client-area/clients/${acme.documentId}`).set('Authorization', `Bearer ${jwt}`).expect(200)).body.data.sections;
    expect(await sectionsOfAcme()).toContain('orders');
    await page.getByRole('checkbox', { name: /^Orders/ }).click();
    await page.getByRole('button', { name: 'Save' }).click();
    // Saved: the way back to the app's own value appears.
    await page.getByRole('button', { name: "Go back to the app's own Sections customers see" }).waitFor();
    expect(await sectionsOfAcme()).not.toContain('orders');
    await screen(page, 'settings-sections');
    await page.getByRole('button', { name: "Go back to the app's own Sections customers see" }).click();
    await page.getByRole('checkbox', { name: /^Orders/ }).and(page.locator('[data-state="checked"]')).waitFor();
    expect(await sectionsOfAcme()).toContain('orders');

    await page.goto(`${app.url}/admin/plugins/client-area/overview`);
    await page.getByText('Tickets (tickets)').waitFor({ timeout: 30000 });
    await screen(page, 'overview');
    await page.goto(`${app.url}/admin/content-manager/collection-types/plugin::client-area.client`);
    await page.getByText('Acme Hosting').waitFor({ timeout: 30000 });
    await page.close();
  }, 180000);

  it('triage: staff read a held mail and put it in a client; the ticket appears for the customer', async () => {
    const raw = Buffer.from('From: Nora <nora@newcomer.test>\r\nTo: support@client-area.test\r\nSubject: Our NATS cluster is down\r\nMessage-ID: <held-1@newcomer.test>\r\n\r\nAll three nodes stopped at 02:00.\r\n');
    expect(await app.strapi.plugin('client-area').service('mail-intake').take(raw, { mailbox: 'INBOX', uidValidity: 1, uid: 4242 })).toBe('triage');

    const page = await logIn(DEMO_ADMIN.email, DEMO_ADMIN.password);
    await page.goto(`${app.url}/admin/plugins/client-area/triage`);
    await page.getByRole('heading', { name: 'Triage', level: 1 }).waitFor({ timeout: 30000 });
    await page.getByRole('link', { name: 'Our NATS cluster is down' }).waitFor();
    await screen(page, 'triage');
    await page.getByRole('link', { name: 'Our NATS cluster is down' }).click();
    await page.getByText('All three nodes stopped at 02:00.').waitFor();
    await page.getByText('Held because: unknown sender: waiting for staff.').waitFor();
    // Typed as a person types: the list opens on key presses.
    await page.getByLabel('Client', { exact: true }).click();
    await page.getByLabel('Client', { exact: true }).pressSequentially('Acme');
    await page.getByRole('option', { name: 'Acme Hosting (ACME)' }).click();
    await screen(page, 'triage-mail');
    await page.getByRole('button', { name: 'Assign to Acme Hosting' }).click();
    const opened = await page.getByText(/^Ticket CA-\d+ opened\.$/).textContent();
    const reference = opened!.match(/CA-\d+/)![0];
    await page.getByRole('heading', { name: 'Triage', level: 1 }).waitFor();
    expect(await page.getByRole('link', { name: 'Our NATS cluster is down' }).count()).toBe(0);

    const server = app.strapi.server.httpServer;
    const jwt = (await request(server).post('/api/auth/local').send({ identifier: 'alice', password: DEMO_PASSWORD }).expect(200)).body.jwt;
    const ticket = (await request(server).get(`/api/client-area/tickets/${reference}`).set('Authorization', `Bearer ${jwt}`).expect(200)).body.data;
    expect([ticket.subject, ticket.requester.email]).toEqual(['Our NATS cluster is down', 'nora@newcomer.test']);

    // The mail screens: what was sent (the reply above, with its CC) and what was read.
    await page.getByRole('link', { name: 'Mail', exact: true }).click();
    await page.getByRole('heading', { name: 'Mail', level: 1 }).waitFor();
    await page.getByRole('row').filter({ hasText: 'CC: alice@acme.test' }).first().waitFor();
    await screen(page, 'mail-outbox');
    await page.getByRole('tab', { name: 'Received mail (intake)' }).click();
    await page.getByRole('row').filter({ hasText: 'Our NATS cluster is down' }).getByText('Ticket opened').waitFor();
    await screen(page, 'mail-intake');

    // A user category: its members and reader, and a mail whose recipients are shown before it goes.
    await page.getByRole('link', { name: 'User categories' }).click();
    await page.getByRole('link', { name: 'Key accounts' }).click();
    await page.getByRole('heading', { name: 'Key accounts', level: 1 }).waitFor();
    await page.getByText('It goes to 2 people, each on their own: alice@acme.test, carol@globex.test.').waitFor();
    await page.getByLabel('Subject').fill('Maintenance tonight');
    await page.getByLabel('Message').fill('Expect a short outage at 23:00.');
    await screen(page, 'category');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Send' }).click();
    await page.getByText('Queued for 2 people.').waitFor();
    const queued = await app.strapi.db.query(ca('mail-outbox')).findMany({ where: { kind: 'category-mail', subject: 'Maintenance tonight' } });
    expect(queued.map((m: any) => m.toAddresses[0]).sort()).toEqual(['alice@acme.test', 'carol@globex.test']);
    await page.close();
  }, 120000);

  it('transfers a client to another master after saying what happens, and shows the old master’s new relationship password once', async () => {
    const page = await logIn(DEMO_ADMIN.email, DEMO_ADMIN.password);
    await page.goto(`${app.url}/admin/plugins/client-area/clients`);
    await page.getByRole('link', { name: 'Globex Corporation' }).click();
    await page.getByRole('heading', { name: 'Globex Corporation' }).waitFor({ timeout: 30000 });
    await page.getByRole('button', { name: 'Actions for grace' }).click();
    await page.getByRole('menuitem', { name: 'Make master' }).click();
    await page.getByRole('alertdialog').getByText(/grace will hold everything in this client\. carol stays as a sub-account/).waitFor();
    await screen(page, 'transfer-master');
    await page.getByRole('alertdialog').getByRole('button', { name: 'Make master' }).click();
    await page.getByText('grace is the master now.').waitFor();
    await page.getByRole('alertdialog').getByText('New relationship password of carol').waitFor();
    const shown = await page.getByLabel('Relationship password', { exact: true }).textContent();
    // The page says who the master is now.
    await page.getByText('grace <grace@globex.test>').waitFor();
    const memberships = await app.strapi.db.query(ca('membership')).findMany({ where: { client: { reference: 'GLOBEX' }, membershipStatus: 'active' }, populate: { identity: true } });
    const kindOf = (username: string) => memberships.find((m: any) => m.identity.username === username)?.kind;
    expect([kindOf('grace'), kindOf('carol')]).toEqual(['master', 'sub-account']);
    // The password shown opens carol's way in again.
    const server = app.strapi.server.httpServer;
    const jwt = (await request(server).post('/api/auth/local').send({ identifier: 'carol', password: DEMO_PASSWORD }).expect(200)).body.jwt;
    const globex = await app.strapi.db.query(ca('client')).findOne({ where: { reference: 'GLOBEX' } });
    await request(server).post(`/api/client-area/clients/${globex.documentId}/session`).set('Authorization', `Bearer ${jwt}`).send({ relationshipPassword: shown }).expect(201);
    await page.close();
  }, 120000);

  it('shows a Billing clerk only what billing reaches, and an admin without any of the plugin\'s permissions no Client Area at all', async () => {
    // Client profiles to find a client, billing to read and send its invoices: nothing of its tickets or access.
    const clerk = await logIn(await staffWithRole('Billing clerk', ['profile.read', 'billing.read', 'billing.manage'], ['invoice', 'ticket']), STAFF_PASSWORD);
    await clerk.getByRole('link', { name: 'Client Area' }).click();
    await clerk.getByRole('heading', { name: 'Clients', level: 1 }).waitFor({ timeout: 30000 });
    const nav = clerk.getByRole('navigation', { name: 'Client Area' });
    expect(await nav.getByRole('link').allInnerTexts()).toEqual(['Clients', 'Sections and records']);
    expect(await clerk.getByText('Policy Failed').count()).toBe(0);
    await clerk.getByRole('link', { name: 'Acme Hosting' }).click();
    await clerk.getByRole('heading', { name: 'Acme Hosting', level: 1 }).waitFor();
    expect(await clerk.getByRole('tab').allInnerTexts()).toEqual(['Invoices']);
    // INV-2026-0004 has a line of no product: staff see every line, and the total.
    const october = clerk.getByRole('row').filter({ hasText: 'INV-2026-0004' });
    await october.getByText('Onboarding workshop (one-off)', { exact: false }).waitFor();
    await october.getByText(/650/).waitFor();
    await screen(clerk, 'billing-clerk-invoices');
    await october.getByRole('button', { name: 'Mail INV-2026-0004 to the contacts who take invoices' }).click();
    await clerk.getByText(/INV-2026-0004 is on its way to|Nobody takes invoice mail at this client/).waitFor();
    await clerk.getByRole('link', { name: 'Sections and records' }).click();
    await clerk.getByRole('heading', { name: 'Sections and records', level: 1 }).waitFor({ timeout: 30000 });
    await clerk.getByRole('link', { name: 'Invoices' }).waitFor();
    await screen(clerk, 'billing-clerk');
    // Reached by its address, a page outside the role says so.
    await clerk.goto(`${app.url}/admin/plugins/client-area/tickets/CA-1001`);
    await clerk.getByText("You don't have the permissions to access that content").waitFor({ timeout: 30000 });
    await clerk.close();

    const outsider = await logIn(await staffWithRole('Web editor', []), STAFF_PASSWORD);
    await outsider.getByRole('link', { name: 'Home' }).first().waitFor({ timeout: 30000 });
    expect(await outsider.getByRole('link', { name: 'Client Area' }).count()).toBe(0);
    await outsider.goto(`${app.url}/admin/plugins/client-area`);
    await outsider.getByText("You don't have the permissions to access that content").waitFor({ timeout: 30000 });
    await outsider.screenshot({ path: path.join(screenshots, 'admin-no-permission.png'), fullPage: true });
    await outsider.close();
  }, 120000);

  it('an order is placed in the portal, accepted by staff in the Orders screen, and the product appears for the orderer and whom it chose', async () => {
    // dave (orders, contacts) orders in the portal and shows the product to bob, whom he manages here.
    const portal = await (await browser.newContext({ viewport: { width: 1366, height: 900 } })).newPage();
    await portal.goto(`${app.url}/portal`);
    await portal.getByLabel('Username or email').fill('dave');
    await portal.getByLabel('Password').fill(DEMO_PASSWORD);
    await portal.getByRole('button', { name: 'Log in' }).click();
    await portal.getByRole('link', { name: 'Acme Hosting' }).click();
    await portal.getByLabel('Relationship password').fill(demo.relationshipPasswords.find((entry) => entry.username === 'dave' && entry.client === 'ACME')!.password);
    await portal.getByRole('button', { name: 'Enter' }).click();
    const menu = portal.getByRole('navigation', { name: 'Acme Hosting menu' });
    await menu.getByRole('link', { name: 'Orders' }).click();
    const form = portal.getByRole('form', { name: 'Place an order' });
    await form.getByRole('combobox', { name: 'What' }).click();
    await portal.getByRole('option', { name: /^Managed NATS cluster/ }).click();
    await form.getByLabel('Notes').fill('For the staging cluster, PO 4711');
    await form.getByRole('group', { name: 'Who is to see the product' }).getByRole('checkbox', { name: 'bob' }).click();
    await photograph(portal, 'portal', 'order-form', { axeOnPhone: true });
    await form.getByRole('button', { name: 'Place the order' }).click();
    const placed = await portal.getByText(/^Order ORD-\d+ is placed\./).textContent();
    const reference = placed!.match(/ORD-\d+/)![0];
    const card = portal.getByRole('listitem', { name: `Order ${reference}` });
    await card.getByText('Waiting for our staff').waitFor();
    await photograph(portal, 'portal', 'orders', { axeOnPhone: true });

    // Staff accept it in the Orders screen, naming the product.
    const staff = await logIn(DEMO_ADMIN.email, DEMO_ADMIN.password);
    await staff.goto(`${app.url}/admin/plugins/client-area/orders`);
    await staff.getByRole('heading', { name: 'Orders', level: 1 }).waitFor({ timeout: 30000 });
    await staff.getByRole('row').filter({ hasText: 'Acme Hosting' }).getByText('1 × Managed NATS cluster').waitFor();
    await screen(staff, 'orders');
    await staff.getByRole('link', { name: reference }).click();
    await staff.getByText('Notes: For the staging cluster, PO 4711').waitFor();
    await staff.getByLabel('Product name').fill('NATS installation #3');
    await screen(staff, 'order');
    await staff.getByRole('button', { name: 'Accept and make the product' }).click();
    await staff.getByText(`${reference} is accepted: the product is made and the orderer is mailed.`).waitFor();
    await staff.close();

    // dave reads it accepted and finds the product under his management; bob sees it too.
    await portal.reload();
    await card.getByText('Accepted', { exact: true }).waitFor();
    await card.getByRole('link', { name: 'See NATS installation #3 in Products' }).click();
    const product = portal.getByRole('listitem', { name: 'NATS installation #3' });
    await product.getByText('Under your management').waitFor();
    await photograph(portal, 'portal', 'order-product', { axeOnPhone: true });
    expect(await bobsProducts()).toContain('NATS installation #3');

    // The mails: received and accepted, to dave with alice (the master) in CC.
    smtp.messages.length = 0;
    await deliverAll(app.strapi);
    const mails = smtp.messages
      .filter((m) => m.mail.subject?.startsWith(`Order ${reference}`))
      .map((m) => ({ to: (m.mail.to as any)?.text, cc: (m.mail.cc as any)?.text, subject: m.mail.subject }))
      .sort((a, b) => String(b.subject).localeCompare(String(a.subject)));
    expect(mails).toEqual([
      { to: 'dave@acme.test', cc: 'alice@acme.test', subject: `Order ${reference} received (Acme Hosting)` },
      { to: 'dave@acme.test', cc: 'alice@acme.test', subject: `Order ${reference} accepted (Acme Hosting)` },
    ]);
    expect(smtp.messages.some((m) => m.mail.subject === `New order ${reference} from Acme Hosting` && (m.mail.to as any)?.text === 'staff@client-area.test')).toBe(true);
    await portal.close();
  }, 180000);
});

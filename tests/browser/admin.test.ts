import fs from 'fs';
import path from 'path';
import type { Browser } from 'playwright-core';
import { startApp, type TestApp } from '../support/strapi';
import { launchBrowser } from '../support/browser';
import { seedDemo } from '../../src/demo/seed';
import { DEMO_ADMIN } from '../../src/demo/data';

const STAFF_PASSWORD = 'Staff-pass-2026';
const screenshots = path.resolve(__dirname, '../../.tmp/screenshots');

/** An admin user with a role made of the given plugin permissions (and content-manager rights on the given types). */
async function staffWithRole(name: string, actions: string[], types: string[] = []) {
  const roles = app.strapi.service('admin::role');
  const role = await roles.create({ name, description: name });
  const explorer = types.map((type) => ({ action: 'plugin::content-manager.explorer.read', subject: `plugin::client-area.${type}`, properties: {}, conditions: [] }));
  await roles.assignPermissions(role.id, [...actions.map((action) => ({ action: `plugin::client-area.${action}`, subject: null, properties: {}, conditions: [] })), ...explorer]);
  const email = `${name.toLowerCase().replace(/\W+/g, '-')}@client-area.test`;
  await app.strapi.service('admin::user').create({ email, firstname: name, lastname: 'Staff', password: STAFF_PASSWORD, isActive: true, registrationToken: null, roles: [role.id] });
  return email;
}

async function logIn(email: string, password: string) {
  const page = await browser.newPage();
  await page.goto(`${app.url}/admin/auth/login`);
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="password"]', password);
  await page.click('button[type="submit"]');
  await page.waitForURL((url) => !url.pathname.includes('/auth/login'), { timeout: 30000 });
  return page;
}

let app: TestApp;
let browser: Browser;

beforeAll(async () => {
  if (!fs.existsSync(path.resolve(__dirname, '../../dist/build/index.html'))) {
    throw new Error('The admin panel is not built: run "npm test" (it builds first) or "npm run build"');
  }
  app = await startApp({ listen: true });
  await seedDemo(app.strapi);
  browser = await launchBrowser();
}, 120000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('the admin panel', () => {
  it('loads, lets the demo admin log in, answer a ticket with a reply and an internal note, and browse the content types', async () => {
    const page = await browser.newPage();
    await page.goto(`${app.url}/admin/auth/login`);
    await page.fill('input[name="email"]', DEMO_ADMIN.email);
    await page.fill('input[name="password"]', DEMO_ADMIN.password);
    await page.click('button[type="submit"]');
    await page.waitForURL((url) => !url.pathname.includes('/auth/login'), { timeout: 30000 });

    await page.goto(`${app.url}/admin/plugins/client-area`);
    await page.getByRole('heading', { name: 'Client Area' }).waitFor({ timeout: 30000 });
    await page.getByText('Tickets (tickets)').waitFor();
    await page.getByText('Product management (product-management)').waitFor();

    // Staff read a ticket and answer it: a reply and an internal note.
    await page.getByRole('button', { name: /CA-1001/ }).click();
    await page.getByText('Since the upgrade node 3 keeps leaving the cluster', { exact: false }).waitFor();
    await page.getByLabel('Reply').fill('We changed the route configuration; please check.');
    await page.getByRole('button', { name: 'Send reply' }).click();
    await page.getByText('We changed the route configuration; please check.').waitFor();
    // The form empties once the reply is saved; only then write the next one.
    await page.waitForFunction(() => (document.querySelector('textarea[name="reply"]') as HTMLTextAreaElement | null)?.value === '');
    await page.getByLabel('Reply').fill('Customer was warned about this last month.');
    await page.getByText('Internal note (customers never see it)').click();
    await page.getByRole('button', { name: 'Add internal note' }).click();
    await page.getByText('Customer was warned about this last month.').waitFor();
    await page.getByText('— internal note', { exact: false }).waitFor();

    const ticket = await app.strapi.db.query('plugin::client-area.ticket' as any).findOne({ where: { reference: 'CA-1001' } });
    const messages = await app.strapi.db.query('plugin::client-area.ticket-message' as any).findMany({ where: { ticket: { id: ticket.id } }, orderBy: { id: 'asc' } });
    expect(messages.slice(-2).map((m: any) => [m.authorType, m.internal])).toEqual([
      ['staff', false],
      ['staff', true],
    ]);
    const mails = await app.strapi.db.query('plugin::client-area.mail-outbox' as any).findMany({ where: { ticket: { id: ticket.id } } });
    expect(mails.map((m: any) => m.text)).toEqual(['We changed the route configuration; please check.']);

    await page.goto(`${app.url}/admin/content-manager/collection-types/plugin::client-area.client`);
    await page.getByText('Acme Hosting').waitFor({ timeout: 30000 });
    await page.close();
  }, 120000);

  it('shows a Billing clerk only what billing reaches, and an admin without any of the plugin\'s permissions no Client Area at all', async () => {
    fs.mkdirSync(screenshots, { recursive: true });
    const clerk = await logIn(await staffWithRole('Billing clerk', ['billing.read', 'billing.manage'], ['invoice', 'ticket']), STAFF_PASSWORD);
    await clerk.getByRole('link', { name: 'Client Area' }).click();
    await clerk.getByRole('heading', { name: 'Client Area' }).waitFor({ timeout: 30000 });
    await clerk.getByRole('link', { name: 'Invoices' }).waitFor();
    await clerk.getByRole('heading', { name: 'Sections' }).waitFor();
    expect(await clerk.getByRole('link', { name: 'Tickets' }).count()).toBe(0);
    expect(await clerk.getByRole('heading', { name: 'Tickets' }).count()).toBe(0);
    expect(await clerk.getByText('Policy Failed').count()).toBe(0);
    await clerk.screenshot({ path: path.join(screenshots, 'admin-billing-clerk.png'), fullPage: true });
    await clerk.close();

    const outsider = await logIn(await staffWithRole('Web editor', []), STAFF_PASSWORD);
    await outsider.getByRole('link', { name: 'Home' }).first().waitFor({ timeout: 30000 });
    expect(await outsider.getByRole('link', { name: 'Client Area' }).count()).toBe(0);
    await outsider.goto(`${app.url}/admin/plugins/client-area`);
    await outsider.getByText("You don't have the permissions to access that content").waitFor({ timeout: 30000 });
    await outsider.screenshot({ path: path.join(screenshots, 'admin-no-permission.png'), fullPage: true });
    await outsider.close();
  }, 120000);
});

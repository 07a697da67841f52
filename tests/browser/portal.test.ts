import type { Browser, Page } from 'playwright-core';
import { startApp, type TestApp } from '../support/strapi';
import { launchBrowser } from '../support/browser';
import { seedDemo, type DemoReport } from '../../src/demo/seed';
import { DEMO_PASSWORD } from '../../src/demo/data';

let app: TestApp;
let browser: Browser;
let demo: DemoReport;

beforeAll(async () => {
  app = await startApp({ listen: true });
  demo = await seedDemo(app.strapi);
  browser = await launchBrowser();
}, 120000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function logIn(page: Page, username: string) {
  await page.goto(`${app.url}/portal`);
  await page.getByLabel('Username or email').fill(username);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { name: 'Your clients' }).waitFor();
}

describe('the customer portal at /portal', () => {
  it('a master sees its client with every section and every product', async () => {
    const page = await browser.newPage();
    await logIn(page, 'alice');
    await page.getByRole('link', { name: 'Acme Hosting' }).click();
    await page.getByRole('heading', { name: 'Acme Hosting' }).waitFor();
    await page.getByRole('cell', { name: 'NATS installation #2' }).waitFor();
    await page.getByRole('heading', { name: 'Members' }).waitFor();
    await page.close();
  }, 60000);

  it('a sub-account of two clients gives the relationship password, then sees only its product', async () => {
    const page = await browser.newPage();
    await logIn(page, 'bob');
    await page.getByText('Relationship password required').first().waitFor();
    await page.getByRole('link', { name: 'Acme Hosting' }).click();
    await page.getByLabel('Relationship password').fill('wrong-password');
    await page.getByRole('button', { name: 'Enter' }).click();
    await page.getByRole('alert').filter({ hasText: 'Wrong relationship password' }).waitFor();
    const password = demo.relationshipPasswords.find((entry) => entry.username === 'bob' && entry.client === 'ACME')!.password;
    await page.getByLabel('Relationship password').fill(password);
    await page.getByRole('button', { name: 'Enter' }).click();
    await page.getByRole('heading', { name: 'Acme Hosting' }).waitFor();
    await page.getByRole('cell', { name: 'NATS installation #1' }).waitFor();
    expect(await page.getByRole('cell', { name: 'NATS installation #2' }).count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Members' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByText('You are logged out.').waitFor();
    await page.close();
  }, 60000);

  it('a customer reads its tickets, replies and closes one', async () => {
    const page = await browser.newPage();
    await logIn(page, 'alice');
    await page.getByRole('link', { name: 'Your tickets' }).click();
    await page.getByRole('heading', { name: 'Tickets' }).waitFor();
    await page.getByRole('link', { name: /CA-1001/ }).waitFor();
    await page.getByRole('link', { name: 'My tickets' }).click();
    // Bob requested CA-1001: it leaves the list; Alice's own CA-1002 stays.
    await page.getByRole('link', { name: /CA-1001/ }).waitFor({ state: 'detached' });
    await page.getByRole('link', { name: /CA-1002 Plan the upgrade/ }).waitFor();
    await page.getByRole('link', { name: /CA-1002 Plan the upgrade/ }).click();
    await page.getByLabel('Your reply').fill('Tuesday 22:00 UTC works for us.');
    await page.getByRole('button', { name: 'Send reply' }).click();
    await page.getByText('Tuesday 22:00 UTC works for us.').waitFor();
    await page.getByRole('button', { name: 'Close ticket' }).click();
    await page.getByRole('button', { name: 'Reopen' }).waitFor();
    const ticket = await app.strapi.db.query('plugin::client-area.ticket' as any).findOne({ where: { reference: 'CA-1002' } });
    expect(ticket.ticketStatus).toBe('closed');
    await page.close();
  }, 60000);
});

import fs from 'fs';
import type { Browser, Page } from 'playwright-core';
import { startApp, type TestApp } from '../support/strapi';
import { launchBrowser, screen as photograph } from '../support/browser';
import { seedDemo, type DemoReport } from '../../src/demo/seed';
import { DEMO_PASSWORD } from '../../src/demo/data';
import { openBody } from '../../plugins/client-area/server/src/secrets/sealed-body';

/**
 * The customer portal (React, built by the plugin's build into dist/portal) at /portal,
 * driven in Debian's Chromium on the demo data. Every page is photographed at 1366 px and
 * at a 390 px phone's width (.tmp/screenshots, looked at by a person) and checked by
 * axe-core at both widths for serious or critical violations.
 */
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

const screen = (page: Page, name: string) => photograph(page, 'portal', name, { axeOnPhone: true });
const relationshipPassword = (username: string, client: string) => demo.relationshipPasswords.find((entry) => entry.username === username && entry.client === client)!.password;

async function newPage() {
  return (await browser.newContext({ viewport: { width: 1366, height: 900 } })).newPage();
}

/** On the login page: logs in and waits for the client list. */
async function enterCredentials(page: Page, username: string, password = DEMO_PASSWORD) {
  await page.getByLabel('Username or email').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { name: 'Your clients', level: 1 }).waitFor();
}

async function logIn(page: Page, username: string) {
  await page.goto(`${app.url}/portal`);
  await enterCredentials(page, username);
}

describe('the customer portal at /portal', () => {
  it('is the built single-page app, its files cached for good and its page never; no other path is served', async () => {
    const page = await fetch(`${app.url}/portal`);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const html = await page.text();
    const script = html.match(/src="(\/portal\/assets\/[^"]+\.js)"/)![1];
    const asset = await fetch(`${app.url}${script}`);
    expect([asset.status, asset.headers.get('cache-control'), asset.headers.get('content-type')]).toEqual([200, 'public, max-age=31536000, immutable', 'text/javascript; charset=utf-8']);
    for (const path of ['/portal/../package.json', '/portal/assets/../../server/index.js', '/portal/nothing.js', '/portal/%2e%2e/package.json']) {
      expect([path, (await fetch(`${app.url}${path}`)).status]).toEqual([path, 404]);
    }
  });

  it('a master sees its clients, and in one every section it holds and every product; its members in Contacts', async () => {
    const page = await newPage();
    await page.goto(`${app.url}/portal`);
    await page.getByRole('heading', { name: 'Log in', level: 1 }).waitFor();
    await screen(page, 'login');
    await logIn(page, 'alice');
    await screen(page, 'clients');
    await page.getByRole('link', { name: 'Acme Hosting' }).click();
    await page.getByRole('heading', { name: 'Acme Hosting', level: 1 }).waitFor();
    await page.getByText('NATS installation #2').waitFor();
    const menu = page.getByRole('navigation', { name: 'Acme Hosting menu' });
    expect(await menu.getByRole('link').allInnerTexts()).toEqual(['Overview', 'Profile', 'Contacts', 'Products', 'Product management', 'Billing', 'Orders', 'Tickets', 'Audit log']);
    await screen(page, 'client');
    await menu.getByRole('link', { name: 'Contacts' }).click();
    await page.getByRole('heading', { name: 'Members and access' }).waitFor();
    await page.getByText('alice (you)').waitFor();
    await screen(page, 'members');
    await menu.getByRole('link', { name: 'Tickets' }).click();
    await page.getByRole('link', { name: /CA-1001 Cluster node 3/ }).waitFor();
    await screen(page, 'client-tickets');
    await page.close();
  }, 90000);

  it('a sub-account gives the relationship password, then sees only its sections and its product; a section it lacks says so', async () => {
    const page = await newPage();
    await logIn(page, 'bob');
    await page.getByText(/Relationship password required/).first().waitFor();
    await page.getByRole('link', { name: 'Acme Hosting' }).click();
    await page.getByLabel('Relationship password').fill('wrong-password');
    await page.getByRole('button', { name: 'Enter' }).click();
    await page.getByRole('alert').filter({ hasText: 'That relationship password is not right' }).waitFor();
    await screen(page, 'relationship-password');
    await page.getByLabel('Relationship password').fill(relationshipPassword('bob', 'ACME'));
    await page.getByRole('button', { name: 'Enter' }).click();
    await page.getByRole('heading', { name: 'Acme Hosting', level: 1 }).waitFor();
    await page.getByText('NATS installation #1').waitFor();
    expect(await page.getByText('NATS installation #2').count()).toBe(0);
    const menu = page.getByRole('navigation', { name: 'Acme Hosting menu' });
    expect(await menu.getByRole('link').allInnerTexts()).toEqual(['Overview', 'Products', 'Tickets']);
    // A ticket about NATS #1, the one product where Bob holds Tickets, with a file.
    await menu.getByRole('link', { name: 'Tickets' }).click();
    await page.getByRole('link', { name: 'Open a ticket' }).click();
    await page.getByRole('heading', { name: 'Open a ticket' }).waitFor();
    await page.getByLabel('Subject').fill('Route table after the upgrade');
    await page.getByLabel('What happened?').fill('The routes point at the old node.');
    await page.getByLabel('Attach files').setInputFiles({ name: 'routes.txt', mimeType: 'text/plain', buffer: Buffer.from('nats-route://10.0.0.3:6222') });
    await page.getByText('routes.txt (1 KB)').waitFor();
    await screen(page, 'new-ticket');
    await page.getByRole('button', { name: 'Open the ticket' }).click();
    await page.getByRole('heading', { name: /^CA-\d+ Route table after the upgrade$/, level: 1 }).waitFor();
    await page.getByRole('button', { name: /routes\.txt/ }).waitFor();
    const opened = await app.strapi.db.query('plugin::client-area.ticket' as any).findOne({ where: { subject: 'Route table after the upgrade' }, populate: { product: true } });
    expect(opened.product.name).toBe('NATS installation #1');
    // An address of a section Bob does not hold says so, plainly.
    await page.goto(`${page.url().replace(/#.*$/, '')}#/client/${await acmeId()}/contacts`);
    await page.getByText("You don't have the Contacts section at Acme Hosting.", { exact: false }).waitFor();
    await screen(page, 'section-not-held');
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByText('You are logged out.').waitFor();
    await page.close();
  }, 90000);

  it('a customer reads its tickets, replies and closes one; the thread has dates and names', async () => {
    const page = await newPage();
    await logIn(page, 'alice');
    await page.getByRole('link', { name: 'Your tickets' }).click();
    await page.getByRole('heading', { name: 'Tickets', level: 1 }).waitFor();
    await page.getByRole('link', { name: /CA-1001/ }).waitFor();
    await screen(page, 'tickets');
    await page.getByRole('link', { name: 'My tickets' }).click();
    // Bob requested CA-1001: it leaves the list; Alice's own CA-1002 stays.
    await page.getByRole('link', { name: /CA-1001/ }).waitFor({ state: 'detached' });
    await page.getByRole('link', { name: /CA-1002 Plan the upgrade/ }).click();
    await page.getByRole('heading', { name: /CA-1002 Plan the upgrade/, level: 1 }).waitFor();
    await page.getByLabel('Your reply').fill('Tuesday 22:00 UTC works for us.');
    await page.getByRole('button', { name: 'Send reply' }).click();
    const mine = page.getByRole('listitem').filter({ hasText: 'Tuesday 22:00 UTC works for us.' });
    await mine.waitFor();
    expect(await mine.locator('time').count()).toBe(1);
    await screen(page, 'ticket');
    await page.getByRole('button', { name: 'Close ticket' }).click();
    await page.getByRole('button', { name: 'Reopen' }).waitFor();
    const ticket = await app.strapi.db.query('plugin::client-area.ticket' as any).findOne({ where: { reference: 'CA-1002' } });
    expect(ticket.ticketStatus).toBe('closed');
    await page.close();
  }, 90000);

  it('a billing member sees the invoices and their lines, prints one and downloads its PDF, and has no Tickets', async () => {
    const page = await newPage();
    await logIn(page, 'dave');
    await page.getByRole('link', { name: 'Acme Hosting' }).click();
    await page.getByLabel('Relationship password').fill(relationshipPassword('dave', 'ACME'));
    await page.getByRole('button', { name: 'Enter' }).click();
    const menu = page.getByRole('navigation', { name: 'Acme Hosting menu' });
    await menu.waitFor();
    expect(await menu.getByRole('link').allInnerTexts()).toEqual(['Overview', 'Profile', 'Contacts', 'Billing', 'Orders']);
    await menu.getByRole('link', { name: 'Billing' }).click();
    const invoices = page.getByRole('list', { name: 'Invoices' });
    await invoices.getByRole('link', { name: 'Invoice INV-2026-0001' }).waitFor();
    expect(await invoices.getByRole('heading').allInnerTexts()).toEqual(['Invoice INV-2026-0001', 'Invoice INV-2026-0004']);
    // Billing held client-wide: every line, the one tied to no product too, and the totals.
    await invoices.getByText('Not tied to a product').waitFor();
    await screen(page, 'billing');
    await page.getByRole('combobox', { name: 'Status' }).click();
    await page.getByRole('option', { name: 'Paid', exact: true }).click();
    await page.getByText('1 invoice', { exact: true }).waitFor();
    await invoices.getByRole('link', { name: 'Invoice INV-2026-0004' }).click();
    await page.getByRole('heading', { name: 'Invoice INV-2026-0004' }).waitFor();
    await page.getByText('Onboarding workshop (one-off)').waitFor();
    await page.getByRole('button', { name: 'Print' }).waitFor();
    const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download PDF' }).click()]);
    expect(pdf.suggestedFilename()).toBe('invoice-INV-2026-0004.pdf');
    const saved = await pdf.path();
    expect(fs.readFileSync(saved).subarray(0, 5).toString()).toBe('%PDF-');
    // INV-2026-0004 is paid: nothing to pay. INV-2026-0001 is unpaid: dave announces a bank transfer.
    expect(await page.getByRole('region', { name: 'Pay this invoice' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Back to the invoices' }).click();
    await page.getByRole('link', { name: 'Invoice INV-2026-0001' }).click();
    const pay = page.getByRole('region', { name: 'Pay this invoice' });
    await pay.getByRole('button', { name: 'Bank transfer or on account' }).click();
    await pay.getByRole('status').filter({ hasText: 'with INV-2026-0001 as the reference' }).waitFor();
    await screen(page, 'invoice-pay');
    await screen(page, 'invoice');
    // Tickets are not his: no link, and the address says so.
    await page.goto(`${page.url().replace(/#.*$/, '')}#/client/${await acmeId()}/tickets`);
    await page.getByText("You don't have the Tickets section at Acme Hosting.", { exact: false }).waitFor();

    // He holds Profile: the company's details are his to keep; a wrong country code is said plainly.
    await page.getByRole('navigation', { name: 'Acme Hosting menu' }).getByRole('link', { name: 'Profile' }).click();
    const details = page.getByRole('form', { name: 'Details of Acme Hosting' });
    await details.getByLabel('Address').fill('1 Harbour Road\nBristol BS1 4QA');
    await details.getByLabel('Country').fill('G');
    await details.getByRole('button', { name: 'Save the details' }).click();
    await details.getByRole('alert').filter({ hasText: 'two-letter country code' }).waitFor();
    await details.getByLabel('Country').fill('GB');
    await details.getByLabel('VAT number').fill('GB 123 4567 89');
    await details.getByRole('button', { name: 'Save the details' }).click();
    await details.getByText('The details of Acme Hosting are saved.').waitFor();
    await screen(page, 'company-profile');
    const acme = await app.strapi.db.query('plugin::client-area.client' as any).findOne({ where: { reference: 'ACME' } });
    expect([acme.country, acme.vatNumber, acme.address]).toEqual(['GB', 'GB 123 4567 89', '1 Harbour Road\nBristol BS1 4QA']);
    await page.close();
  }, 90000);

  it('alice gives bob Tickets on NATS #1 in the matrix and bob sees it; suspended, his next click is refused; a new relationship password is shown once', async () => {
    const alice = await newPage();
    await logIn(alice, 'alice');
    await alice.getByRole('link', { name: 'Acme Hosting' }).click();
    await alice.getByRole('navigation', { name: 'Acme Hosting menu' }).getByRole('link', { name: 'Contacts' }).click();
    const bobCard = alice.getByRole('listitem', { name: 'bob' });
    await bobCard.getByRole('button', { name: 'Change access' }).click();
    const box = { name: 'Tickets on NATS installation #1 for bob' };
    const ticketsOnNats1 = bobCard.getByRole('checkbox', box);
    await bobCard.getByRole('checkbox', { ...box, checked: true }).waitFor();
    // Taken away first, so that giving it is seen.
    await ticketsOnNats1.click();
    await bobCard.getByText("Saved: bob's access has changed.").waitFor();
    await bobCard.getByRole('checkbox', { ...box, checked: false }).waitFor();

    const bob = await newPage();
    await logIn(bob, 'bob');
    await bob.getByRole('link', { name: 'Acme Hosting' }).click();
    await bob.getByLabel('Relationship password').fill(relationshipPassword('bob', 'ACME'));
    await bob.getByRole('button', { name: 'Enter' }).click();
    const bobMenu = bob.getByRole('navigation', { name: 'Acme Hosting menu' });
    await bobMenu.waitFor();
    expect(await bobMenu.getByRole('link').allInnerTexts()).toEqual(['Overview', 'Products']);

    await ticketsOnNats1.click();
    await bobCard.getByRole('checkbox', { ...box, checked: true }).waitFor();
    await screen(alice, 'access-matrix');
    await bob.reload();
    await bobMenu.waitFor();
    expect(await bobMenu.getByRole('link').allInnerTexts()).toEqual(['Overview', 'Products', 'Tickets']);
    expect(await bob.getByText('NATS installation #2').count()).toBe(0);

    // Suspended: the consequences first, then bob's very next click is refused.
    await bobCard.getByRole('button', { name: 'Suspend' }).click();
    const dialog = alice.getByRole('alertdialog');
    await dialog.getByText('bob loses all access to Acme Hosting at once.', { exact: false }).waitFor();
    await screen(alice, 'suspend-confirm');
    await dialog.getByRole('button', { name: 'Suspend' }).click();
    await bobCard.getByText('bob is suspended.').waitFor();
    await bobCard.getByText('Suspended: no access until restored').waitFor();
    await bobMenu.getByRole('link', { name: 'Tickets' }).click();
    await bob.getByRole('alert').filter({ hasText: 'Your access to Acme Hosting is suspended' }).waitFor();
    await screen(bob, 'suspended-refused');

    await bobCard.getByRole('button', { name: 'Restore' }).click();
    await alice.getByRole('alertdialog').getByRole('button', { name: 'Restore' }).click();
    await bobCard.getByText('bob is restored.').waitFor();
    await bob.reload();
    await bob.getByRole('link', { name: /CA-1001 Cluster node 3/ }).waitFor();

    // A new relationship password, shown once; the old one no longer opens Acme.
    await bobCard.getByRole('button', { name: 'New relationship password' }).click();
    await alice.getByRole('alertdialog').getByRole('button', { name: 'New relationship password' }).click();
    const shown = alice.getByTestId('relationship-password');
    await shown.waitFor();
    const fresh = (await shown.innerText()).trim();
    expect(fresh).not.toBe(relationshipPassword('bob', 'ACME'));
    await screen(alice, 'relationship-password-shown');
    await alice.getByRole('button', { name: 'Done' }).click();
    const entered = async (password: string) =>
      (await fetch(`${app.url}/api/client-area/clients/${await acmeId()}/session`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${await bob.evaluate(() => sessionStorage.getItem('jwt'))}` },
        body: JSON.stringify({ relationshipPassword: password }),
      })).status;
    expect([await entered(relationshipPassword('bob', 'ACME')), await entered(fresh)]).toEqual([403, 201]);
    demo.relationshipPasswords.find((entry) => entry.username === 'bob' && entry.client === 'ACME')!.password = fresh;

    // dave holds Contacts but bob is not below him: bob's boxes are locked, and he is told why.
    const dave = await newPage();
    await logIn(dave, 'dave');
    await dave.getByRole('link', { name: 'Acme Hosting' }).click();
    await dave.getByLabel('Relationship password').fill(relationshipPassword('dave', 'ACME'));
    await dave.getByRole('button', { name: 'Enter' }).click();
    await dave.getByRole('navigation', { name: 'Acme Hosting menu' }).getByRole('link', { name: 'Contacts' }).click();
    const bobForDave = dave.getByRole('listitem', { name: 'bob' });
    await bobForDave.getByRole('button', { name: 'Show access' }).click();
    await bobForDave.getByText("You can't change bob's access: bob is not managed by dave.").waitFor();
    expect(await bobForDave.getByRole('checkbox', { name: 'Tickets, whole client for bob' }).isDisabled()).toBe(true);
    expect(await bobForDave.getByRole('button', { name: 'Suspend' }).count()).toBe(0);
    await screen(dave, 'access-not-managed');

    // All of it is in Acme's audit log, which only alice, the master, has.
    expect(await dave.getByRole('navigation', { name: 'Acme Hosting menu' }).getByRole('link', { name: 'Audit log' }).count()).toBe(0);
    await alice.getByRole('navigation', { name: 'Acme Hosting menu' }).getByRole('link', { name: 'Audit log' }).click();
    const log = alice.getByRole('list', { name: 'Audit entries' });
    for (const done of ['alice suspended', 'alice restored', 'alice changed the access of', 'alice gave a new relationship password to']) {
      await log.getByText(done, { exact: false }).first().waitFor();
    }
    await screen(alice, 'audit');
    await Promise.all([alice.close(), bob.close(), dave.close()]);
  }, 150000);

  it('alice shows NATS #2 to bob on the Products page and bob sees it; she takes it back; she releases NATS #1 and takes it under her management again', async () => {
    const alice = await newPage();
    await logIn(alice, 'alice');
    await alice.getByRole('link', { name: 'Acme Hosting' }).click();
    await alice.getByRole('navigation', { name: 'Acme Hosting menu' }).getByRole('link', { name: 'Products' }).click();
    const nats2 = alice.getByRole('listitem', { name: 'NATS installation #2' });
    const bobSees = nats2.getByRole('group', { name: 'Who sees NATS installation #2' }).getByRole('checkbox', { name: 'bob' });
    await bobSees.click();
    await nats2.getByText('bob now sees NATS installation #2.').waitFor();

    const bob = await newPage();
    await logIn(bob, 'bob');
    await bob.getByRole('link', { name: 'Acme Hosting' }).click();
    await bob.getByLabel('Relationship password').fill(relationshipPassword('bob', 'ACME'));
    await bob.getByRole('button', { name: 'Enter' }).click();
    await bob.getByRole('navigation', { name: 'Acme Hosting menu' }).getByRole('link', { name: 'Products' }).click();
    await bob.getByRole('listitem', { name: 'NATS installation #2' }).waitFor();
    await screen(bob, 'products-distributed');

    await nats2.getByRole('group', { name: 'Who sees NATS installation #2' }).getByRole('checkbox', { name: 'bob', checked: true }).click();
    await nats2.getByText('bob no longer sees NATS installation #2.').waitFor();
    await bob.reload();
    await bob.getByRole('listitem', { name: 'NATS installation #1' }).waitFor();
    expect(await bob.getByRole('listitem', { name: 'NATS installation #2' }).count()).toBe(0);

    const nats1 = alice.getByRole('listitem', { name: 'NATS installation #1' });
    // The demo's products are under the master's management: released, then taken back.
    await nats1.getByText('Under your management', { exact: false }).waitFor();
    await nats1.getByRole('button', { name: 'Release' }).click();
    await nats1.getByText("Not under anyone's management", { exact: false }).waitFor();
    await screen(alice, 'products');
    await nats1.getByRole('button', { name: 'Put under my management' }).click();
    await nats1.getByText('NATS installation #1 is under your management.').waitFor();
    await nats1.getByRole('button', { name: 'Release' }).waitFor();
    await Promise.all([alice.close(), bob.close()]);
  }, 120000);

  it('alice adds a contact, invites her by email (the relationship password shown once, the mail in the outbox) and she appears among the members; a contact with no login is removed; the invited person sets her password from the link', async () => {
    const alice = await newPage();
    await logIn(alice, 'alice');
    await alice.getByRole('link', { name: 'Acme Hosting' }).click();
    await alice.getByRole('navigation', { name: 'Acme Hosting menu' }).getByRole('link', { name: 'Contacts' }).click();
    const contacts = alice.getByRole('region', { name: 'Contacts' });
    await contacts.getByRole('button', { name: 'Add a contact' }).click();
    await contacts.getByLabel('First name').fill('Heidi');
    await contacts.getByLabel('Last name').fill('Hansen');
    await contacts.getByLabel(/^Email/).fill('heidi@acme.test');
    await contacts.getByRole('button', { name: 'Add the contact' }).click();
    await contacts.getByText('Heidi Hansen is added.').waitFor();
    const heidi = contacts.getByRole('listitem', { name: 'Heidi Hansen' });
    await heidi.getByRole('button', { name: 'Give access' }).click();
    await screen(alice, 'contacts');
    await heidi.getByRole('button', { name: 'Invite heidi@acme.test by email' }).click();
    const shown = alice.getByTestId('relationship-password');
    await shown.waitFor();
    expect((await shown.innerText()).trim()).toMatch(/^\S{16,}$/);
    await alice.getByRole('button', { name: 'Done' }).click();
    await heidi.getByText('Sub-account', { exact: true }).waitFor();
    await alice.getByRole('region', { name: 'Members and access' }).getByRole('listitem', { name: /^heidi/ }).waitFor();
    const mails = await app.strapi.db.query('plugin::client-area.mail-outbox' as any).findMany({ where: { kind: 'invitation' } });
    expect(mails.filter((m: any) => JSON.stringify(m.toAddresses) === JSON.stringify(['heidi@acme.test']))).toHaveLength(1);

    await contacts.getByRole('button', { name: 'Add a contact' }).click();
    await contacts.getByLabel(/^Email/).fill('temp@acme.test');
    await contacts.getByRole('button', { name: 'Add the contact' }).click();
    const temp = contacts.getByRole('listitem', { name: 'temp@acme.test' });
    await temp.getByRole('button', { name: 'Remove' }).click();
    await alice.getByRole('alertdialog').getByRole('button', { name: 'Remove' }).click();
    await temp.waitFor({ state: 'detached' });
    await alice.close();

    // Heidi follows the invitation's link, chooses her password and logs in: Acme waits for her relationship password.
    const token = await sealedLink('invitation', 'heidi@acme.test', /#\/invitation\/([A-Za-z0-9_-]+)/);
    const heidiPage = await newPage();
    await heidiPage.goto(`${app.url}/portal#/invitation/${token}`);
    await heidiPage.getByRole('heading', { name: 'Welcome', level: 1 }).waitFor();
    await heidiPage.getByText('Acme Hosting invited you (heidi@acme.test) to its client area.', { exact: false }).waitFor();
    await heidiPage.getByLabel('Choose a password').fill('Heidi-pass-2026');
    await screen(heidiPage, 'invitation');
    await heidiPage.getByRole('button', { name: 'Set password' }).click();
    await heidiPage.getByText('Your password is set. Log in as heidi.').waitFor();
    await enterCredentials(heidiPage, 'heidi', 'Heidi-pass-2026');
    await heidiPage.getByRole('link', { name: 'Acme Hosting' }).waitFor();
    await heidiPage.close();
  }, 120000);

  it("erin gives her secondary logon frank Billing in her portfolio and he has it at once; frank opens a ticket for erin's client, as erin's", async () => {
    const erin = await newPage();
    await logIn(erin, 'erin');
    await erin.getByRole('link', { name: 'Your portfolio' }).click();
    await erin.getByRole('heading', { name: 'Your portfolio', level: 1 }).waitFor();
    const premium = erin.getByRole('list', { name: 'Security groups' }).getByRole('listitem', { name: 'Premium' });
    await premium.getByRole('checkbox', { name: 'Umbrella Ltd', checked: true }).waitFor();
    const frankLogon = erin.getByRole('list', { name: 'Secondary logons' }).getByRole('listitem', { name: 'frank' });
    await frankLogon.getByRole('group', { name: 'With the sections' }).getByRole('checkbox', { name: 'Billing' }).click();
    await frankLogon.getByText('frank is saved', { exact: false }).waitFor();
    await screen(erin, 'portfolio');

    const frank = await newPage();
    await logIn(frank, 'frank');
    await frank.getByRole('link', { name: 'Umbrella Ltd' }).click();
    const menu = frank.getByRole('navigation', { name: 'Umbrella Ltd menu' });
    await menu.waitFor();
    expect(await menu.getByRole('link').allInnerTexts()).toEqual(['Overview', 'Products', 'Billing', 'Tickets']);
    await menu.getByRole('link', { name: 'Tickets' }).click();
    await frank.getByRole('link', { name: 'Open a ticket' }).click();
    await frank.getByLabel('Subject').fill('Relay rejects our new domain');
    await frank.getByLabel('What happened?').fill('Mail from umbrella-new.example is refused.');
    await frank.getByRole('button', { name: 'Open the ticket' }).click();
    await frank.getByRole('heading', { name: /^CA-\d+ Relay rejects our new domain$/, level: 1 }).waitFor();
    const ticket = await app.strapi.db.query('plugin::client-area.ticket' as any).findOne({ where: { subject: 'Relay rejects our new domain' }, populate: { requester: true } });
    expect(ticket.requester.email).toBe('erin@reseller.test');

    // Billing taken back: frank's next page of Umbrella has no Billing.
    await frankLogon.getByRole('group', { name: 'With the sections' }).getByRole('checkbox', { name: 'Billing', checked: true }).click();
    await frankLogon.getByText('frank is saved', { exact: false }).waitFor();
    await frank.goto(`${app.url}/portal#/client/${await clientId('UMBRELLA')}`);
    await menu.waitFor();
    expect(await menu.getByRole('link').allInnerTexts()).toEqual(['Overview', 'Products', 'Tickets']);
    await Promise.all([erin.close(), frank.close()]);
  }, 120000);

  it("grace, a group reader, has the group views and sees the group's open tickets; bob, a plain contact, has none", async () => {
    const grace = await newPage();
    await logIn(grace, 'grace');
    // Her group read is her contact's at Globex: it counts once she has entered Globex with her relationship password (rule 2).
    await grace.getByRole('link', { name: 'Globex Corporation' }).click();
    await grace.getByLabel('Relationship password').fill(relationshipPassword('grace', 'GLOBEX'));
    await grace.getByRole('button', { name: 'Enter' }).click();
    await grace.getByRole('navigation', { name: 'Globex Corporation menu' }).waitFor();
    await grace.getByRole('link', { name: 'Client Area' }).click();
    await grace.getByRole('link', { name: 'Your tickets' }).click();
    const views = grace.getByRole('navigation', { name: 'Ticket views' });
    await views.getByRole('link', { name: 'Group: open' }).click();
    await grace.getByRole('link', { name: /CA-1003 Restore yesterday/ }).waitFor();
    await screen(grace, 'group-open');
    const bob = await newPage();
    await logIn(bob, 'bob');
    await bob.getByRole('link', { name: 'Your tickets' }).click();
    const bobViews = bob.getByRole('navigation', { name: 'Ticket views' });
    await bobViews.getByRole('link', { name: 'My tickets' }).waitFor();
    await bob.getByRole('status').filter({ hasText: /tickets?$/ }).waitFor();
    await bob.waitForLoadState('networkidle');
    expect(await bobViews.getByRole('link').allInnerTexts()).toEqual(['All I can see', 'My tickets']);
    await Promise.all([grace.close(), bob.close()]);
  }, 90000);

  it("bob's profile: his name on every contact, mail per client, a wrong current password said plainly, and logging out everywhere", async () => {
    const page = await newPage();
    await logIn(page, 'bob');
    await page.getByRole('link', { name: 'Your profile' }).click();
    await page.getByRole('heading', { name: 'Your profile', level: 1 }).waitFor();
    await page.getByLabel('First name').fill('Bob');
    await page.getByLabel('Last name').fill('Builder');
    await page.getByLabel('Phone').fill('+44 20 7946 0000');
    await page.getByRole('button', { name: 'Save your details' }).click();
    await page.getByText('Your details are saved.').waitFor();
    const contacts = await app.strapi.db.query('plugin::client-area.contact' as any).findMany({ where: { email: 'bob@example.test' } });
    expect(contacts.map((c: any) => [c.firstName, c.lastName, c.phone])).toEqual(contacts.map(() => ['Bob', 'Builder', '+44 20 7946 0000']));
    expect(contacts.length).toBeGreaterThanOrEqual(1);

    const globex = page.getByRole('listitem', { name: 'Globex Corporation' });
    // Bob holds Billing at Globex, so its invoices come to him: he turns them off there, and only there.
    await globex.getByRole('checkbox', { name: /^Invoices/, checked: true }).click();
    await globex.getByText('Invoices mail from Globex Corporation: off.').waitFor();
    await globex.getByRole('checkbox', { name: /^Invoices/, checked: false }).waitFor();
    const globexContact = await app.strapi.db.query('plugin::client-area.contact' as any).findOne({ where: { email: 'bob@example.test', client: { reference: 'GLOBEX' } } });
    expect(globexContact.emailInvoices).toBe(false);
    await page.getByRole('list', { name: 'Sessions' }).getByText('— this browser', { exact: false }).waitFor();
    await screen(page, 'profile');

    await page.getByLabel('Current password').fill('not-my-password');
    await page.getByLabel(/^New password\W*$/).fill('Another-pass-2026');
    await page.getByLabel('New password again').fill('Another-pass-2026');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByRole('alert').filter({ hasText: 'Your current password is not right.' }).waitFor();

    await page.getByRole('button', { name: 'Log out everywhere' }).click();
    await page.getByText('You are logged out everywhere, here too.').waitFor();
    await page.close();
  }, 90000);

  it('roles: alice makes one, edits it and deletes it; dave can give no more than he holds', async () => {
    const page = await newPage();
    await logIn(page, 'alice');
    await page.goto(`${app.url}/portal#/client/${await acmeId()}/contacts`);
    await page.getByRole('heading', { name: 'Roles' }).waitFor();
    await page.getByRole('button', { name: 'New role' }).click();
    const form = page.getByRole('form', { name: 'New role' });
    await form.getByLabel('Name').fill('Billing department');
    await form.getByRole('checkbox', { name: 'Billing, whole client' }).click();
    await form.getByRole('checkbox', { name: 'Orders, whole client' }).click();
    await form.getByRole('button', { name: 'Make the role' }).click();
    await page.getByText('The role Billing department is made.', { exact: false }).waitFor();
    const card = page.getByRole('listitem', { name: 'Billing department' });
    await card.getByText('Gives: Billing, Orders').waitFor();
    await card.getByText('Held by nobody yet').waitFor();
    await screen(page, 'roles');

    await card.getByRole('button', { name: 'Edit' }).click();
    const edit = page.getByRole('form', { name: 'Edit the role Billing department' });
    await edit.getByLabel('Description').fill('Pays invoices and orders');
    await edit.getByRole('checkbox', { name: 'Tickets on NATS installation #2' }).click();
    await screen(page, 'role-edit');
    await edit.getByRole('button', { name: 'Save the role' }).click();
    await card.getByText('Gives: Billing, Orders, Tickets (NATS installation #2)').waitFor();
    await card.getByText('Pays invoices and orders').waitFor();
    await page.close();

    // dave holds contacts, billing, orders and profile: what is beyond them is locked in his role form.
    const dave = await newPage();
    await logIn(dave, 'dave');
    await dave.getByRole('link', { name: 'Acme Hosting' }).click();
    await dave.getByLabel('Relationship password').fill(relationshipPassword('dave', 'ACME'));
    await dave.getByRole('button', { name: 'Enter' }).click();
    await dave.getByRole('navigation', { name: 'Acme Hosting menu' }).getByRole('link', { name: 'Contacts' }).click();
    await dave.getByRole('button', { name: 'New role' }).click();
    const daves = dave.getByRole('form', { name: 'New role' });
    expect(await daves.getByRole('checkbox', { name: 'Tickets, whole client' }).isDisabled()).toBe(true);
    expect(await daves.getByRole('checkbox', { name: 'Billing, whole client' }).isDisabled()).toBe(false);
    await daves.getByText('A role gives no more than you hold yourself').waitFor();
    await screen(dave, 'role-new-ceiling');
    await daves.getByRole('button', { name: 'Cancel' }).click();
    // Billing department gives Tickets on NATS #2, which dave does not hold: saving it is refused, with the reason.
    const held = dave.getByRole('listitem', { name: 'Billing department' });
    await held.getByRole('button', { name: 'Edit' }).click();
    await held.getByLabel('Name').fill('Billing team');
    await held.getByRole('button', { name: 'Save the role' }).click();
    // The engine names the product by its id; dave doesn't see it, and is told so rather than shown an id.
    await held.getByRole('alert').filter({ hasText: 'Grant "tickets" on a product you do not see is above your own access.' }).waitFor();
    await dave.close();

    // alice deletes it.
    const again = await newPage();
    await logIn(again, 'alice');
    await again.goto(`${app.url}/portal#/client/${await acmeId()}/contacts`);
    const mine = again.getByRole('listitem', { name: 'Billing department' });
    await mine.getByRole('button', { name: 'Delete' }).click();
    await again.getByRole('alertdialog').getByText('Nobody holds it').waitFor();
    await again.getByRole('alertdialog').getByRole('button', { name: 'Delete the role' }).click();
    await again.getByText('The role Billing department is deleted.').waitFor();
    // The list is asked again: the role leaves it.
    await again.getByRole('listitem', { name: 'Billing department' }).waitFor({ state: 'detached' });
    await again.close();
  }, 120000);

  it('pages before a login: forgot password and its reset link, an unknown page', async () => {
    const page = await newPage();
    await page.goto(`${app.url}/portal#/forgot-password`);
    await page.getByRole('heading', { name: 'Forgot your password?', level: 1 }).waitFor();
    await screen(page, 'forgot-password');
    await page.getByLabel('Email of your account').fill('nobody@example.test');
    await page.getByRole('button', { name: 'Send me a link' }).click();
    await page.getByRole('heading', { name: 'Check your mail', level: 1 }).waitFor();
    // carol asks for a link, follows it from her mail, and logs in with her new password.
    const carol = await newPage();
    await carol.goto(`${app.url}/portal#/forgot-password`);
    await carol.getByLabel('Email of your account').fill('carol@globex.test');
    await carol.getByRole('button', { name: 'Send me a link' }).click();
    await carol.getByRole('heading', { name: 'Check your mail', level: 1 }).waitFor();
    const code = await sealedLink('password-reset', 'carol@globex.test', /reset-password\?code=([A-Za-z0-9]+)/);
    const link = await newPage();
    await link.goto(`${app.url}/portal#/reset-password?code=${code}`);
    await link.getByRole('heading', { name: 'Choose a new password', level: 1 }).waitFor();
    await link.getByLabel('New password').fill('Carol-new-pass-2026');
    await screen(link, 'reset-password');
    await link.getByRole('button', { name: 'Change password' }).click();
    await link.getByText('Your password is changed. Log in with it.').waitFor();
    await enterCredentials(link, 'carol', 'Carol-new-pass-2026');
    await Promise.all([carol.close(), link.close()]);
    await page.goto(`${app.url}/portal#/no/such/page`);
    await page.getByRole('heading', { name: 'Page not found', level: 1 }).waitFor();
    await page.close();
  }, 60000);
});

/** The one-time link of the latest sealed mail of a kind to one address, as its recipient reads it. */
async function sealedLink(kind: string, to: string, pattern: RegExp) {
  const rows = await app.strapi.db.query('plugin::client-area.mail-outbox' as any).findMany({ where: { kind }, orderBy: { id: 'desc' } });
  const row = rows.find((m: any) => JSON.stringify(m.toAddresses) === JSON.stringify([to]));
  const body = openBody(app.strapi.plugin('client-area').config('secret') as string, row.messageId, row.sealedBody);
  return pattern.exec(body.text)![1];
}

async function clientId(reference: string) {
  return (await app.strapi.db.query('plugin::client-area.client' as any).findOne({ where: { reference } })).documentId as string;
}

const acmeId = () => clientId('ACME');

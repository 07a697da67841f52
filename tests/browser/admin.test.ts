import fs from 'fs';
import path from 'path';
import type { Browser } from 'playwright-core';
import { startApp, type TestApp } from '../support/strapi';
import { launchBrowser } from '../support/browser';
import { seedDemo } from '../../src/demo/seed';
import { DEMO_ADMIN } from '../../src/demo/data';

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
  it('loads, lets the demo admin log in, and shows the Client Area page and content types', async () => {
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

    await page.goto(`${app.url}/admin/content-manager/collection-types/plugin::client-area.client`);
    await page.getByText('Acme Hosting').waitFor({ timeout: 30000 });
    await page.close();
  }, 120000);
});

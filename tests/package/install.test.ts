import { spawn, type ChildProcess } from 'child_process';
import crypto from 'crypto';
import fs from 'fs';
import os from 'os';
import path from 'path';
import type { Browser } from 'playwright-core';
import { runCommand } from '../support/command';
import { freePort } from '../support/ports';
import { launchBrowser } from '../support/browser';
import contentTypes from '../../plugins/client-area/server/src/content-types';
import routes from '../../plugins/client-area/server/src/routes';

/**
 * The plugin as someone else's Strapi app gets it. `npm pack` makes the tarball npm
 * would publish; it is unpacked into a copy of tests/host-app (a minimal Strapi 5 app
 * with no code of its own) in a temporary directory outside this repository, the way
 * npm installs a package. Next to it go links to the packages the host's and the
 * plugin's package.json declare, and nothing else: a dependency the plugin forgot to
 * declare, or a file its `files` leave out, is missing there as it would be for a user.
 * The host builds its admin panel, starts on SQLite in production mode, and is used over
 * HTTP and in a browser. Runs once (SQLite), like the pure tests: see scripts/test.js.
 */
const repo = path.resolve(__dirname, '..', '..');
const pluginDir = path.join(repo, 'plugins', 'client-area');
const template = path.join(repo, 'tests', 'host-app');
const screenshots = path.join(repo, '.tmp', 'screenshots');

const ADMIN = { firstname: 'Hana', lastname: 'Host', email: 'hana@host.example', password: 'Host-admin-2026' };
const CUSTOMER = { username: 'casey', email: 'casey@host.example', password: 'Casey-portal-2026' };

let host: string;
let url: string;
let server: ChildProcess | undefined;
let serverLog = '';
let browser: Browser | undefined;
let adminToken: string;

const readJson = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8'));

/** What `npm install <tarball>` leaves: the package unpacked, its dependencies and peers beside it. */
async function install(tarball: string) {
  const modules = path.join(host, 'node_modules');
  const target = path.join(modules, 'client-area');
  fs.mkdirSync(target, { recursive: true });
  const untar = await runCommand('tar', ['-xzf', tarball, '--strip-components=1', '-C', target]);
  if (untar.status !== 0) throw new Error(`tar: ${untar.stderr}`);
  const plugin = readJson(path.join(target, 'package.json'));
  const declared = new Set([
    ...Object.keys(readJson(path.join(host, 'package.json')).dependencies).filter((name) => name !== 'client-area'),
    ...Object.keys(plugin.dependencies ?? {}),
    ...Object.keys(plugin.peerDependencies ?? {}),
  ]);
  for (const name of declared) {
    const link = path.join(modules, name);
    fs.mkdirSync(path.dirname(link), { recursive: true });
    fs.symlinkSync(path.join(repo, 'node_modules', name), link, 'dir');
  }
}

/** The host's environment: its own secrets, nothing of this repository's settings. */
function hostEnv(port: number): NodeJS.ProcessEnv {
  const secret = () => crypto.randomBytes(24).toString('base64');
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    // Strapi finds installed plugins by requiring "<name>/package.json" from its own files,
    // which the links resolve into this repository's node_modules; a real install puts Strapi
    // and the plugin in the host's node_modules, where NODE_PATH points Node.
    NODE_PATH: path.join(host, 'node_modules'),
    NODE_ENV: 'production',
    STRAPI_TELEMETRY_DISABLED: 'true',
    HOST: '127.0.0.1',
    PORT: String(port),
    APP_KEYS: `${secret()},${secret()}`,
    ADMIN_JWT_SECRET: secret(),
    API_TOKEN_SALT: secret(),
    TRANSFER_TOKEN_SALT: secret(),
    ENCRYPTION_KEY: secret(),
    JWT_SECRET: secret(),
    CLIENT_AREA_SECRET: crypto.randomBytes(32).toString('hex'),
  };
}

const strapiBin = () => path.join(host, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js');

async function startHost(env: NodeJS.ProcessEnv) {
  server = spawn(process.execPath, [strapiBin(), 'start'], { cwd: host, env, stdio: ['ignore', 'pipe', 'pipe'] });
  server.stdout!.on('data', (chunk) => (serverLog += chunk));
  server.stderr!.on('data', (chunk) => (serverLog += chunk));
  const exited = new Promise<never>((_, reject) => server!.once('exit', (code) => reject(new Error(`the host app stopped (${code}):\n${serverLog}`))));
  const deadline = Date.now() + 120_000;
  const up = (async () => {
    while (Date.now() < deadline) {
      const answer = await fetch(`${url}/_health`).catch(() => undefined);
      if (answer?.status === 204) return;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    throw new Error(`the host app did not answer within 120 s:\n${serverLog}`);
  })();
  await Promise.race([up, exited]);
}

const call = async (method: string, route: string, body?: unknown, token = adminToken) => {
  const answer = await fetch(`${url}${route}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await answer.text();
  return { status: answer.status, body: text ? JSON.parse(text) : null };
};

beforeAll(async () => {
  host = fs.mkdtempSync(path.join(os.tmpdir(), 'client-area-host-'));
  fs.cpSync(template, host, { recursive: true });

  const packed = await runCommand('npm', ['pack', '--json', '--pack-destination', host], { cwd: pluginDir });
  if (packed.status !== 0) throw new Error(`npm pack failed:\n${packed.stderr}`);
  const [{ filename }] = JSON.parse(packed.stdout);
  await install(path.join(host, filename));

  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  const env = hostEnv(port);
  const build = await runCommand(process.execPath, [strapiBin(), 'build'], { cwd: host, env, timeoutMs: 600_000 });
  if (build.status !== 0) throw new Error(`the host's admin build failed:\n${build.stdout}\n${build.stderr}`);
  await startHost(env);

  const registered = await call('POST', '/admin/register-admin', ADMIN, '');
  if (registered.status !== 200) throw new Error(`first admin: ${registered.status} ${JSON.stringify(registered.body)}`);
  adminToken = registered.body.data.token;
  browser = await launchBrowser();
}, 900_000);

afterAll(async () => {
  await browser?.close();
  if (server && server.exitCode === null) {
    const stopped = new Promise((resolve) => server!.once('exit', resolve));
    server.kill('SIGTERM');
    await stopped;
  }
  if (host) fs.rmSync(host, { recursive: true, force: true });
});

describe('the packed plugin in a second Strapi app', () => {
  it('ships only what a host needs: the built server, admin and portal, the changelog, the README', () => {
    const shipped = fs.readdirSync(path.join(host, 'node_modules', 'client-area')).sort();
    expect(shipped).toEqual(['CHANGELOG.md', 'README.md', 'dist', 'package.json']);
    expect(fs.readdirSync(path.join(host, 'node_modules', 'client-area', 'dist')).sort()).toEqual(['admin', 'portal', 'server']);
  });

  it('answers the customers\' health check from the host\'s own SQLite database', async () => {
    const health = await call('GET', '/api/client-area/health', undefined, '');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'ok', plugin: 'client-area', database: { client: 'sqlite', status: 'ok' } });
    expect(fs.existsSync(path.join(host, '.tmp', 'data.db'))).toBe(true);
  });

  it('registers every content type of the plugin with the host\'s content manager', async () => {
    const listed = await call('GET', '/content-manager/content-types');
    expect(listed.status).toBe(200);
    const uids = listed.body.data.map((type: { uid: string }) => type.uid).filter((uid: string) => uid.startsWith('plugin::client-area.'));
    expect(uids.sort()).toEqual(Object.keys(contentTypes).map((name) => `plugin::client-area.${name}`).sort());
  });

  it('adds to users-permissions only the customer routes for Authenticated, nothing for Public, and turns public sign-up off', async () => {
    const { body } = await call('GET', '/users-permissions/roles');
    const roleOf = async (type: string) => {
      const { id } = body.roles.find((role: { type: string }) => role.type === type);
      return (await call('GET', `/users-permissions/roles/${id}`)).body.role;
    };
    const enabledOurs = (role: any) =>
      Object.entries(role.permissions['plugin::client-area']?.controllers ?? {}).flatMap(([controller, actions]) =>
        Object.entries(actions as Record<string, { enabled: boolean }>)
          .filter(([, action]) => action.enabled)
          .map(([action]) => `${controller}.${action}`),
      );
    const customerRoutes = (routes['content-api'].routes as any[]).filter((route) => route.config?.auth !== false).map((route) => route.handler);
    expect(enabledOurs(await roleOf('authenticated')).sort()).toEqual([...new Set(customerRoutes)].sort());
    expect(enabledOurs(await roleOf('public'))).toEqual([]);
    const advanced = await call('GET', '/users-permissions/advanced');
    expect(advanced.body.settings.allow_register).toBe(false);
    const walkIn = await call('POST', '/api/auth/local/register', { username: 'walk-in', email: 'walk-in@host.example', password: 'Walk-in-2026' }, '');
    expect([walkIn.status, walkIn.body.error.message]).toEqual([400, 'Register action is currently disabled']);
  });

  it('shows the plugin\'s page in the host\'s admin panel', async () => {
    const page = await browser!.newPage();
    await page.goto(`${url}/admin/auth/login`);
    await page.fill('input[name="email"]', ADMIN.email);
    await page.fill('input[name="password"]', ADMIN.password);
    await page.click('button[type="submit"]');
    await page.waitForURL((address) => !address.pathname.includes('/auth/login'), { timeout: 60_000 });
    await page.getByRole('link', { name: 'Client Area' }).click();
    await page.getByRole('heading', { name: 'Clients', level: 1 }).waitFor({ timeout: 30_000 });
    await page.getByRole('link', { name: 'Sections and records' }).click();
    await page.getByText('Tickets (tickets)').waitFor();
    fs.mkdirSync(screenshots, { recursive: true });
    await page.screenshot({ path: path.join(screenshots, 'host-app-admin.png'), fullPage: true });
    await page.close();
  });

  it('lets a customer of the host log in at /portal and through the customers\' API', async () => {
    const roles = (await call('GET', '/users-permissions/roles')).body.roles;
    const authenticated = roles.find((role: { type: string }) => role.type === 'authenticated');
    const created = await call('POST', '/content-manager/collection-types/plugin::users-permissions.user', {
      ...CUSTOMER,
      confirmed: true,
      blocked: false,
      role: authenticated.id,
    });
    expect(created.status).toBe(201);

    const login = await call('POST', '/api/auth/local', { identifier: CUSTOMER.username, password: CUSTOMER.password }, '');
    expect(login.status).toBe(200);
    const me = await call('GET', '/api/client-area/clients', undefined, login.body.jwt);
    expect(me.status).toBe(200);
    expect(me.body.data).toEqual([]);

    const page = await browser!.newPage();
    await page.goto(`${url}/portal`);
    await page.getByLabel('Username or email').fill(CUSTOMER.username);
    await page.getByLabel('Password').fill(CUSTOMER.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { name: 'Your clients' }).waitFor({ timeout: 30_000 });
    await page.getByText('You have no access to any client yet.', { exact: false }).waitFor();
    await page.screenshot({ path: path.join(screenshots, 'host-app-portal.png'), fullPage: true });
    await page.close();
  });
});

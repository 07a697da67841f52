import { startApp, type TestApp } from '../support/strapi';
import { PUBLIC_ROUTES } from '../../plugins/client-area/server/src/routes/content-api';

let app: TestApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.stop();
});

const routesOf = (type: 'content-api' | 'admin') => ((app.strapi.plugin('client-area').routes as any)[type].routes as any[]).map((route) => ({
  ...route,
  name: `${route.method} ${route.path}`,
  policyNames: (route.config?.policies ?? []).map((p: any) => (typeof p === 'string' ? p : p.name)),
}));

describe('every route fails closed', () => {
  it('every customer route needs a login and names a client-area policy, unless it is declared public', () => {
    for (const route of routesOf('content-api')) {
      if (PUBLIC_ROUTES.includes(route.name)) {
        expect(route.config.auth).toBe(false);
        continue;
      }
      expect([route.name, route.config?.auth]).not.toEqual([route.name, false]);
      expect([route.name, route.policyNames.some((p: string) => p.startsWith('plugin::client-area.'))]).toEqual([route.name, true]);
    }
  });

  it('every route under /clients/:clientId is guarded by the client-access policy', () => {
    const scoped = routesOf('content-api').filter((route) => route.path.startsWith('/clients/:clientId') && !route.path.endsWith('/session'));
    expect(scoped.length).toBeGreaterThan(10);
    for (const route of scoped) expect([route.name, route.policyNames]).toEqual([route.name, ['plugin::client-area.client-access']]);
  });

  it('every admin route needs an admin', () => {
    for (const route of routesOf('admin')) {
      expect([route.name, route.policyNames.some((p: string) => p === 'admin::isAuthenticatedAdmin' || p === 'admin::hasPermissions')]).toEqual([route.name, true]);
    }
  });

  it('the authenticated role may call exactly the customer routes, and the public role none', async () => {
    const permissions = await app.strapi.db.query('plugin::users-permissions.permission').findMany({
      where: { action: { $startsWith: 'plugin::client-area.' } },
      populate: { role: true },
    });
    const expected = routesOf('content-api').filter((r) => !PUBLIC_ROUTES.includes(r.name)).map((r) => `plugin::client-area.${r.handler}`);
    expect(permissions.filter((p: any) => p.role.type === 'authenticated').map((p: any) => p.action).sort()).toEqual([...new Set(expected)].sort());
    expect(permissions.filter((p: any) => p.role.type !== 'authenticated')).toEqual([]);
  });

  it('our policies refuse rather than return undefined when the caller is missing', async () => {
    const policy = app.strapi.policy('plugin::client-area.client-access') as any;
    await expect(Promise.resolve().then(() => policy({ state: {}, params: { clientId: 'x' } }, {}, { strapi: app.strapi }))).rejects.toHaveProperty('name', 'UnauthorizedError');
    const identity = app.strapi.policy('plugin::client-area.is-identity') as any;
    expect(() => identity({ state: {} })).toThrow();
  });
});

import request from 'supertest';
import { startApp, type TestApp } from '../support/strapi';

let app: TestApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.stop();
});

describe('the app boots with the client-area plugin', () => {
  it('loads the plugin from its compiled server entry', () => {
    const plugin = app.strapi.plugin('client-area');
    expect(plugin).toBeDefined();
    expect(Object.keys(app.strapi.contentTypes).filter((uid) => uid.startsWith('plugin::client-area.'))).not.toHaveLength(0);
  });

  it('answers the health endpoint', async () => {
    const res = await request(app.server).get('/api/client-area/health').expect(200);
    expect(res.body).toMatchObject({ status: 'ok', plugin: 'client-area', database: { status: 'ok' } });
    expect(res.body.database.client).toBe(app.database.kind);
  });
});

describe('the sections registry', () => {
  it('holds the seven sections of the design, product-scoped where grants may name a product', () => {
    const sections = app.strapi.plugin('client-area').service('sections').list();
    expect(sections.map((s: any) => [s.name, s.productScoped])).toEqual([
      ['profile', false],
      ['contacts', false],
      ['products', true],
      ['product-management', true],
      ['billing', true],
      ['orders', false],
      ['tickets', true],
    ]);
  });

  it('lets another plugin register a section, which the health report and grants then know', async () => {
    const sections = app.strapi.plugin('client-area').service('sections');
    sections.register({ name: 'domain-names', label: 'Domain names', productScoped: true, origin: 'my-domains-plugin' });
    expect(sections.get('domain-names')).toMatchObject({ origin: 'my-domains-plugin', productScoped: true });
    const res = await request(app.server).get('/api/client-area/health').expect(200);
    expect(res.body.sections).toContain('domain-names');
    expect(() => sections.register({ name: 'domain-names', label: 'Again' })).toThrow(/already registered by my-domains-plugin/);
    expect(() => sections.register({ name: 'Not Kebab', label: 'x' })).toThrow(/kebab-case/);
  });
});

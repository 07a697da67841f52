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

import request from 'supertest';
import { startApp, type TestApp } from '../support/strapi';
import { clientWorld, PASSWORD } from '../support/customers';

/** CORS answers only our origins; answers that show a secret are never cached. */
const ENV = { PUBLIC_URL: 'https://portal.example.test', CORS_ORIGINS: 'https://shop.example.test, https://partner.example.test:8443/' };
let app: TestApp;
beforeAll(async () => {
  app = await startApp({ env: ENV });
});
afterAll(async () => {
  await app?.stop();
});

describe('CORS', () => {
  const preflight = (origin: string) =>
    request(app.server).options('/api/auth/local').set('Origin', origin).set('Access-Control-Request-Method', 'POST').set('Access-Control-Request-Headers', 'content-type');

  it.each(['https://evil.example.test', 'null', 'https://portal.example.test.evil.test'])('a foreign origin (%s) gets no Access-Control-Allow-Origin', async (origin) => {
    const answer = await preflight(origin);
    expect(answer.headers['access-control-allow-origin']).toBeUndefined();
    const simple = await request(app.server).get('/api/client-area/health').set('Origin', origin);
    expect(simple.headers['access-control-allow-origin']).toBeUndefined();
  });

  it.each(['https://portal.example.test', 'https://shop.example.test', 'https://partner.example.test:8443'])('%s (PUBLIC_URL or CORS_ORIGINS) is allowed with credentials', async (origin) => {
    const answer = await preflight(origin);
    expect(answer.headers['access-control-allow-origin']).toBe(origin);
    expect(answer.headers['access-control-allow-credentials']).toBe('true');
  });
});

describe('Cache-Control: no-store on answers that show a secret', () => {
  it('login and refresh, the relationship password session and its rotation', async () => {
    const world = await clientWorld(app.strapi, app.server);
    const sub = await world.subAccount([{ section: 'tickets' }]);
    const master = await world.master();

    const loggedIn = await request(app.server).post('/api/auth/local').send({ identifier: sub.customer.identity.username, password: PASSWORD }).expect(200);
    expect(loggedIn.headers['cache-control']).toBe('no-store');
    const refreshed = await request(app.server).post('/api/auth/refresh').send({ refreshToken: loggedIn.body.refreshToken }).expect(200);
    expect(refreshed.headers['cache-control']).toBe('no-store');

    const session = await sub.customer.post(`/clients/${world.client.documentId}/session`, { relationshipPassword: sub.relationshipPassword }).expect(201);
    expect(session.headers['cache-control']).toBe('no-store');
    const rotated = await master.post(`/clients/${world.client.documentId}/members/${sub.membership.documentId}/relationship-password`).expect(201);
    expect(rotated.headers['cache-control']).toBe('no-store');

    const contact = (await master.post(`/clients/${world.client.documentId}/contacts`, { email: 'invited.one@example.test' }).expect(201)).body.data;
    const invited = await master.post(`/clients/${world.client.documentId}/contacts/${contact.documentId}/invitation`, {}).expect(201);
    expect(invited.headers['cache-control']).toBe('no-store');

    // An ordinary read is not marked.
    const listed = await master.get('/clients').expect(200);
    expect(listed.headers['cache-control']).not.toBe('no-store');
  });
});

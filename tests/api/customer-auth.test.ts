import request from 'supertest';
import { startApp, type TestApp } from '../support/strapi';
import { clientWorld, enter, login } from '../support/customers';

/**
 * The customer routes log in through the plugin's one-statement strategy
 * (customer-auth.ts): the same rules as users-permissions' own, and a logout ends
 * the access token at once.
 */
let app: TestApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.stop();
});

const USER = 'plugin::users-permissions.user';
const PERMISSION = 'plugin::users-permissions.permission';

/** The SQL statements a request runs, counted on Strapi's own connection. */
async function statementsOf(run: () => Promise<unknown>): Promise<number> {
  let count = 0;
  const knex = app.strapi.db.connection;
  const onQuery = () => count++;
  knex.on('query', onQuery);
  try {
    await run();
  } finally {
    knex.off('query', onQuery);
  }
  return count;
}

describe('the customer strategy', () => {
  it('lets a logged-in customer in, and no one without a valid users-permissions access token', async () => {
    const world = await clientWorld(app.strapi, app.server);
    const master = await world.master();
    const me = await master.get('/me').expect(200);
    expect(me.body.data).toMatchObject({ username: master.identity.username });

    await request(app.server).get('/api/client-area/me').expect(401);
    await request(app.server).get('/api/client-area/me').set('Authorization', 'Bearer not-a-token').expect(401);
    await request(app.server).get('/api/client-area/me').set('Authorization', `Basic ${master.jwt}`).expect(401);
    // Strapi's own API tokens are for the content API, not for a customer.
    const { accessKey } = await app.strapi.service('admin::api-token').create({ name: `full ${Date.now()}`, type: 'full-access', lifespan: null } as any);
    await request(app.server).get('/api/client-area/me').set('Authorization', `Bearer ${accessKey}`).expect(401);
  });

  it('refuses a blocked user, and an unconfirmed one while email confirmation is on', async () => {
    const world = await clientWorld(app.strapi, app.server);
    const master = await world.master();
    await app.strapi.db.query(USER).update({ where: { id: master.identity.id }, data: { blocked: true } });
    await master.get('/me').expect(401);
    await app.strapi.db.query(USER).update({ where: { id: master.identity.id }, data: { blocked: false } });
    await master.get('/me').expect(200);

    const store = app.strapi.store({ type: 'plugin', name: 'users-permissions' });
    const advanced = (await store.get({ key: 'advanced' })) as Record<string, unknown>;
    await app.strapi.db.query(USER).update({ where: { id: master.identity.id }, data: { confirmed: false } });
    try {
      await master.get('/me').expect(200);
      await store.set({ key: 'advanced', value: { ...advanced, email_confirmation: true } });
      await master.get('/me').expect(401);
    } finally {
      await store.set({ key: 'advanced', value: advanced });
      await app.strapi.db.query(USER).update({ where: { id: master.identity.id }, data: { confirmed: true } });
    }
    await master.get('/me').expect(200);
  });

  it('refuses a route the role no longer holds in Users & Permissions, with 403', async () => {
    const world = await clientWorld(app.strapi, app.server);
    const master = await world.master();
    const permission = await app.strapi.db.query(PERMISSION).findOne({ where: { action: 'plugin::client-area.me.show', role: { type: 'authenticated' } }, populate: { role: true } });
    expect(permission).toBeTruthy();
    await app.strapi.db.query(PERMISSION).delete({ where: { id: permission.id } });
    try {
      await master.get('/me').expect(403);
      // Only that route: the others keep their own action.
      await master.get('/clients').expect(200);
    } finally {
      await app.strapi.db.query(PERMISSION).create({ data: { action: permission.action, role: permission.role.id } });
    }
    await master.get('/me').expect(200);
  });

  it('a logout ends the access token on the customer routes at once', async () => {
    const world = await clientWorld(app.strapi, app.server);
    const master = await world.master();
    const other = await login(app.server, master.identity);
    await master.get('/me').expect(200);
    await request(app.server).post('/api/auth/logout').set('Authorization', `Bearer ${master.jwt}`).send({}).expect(200);
    const ended = await master.get('/me').expect(401);
    expect(ended.body.error.message).toMatch(/log in again/i);
    // A logout ends that login only: another device's stays in.
    await other.get('/me').expect(200);
    const again = await login(app.server, master.identity);
    await again.get('/me').expect(200);
  });
});

describe('statements per request', () => {
  it("logging in costs one statement; a ticket list six, facts and page included, for every kind of caller", async () => {
    const world = await clientWorld(app.strapi, app.server);
    const master = await world.master();
    const sub = await world.subAccount([{ section: 'tickets' }]);
    await enter(sub.customer, world.client, sub.relationshipPassword);
    const groups = (await master.get('/security-groups').expect(200)).body.data;
    await master.post('/secondary-logons', { securityGroups: groups.map((g: any) => g.documentId), newIdentity: { username: `logon-${world.client.documentId}`, email: `logon-${world.client.documentId}@example.test`, password: 'Secret-pass-1' }, sections: ['tickets'] }).expect(201);
    const logon = await login(app.server, { username: `logon-${world.client.documentId}` });
    const list = (customer: typeof master) => customer.get('/tickets?view=all').expect(200);
    await list(logon);

    expect(await statementsOf(() => master.get('/me').expect(200))).toBe(1);
    // Login 1, facts 3 (memberships; the clients' grants and products; the identity's contacts, logons and groups), page and count 2.
    expect(await statementsOf(() => list(master))).toBe(6);
    // The relationship session's password version is read with the memberships.
    expect(await statementsOf(() => list(sub.customer))).toBe(6);
    // A secondary logon's security groups come with its logons.
    expect(await statementsOf(() => list(logon))).toBe(6);
  });

  it('one ticket costs six statements whatever its thread holds; a reply nineteen, however long the thread', async () => {
    const world = await clientWorld(app.strapi, app.server);
    const master = await world.master();
    const reference = (await master.post(`/clients/${world.client.documentId}/tickets`, { subject: 'Counted', body: 'First' }).expect(201)).body.data.reference;
    const show = () => master.get(`/tickets/${reference}`).expect(200);
    const reply = (body: string) => master.post(`/tickets/${reference}/messages`, { body }).expect(201);

    // Login 1, facts 3, the ticket with client, product, requester and categories 1, the thread with authors and files 1.
    expect(await statementsOf(show)).toBe(6);
    const first = await statementsOf(() => reply('Second'));
    for (let i = 0; i < 5; i++) await reply(`More ${i}`);
    expect((await show()).body.data.messages).toHaveLength(7);
    expect(await statementsOf(show)).toBe(6);
    // Login 1, facts 3, the ticket 1; in one transaction (BEGIN, COMMIT): the message and its order in the
    // thread, three links (ticket, identity, contact) and its read-back (Strapi's create: 6), its Message-ID 1,
    // the ticket moved on 1, the staff notice with its two links and read-back 4.
    expect(first).toBe(19);
    expect(await statementsOf(() => reply('Eighth'))).toBe(first);
  });
});

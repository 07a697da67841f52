import request from 'supertest';
import { startApp, type TestApp } from '../support/strapi';
import { clientWorld, enter, login } from '../support/customers';
import { fixtures } from '../support/fixtures';

let app: TestApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.stop();
});

const auditActions = async (clientId: number | string) =>
  (await app.strapi.db.query('plugin::client-area.audit-entry' as any).findMany({ where: { client: { id: clientId } }, orderBy: { id: 'asc' } })).map(
    (entry: any) => entry.action,
  );

describe('entering a client', () => {
  it('a master enters its client without a relationship password and sees every section', async () => {
    const world = await clientWorld(app.strapi, app.server);
    const master = await world.master();
    const list = await master.get('/clients').expect(200);
    expect(list.body.data).toEqual([
      expect.objectContaining({ documentId: world.client.documentId, relation: 'master', relationshipPasswordRequired: false }),
    ]);
    expect(list.body.data[0].sections).toEqual(['profile', 'contacts', 'products', 'product-management', 'billing', 'orders', 'tickets']);
    await master.get(`/clients/${world.client.documentId}`).expect(200);
  });

  it('a sub-account must give the relationship password before it acts for the client', async () => {
    const world = await clientWorld(app.strapi, app.server);
    const { customer, relationshipPassword } = await world.subAccount([{ section: 'tickets' }]);
    const list = await customer.get('/clients').expect(200);
    expect(list.body.data).toEqual([expect.objectContaining({ relation: 'sub-account', relationshipPasswordRequired: true, sections: [] })]);
    const refused = await customer.get(`/clients/${world.client.documentId}`).expect(403);
    expect(refused.body.error.message).toMatch(/relationship password required/i);

    await enter(customer, world.client, relationshipPassword);
    const shown = await customer.get(`/clients/${world.client.documentId}`).expect(200);
    expect(shown.body.data).toMatchObject({ relation: 'sub-account', relationshipPasswordRequired: false, sections: ['tickets'] });
    expect(await auditActions(world.client.id)).toContain('client.login');
  });

  it('the session of one client is no use in another', async () => {
    const first = await clientWorld(app.strapi, app.server);
    const second = await clientWorld(app.strapi, app.server);
    const { customer, relationshipPassword, membership } = await first.subAccount([{ section: 'tickets' }]);
    const identity = await app.strapi.db.query('plugin::users-permissions.user').findOne({ where: { id: customer.identity.id } });
    await second.subAccount([{ section: 'tickets' }], { identity });
    await enter(customer, first.client, relationshipPassword);
    await customer.get(`/clients/${first.client.documentId}`).expect(200);
    await customer.get(`/clients/${second.client.documentId}`).expect(403);
    expect(membership.id).toBeGreaterThan(0);
  });

  it('a wrong relationship password is refused, and repeated wrong attempts lock the identity out of that client', async () => {
    const world = await clientWorld(app.strapi, app.server);
    const { customer, relationshipPassword } = await world.subAccount([{ section: 'tickets' }]);
    const path = `/clients/${world.client.documentId}/session`;
    for (let attempt = 1; attempt <= 4; attempt++) {
      const res = await customer.post(path, { relationshipPassword: `wrong-${attempt}` }).expect(403);
      expect(res.body.error.message).toBe('Wrong relationship password');
    }
    const locked = await customer.post(path, { relationshipPassword: 'wrong-5' }).expect(429);
    expect(locked.body.error.message).toMatch(/too many/i);
    // Even the right password waits out the lockout.
    await customer.post(path, { relationshipPassword }).expect(429);
    const actions = await auditActions(world.client.id);
    expect(actions.filter((a: string) => a === 'relationship-password.failed')).toHaveLength(5);
    expect(actions).toContain('relationship-password.locked');

    // The lockout is per identity and client: another sub-account is not affected.
    const other = await world.subAccount([{ section: 'tickets' }]);
    await enter(other.customer, world.client, other.relationshipPassword);
  });

  it('rotating the relationship password ends the sessions opened with the old one', async () => {
    const world = await clientWorld(app.strapi, app.server);
    const { customer, relationshipPassword, membership } = await world.subAccount([{ section: 'tickets' }]);
    await enter(customer, world.client, relationshipPassword);
    await customer.get(`/clients/${world.client.documentId}`).expect(200);
    const fresh = await app.strapi.plugin('client-area').service('relationship-passwords').rotate(membership.id, {});
    await customer.get(`/clients/${world.client.documentId}`).expect(403);
    await customer.post(`/clients/${world.client.documentId}/session`, { relationshipPassword }).expect(403);
    await enter(customer, world.client, fresh);
    await customer.get(`/clients/${world.client.documentId}`).expect(200);
    expect(await auditActions(world.client.id)).toContain('relationship-password.rotated');
  });

  it('a suspended membership loses its session on the very next request', async () => {
    const world = await clientWorld(app.strapi, app.server);
    const { customer, relationshipPassword, membership } = await world.subAccount([{ section: 'tickets' }]);
    await enter(customer, world.client, relationshipPassword);
    await customer.get(`/clients/${world.client.documentId}`).expect(200);
    await app.strapi.db.query('plugin::client-area.membership' as any).update({ where: { id: membership.id }, data: { membershipStatus: 'suspended' } });
    await customer.get(`/clients/${world.client.documentId}`).expect(404);
  });

  it('a tampered or foreign session token proves nothing', async () => {
    const world = await clientWorld(app.strapi, app.server);
    const { customer, relationshipPassword } = await world.subAccount([{ section: 'tickets' }]);
    const { token } = await enter(customer, world.client, relationshipPassword);
    const [payload, signature] = token.split('.');
    // A different last pair of characters, whatever the signature ended in.
    customer.tokens[world.client.documentId] = `${payload}.${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`;
    await customer.get(`/clients/${world.client.documentId}`).expect(403);
    const thief = await login(app.server, await fixtures(app.strapi).identity());
    thief.tokens.stolen = token;
    await thief.get(`/clients/${world.client.documentId}`).expect(404);
  });

  it('answers bad input with a clear 4xx', async () => {
    const world = await clientWorld(app.strapi, app.server);
    const { customer } = await world.subAccount([{ section: 'tickets' }]);
    const path = `/clients/${world.client.documentId}/session`;
    const wrongType = await customer.post(path, { relationshipPassword: 42 }).expect(400);
    expect(wrongType.body.error.message).toMatch(/relationshipPassword/);
    await customer.post(path, { relationshipPassword: 'x', master: true }).expect(400);
    await customer.post('/clients/nope/session', { relationshipPassword: 'x' }).expect(404);
    // No login at all: 401, asking for one (users-permissions' public role answered 403 here).
    await request(app.server).post(`/api/client-area${path}`).send({ relationshipPassword: 'x' }).expect(401);
  });
});

describe('a relationship session belongs to the login it was given in', () => {
  it('another login of the same person, a logout or a password change ends it', async () => {
    const world = await clientWorld(app.strapi, app.server);
    const sub = await world.subAccount([{ section: 'tickets' }]);
    const client = `/clients/${world.client.documentId}`;
    await enter(sub.customer, world.client, sub.relationshipPassword);
    await sub.customer.get(client).expect(200);

    const elsewhere = await login(app.server, sub.customer.identity);
    elsewhere.tokens = { ...sub.customer.tokens };
    const refused = await elsewhere.get(client).expect(403);
    expect(refused.body.error.details).toMatchObject({ relationshipPasswordRequired: true });

    // A password change ends every login session, and the sessions entered in them.
    await enter(elsewhere, world.client, sub.relationshipPassword);
    await elsewhere.get(client).expect(200);
    const changed = await request(app.server)
      .post('/api/auth/change-password')
      .set('Authorization', `Bearer ${elsewhere.jwt}`)
      .send({ currentPassword: 'Secret-pass-1', password: 'Another-pass-2', passwordConfirmation: 'Another-pass-2' })
      .expect(200);
    const afterChange = await elsewhere.get(client);
    expect(afterChange.status).not.toBe(200);
    elsewhere.jwt = changed.body.jwt;
    expect((await elsewhere.get(client).expect(403)).body.error.details).toMatchObject({ relationshipPasswordRequired: true });

    // Logging out ends the session entered in that login.
    await enter(elsewhere, world.client, sub.relationshipPassword);
    await elsewhere.get(client).expect(200);
    await request(app.server).post('/api/auth/logout').set('Authorization', `Bearer ${elsewhere.jwt}`).send({}).expect(200);
    expect((await elsewhere.get(client)).status).not.toBe(200);
  });
});

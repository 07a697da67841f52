import request from 'supertest';
import { startApp, type TestApp } from '../support/strapi';
import { clientWorld, enter } from '../support/customers';
import { staffLogin } from '../support/staff';

let app: TestApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.stop();
});

const path = (world: { client: { documentId: string } }, rest = '') => `/clients/${world.client.documentId}${rest}`;

describe('staff on any client, through the admin API', () => {
  it('staff read and change any client: contacts, grants beyond any ceiling, roles, the master', async () => {
    const staff = await staffLogin(app.strapi, app.server);
    const world = await clientWorld(app.strapi, app.server);
    const product = await world.product();
    const sub = await world.subAccount([]);
    await enter(sub.customer, world.client, sub.relationshipPassword);

    const contact = await staff.post(path(world, '/contacts'), { email: 'added.by.staff@example.test' }).expect(201);
    expect(contact.body.data.email).toBe('added.by.staff@example.test');
    await staff
      .put(path(world, `/members/${sub.membership.documentId}/grants`), { grants: [{ section: 'billing' }, { section: 'tickets', product: product.documentId }] })
      .expect(200);
    expect((await sub.customer.get(path(world)).expect(200)).body.data.sections).toEqual(['billing', 'tickets']);

    await staff.post(path(world, `/members/${world.masterMembership.documentId}/suspend`)).expect(200);
    const master = await world.master();
    await master.get(path(world)).expect(404);
    await staff.post(path(world, `/members/${world.masterMembership.documentId}/restore`)).expect(200);
    await master.get(path(world)).expect(200);

    const log = await staff.get(path(world, '/audit')).expect(200);
    expect(log.body.data.find((e: any) => e.action === 'grants.changed').actor).toBe('staff');
  });

  it('staff lift a relationship-password lockout', async () => {
    const staff = await staffLogin(app.strapi, app.server);
    const world = await clientWorld(app.strapi, app.server);
    const sub = await world.subAccount([{ section: 'tickets' }]);
    for (let attempt = 0; attempt < 5; attempt++) await sub.customer.post(path(world, '/session'), { relationshipPassword: 'wrong' });
    await sub.customer.post(path(world, '/session'), { relationshipPassword: sub.relationshipPassword }).expect(429);
    await staff.post(path(world, `/members/${sub.membership.documentId}/unlock`)).expect(200);
    await sub.customer.post(path(world, '/session'), { relationshipPassword: sub.relationshipPassword }).expect(201);
  });

  it('an admin without the client-area permission, a customer and an anonymous caller are refused', async () => {
    const editor = await staffLogin(app.strapi, app.server, 'strapi-editor');
    const world = await clientWorld(app.strapi, app.server);
    await editor.get(path(world, '/contacts')).expect(403);
    await editor.put(path(world, `/members/${world.masterMembership.documentId}/grants`), { grants: [] }).expect(403);
    const master = await world.master();
    await request(app.server).get(`/client-area${path(world, '/contacts')}`).set('Authorization', `Bearer ${master.jwt}`).expect(401);
    await request(app.server).get(`/client-area${path(world, '/contacts')}`).expect(401);
  });

  it('answers an unknown client with 404', async () => {
    const staff = await staffLogin(app.strapi, app.server);
    await staff.get('/clients/nosuchclient/contacts').expect(404);
  });
});

import request from 'supertest';
import { startApp, type TestApp } from '../support/strapi';
import { clientWorld } from '../support/customers';

/** Invitations make accounts: public sign-up is off unless the plugin's config turns it on, and no username holds an @. */
const register = (app: TestApp, body: object) => request(app.server).post('/api/auth/local/register').send(body);
const person = (name: string) => ({ username: name, email: `${name.replace('@', '.at.')}@example.test`, password: 'Secret-pass-1' });

describe('by default', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('public registration is refused and users-permissions shows it switched off', async () => {
    const refused = await register(app, person('walk-in')).expect(400);
    expect(refused.body.error.message).toBe('Register action is currently disabled');
    const advanced: any = await app.strapi.store({ type: 'plugin', name: 'users-permissions' }).get({ key: 'advanced' });
    expect(advanced.allow_register).toBe(false);
    expect(advanced.default_role).toBe('authenticated');
  });

  it('an invitation names the account after the local part of the email, made unique', async () => {
    const world = await clientWorld(app.strapi, app.server);
    const master = await world.master();
    const invite = async (email: string) => {
      const contact = (await master.post(`/clients/${world.client.documentId}/contacts`, { email }).expect(201)).body.data;
      return (await master.post(`/clients/${world.client.documentId}/contacts/${contact.documentId}/invitation`, {}).expect(201)).body.data.identity.username;
    };
    expect(await invite('Jane.Doe@example.test')).toBe('jane.doe');
    expect(await invite('jane.doe@other.test')).toBe('jane.doe-2');
    expect(await invite('jo@example.test')).toBe('jo-2');
  });

  it('a secondary logon made with a new identity may not have an @ in its username', async () => {
    const world = await clientWorld(app.strapi, app.server);
    const master = await world.master();
    const refused = await master
      .post('/secondary-logons', { newIdentity: { username: 'x@example.test', email: 'x@example.test', password: 'Secret-pass-12' }, securityGroups: [], sections: [] })
      .expect(400);
    expect(refused.body.error.message).toMatch(/may not contain @/);
  });
});

describe('with CLIENT_AREA_ALLOW_REGISTRATION=true', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp({ env: { CLIENT_AREA_ALLOW_REGISTRATION: 'true' } });
  });
  afterAll(async () => {
    await app?.stop();
    process.env.CLIENT_AREA_ALLOW_REGISTRATION = 'false';
  });

  it('anyone may register, but not with an @ in the username', async () => {
    const made = await register(app, person('walk-in')).expect(200);
    expect(made.body.user.username).toBe('walk-in');
    const refused = await register(app, person('walk@in')).expect(400);
    expect(refused.body.error.message).toBe('username: a username may not contain @');
  });
});

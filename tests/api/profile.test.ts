import request from 'supertest';
import { startApp, type TestApp } from '../support/strapi';
import { clientWorld, enter, login, PASSWORD } from '../support/customers';
import { fixtures } from '../support/fixtures';

/**
 * A person's own profile: its name and phone on each of its contacts, what mail it wants
 * from each client, its password and its login sessions (users-permissions' own routes,
 * which the plugin's routes follow at once).
 */
let app: TestApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.stop();
});

const CONTACT = 'plugin::client-area.contact' as any;
const contactRow = (documentId: string) => app.strapi.db.query(CONTACT).findOne({ where: { documentId } });

/** One person: a sub-account with a contact at A and at B, and one without a contact at C. */
async function person() {
  const identity = await fixtures(app.strapi).identity();
  const [a, b, c] = [await clientWorld(app.strapi, app.server), await clientWorld(app.strapi, app.server), await clientWorld(app.strapi, app.server)];
  const atA = await a.subAccount([], { identity, withContact: true });
  const atB = await b.subAccount([], { identity, withContact: true });
  await c.subAccount([], { identity });
  return { identity, a, b, c, atA, atB, customer: await login(app.server, identity) };
}

describe('the profile', () => {
  it('lists each client with its own contact and the mail it wants; name and phone go to every contact; preferences to one client only', async () => {
    const { a, b, c, atA, atB, customer } = await person();
    const profile = (await customer.get('/profile').expect(200)).body.data;
    expect(profile.username).toBe(customer.identity.username);
    const byClient = Object.fromEntries(profile.clients.map((entry: any) => [entry.client.documentId, entry]));
    expect(Object.keys(byClient).sort()).toEqual([a.client.documentId, b.client.documentId, c.client.documentId].sort());
    expect(byClient[a.client.documentId].contact.emailPreferences).toEqual({ general: true, invoices: false, support: true, products: false });
    expect(byClient[c.client.documentId].contact).toBeNull();

    // Name and phone: on both contacts, audited in both clients; no relationship password was needed.
    const saved = (await customer.put('/profile', { firstName: ' Pia ', lastName: 'Lund', phone: '+45 1234 5678' }).expect(200)).body.data;
    expect([saved.firstName, saved.lastName, saved.phone]).toEqual(['Pia', 'Lund', '+45 1234 5678']);
    for (const contact of [atA.contact!, atB.contact!]) {
      expect(await contactRow(contact.documentId)).toMatchObject({ firstName: 'Pia', lastName: 'Lund', phone: '+45 1234 5678' });
    }
    const audits = await app.strapi.db.query('plugin::client-area.audit-entry' as any).findMany({ where: { action: 'profile.changed', actorIdentity: { id: customer.identity.id } }, populate: { client: { select: ['id'] } } });
    expect(audits.map((entry: any) => entry.client.id).sort()).toEqual([a.client.id, b.client.id].sort());

    // Mail from A only.
    const after = (await customer.put(`/profile/clients/${a.client.documentId}/email-preferences`, { invoices: true, support: false }).expect(200)).body.data;
    expect(after.clients.find((entry: any) => entry.client.documentId === a.client.documentId).contact.emailPreferences).toEqual({ general: true, invoices: true, support: false, products: false });
    expect(await contactRow(atA.contact!.documentId)).toMatchObject({ emailInvoices: true, emailSupport: false });
    expect(await contactRow(atB.contact!.documentId)).toMatchObject({ emailInvoices: false, emailSupport: true });

    // No contact at C: said so; a client the person is not in: not found, whoever's it is.
    const none = await customer.put(`/profile/clients/${c.client.documentId}/email-preferences`, { general: false }).expect(400);
    expect(none.body.error.message).toMatch(/no contact record at/);
    const stranger = await clientWorld(app.strapi, app.server);
    await customer.put(`/profile/clients/${stranger.client.documentId}/email-preferences`, { general: false }).expect(404);
    await customer.put('/profile/clients/not-an-id/email-preferences', { general: false }).expect(404);
  });

  it('refuses bad input with the field that is wrong, and changes nothing', async () => {
    const { atA, customer, a } = await person();
    const cases: Array<[string, object, RegExp]> = [
      ['/profile', { email: 'else@example.test' }, /Unrecognized key/],
      ['/profile', { firstName: 'x'.repeat(101) }, /^firstName:/],
      ['/profile', { phone: 42 }, /^phone:/],
      [`/profile/clients/${a.client.documentId}/email-preferences`, { invoices: 'yes' }, /^invoices:/],
      [`/profile/clients/${a.client.documentId}/email-preferences`, { newsletter: true }, /Unrecognized key/],
    ];
    for (const [path, body, message] of cases) {
      const res = await customer.put(path, body);
      expect([path, body, res.status, res.body.error?.message]).toEqual([path, body, 400, expect.stringMatching(message)]);
    }
    expect(await contactRow(atA.contact!.documentId)).toMatchObject({ firstName: null, phone: null, emailInvoices: false });
  });

  it('a person with no contact anywhere is told where name and phone are kept', async () => {
    const world = await clientWorld(app.strapi, app.server);
    const { customer } = await world.subAccount();
    expect((await customer.put('/profile', { firstName: 'Ola' }).expect(400)).body.error.message).toMatch(/no contact record at any client/);
  });
});

describe("the login's password and sessions (users-permissions' routes)", () => {
  const auth = (jwt: string) => ({ Authorization: `Bearer ${jwt}` });
  const logIn = async (identity: any, password = PASSWORD) => (await request(app.server).post('/api/auth/local').send({ identifier: identity.username, password }).expect(200)).body;

  it('lists the sessions; logging out everywhere ends every one on the plugin routes at once; a password change ends the others', async () => {
    const identity = await fixtures(app.strapi).identity();
    const [phone, laptop] = [await logIn(identity), await logIn(identity)];
    const sessions = (await request(app.server).get('/api/auth/sessions').set(auth(laptop.jwt)).expect(200)).body.data;
    expect(sessions).toHaveLength(2);
    expect(sessions.filter((s: any) => s.current)).toHaveLength(1);

    // One session ended by id: that login is out, the other stays in.
    const other = sessions.find((s: any) => !s.current);
    await request(app.server).delete(`/api/auth/sessions/${other.id}`).set(auth(laptop.jwt)).expect(200);
    await request(app.server).get('/api/client-area/me').set(auth(phone.jwt)).expect(401);
    await request(app.server).get('/api/client-area/me').set(auth(laptop.jwt)).expect(200);

    // Everywhere: every login is out at once, and its refresh token no longer renews it.
    const tablet = await logIn(identity);
    await request(app.server).post('/api/auth/logout').set(auth(laptop.jwt)).send({ scope: 'all' }).expect(200);
    for (const session of [laptop, tablet]) {
      await request(app.server).get('/api/client-area/me').set(auth(session.jwt)).expect(401);
      await request(app.server).post('/api/auth/refresh').send({ refreshToken: session.refreshToken }).expect(401);
    }

    // A new password: this login gets new tokens, every other login is out.
    const [here, there] = [await logIn(identity), await logIn(identity)];
    const changed = await request(app.server)
      .post('/api/auth/change-password')
      .set(auth(here.jwt))
      .send({ currentPassword: PASSWORD, password: 'Another-pass-2026', passwordConfirmation: 'Another-pass-2026' })
      .expect(200);
    await request(app.server).get('/api/client-area/me').set(auth(changed.body.jwt)).expect(200);
    await request(app.server).get('/api/client-area/me').set(auth(there.jwt)).expect(401);
    await logIn(identity, 'Another-pass-2026');
    const wrong = await request(app.server)
      .post('/api/auth/change-password')
      .set(auth(changed.body.jwt))
      .send({ currentPassword: 'not-it', password: 'Third-pass-2026', passwordConfirmation: 'Third-pass-2026' })
      .expect(400);
    expect(wrong.body.error.message).toBe('The provided current password is invalid');
  });
});

describe("a client's company details (the profile section)", () => {
  it('members holding profile read and change them, audited; the name and reference stay staff’s; without profile, a 403', async () => {
    const world = await clientWorld(app.strapi, app.server);
    const master = await world.master();
    const path = `/clients/${world.client.documentId}/profile`;
    const before = (await master.get(path).expect(200)).body.data;
    expect(before).toEqual({ documentId: world.client.documentId, name: world.client.name, reference: world.client.reference, address: null, country: null, vatNumber: null, phone: null, website: null });

    const keeper = await world.subAccount([{ section: 'profile' }]);
    await enter(keeper.customer, world.client, keeper.relationshipPassword);
    const saved = (await keeper.customer.put(path, { address: 'Hauptstraße 1\n10115 Berlin', country: 'de', vatNumber: 'DE123456789', phone: '+49 30 1234567', website: 'https://acme.example' }).expect(200)).body.data;
    expect(saved).toMatchObject({ address: 'Hauptstraße 1\n10115 Berlin', country: 'DE', vatNumber: 'DE123456789', phone: '+49 30 1234567', website: 'https://acme.example', name: world.client.name });
    expect((await master.get(path).expect(200)).body.data.country).toBe('DE');
    const audit = await app.strapi.db.query('plugin::client-area.audit-entry' as any).findOne({ where: { action: 'client.profile-changed', client: { id: world.client.id } } });
    expect(audit.details.fields.sort()).toEqual(['address', 'country', 'phone', 'vatNumber', 'website']);
    // An empty text clears a field.
    expect((await keeper.customer.put(path, { website: '' }).expect(200)).body.data.website).toBeNull();

    const other = await world.subAccount([{ section: 'tickets' }]);
    await enter(other.customer, world.client, other.relationshipPassword);
    const refused = await other.customer.put(path, { phone: '1' }).expect(403);
    expect(refused.body.error.message).toMatch(/missing grant "profile"/);
    await other.customer.get(path).expect(403);
  });

  it('answers bad input with a 400 naming the field and changes nothing', async () => {
    const world = await clientWorld(app.strapi, app.server);
    const master = await world.master();
    const path = `/clients/${world.client.documentId}/profile`;
    const cases: Array<[object, RegExp]> = [
      [{ country: 'Germany' }, /country: must be a two-letter country code/],
      [{ website: 'ftp://acme.example' }, /website: must be an address starting with https:\/\//],
      [{ phone: 'call me' }, /phone: may hold digits/],
      [{ vatNumber: 'DE<script>' }, /vatNumber: may hold letters, digits/],
      [{ address: 'x'.repeat(501) }, /address/],
      [{ name: 'Evil Corp' }, /Unrecognized key/],
      [{ reference: 'NEW' }, /Unrecognized key/],
    ];
    for (const [body, message] of cases) expect((await master.put(path, body).expect(400)).body.error.message).toMatch(message);
    expect((await master.get(path).expect(200)).body.data).toMatchObject({ name: world.client.name, country: null, website: null, phone: null });
  });
});

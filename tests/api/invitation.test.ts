import request from 'supertest';
import { startApp, type TestApp } from '../support/strapi';
import { createSmtp, smtpEnv, type TestSmtp } from '../support/smtp';
import { clientWorld, enter, login, PASSWORD } from '../support/customers';

let app: TestApp;
let smtp: TestSmtp;
beforeAll(async () => {
  smtp = await createSmtp();
  app = await startApp({ env: smtpEnv(smtp) });
});
afterAll(async () => {
  await app?.stop();
  await smtp?.stop();
});

const accept = (body: object) => request(app.server).post('/api/client-area/invitations/accept').send(body);

describe('inviting a new person as a sub-account', () => {
  it('mails a one-time link; the person sets a password, logs in and acts with the relationship password', async () => {
    const world = await clientWorld(app.strapi, app.server);
    const master = await world.master();
    const contact = (await master.post(`/clients/${world.client.documentId}/contacts`, { email: 'new.person@example.test', firstName: 'Nia' }).expect(201)).body.data;
    const invited = await master.post(`/clients/${world.client.documentId}/contacts/${contact.documentId}/invitation`, { grants: [{ section: 'tickets' }] }).expect(201);
    expect(invited.body.data.identity.username).toBe('new.person');

    // Every column of the waiting mail, as the database holds it (and the content manager shows it).
    const waiting = await app.strapi.db.connection('ca_mail_outbox').where({ kind: 'invitation' }).select('*');
    expect(waiting).toHaveLength(1);
    expect(waiting[0]).toMatchObject({ delivery_status: 'pending', text: expect.stringMatching(/^\[sealed until delivery/), html: null, sealed_body: expect.stringMatching(/^v1\./) });

    await app.strapi.plugin('client-area').service('outbox').deliverDue();
    expect(smtp.messages).toHaveLength(1);
    const mail = smtp.messages[0].mail;
    expect(mail.to).toMatchObject({ value: [{ address: 'new.person@example.test' }] });
    const token = /\/portal\/#\/invitation\/([A-Za-z0-9_-]{43})/.exec(mail.text ?? '')![1];

    // The token was nowhere in the outbox row while the mail waited, nor is it now it is out.
    expect(JSON.stringify(waiting)).not.toContain(token);
    const sent = await app.strapi.db.connection('ca_mail_outbox').where({ kind: 'invitation' }).select('*');
    expect(sent[0]).toMatchObject({ delivery_status: 'sent', sealed_body: null, text: expect.stringMatching(/^\[removed after delivery/) });
    expect(JSON.stringify(sent)).not.toContain(token);
    expect(JSON.stringify(await app.strapi.db.connection('ca_invitations').select('*'))).not.toContain(token);

    // Before choosing a password, the link says what it is for; a wrong token says nothing.
    const describe = (body: object) => request(app.server).post('/api/client-area/invitations/describe').send(body);
    const info = await describe({ token }).expect(200);
    expect(info.body.data).toEqual({ client: world.client.name, username: 'new.person', email: 'new.person@example.test', expiresAt: expect.any(String) });
    expect(info.headers['cache-control']).toMatch(/no-store/);
    expect((await describe({ token: `${token.slice(0, -2)}xx` }).expect(400)).body.error.message).toBe('This invitation link is used, expired or wrong; ask for a new one');
    await describe({}).expect(400);
    await describe({ token, password: 'x' }).expect(400);

    await accept({ token, password: 'short' }).expect(400);
    const accepted = await accept({ token, password: PASSWORD }).expect(200);
    expect(accepted.body.data.username).toBe('new.person');
    await accept({ token, password: PASSWORD }).expect(400);
    await describe({ token }).expect(400);

    const person = await login(app.server, { username: 'new.person' });
    await enter(person, world.client, invited.body.data.relationshipPassword);
    expect((await person.get(`/clients/${world.client.documentId}`).expect(200)).body.data.sections).toEqual(['tickets']);
  });

  it("refuses to invite someone who already has an account, and a grant above the inviter's ceiling", async () => {
    const world = await clientWorld(app.strapi, app.server);
    const master = await world.master();
    const existing = await world.subAccount([]);
    const contact = (await master.post(`/clients/${world.client.documentId}/contacts`, { email: existing.customer.identity.email }).expect(201)).body.data;
    const refused = await master.post(`/clients/${world.client.documentId}/contacts/${contact.documentId}/invitation`, {}).expect(400);
    expect(refused.body.error.message).toMatch(/already has an account/);

    const manager = await world.subAccount([{ section: 'contacts' }]);
    await enter(manager.customer, world.client, manager.relationshipPassword);
    const fresh = (await manager.customer.post(`/clients/${world.client.documentId}/contacts`, { email: 'another.new@example.test' }).expect(201)).body.data;
    const mailsBefore = await app.strapi.db.query('plugin::client-area.mail-outbox' as any).count();
    const above = await manager.customer.post(`/clients/${world.client.documentId}/contacts/${fresh.documentId}/invitation`, { grants: [{ section: 'billing' }] }).expect(403);
    expect(above.body.error.message).toMatch(/above your own access/);
    // Nothing half-written: no account, no mail.
    expect(await app.strapi.db.query('plugin::users-permissions.user').findOne({ where: { email: 'another.new@example.test' } })).toBeNull();
    expect(await app.strapi.db.query('plugin::client-area.mail-outbox' as any).count()).toBe(mailsBefore);
  });

  it('answers a wrong or malformed token with a clear 400', async () => {
    await accept({ token: 'x'.repeat(43), password: PASSWORD }).expect(400);
    await accept({ token: 42, password: PASSWORD }).expect(400);
    await accept({}).expect(400);
  });
});

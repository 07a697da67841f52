import request from 'supertest';
import { startApp, type TestApp } from '../support/strapi';
import { createSmtp, smtpEnv, deliverAll, type TestSmtp } from '../support/smtp';
import { fixtures } from '../support/fixtures';

/**
 * "Forgot password" answers the same for every email and mails a known account,
 * through the outbox, a link to the portal's reset page, whose code
 * users-permissions' /auth/reset-password takes. (The portal page itself posts
 * that same request; here it is driven through the API.)
 */
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
beforeEach(() => {
  smtp.messages.length = 0;
});

const forgot = (email: string) => request(app.server).post('/api/auth/forgot-password').send({ email });
const logIn = (identifier: string, password: string) => request(app.server).post('/api/auth/local').send({ identifier, password });
const LINK = /(http:\/\/localhost:1337\/portal\/#\/reset-password\?code=([0-9a-f]{128}))/;

describe('forgot password', () => {
  it('mails a known account a link to the portal; the link resets the password and the new one logs in', async () => {
    const identity: any = await fixtures(app.strapi).identity();
    const asked = await forgot(identity.email.toUpperCase()).expect(200);
    expect(asked.body).toEqual({ ok: true });

    const queued = await app.strapi.db.query('plugin::client-area.mail-outbox' as any).findMany({ where: { kind: 'password-reset' } });
    expect(queued).toHaveLength(1);
    await deliverAll(app.strapi);
    expect(smtp.messages).toHaveLength(1);
    const { mail, envelope } = smtp.messages[0];
    expect(envelope.to).toEqual([identity.email]);
    expect(mail.from?.value[0].address).toBe('support@client-area.local');
    expect(mail.headers.get('auto-submitted')).toBe('auto-generated');
    const [, link, code] = LINK.exec(mail.text ?? '')!;
    expect(link).toBeTruthy();

    const reset = await request(app.server).post('/api/auth/reset-password').send({ code, password: 'New-secret-pass-2', passwordConfirmation: 'New-secret-pass-2' }).expect(200);
    expect(reset.body.jwt).toBeTruthy();
    await logIn(identity.username, 'New-secret-pass-2').expect(200);
    await logIn(identity.username, 'Secret-pass-1').expect(400);
    // The link works once.
    await request(app.server).post('/api/auth/reset-password').send({ code, password: 'Other-pass-3', passwordConfirmation: 'Other-pass-3' }).expect(400);
  });

  it('answers an unknown or blocked email exactly as a known one, and mails nobody', async () => {
    const known = await forgot((await fixtures(app.strapi).identity()).email);
    const blocked: any = await fixtures(app.strapi).identity();
    await app.strapi.db.query('plugin::users-permissions.user').update({ where: { id: blocked.id }, data: { blocked: true } });
    const unknown = await forgot('nobody-here@example.test');
    const blockedAnswer = await forgot(blocked.email);
    for (const answer of [unknown, blockedAnswer]) {
      expect(answer.status).toBe(known.status);
      expect(answer.body).toEqual(known.body);
    }
    await deliverAll(app.strapi);
    expect(smtp.messages.map((m) => m.envelope.to)).toEqual([[expect.stringMatching(/^user-/)]]);
    expect(smtp.messages[0].envelope.to[0]).not.toBe(blocked.email);
  });

  it('answers the same while the mail server is down (the mail waits in the outbox)', async () => {
    const identity: any = await fixtures(app.strapi).identity();
    await smtp.stop();
    try {
      const answer = await forgot(identity.email);
      expect([answer.status, answer.body]).toEqual([200, { ok: true }]);
    } finally {
      await smtp.start();
    }
    await deliverAll(app.strapi);
    expect(smtp.messages.map((m) => m.envelope.to)).toEqual([[identity.email]]);
  });

  it('refuses a malformed body with a 400, the same for everyone', async () => {
    await forgot('not-an-email').expect(400);
    await request(app.server).post('/api/auth/forgot-password').send({ email: 'a@example.test', extra: 1 }).expect(400);
  });
});

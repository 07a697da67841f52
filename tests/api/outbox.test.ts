import request from 'supertest';
import { startApp, type TestApp } from '../support/strapi';
import { createSmtp, smtpEnv, type TestSmtp } from '../support/smtp';
import { staffLogin } from '../support/staff';

let app: TestApp;
let smtp: TestSmtp;
beforeAll(async () => {
  smtp = await createSmtp();
  // The app logs in to the SMTP server, so a refused login can be played.
  // Pooled SMTP connections close after 50 ms idle here, so a test can meet a fresh login.
  app = await startApp({ env: { ...smtpEnv(smtp, { login: true }), SMTP_POOL_IDLE_MS: '50', CLIENT_AREA_OUTBOX_BACKOFF_SECONDS: '0', CLIENT_AREA_OUTBOX_MAX_AGE_HOURS: '72' } });
});
afterAll(async () => {
  await app?.stop();
  await smtp?.stop();
});
beforeEach(() => {
  smtp.messages.length = 0;
  smtp.refuseWith = null;
  smtp.refuseRecipients = null;
  smtp.refuseLoginWith = null;
  smtp.beforeAnswer = null;
});

const HOUR = 3600_000;
const OUTBOX = 'plugin::client-area.mail-outbox' as any;
const outbox = () => app.strapi.plugin('client-area').service('outbox');
const row = (id: number) => app.strapi.db.query(OUTBOX).findOne({ where: { id } });
const enqueue = (subject: string) =>
  app.strapi.db.transaction(() => outbox().enqueue({ kind: 'test', to: ['someone@example.test'], cc: ['master@example.test'], subject, text: 'Hello', automatic: true }));
/** Plays time: the mail was queued this long ago. */
const queuedAgo = (id: number, ms: number) => app.strapi.db.query(OUTBOX).update({ where: { id }, data: { queuedAt: new Date(Date.now() - ms) } });

describe('the durable outbox (rule 14)', () => {
  it('sends a mail once, with its Message-ID, CC and Auto-Submitted header', async () => {
    const mail = await enqueue('Once');
    expect(await outbox().deliverDue()).toBe(1);
    expect(await outbox().deliverDue()).toBe(0);
    expect(smtp.messages).toHaveLength(1);
    const [{ envelope, mail: received }] = smtp.messages;
    expect(envelope.to.sort()).toEqual(['master@example.test', 'someone@example.test']);
    expect(received.messageId).toBe(mail.messageId);
    expect(received.headers.get('auto-submitted')).toBe('auto-generated');
    expect(await row(mail.id)).toMatchObject({ deliveryStatus: 'sent', attempts: 1 });
  });

  it('never lets a line break typed by a user into a header', async () => {
    await app.strapi.db.transaction(() =>
      outbox().enqueue({ kind: 'test', to: ['someone@example.test'], subject: 'Hello\r\nBcc: victim@example.test\r\nX-Evil: 1', text: 'Body' }),
    );
    await outbox().deliverDue();
    const [{ envelope, mail }] = smtp.messages;
    expect(envelope.to).toEqual(['someone@example.test']);
    expect(mail.headers.has('x-evil')).toBe(false);
    expect(mail.subject).toBe('Hello Bcc: victim@example.test X-Evil: 1');
  });

  it('an SMTP outage delays mail, never drops or doubles it', async () => {
    await smtp.stop();
    const mails = [await enqueue('Outage 1'), await enqueue('Outage 2')];
    await outbox().deliverDue();
    for (const mail of mails) expect(await row(mail.id)).toMatchObject({ deliveryStatus: 'pending', attempts: 1, lastError: expect.stringMatching(/ECONNREFUSED|connect/) });
    await smtp.start();
    await outbox().deliverDue();
    await outbox().deliverDue();
    expect(smtp.messages.map((m) => m.mail.subject).sort()).toEqual(['Outage 1', 'Outage 2']);
    for (const mail of mails) expect(await row(mail.id)).toMatchObject({ deliveryStatus: 'sent', attempts: 2 });
  });

  it('a permanent 5xx refusal is kept as failed with the reason', async () => {
    smtp.refuseWith = 550;
    const mail = await enqueue('Refused');
    await outbox().deliverDue();
    expect(await row(mail.id)).toMatchObject({ deliveryStatus: 'failed', lastError: expect.stringMatching(/550/) });
    smtp.refuseWith = null;
    expect(await outbox().deliverDue()).toBe(0);
    expect(smtp.messages).toHaveLength(0);
  });

  it('a permanent refusal of the recipients (550 at RCPT TO) is kept as failed at once', async () => {
    smtp.refuseRecipients = { addresses: ['someone@example.test', 'master@example.test'], code: 550 };
    const mail = await enqueue('No such user');
    await outbox().deliverDue();
    expect(await row(mail.id)).toMatchObject({ deliveryStatus: 'failed', attempts: 1, lastError: expect.stringMatching(/550/) });
  });

  it('a temporary 4xx refusal is retried however many attempts it takes while the mail is young', async () => {
    smtp.refuseWith = 451;
    const mail = await enqueue('Temporary');
    for (let attempt = 0; attempt < 12; attempt++) await outbox().deliverDue();
    expect(await row(mail.id)).toMatchObject({ deliveryStatus: 'pending', attempts: 12, lastError: expect.stringMatching(/451/) });
    smtp.refuseWith = null;
    await outbox().deliverDue();
    expect(await row(mail.id)).toMatchObject({ deliveryStatus: 'sent', attempts: 13, lastError: null });
    expect(smtp.messages.map((m) => m.mail.subject)).toEqual(['Temporary']);
  });

  it('a refused login (535, credentials being changed) is retried, not failed, and the mail goes once the login works', async () => {
    // A connection that logged in before the change keeps working; wait until the pool has closed them.
    await new Promise((resolve) => setTimeout(resolve, 300));
    smtp.refuseLoginWith = 535;
    const mail = await enqueue('During a password change');
    await outbox().deliverDue();
    await outbox().deliverDue();
    expect(await row(mail.id)).toMatchObject({ deliveryStatus: 'pending', attempts: 2, lastError: expect.stringMatching(/535/) });
    smtp.refuseLoginWith = null;
    await outbox().deliverDue();
    expect(await row(mail.id)).toMatchObject({ deliveryStatus: 'sent', attempts: 3 });
    expect(smtp.messages.map((m) => m.mail.subject)).toEqual(['During a password change']);
  });

  it('a mail still refused after outbox.maxAgeHours is kept as failed, with how long it was tried', async () => {
    smtp.refuseWith = 421;
    const mail = await enqueue('Too old');
    await queuedAgo(mail.id, 72 * HOUR + 60_000);
    await outbox().deliverDue();
    expect(await row(mail.id)).toMatchObject({ deliveryStatus: 'failed', attempts: 1, lastError: expect.stringMatching(/^gave up after 1 attempts over 72 h: .*421/) });
    expect(await outbox().deliverDue()).toBe(0);
  });

  it('the last retry is at the deadline, never after it', async () => {
    const config = app.strapi.config.get('plugin::client-area') as any;
    config.outbox.backoffSeconds = 6 * 3600;
    try {
      smtp.refuseWith = 451;
      const mail = await enqueue('Almost too old');
      await queuedAgo(mail.id, 71 * HOUR);
      await outbox().deliverDue();
      const retry = await row(mail.id);
      const deadline = new Date(retry.queuedAt).getTime() + 72 * HOUR;
      expect(retry.deliveryStatus).toBe('pending');
      expect(new Date(retry.nextAttemptAt).getTime()).toBe(deadline);
    } finally {
      config.outbox.backoffSeconds = 0;
    }
  });

  it("a sender whose lease ran out can't overwrite what the sender that took the mail over wrote", async () => {
    const mail = await enqueue('Slow server');
    // The first sender's message waits for its answer, which will be a 451.
    let answerFirst: (code: number) => void = () => undefined;
    let heldFirst: () => void = () => undefined;
    const firstHeld = new Promise<void>((resolve) => (heldFirst = resolve));
    smtp.beforeAnswer = () => {
      smtp.beforeAnswer = null;
      heldFirst();
      return new Promise<number>((resolve) => (answerFirst = resolve));
    };
    const firstSender = outbox().deliverDue();
    await firstHeld;
    // Its lease runs out (as after 5 minutes); another sender takes the mail over and delivers it.
    await app.strapi.db.connection('ca_mail_outbox').where({ id: mail.id }).update({ next_attempt_at: new Date(Date.now() - 1000) });
    expect(await outbox().deliverDue()).toBe(1);
    expect(await row(mail.id)).toMatchObject({ deliveryStatus: 'sent', attempts: 2 });
    // The first sender now hears its 451: it must not put the delivered mail back to pending.
    answerFirst(451);
    await firstSender;
    expect(await row(mail.id)).toMatchObject({ deliveryStatus: 'sent', attempts: 2, lastError: null });
    expect(await outbox().deliverDue()).toBe(0);
    expect(smtp.messages.map((m) => m.mail.subject)).toEqual(['Slow server']);
  });

  it('the worker started with the app sends due mail on its own', async () => {
    const config = app.strapi.config.get('plugin::client-area') as any;
    config.outbox.intervalMs = 50;
    outbox().start();
    try {
      await enqueue('By the worker');
      for (let i = 0; i < 100 && smtp.messages.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
      expect(smtp.messages.map((m) => m.mail.subject)).toEqual(['By the worker']);
    } finally {
      await outbox().stop();
      config.outbox.intervalMs = 0;
    }
  });

  it('two senders working at once send each mail exactly once', async () => {
    for (let i = 0; i < 10; i++) await enqueue(`Concurrent ${i}`);
    await Promise.all([outbox().deliverDue(), outbox().deliverDue(), outbox().deliverDue()]);
    await outbox().deliverDue();
    expect(smtp.messages.map((m) => m.mail.subject).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `Concurrent ${i}`).sort());
  });
});

describe('staff requeue a failed mail', () => {
  const requeue = (staff: Awaited<ReturnType<typeof staffLogin>>, documentId: string) => staff.post(`/outbox/${documentId}/requeue`);
  const failedMail = async (subject: string) => {
    smtp.refuseWith = 554;
    const mail = await enqueue(subject);
    await queuedAgo(mail.id, 10 * HOUR);
    await outbox().deliverDue();
    smtp.refuseWith = null;
    expect(await row(mail.id)).toMatchObject({ deliveryStatus: 'failed' });
    return mail;
  };

  it('puts it back to pending with a fresh age window; it is delivered, and the requeue is in the audit log', async () => {
    const staff = await staffLogin(app.strapi, app.server);
    const mail = await failedMail('Requeue me');
    const before = Date.now();
    const answer = await requeue(staff, mail.documentId).expect(200);
    expect(answer.body.data).toMatchObject({ documentId: mail.documentId, status: 'pending', attempts: 0 });
    expect(new Date((await row(mail.id)).queuedAt).getTime()).toBeGreaterThanOrEqual(before - 1000);
    await outbox().deliverDue();
    expect(await row(mail.id)).toMatchObject({ deliveryStatus: 'sent', attempts: 1 });
    expect(smtp.messages.map((m) => m.mail.subject)).toEqual(['Requeue me']);
    const [entry] = await app.strapi.db.query('plugin::client-area.audit-entry' as any).findMany({ where: { action: 'mail.requeued', subjectId: mail.documentId }, populate: { actorStaff: true } });
    expect(entry).toMatchObject({ subjectType: 'mail-outbox', details: { kind: 'test', attempts: 1, lastError: expect.stringMatching(/554/) } });
    expect(entry.actorStaff).not.toBeNull();
  });

  it('answers 404 for an unknown mail, 400 for one that has not failed, 403 without the permission', async () => {
    const staff = await staffLogin(app.strapi, app.server);
    await requeue(staff, 'nosuchmail000000000000000').expect(404);
    const waiting = await enqueue('Still waiting');
    const refused = await requeue(staff, waiting.documentId).expect(400);
    expect(refused.body.error.message).toMatch(/Only a failed mail can be requeued; this one is pending/);
    await outbox().deliverDue();
    await requeue(staff, waiting.documentId).expect(400);

    const failed = await failedMail('Not yours to requeue');
    const editor = await staffLogin(app.strapi, app.server, 'strapi-editor');
    await requeue(editor, failed.documentId).expect(403);
    await request(app.server).post(`/client-area/outbox/${failed.documentId}/requeue`).expect(401);
    expect(await row(failed.id)).toMatchObject({ deliveryStatus: 'failed' });
  });
});

describe('a mail holding a one-time secret is sealed in the outbox', () => {
  const SECRET = 'one-time-Zq8vN3xR5tK2';
  const sealedMail = (subject: string) =>
    app.strapi.db.transaction(() =>
      outbox().enqueue({ kind: 'password-reset', sealed: true, to: ['someone@example.test'], subject, text: `Reset: https://example.test/reset/${SECRET}`, html: `<a href="https://example.test/reset/${SECRET}">Reset</a>` }),
    );
  const columns = async (id: number) => (await app.strapi.db.connection('ca_mail_outbox').where({ id }).select('*'))[0];

  it('is stored encrypted, sent in clear to the recipient, and its body dropped once delivered', async () => {
    const mail = await sealedMail('Sealed and sent');
    const waiting = await columns(mail.id);
    expect(JSON.stringify(waiting)).not.toContain(SECRET);
    expect(waiting).toMatchObject({ text: expect.stringMatching(/^\[sealed until delivery/), html: null, sealed_body: expect.stringMatching(/^v1\./) });
    await outbox().deliverDue();
    const [received] = smtp.messages;
    expect(received.mail.text).toContain(`https://example.test/reset/${SECRET}`);
    expect(received.mail.html).toContain(`https://example.test/reset/${SECRET}`);
    const sent = await columns(mail.id);
    expect(sent).toMatchObject({ delivery_status: 'sent', sealed_body: null, text: expect.stringMatching(/^\[removed after delivery/) });
    expect(JSON.stringify(sent)).not.toContain(SECRET);
  });

  it('stays sealed through retries, loses its body when it fails for good, and then cannot be requeued', async () => {
    const mail = await sealedMail('Sealed and refused');
    smtp.refuseWith = 451;
    await outbox().deliverDue();
    expect(await columns(mail.id)).toMatchObject({ delivery_status: 'pending', sealed_body: expect.stringMatching(/^v1\./) });
    smtp.refuseWith = 550;
    await outbox().deliverDue();
    const failed = await columns(mail.id);
    expect(failed).toMatchObject({ delivery_status: 'failed', sealed_body: null, text: expect.stringMatching(/^\[removed when delivery failed/) });
    expect(JSON.stringify(failed)).not.toContain(SECRET);
    const staff = await staffLogin(app.strapi, app.server);
    const refused = await staff.post(`/outbox/${mail.documentId}/requeue`).expect(400);
    expect(refused.body.error.message).toMatch(/one-time link.*send it again/);
  });

  it('a sealed body that does not open (the server key changed) fails the mail with the reason and sends nothing', async () => {
    const mail = await sealedMail('Sealed under another key');
    const config = app.strapi.config.get('plugin::client-area') as any;
    const key = config.secret;
    config.secret = 'another-server-key-of-at-least-32-characters';
    try {
      await outbox().deliverDue();
    } finally {
      config.secret = key;
    }
    expect(await columns(mail.id)).toMatchObject({ delivery_status: 'failed', sealed_body: null, last_error: expect.stringMatching(/does not open with this server key/) });
    expect(smtp.messages).toHaveLength(0);
  });

  it('an invitation written in clear before sealing existed is sealed by the start-up step; a failed one loses its body', async () => {
    const clear = (status: string) =>
      app.strapi.db.query(OUTBOX).create({
        data: { messageId: `<invitation.legacy-${status}-${Date.now()}@client-area.test>`, kind: 'invitation', toAddresses: ['someone@example.test'], subject: `Legacy ${status}`, text: `Link: ${SECRET}`, deliveryStatus: status, attempts: 0, nextAttemptAt: new Date() },
      });
    const pending = await clear('pending');
    const failed = await clear('failed');
    expect(await outbox().sealWaiting()).toBe(2);
    expect(await outbox().sealWaiting()).toBe(0);
    expect(JSON.stringify([await columns(pending.id), await columns(failed.id)])).not.toContain(SECRET);
    expect(await columns(failed.id)).toMatchObject({ sealed_body: null, text: expect.stringMatching(/^\[removed when delivery failed/) });
    await outbox().deliverDue();
    expect(smtp.messages.map((m) => [m.mail.subject, m.mail.text?.trim()])).toEqual([['Legacy pending', `Link: ${SECRET}`]]);
  });
});

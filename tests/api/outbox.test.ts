import { startApp, type TestApp } from '../support/strapi';
import { createSmtp, smtpEnv, type TestSmtp } from '../support/smtp';

let app: TestApp;
let smtp: TestSmtp;
beforeAll(async () => {
  smtp = await createSmtp();
  app = await startApp({ env: { ...smtpEnv(smtp), CLIENT_AREA_OUTBOX_BACKOFF_SECONDS: '0', CLIENT_AREA_OUTBOX_MAX_ATTEMPTS: '3' } });
});
afterAll(async () => {
  await app?.stop();
  await smtp?.stop();
});
beforeEach(() => {
  smtp.messages.length = 0;
  smtp.refuseWith = null;
});

const outbox = () => app.strapi.plugin('client-area').service('outbox');
const row = (id: number) => app.strapi.db.query('plugin::client-area.mail-outbox' as any).findOne({ where: { id } });
const enqueue = (subject: string) =>
  app.strapi.db.transaction(() => outbox().enqueue({ kind: 'test', to: ['someone@example.test'], cc: ['master@example.test'], subject, text: 'Hello', automatic: true }));

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
    expect(await row(mail.id)).toMatchObject({ status: 'sent', attempts: 1 });
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
    for (const mail of mails) expect(await row(mail.id)).toMatchObject({ status: 'pending', attempts: 1, lastError: expect.stringMatching(/ECONNREFUSED|connect/) });
    await smtp.start();
    await outbox().deliverDue();
    await outbox().deliverDue();
    expect(smtp.messages.map((m) => m.mail.subject).sort()).toEqual(['Outage 1', 'Outage 2']);
    for (const mail of mails) expect(await row(mail.id)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('a permanent 5xx refusal is kept as failed with the reason', async () => {
    smtp.refuseWith = 550;
    const mail = await enqueue('Refused');
    await outbox().deliverDue();
    expect(await row(mail.id)).toMatchObject({ status: 'failed', lastError: expect.stringMatching(/550/) });
    smtp.refuseWith = null;
    expect(await outbox().deliverDue()).toBe(0);
    expect(smtp.messages).toHaveLength(0);
  });

  it('a temporary 4xx refusal is retried, then given up after the last attempt', async () => {
    smtp.refuseWith = 451;
    const mail = await enqueue('Temporary');
    for (let attempt = 0; attempt < 5; attempt++) await outbox().deliverDue();
    expect(await row(mail.id)).toMatchObject({ status: 'failed', attempts: 3, lastError: expect.stringMatching(/451/) });
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

import path from 'path';
import { spawn } from 'child_process';
import { startApp, type TestApp } from '../support/strapi';
import { startDovecot, type TestDovecot } from '../support/dovecot';
import { fixtures } from '../support/fixtures';

/** The IMAP poller against a real Dovecot: exactly once, whatever happens. */
let app: TestApp;
let dovecot: TestDovecot;
let client: any;
const MAILBOX = 'Support';

beforeAll(async () => {
  dovecot = await startDovecot();
  await dovecot.recreate(MAILBOX);
  app = await startApp({ env: { ...dovecot.env(MAILBOX), CLIENT_AREA_SUPPORT_ADDRESS: 'support@client-area.local' } });
  const make = fixtures(app.strapi);
  client = await make.client('Mail Client');
  await make.contact(client, 'known@mail-client.test');
}, 60000);
afterAll(async () => {
  await app?.stop();
  await dovecot?.stop();
});

const poller = () => app.strapi.plugin('client-area').service('imap-poller');
const ticketsOf = (subject: string) => app.strapi.db.query('plugin::client-area.ticket' as any).findMany({ where: { subject } });
const count = (name: string, where: object = {}) => app.strapi.db.query(`plugin::client-area.${name}` as any).count({ where });
let serial = 0;
const mail = (from: string, subject: string, extra = '') => {
  serial += 1;
  return [
    `From: ${from}`,
    'To: support@client-area.local',
    `Subject: ${subject}`,
    `Message-ID: <imap-test-${serial}-${Date.now()}@mail-client.test>`,
    'Date: Mon, 23 Nov 2026 10:00:00 +0000',
    ...(extra ? [extra] : []),
    'Content-Type: text/plain; charset=utf-8',
    '',
    `Message ${serial}: please help.`,
    '',
  ].join('\r\n');
};

describe('the IMAP poller (rule 13)', () => {
  it('opens a ticket for a known contact and marks the message taken', async () => {
    await dovecot.append(mail('Known Person <known@mail-client.test>', 'Disk full'), MAILBOX);
    expect(await poller().pollOnce()).toEqual({ 'ticket-created': 1 });
    expect(await ticketsOf('Disk full')).toHaveLength(1);
    expect(await dovecot.flagged('$ClientAreaTaken', MAILBOX)).toHaveLength(1);
    expect(await poller().pollOnce()).toEqual({});
  });

  it("our reply to a ticket opened by mail threads on the customer's Message-ID", async () => {
    const [ticket] = await ticketsOf('Disk full');
    const [first] = await app.strapi.db.query('plugin::client-area.ticket-message' as any).findMany({ where: { ticket: { id: ticket.id } } });
    expect(first.messageId).toMatch(/^<imap-test-\d+-\d+@mail-client\.test>$/);
    const full = await app.strapi.plugin('client-area').service('tickets').find(ticket.reference);
    const reply = await app.strapi.plugin('client-area').service('tickets').addStaffMessage(full, { body: 'Cleaned up.', internal: false, staffId: null });
    const [mail] = await app.strapi.db.query('plugin::client-area.mail-outbox' as any).findMany({ where: { ticketMessage: { id: reply.id } } });
    expect(mail.headers).toMatchObject({ inReplyTo: first.messageId, references: [first.messageId] });
    expect(mail.toAddresses).toEqual(['known@mail-client.test']);
  });

  it('mail from a member with no contact record opens a ticket in its only client, as a new contact', async () => {
    const make = fixtures(app.strapi);
    const identity = await make.identity();
    await app.strapi.plugin('client-area').service('memberships').create({ client: client.documentId, identity: identity.documentId, kind: 'sub-account' });
    await dovecot.append(mail(identity.email, 'From a member'), MAILBOX);
    expect(await poller().pollOnce()).toEqual({ 'ticket-created': 1 });
    const [ticket] = await app.strapi.db.query('plugin::client-area.ticket' as any).findMany({ where: { subject: 'From a member' }, populate: { requester: { populate: { membership: true } } } });
    expect(ticket.requester).toMatchObject({ email: identity.email, membership: expect.objectContaining({ kind: 'sub-account' }) });
  });

  it('adds a reply to its ticket by In-Reply-To of our mail', async () => {
    const [ticket] = await ticketsOf('Disk full');
    const [first] = await app.strapi.db.query('plugin::client-area.ticket-message' as any).findMany({ where: { ticket: { id: ticket.id } } });
    const before = await count('ticket-message', { ticket: { id: ticket.id } });
    await dovecot.append(mail('known@mail-client.test', `Re: [#${ticket.reference}] Disk full`, `In-Reply-To: ${first.messageId}`), MAILBOX);
    expect(await poller().pollOnce()).toEqual({ 'reply-added': 1 });
    expect(await count('ticket-message', { ticket: { id: ticket.id } })).toBe(before + 1);
  });

  it('an auto-reply storm (100 auto-replies) opens no ticket and sends no mail', async () => {
    const before = { tickets: await count('ticket'), mails: await count('mail-outbox') };
    for (let i = 0; i < 100; i++) await dovecot.append(mail('known@mail-client.test', `Automatic reply: away ${i}`, 'Auto-Submitted: auto-replied'), MAILBOX);
    expect(await poller().pollOnce()).toEqual({ ignored: 100 });
    expect({ tickets: await count('ticket'), mails: await count('mail-outbox') }).toEqual(before);
  });

  it('unknown senders: held for staff, or refused with at most one notice a day', async () => {
    await dovecot.append(mail('stranger@nowhere.test', 'Hello?'), MAILBOX);
    expect(await poller().pollOnce()).toEqual({ triage: 1 });
    const config = app.strapi.config.get('plugin::client-area') as any;
    config.intake.unknownSender = 'reject';
    try {
      const before = await count('mail-outbox', { kind: 'intake-refused' });
      await dovecot.append(mail('other.stranger@nowhere.test', 'One'), MAILBOX);
      await dovecot.append(mail('other.stranger@nowhere.test', 'Two'), MAILBOX);
      expect(await poller().pollOnce()).toEqual({ rejected: 2 });
      expect(await count('mail-outbox', { kind: 'intake-refused' })).toBe(before + 1);
    } finally {
      config.intake.unknownSender = 'triage';
    }
  });

  it('an oversized message is recorded with the reason, not fetched, and does not stop the poller', async () => {
    const config = app.strapi.config.get('plugin::client-area') as any;
    const limit = config.intake.maxBytes;
    config.intake.maxBytes = 2000;
    try {
      await dovecot.append(mail('known@mail-client.test', 'Huge', `X-Padding: ${'x'.repeat(3000)}`), MAILBOX);
      await dovecot.append(mail('known@mail-client.test', 'Small after huge'), MAILBOX);
      expect(await poller().pollOnce()).toEqual({ failed: 1, 'ticket-created': 1 });
    } finally {
      config.intake.maxBytes = limit;
    }
    const record = await app.strapi.db.query('plugin::client-area.mail-intake' as any).findOne({ where: { outcome: 'failed' } });
    expect(record.reason).toMatch(/over the 2000-byte limit; not fetched/);
    expect(await ticketsOf('Small after huge')).toHaveLength(1);
    expect(await ticketsOf('Huge')).toHaveLength(0);
  });

  it('a message whose taking throws is recorded as failed with the reason, marked, and not tried again', async () => {
    // Opening a ticket for this one message throws, inside the intake's transaction
    // (the live tickets service is swapped for this test only).
    const tickets = app.strapi.plugin('client-area').service('tickets');
    const create = tickets.create;
    tickets.create = async (input: any) => {
      if (input.subject === 'Breaks the intake') throw new Error('ticket numbering is unavailable (ca_ticket_sequence)');
      return create.call(tickets, input);
    };
    const marked = (await dovecot.flagged('$ClientAreaTaken', MAILBOX)).length;
    try {
      await dovecot.append(mail('known@mail-client.test', 'Breaks the intake'), MAILBOX);
      await dovecot.append(mail('known@mail-client.test', 'Fine after the break'), MAILBOX);
      expect(await poller().pollOnce()).toEqual({ failed: 1, 'ticket-created': 1 });
    } finally {
      tickets.create = create;
    }
    const [record] = await app.strapi.db.query('plugin::client-area.mail-intake' as any).findMany({ where: { reason: { $contains: 'ticket numbering is unavailable' } } });
    expect(record).toMatchObject({ mailbox: MAILBOX, outcome: 'failed', reason: 'could not be taken: ticket numbering is unavailable (ca_ticket_sequence)' });
    expect(record.raw).toContain('Subject: Breaks the intake');
    expect(await dovecot.flagged('$ClientAreaTaken', MAILBOX)).toHaveLength(marked + 2);
    // The next poll, now that it would succeed, does not try it again: staff decide from the record.
    expect(await poller().pollOnce()).toEqual({});
    expect(await ticketsOf('Breaks the intake')).toHaveLength(0);
    expect(await ticketsOf('Fine after the break')).toHaveLength(1);
  });

  it('takes a poll of many senders together (in batches on PostgreSQL), each mail once, a sender\'s second mail and a copy after the first', async () => {
    const make = fixtures(app.strapi);
    const senders = ['b1', 'b2', 'b3', 'b4', 'b5', 'b6', 'b7'].map((name) => `${name}@mail-client.test`);
    for (const sender of senders) await make.contact(client, sender);
    for (const [i, sender] of senders.entries()) await dovecot.append(mail(sender, `Batch ${i + 1}`), MAILBOX);
    // In the same poll: the first sender's second mail, and a copy of the third mail (same Message-ID).
    await dovecot.append(mail(senders[0], 'Batch again'), MAILBOX);
    const copy = mail(senders[2], 'Batch copy');
    await dovecot.append(copy, MAILBOX);
    await dovecot.append(copy, MAILBOX);
    expect(await poller().pollOnce()).toEqual({ 'ticket-created': 9, ignored: 1 });
    for (const subject of ['Batch again', 'Batch copy', ...senders.map((_, i) => `Batch ${i + 1}`)]) expect([subject, (await ticketsOf(subject)).length]).toEqual([subject, 1]);
    expect(await poller().pollOnce()).toEqual({});
  });

  it('a crash between storing and marking makes no duplicate', async () => {
    await dovecot.append(mail('known@mail-client.test', 'Crash test'), MAILBOX);
    // The intake stored it (as a poll would) but the process died before marking it.
    const uids = await dovecot.flagged('$ClientAreaTaken', MAILBOX);
    const uidValidity = (await app.strapi.db.query('plugin::client-area.mail-intake' as any).findOne({ where: { mailbox: MAILBOX } })).uidValidity;
    const nextUid = Math.max(...uids) + 1;
    const { ImapFlow } = require('imapflow');
    const imap = new ImapFlow({ host: '127.0.0.1', port: dovecot.port, secure: false, auth: { user: 'support', pass: 'imap-test-password' }, logger: false, doSTARTTLS: false });
    await imap.connect();
    const lock = await imap.getMailboxLock(MAILBOX);
    const message = await imap.fetchOne(String(nextUid), { source: true }, { uid: true });
    lock.release();
    await imap.logout();
    expect(await app.strapi.plugin('client-area').service('mail-intake').take(message.source, { mailbox: MAILBOX, uidValidity, uid: nextUid })).toBe('ticket-created');
    expect(await poller().pollOnce()).toEqual({ duplicate: 1 });
    expect(await ticketsOf('Crash test')).toHaveLength(1);
  });

  it('a mailbox reset (new UIDVALIDITY) with the same messages makes no duplicate', async () => {
    const before = await count('ticket');
    const first = mail('known@mail-client.test', 'Before the reset');
    await dovecot.append(first, MAILBOX);
    expect(await poller().pollOnce()).toEqual({ 'ticket-created': 1 });
    await dovecot.recreate(MAILBOX);
    await dovecot.append(first, MAILBOX);
    expect(await poller().pollOnce()).toEqual({ ignored: 1 });
    expect(await count('ticket')).toBe(before + 1);
  });

  it('two app instances polling one mailbox take each message once', async () => {
    const subjects = Array.from({ length: 15 }, (_, i) => `Concurrent ${i}`);
    for (const subject of subjects) await dovecot.append(mail('known@mail-client.test', subject), MAILBOX);
    const other = spawn(process.execPath, [path.resolve(__dirname, '../../scripts/poll-mail.js'), '--no-compile'], { env: { ...process.env }, stdio: 'pipe' });
    const otherDone = new Promise<number>((resolve) => other.on('exit', (code) => resolve(code ?? 1)));
    // Keep polling here while the other instance boots and polls.
    const deadline = Date.now() + 20000;
    let exited = false;
    otherDone.then(() => (exited = true));
    while (!exited && Date.now() < deadline) {
      await poller().pollOnce();
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(await otherDone).toBe(0);
    await poller().pollOnce();
    for (const subject of subjects) expect([subject, (await ticketsOf(subject)).length]).toEqual([subject, 1]);
  }, 60000);
});

import fs from 'fs';
import path from 'path';
import { startApp, type TestApp } from '../support/strapi';
import { seedDemo } from '../../src/demo/seed';
import { fixtures } from '../support/fixtures';

/** The intake on the 57 real-world fixtures, without a mail server: what each kind of mail becomes. */
let app: TestApp;
beforeAll(async () => {
  app = await startApp();
  await seedDemo(app.strapi);
  // The sender of the hostile HTML fixture is a known contact, so it opens a ticket we can inspect.
  await fixtures(app.strapi).contact(await app.strapi.db.query('plugin::client-area.client' as any).findOne({ where: { reference: 'INITECH' } }), 'frank@initech.example.com');
});
afterAll(async () => {
  await app?.stop();
});

const DIR = path.resolve(__dirname, '../fixtures/mail');
const INDEX: Array<{ file: string; kind: string }> = JSON.parse(fs.readFileSync(path.join(DIR, 'index.json'), 'utf8'));
const intake = () => app.strapi.plugin('client-area').service('mail-intake');
const count = (name: string) => app.strapi.db.query(`plugin::client-area.${name}` as any).count();
const takeAll = async (uidValidity: number) => {
  const outcomes: Record<string, string> = {};
  let uid = 1;
  for (const entry of INDEX) outcomes[entry.file] = await intake().take(fs.readFileSync(path.join(DIR, entry.file)), { mailbox: 'INBOX', uidValidity, uid: uid++ });
  return outcomes;
};

describe('mail intake on real-world messages (rule 13)', () => {
  let outcomes: Record<string, string>;
  let tickets: number;
  let mails: number;

  beforeAll(async () => {
    const before = { tickets: await count('ticket'), mails: await count('mail-outbox') };
    outcomes = await takeAll(1);
    tickets = (await count('ticket')) - before.tickets;
    mails = (await count('mail-outbox')) - before.mails;
  });

  it('never opens a ticket for, nor answers, an auto-reply, a bounce, list mail or a loop', async () => {
    for (const entry of INDEX.filter((e) => ['auto-reply', 'bounce', 'list', 'loop'].includes(e.kind))) {
      expect([entry.file, outcomes[entry.file]]).toEqual([entry.file, 'ignored']);
    }
    const ignored = await app.strapi.db.query('plugin::client-area.mail-intake' as any).findMany({ where: { outcome: 'ignored' } });
    expect(ignored.every((row: any) => /^automatic mail/.test(row.reason))).toBe(true);
  });

  it('opens a ticket for a known contact, holds an unknown sender for staff, threads replies on our Message-IDs or the subject tag', async () => {
    expect(outcomes['new-ticket/plain-known-contact.eml']).toBe('ticket-created');
    expect(outcomes['new-ticket/plain-unknown-sender.eml']).toBe('triage');
    expect(outcomes['reply/in-reply-to-references.eml']).toBe('reply-added');
    expect(outcomes['reply/subject-tag-only.eml']).toBe('reply-added');
    const threaded = await app.strapi.db.query('plugin::client-area.mail-intake' as any).findOne({ where: { uid: String(INDEX.findIndex((e) => e.file === 'reply/in-reply-to-references.eml') + 1) }, populate: { ticket: true } });
    expect(threaded.ticket.reference).toBe('CA-1001');
    // Staff heard once of each new ticket and each reply; the only other mail is a reply forwarded to its requester.
    const kinds = (await app.strapi.db.query('plugin::client-area.mail-outbox' as any).findMany({ select: ['kind'] })).map((m: any) => m.kind);
    expect(kinds.filter((k: string) => k === 'ticket-staff-notice')).toHaveLength(tickets + Object.values(outcomes).filter((o) => o === 'reply-added').length);
    expect(new Set(kinds.filter((k: string) => k !== 'ticket-staff-notice'))).toEqual(new Set(['ticket-reply']));
    expect(mails).toBe(kinds.length);
  });

  it('keeps every message, malformed ones included, with the reason when it could not be taken', async () => {
    expect(Object.keys(outcomes)).toHaveLength(INDEX.length);
    expect(outcomes['malformed/missing-from.eml']).toBe('triage');
    const rows = await app.strapi.db.query('plugin::client-area.mail-intake' as any).findMany({ where: { mailbox: 'INBOX', uidValidity: '1' } });
    expect(rows).toHaveLength(INDEX.length);
    for (const row of rows) {
      expect(row.raw.length).toBeGreaterThan(0);
      if (['triage', 'ignored', 'failed'].includes(row.outcome)) expect(row.reason).toEqual(expect.any(String));
    }
  });

  it('stores no HTML: scripts and handlers of a hostile message never reach the ticket', async () => {
    expect(outcomes['new-ticket/html-only-hostile.eml']).toBe('ticket-created');
    const row = await app.strapi.db.query('plugin::client-area.mail-intake' as any).findOne({ where: { fromAddress: 'frank@initech.example.com' }, populate: { ticket: true } });
    const [message] = await app.strapi.db.query('plugin::client-area.ticket-message' as any).findMany({ where: { ticket: { id: row.ticket.id } } });
    expect(message.body).not.toMatch(/<script|onerror|javascript:/i);
    expect(message.body).toContain('Our API key stopped working');
    expect(message.body.length).toBeGreaterThan(10);
  });

  it('takes each message once: again under the same UIDs, and after a mailbox reset (new UIDVALIDITY)', async () => {
    const before = { tickets: await count('ticket'), messages: await count('ticket-message'), mails: await count('mail-outbox') };
    const again = await takeAll(1);
    expect(new Set(Object.values(again))).toEqual(new Set(['duplicate']));
    const reset = await takeAll(2);
    expect(Object.values(reset)).not.toContain('ticket-created');
    expect(Object.values(reset)).not.toContain('reply-added');
    expect({ tickets: await count('ticket'), messages: await count('ticket-message'), mails: await count('mail-outbox') }).toEqual(before);
  });
});

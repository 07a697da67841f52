import fs from 'fs';
import path from 'path';
import { startApp, type TestApp } from '../support/strapi';
import { seedDemo } from '../../src/demo/seed';
import request from 'supertest';
import { fixtures } from '../support/fixtures';
import { DEMO_PASSWORD } from '../../src/demo/data';

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

describe('reading what people wrote (issue 12)', () => {
  let uid = 10_000;
  const take = (lines: string[], mailbox = 'INBOX') => intake().take(Buffer.from(lines.join('\r\n')), { mailbox, uidValidity: 7, uid: uid++ });
  const record = (messageId: string) => app.strapi.db.query('plugin::client-area.mail-intake' as any).findMany({ where: { messageId }, orderBy: { id: 'asc' }, populate: { ticket: true } });
  const firstMessage = async (ticketId: number) => (await app.strapi.db.query('plugin::client-area.ticket-message' as any).findMany({ where: { ticket: { id: ticketId } }, orderBy: { id: 'asc' } }))[0];

  it('an HTML-only mail opens a ticket with its words, not "(empty message)"', async () => {
    const outcome = await take([
      'From: Alice <alice@acme.test>',
      'To: support@client-area.local',
      'Subject: Dashboard shows no graphs',
      'Message-ID: <html-only-1@acme.test>',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/html; charset=utf-8',
      '',
      '<div>Since this morning the <b>dashboard</b> shows no graphs.</div><div>Browser: Firefox 133</div>',
      '--b1--',
      '',
    ]);
    expect(outcome).toBe('ticket-created');
    const [row] = await record('<html-only-1@acme.test>');
    const message = await firstMessage(row.ticket.id);
    expect(message.body).toContain('Since this morning the dashboard shows no graphs.');
    expect(message.body).toContain('Browser: Firefox 133');
  });

  it('a reused Message-ID from another sender, or with other content, is taken; the same mail again is not', async () => {
    const mail = (from: string, subject: string) => [`From: ${from}`, 'To: support@client-area.local', `Subject: ${subject}`, 'Message-ID: <reused-42@mailer.test>', '', `About ${subject}.`];
    expect(await take(mail('alice@acme.test', 'Backup failed'))).toBe('ticket-created');
    expect(await take(mail('carol@globex.test', 'Certificate expires'))).toBe('ticket-created');
    expect(await take(mail('alice@acme.test', 'Another question'))).toBe('ticket-created');
    // The first one again (a mailbox reset gave it a new UID): the same mailbox, sender and content.
    expect(await take(mail('alice@acme.test', 'Backup failed'))).toBe('ignored');
    // The same mail in another mailbox is another delivery, and taken.
    expect(await take(mail('alice@acme.test', 'Backup failed'), 'Support/Billing')).toBe('ticket-created');
    const rows = await record('<reused-42@mailer.test>');
    expect(rows.map((r: any) => r.outcome)).toEqual(['ticket-created', 'ticket-created', 'ticket-created', 'ignored', 'ticket-created']);
    expect(rows[3].reason).toMatch(/same Message-ID, sender and content/);
  });

  it('a From that is not one clean address waits for staff with the reason, and nobody is written to', async () => {
    const mails = await count('mail-outbox');
    const outcome = await take(['From: "x" <power quadrant alice@acme.test>', 'To: support@client-area.local', 'Subject: Please reset', 'Message-ID: <odd-from-1@mailer.test>', '', 'Reset it.']);
    expect(outcome).toBe('triage');
    const [row] = await record('<odd-from-1@mailer.test>');
    expect(row.fromAddress).toBeNull();
    expect(row.reason).toMatch(/^sender address could not be read cleanly: the address in ""x" <power quadrant alice@acme.test>" is not one address/);
    // Only the staff are told nothing: no ticket, so no notice of any kind.
    expect(await count('mail-outbox')).toBe(mails);
  });

  it("Exchange's automatic replies and X-Loop with any value are left alone; a person's mail asking for no automatic answers is taken", async () => {
    for (const header of ['X-MS-Exchange-Generated-Message-Source: Mailbox Rules Agent', 'X-Loop: helpdesk@elsewhere.test']) {
      const id = `<auto-${uid}@acme.test>`;
      expect([header, await take(['From: alice@acme.test', header, 'Subject: Thanks for your message', `Message-ID: ${id}`, '', 'I am away.'])]).toEqual([header, 'ignored']);
    }
    expect(await take(['From: alice@acme.test', 'X-Auto-Response-Suppress: All', 'Subject: Sent from Word: the contract draft', `Message-ID: <suppress-${uid}@acme.test>`, '', 'Please review the draft.'])).toBe('ticket-created');
  });

  it('refusing unknown senders: no notice to mail scored as spam, nor to a sender that did not authenticate where our MTA says who did', async () => {
    const config = app.strapi.config.get('plugin::client-area') as any;
    const refused = () => app.strapi.db.query('plugin::client-area.mail-outbox' as any).count({ where: { kind: 'intake-refused' } });
    const unknown = (from: string, extra: string[] = []) => [`From: ${from}`, 'To: support@client-area.local', 'Subject: Cheap watches', `Message-ID: <spam-${uid}@nowhere.test>`, ...extra, '', 'Buy now.'];
    config.intake.unknownSender = 'reject';
    try {
      const before = await refused();
      expect(await take(unknown('spammer@nowhere.test', ['X-Spam-Flag: YES']))).toBe('rejected');
      expect(await take(unknown('spammer2@nowhere.test', ['X-Spam-Status: Yes, score=12.3 required=5.0']))).toBe('rejected');
      expect(await take(unknown('quiet@nowhere.test', ['X-Auto-Response-Suppress: All']))).toBe('rejected');
      expect(await refused()).toBe(before);
      const spam = await app.strapi.db.query('plugin::client-area.mail-intake' as any).findOne({ where: { fromAddress: 'spammer@nowhere.test' } });
      expect(spam.reason).toBe('unknown sender; no notice sent: scored as spam (X-Spam-Flag: YES)');

      config.intake.trustedAuthservId = 'mx.client-area.local';
      expect(await take(unknown('forged@nowhere.test'))).toBe('rejected');
      expect(await refused()).toBe(before);
      const forged = await app.strapi.db.query('plugin::client-area.mail-intake' as any).findOne({ where: { fromAddress: 'forged@nowhere.test' } });
      expect(forged.reason).toMatch(/^unknown sender; no notice sent: the sender did not authenticate/);
      expect(await take(unknown('real.person@nowhere.test', ['Authentication-Results: mx.client-area.local; dmarc=pass header.from=nowhere.test']))).toBe('rejected');
      expect(await refused()).toBe(before + 1);
    } finally {
      config.intake.unknownSender = 'triage';
      delete config.intake.trustedAuthservId;
    }
  });

  it("keeps a mail's files on the ticket under the portal's limits, inline images too, says which were not kept, and its reader downloads them", async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    const outcome = await take([
      'From: Alice <alice@acme.test>',
      'To: support@client-area.local',
      'Subject: Error report with files',
      'Message-ID: <files-1@acme.test>',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="outer"',
      '',
      '--outer',
      'Content-Type: multipart/related; boundary="rel"',
      '',
      '--rel',
      'Content-Type: text/html; charset=utf-8',
      '',
      '<p>See the screenshot:</p><img src="cid:shot1">',
      '--rel',
      'Content-Type: image/png',
      'Content-Transfer-Encoding: base64',
      'Content-ID: <shot1>',
      'Content-Disposition: inline',
      '',
      png.toString('base64'),
      '--rel--',
      '--outer',
      'Content-Type: application/pdf; name="report.pdf"',
      'Content-Transfer-Encoding: base64',
      'Content-Disposition: attachment; filename="report.pdf"',
      '',
      Buffer.from('%PDF-1.4 report').toString('base64'),
      '--outer',
      'Content-Type: application/x-msdownload; name="setup.exe"',
      'Content-Transfer-Encoding: base64',
      'Content-Disposition: attachment; filename="setup.exe"',
      '',
      Buffer.from('MZ').toString('base64'),
      '--outer--',
      '',
    ]);
    expect(outcome).toBe('ticket-created');
    const [row] = await record('<files-1@acme.test>');
    expect(row.reason).toBe("attachments not kept: setup.exe is of a type we don't take (application/x-msdownload)");
    const [message] = await app.strapi.db.query('plugin::client-area.ticket-message' as any).findMany({ where: { ticket: { id: row.ticket.id } }, populate: { attachments: true } });
    expect(message.body).toContain('See the screenshot:');
    expect(message.body).toContain("[Not kept: setup.exe is of a type we don't take (application/x-msdownload)]");
    expect(message.attachments.map((f: any) => [f.name, f.mime]).sort()).toEqual([['attachment-1.png', 'image/png'], ['report.pdf', 'application/pdf']]);

    // alice, its requester, downloads the PDF through the portal's route.
    const jwt = (await request(app.server).post('/api/auth/local').send({ identifier: 'alice', password: DEMO_PASSWORD }).expect(200)).body.jwt;
    const pdf = message.attachments.find((f: any) => f.name === 'report.pdf');
    const file = await request(app.server).get(`/api/client-area/tickets/${row.ticket.reference}/attachments/${pdf.id}`).set('Authorization', `Bearer ${jwt}`).buffer(true).expect(200);
    expect(Buffer.from(file.body).toString()).toBe('%PDF-1.4 report');
  });

  it('a check (npm run mail:check) says what taking a message would do, and keeps nothing: no record, ticket, mail or file', async () => {
    const counts = async () => ({ intake: await count('mail-intake'), tickets: await count('ticket'), mails: await count('mail-outbox'), files: await app.strapi.db.query('plugin::upload.file').count() });
    const before = await counts();
    const raw = (from: string, id: string) =>
      Buffer.from(
        [`From: ${from}`, 'To: support@client-area.local', 'Subject: VPN drops every hour', `Message-ID: <${id}@acme.test>`, 'MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="b"', '', '--b', 'Content-Type: text/html', '', '<p>The VPN drops every hour.</p>', '--b', 'Content-Type: text/plain; name="log.txt"', 'Content-Disposition: attachment; filename="log.txt"', '', 'tunnel down', '--b--', ''].join('\r\n'),
      );
    const report = await intake().check(raw('Alice <alice@acme.test>', 'check-1'), 'INBOX');
    expect(report).toMatchObject({ outcome: 'ticket-created', client: 'Acme Hosting', sender: 'alice@acme.test', subject: 'VPN drops every hour', text: 'The VPN drops every hour.', files: ['log.txt'], filesNotKept: [] });
    const odd = await intake().check(raw('"x" <power quadrant alice@acme.test>', 'check-2'), 'INBOX');
    expect(odd).toMatchObject({ outcome: 'triage', sender: null, senderProblem: expect.stringMatching(/is not one address/), reason: expect.stringMatching(/^sender address could not be read cleanly/) });
    expect(await counts()).toEqual(before);
    // Checked, not taken: the same message is still taken as new afterwards.
    expect(await take(raw('Alice <alice@acme.test>', 'check-1').toString().split('\r\n'))).toBe('ticket-created');
  });
});

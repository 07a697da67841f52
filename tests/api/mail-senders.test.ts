import crypto from 'crypto';
import { startApp, type TestApp } from '../support/strapi';
import { clientWorld, enteredSubAccount as entered } from '../support/customers';
import { fixtures } from '../support/fixtures';

/**
 * Finding 4: the mail intake decides who a sender may be with the same engine as the
 * API. A reply is added only when its sender could reply through the API; a known
 * sender's From is trusted only when our MTA's Authentication-Results vouch for it.
 */
const AUTHSERV = 'mx.support.test';
let app: TestApp;
beforeAll(async () => {
  app = await startApp({ env: { CLIENT_AREA_TRUSTED_AUTHSERV_ID: AUTHSERV } });
});
afterAll(async () => {
  await app?.stop();
});

let uid = 1;
const take = (raw: string) => app.strapi.plugin('client-area').service('mail-intake').take(Buffer.from(raw), { mailbox: 'INBOX', uidValidity: 7, uid: uid++ });
const latestRecord = async () => (await app.strapi.db.query('plugin::client-area.mail-intake' as any).findMany({ orderBy: { id: 'desc' }, limit: 1 }))[0];
const messagesOf = (reference: string) => app.strapi.db.query('plugin::client-area.ticket-message' as any).count({ where: { ticket: { reference } } });

/** A mail as a mail program writes it, with our MTA's verdict on top (dmarc=pass unless told). */
function mail({ from, subject, dmarc = 'pass', authserv = AUTHSERV, body = 'Hello' }: { from: string; subject: string; dmarc?: string | null; authserv?: string; body?: string }) {
  return [
    ...(dmarc === null ? [] : [`Authentication-Results: ${authserv}; spf=pass smtp.mailfrom=${from}; dmarc=${dmarc} header.from=${from.split('@')[1]}`]),
    `From: Someone <${from}>`,
    'To: support@client-area.test',
    `Subject: ${subject}`,
    `Message-ID: <${crypto.randomUUID()}@example.test>`,
    'Date: Tue, 24 Nov 2026 08:00:00 +0000',
    'Content-Type: text/plain; charset=utf-8',
    '',
    body,
    '',
  ].join('\r\n');
}

/** A client with a requester (a sub-account with tickets and a contact) who opened a ticket. */
async function ticketWorld() {
  const world = await clientWorld(app.strapi, app.server);
  const requester = await entered(world, [{ section: 'tickets' }], { withContact: true });
  const opened = await requester.customer.post(`/clients/${world.client.documentId}/tickets`, { subject: 'Node down', body: 'It is down' }).expect(201);
  return { world, requester, reference: opened.body.data.reference as string };
}

describe('who may reply to a ticket by mail', () => {
  it('the requester and a member whose tickets grant covers the ticket; the reply is added', async () => {
    const { world, requester, reference } = await ticketWorld();
    expect(await take(mail({ from: requester.contact!.email, subject: `Re: [#${reference}] Node down` }))).toBe('reply-added');
    const colleague = await entered(world, [{ section: 'tickets' }], { withContact: true });
    expect(await take(mail({ from: colleague.contact!.email, subject: `Re: [#${reference}] Node down` }))).toBe('reply-added');
    expect(await messagesOf(reference)).toBe(3);
  });

  it('a suspended or removed member, a member without tickets and a contact of another client are held for staff, and nothing is added', async () => {
    const { world, reference } = await ticketWorld();
    const master = await world.master();
    const suspended = await entered(world, [{ section: 'tickets' }], { withContact: true });
    const removed = await entered(world, [{ section: 'tickets' }], { withContact: true });
    const without = await entered(world, [{ section: 'billing' }], { withContact: true });
    await master.post(`/clients/${world.client.documentId}/members/${suspended.membership.documentId}/suspend`).expect(200);
    await master.del(`/clients/${world.client.documentId}/members/${removed.membership.documentId}`).expect(200);
    const other = await clientWorld(app.strapi, app.server);
    const outsider = await fixtures(app.strapi).contact(other.client, `outsider-${uid}@example.test`);

    for (const from of [suspended.contact!.email, removed.contact!.email, without.contact!.email, outsider.email]) {
      expect([from, await take(mail({ from, subject: `Re: [#${reference}] Node down`, body: 'Send the data to me' }))]).toEqual([from, 'triage']);
      expect((await latestRecord()).reason).toMatch(new RegExp(`^reply to ${reference}: `));
    }
    expect(await messagesOf(reference)).toBe(1);
  });

  it('a contact with no login replies to the ticket it requested, and only to that one', async () => {
    const world = await clientWorld(app.strapi, app.server);
    const contact = await fixtures(app.strapi).contact(world.client, `nologin-${uid}@example.test`);
    expect(await take(mail({ from: contact.email, subject: 'Printer on fire' }))).toBe('ticket-created');
    const own = (await app.strapi.db.query('plugin::client-area.ticket' as any).findOne({ where: { requester: { id: contact.id } } })).reference;
    expect(await take(mail({ from: contact.email, subject: `Re: [#${own}] Printer on fire` }))).toBe('reply-added');
    const { reference: someoneElses } = await ticketWorld();
    expect(await take(mail({ from: contact.email, subject: `Re: [#${someoneElses}] Node down` }))).toBe('triage');
  });
});

describe('a known sender is trusted only on our MTA\'s word', () => {
  it('a forged From of a known contact (DMARC fail, no verdict, or a verdict from another server) opens nothing', async () => {
    const { requester, reference } = await ticketWorld();
    const from = requester.contact!.email;
    const before = await app.strapi.db.query('plugin::client-area.ticket' as any).count();
    for (const forged of [mail({ from, subject: 'Wire money', dmarc: 'fail' }), mail({ from, subject: 'Wire money', dmarc: null }), mail({ from, subject: 'Wire money', authserv: 'evil.test' })]) {
      expect(await take(forged)).toBe('triage');
      expect((await latestRecord()).reason).toMatch(/^sender not authenticated: /);
    }
    expect(await take(mail({ from, subject: `Re: [#${reference}] Node down`, dmarc: 'fail' }))).toBe('triage');
    expect(await app.strapi.db.query('plugin::client-area.ticket' as any).count()).toBe(before);
    expect(await take(mail({ from, subject: 'A real one' }))).toBe('ticket-created');
  });

  it('a suspended member opens no ticket by mail', async () => {
    const world = await clientWorld(app.strapi, app.server);
    const master = await world.master();
    const member = await entered(world, [{ section: 'tickets' }], { withContact: true });
    await master.post(`/clients/${world.client.documentId}/members/${member.membership.documentId}/suspend`).expect(200);
    expect(await take(mail({ from: member.contact!.email, subject: 'Let me in' }))).toBe('triage');
    expect((await latestRecord()).reason).toMatch(/membership .* does not stand/);
  });
});

import { AsyncLocalStorage } from 'async_hooks';
import type { Core } from '@strapi/strapi';
import { simpleParser, type ParsedMail } from 'mailparser';
import { automaticReason, cleanSubject, senderOf, suppressesAutoResponses, ticketReferenceOf, type MailFacts } from '../mail/classify';
import { mailText } from '../mail/body';
import crypto from 'crypto';
import { isUniqueViolation } from '../database-errors';
import { senderVerdict } from '../mail/authentication';
import { connectionOf, linkOf, tableOf } from '../queries/links';

/**
 * Rule 13, taking one message from the support mailbox. The intake record — keyed
 * by (mailbox, UIDVALIDITY, UID), unique in the database — is written in the same
 * transaction as the ticket or reply it causes, so a message is taken exactly
 * once: a second attempt finds its record (or trips the unique index) and does
 * nothing. A message that can't be taken is kept in its record with the reason.
 */
const INTAKE = 'plugin::client-area.mail-intake' as any;
const CONTACT = 'plugin::client-area.contact' as any;
const MEMBERSHIP = 'plugin::client-area.membership' as any;
const CLIENT = 'plugin::client-area.client';
const IDENTITY = 'plugin::users-permissions.user';

/** Who a sender is in one client: a contact there, or a member with no contact record yet. */
interface SenderInClient {
  clientId: number;
  clientName: string;
  contactId: number | null;
  membershipId: number | null;
  /** The login behind it, when the contact is someone's login (or the member's own account). */
  identityId: number | null;
}

/** Whether a sender may add a reply, and as whom. */
type ReplyDecision = { allowed: true; identityId: number | null; contactId: number | null } | { allowed: false; reason: string };

export interface MailSource {
  mailbox: string;
  uidValidity: number | bigint | string;
  uid: number | bigint | string;
}

export type IntakeOutcome = 'duplicate' | 'ticket-created' | 'reply-added' | 'triage' | 'rejected' | 'ignored' | 'failed';

class AlreadyTaken extends Error {}
/** Thrown to roll a check back: nothing it wrote stays. */
class CheckDone extends Error {}
/** Set while a mail is only checked (`npm run mail:check`): its files are weighed, not stored. */
const checking = new AsyncLocalStorage<true>();

const UNKNOWN_SENDER = 'unknown sender';

/** The message as written, and a line saying which of its files were not kept and why. */
export const withRefused = (body: string, refused: string[]) => (refused.length ? `${body}\n\n[Not kept: ${refused.join('; ')}]` : body);
const refusedReason = (refused: string[]) => (refused.length ? { reason: `attachments not kept: ${refused.join('; ')}`.slice(0, 2000) } : {});

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? null;

/** The raw From header, unfolded, without its name; null when there is none. */
const rawFrom = (parsed: ParsedMail): string | null => {
  const line = (parsed.headerLines ?? []).find((header) => header.key === 'from')?.line;
  return line === undefined ? null : line.replace(/^[^:]*:/, '').replace(/\r?\n[ \t]+/g, ' ');
};

export function factsOf(parsed: ParsedMail): MailFacts {
  const references = parsed.references === undefined ? [] : Array.isArray(parsed.references) ? parsed.references : [parsed.references];
  const contentType = parsed.headers.get('content-type') as any;
  const sender = senderOf(rawFrom(parsed), parsed.from?.value ?? []);
  return {
    headers: parsed.headers as any,
    from: sender && 'address' in sender ? sender.address : null,
    fromProblem: sender && 'problem' in sender ? sender.problem : null,
    subject: parsed.subject ?? '',
    messageId: parsed.messageId ?? null,
    inReplyTo: first(parsed.inReplyTo as any),
    references,
    contentType: typeof contentType === 'string' ? contentType : contentType?.value ?? null,
  };
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const plugin = () => strapi.plugin('client-area');
  const config = () => plugin().config('intake') as { unknownSender: 'triage' | 'reject'; maxBytes: number; trustedAuthservId?: string };
  const ourAddress = () => String(plugin().config('supportAddress'));
  const ourDomain = () => plugin().service('outbox').domain() as string;

  /** The clients a sender is known in: by its contact records, else by its account's memberships. Two statements. */
  async function senderIn(address: string): Promise<SenderInClient[]> {
    const db = await connectionOf(strapi);
    const contactClient = linkOf(strapi, CONTACT, 'client');
    const membershipContact = linkOf(strapi, MEMBERSHIP, 'contact');
    const membershipIdentity = linkOf(strapi, MEMBERSHIP, 'identity');
    const membershipClient = linkOf(strapi, MEMBERSHIP, 'client');
    const contacts = await db
      .select('ct.id as contact_id', 'c.id as client_id', 'c.name as client_name', 'm.id as membership_id', 'm.membership_status', `mi.${membershipIdentity.to} as identity_id`)
      .from({ ct: tableOf(strapi, CONTACT) })
      .join({ cc: contactClient.table }, `cc.${contactClient.from}`, 'ct.id')
      .join({ c: tableOf(strapi, CLIENT) }, 'c.id', `cc.${contactClient.to}`)
      .leftJoin({ mc: membershipContact.table }, `mc.${membershipContact.to}`, 'ct.id')
      .leftJoin({ m: tableOf(strapi, MEMBERSHIP) }, 'm.id', `mc.${membershipContact.from}`)
      .leftJoin({ mi: membershipIdentity.table }, `mi.${membershipIdentity.from}`, 'm.id')
      .where('ct.email_normalized', address)
      .orderBy('ct.id');
    const known = new Map<number, SenderInClient>();
    for (const row of contacts) {
      const clientId = Number(row.client_id);
      if (known.has(clientId)) continue;
      const login = row.membership_id !== null && row.membership_status !== 'removed';
      known.set(clientId, {
        clientId,
        clientName: row.client_name,
        contactId: Number(row.contact_id),
        membershipId: login ? Number(row.membership_id) : null,
        identityId: login && row.identity_id !== null ? Number(row.identity_id) : null,
      });
    }
    // The account of that address (not blocked), in the clients where it is an active member.
    const memberships = await db
      .select('u.id as identity_id', 'm.id as membership_id', 'c.id as client_id', 'c.name as client_name', `mc.${membershipContact.to} as contact_id`)
      .from({ u: tableOf(strapi, IDENTITY) })
      .join({ mi: membershipIdentity.table }, `mi.${membershipIdentity.to}`, 'u.id')
      .join({ m: tableOf(strapi, MEMBERSHIP) }, 'm.id', `mi.${membershipIdentity.from}`)
      .join({ mcl: membershipClient.table }, `mcl.${membershipClient.from}`, 'm.id')
      .join({ c: tableOf(strapi, CLIENT) }, 'c.id', `mcl.${membershipClient.to}`)
      .leftJoin({ mc: membershipContact.table }, `mc.${membershipContact.from}`, 'm.id')
      .where('u.email', address)
      .where((blocked) => blocked.whereNull('u.blocked').orWhere('u.blocked', false))
      .where('m.membership_status', 'active')
      .orderBy('m.id');
    for (const row of memberships) {
      const clientId = Number(row.client_id);
      if (known.has(clientId)) continue;
      known.set(clientId, { clientId, clientName: row.client_name, contactId: row.contact_id === null ? null : Number(row.contact_id), membershipId: Number(row.membership_id), identityId: Number(row.identity_id) });
    }
    return [...known.values()];
  }

  /**
   * An identity's facts as the mail channel sees them: a mail carries no relationship
   * password, so the person's memberships count as entered; whether they stand, and
   * what they hold, is still the engine's to say.
   */
  async function mailFacts(identityId: number) {
    const own = await strapi.db.query(MEMBERSHIP).findMany({ where: { identity: { id: identityId } }, select: ['id'] });
    return plugin().service('access-facts').load(identityId, { verifiedMembershipIds: own.map((m: any) => m.id) });
  }

  /**
   * A reply by mail is added only when its sender could reply through the API: it is the
   * ticket's requester (a contact with no login), or a login the engine lets see the
   * ticket (canSeeTicket: requester, tickets grant, group read access; standing members only).
   */
  async function mayReply(ticket: any, address: string, senders: SenderInClient[]): Promise<ReplyDecision> {
    const requester = ticket.requester;
    if (requester && String(requester.email).toLowerCase() === address) {
      const login = await strapi.db.query(CONTACT).findOne({ where: { id: requester.id }, populate: { membership: { select: ['id', 'membershipStatus'] } } });
      if (!login?.membership || login.membership.membershipStatus === 'removed') return { allowed: true, identityId: null, contactId: requester.id };
    }
    const identities = [...new Set(senders.map((sender) => sender.identityId).filter((id): id is number => id !== null))];
    const tickets = plugin().service('tickets');
    for (const identityId of identities) {
      const facts = await mailFacts(identityId);
      if (tickets.canSee(facts, ticket).allowed) return { allowed: true, identityId, contactId: tickets.contactOf(facts, ticket.client.id) };
    }
    if (senders.length === 0) return { allowed: false, reason: 'the sender is not a contact of its client' };
    return { allowed: false, reason: 'the sender could not reply to it in the client area (not its requester, no tickets grant covering it, or its membership is suspended or removed)' };
  }

  /** Whether our MTA vouches for the sender, when it is configured to say so (RFC 8601). */
  function authenticated(parsed: ParsedMail, from: string): { trusted: boolean; reason: string } {
    const authservId = config().trustedAuthservId;
    if (!authservId) return { trusted: true, reason: 'sender authentication not configured' };
    const headers = (parsed.headerLines ?? []).filter((line) => line.key === 'authentication-results').map((line) => line.line.replace(/^[^:]*:\s*/, ''));
    return senderVerdict(headers, authservId, from);
  }

  /**
   * Why a refused sender is not told (the refusal is recorded all the same): mail our
   * filter scored as spam, and — where our MTA says who authenticated — a sender whose
   * domain did not: a notice to a forged address is backscatter.
   */
  function noticeWithheld(parsed: ParsedMail, from: string): string | null {
    const header = (name: string) => String((parsed.headers.get(name) as any) ?? '').trim();
    if (suppressesAutoResponses(parsed.headers as any)) return `the sender asks for no automatic answers (X-Auto-Response-Suppress: ${header('x-auto-response-suppress')})`;
    if (/^yes\b/i.test(header('x-spam-flag'))) return `scored as spam (X-Spam-Flag: ${header('x-spam-flag')})`;
    if (/^yes\b/i.test(header('x-spam-status'))) return 'scored as spam (X-Spam-Status: Yes)';
    if (config().trustedAuthservId) {
      const trust = authenticated(parsed, from);
      if (!trust.trusted) return `the sender did not authenticate (${trust.reason})`;
    }
    return null;
  }

  /** The contact a sender writes as in a client, made for a member that had none. */
  async function contactFor(sender: SenderInClient, address: string): Promise<number> {
    if (sender.contactId !== null) return sender.contactId;
    const contact = await strapi.db.query(CONTACT).create({ data: { client: sender.clientId, email: address } });
    await strapi.db.query(MEMBERSHIP).update({ where: { id: sender.membershipId }, data: { contact: contact.id } });
    return contact.id;
  }

  /** A mail's files, inline images included, stored under the attachment limits (only weighed in a check); the others named with why. */
  const filesOf = (parsed: ParsedMail): Promise<{ ids: number[]; kept: string[]; refused: string[] }> =>
    plugin()
      .service('attachments')
      .storeMailFiles(
        // Files sent as attachments first, inline images (signature logos) last: the count limit keeps what was meant.
        (parsed.attachments ?? []).filter((a) => a.contentType !== 'message/delivery-status').sort((a, b) => Number(a.contentDisposition === 'inline' || a.related) - Number(b.contentDisposition === 'inline' || b.related)),
        { store: !checking.getStore() },
      );

  const keyOf = (source: MailSource) => ({ mailbox: source.mailbox, uidValidity: String(source.uidValidity), uid: String(source.uid) });

  /** Records a message too big to fetch: kept with the reason, never dropped. */
  async function recordOversized(source: MailSource, size: number): Promise<IntakeOutcome> {
    return recordOnly(source, { outcome: 'failed', reason: `message of ${size} bytes is over the ${config().maxBytes}-byte limit; not fetched` });
  }

  /**
   * Runs `work` in a transaction once per (mailbox, UIDVALIDITY, UID): a message
   * whose record exists — found here, or tripping the unique index — is 'duplicate'.
   */
  async function once(source: MailSource, work: () => Promise<IntakeOutcome>): Promise<IntakeOutcome> {
    try {
      return await strapi.db.transaction(async () => {
        if (await strapi.db.query(INTAKE).findOne({ where: keyOf(source), select: ['id'] })) throw new AlreadyTaken();
        return work();
      });
    } catch (error) {
      if (error instanceof AlreadyTaken) return 'duplicate';
      // Only the intake key's own index means "taken already"; any other violation is a real failure.
      if (isUniqueViolation(error) && (await strapi.db.query(INTAKE).findOne({ where: keyOf(source), select: ['id'] }))) return 'duplicate';
      throw error;
    }
  }

  function recordOnly(source: MailSource, data: Record<string, unknown> & { outcome: IntakeOutcome }): Promise<IntakeOutcome> {
    return once(source, async () => {
      await strapi.db.query(INTAKE).create({ data: { ...keyOf(source), ...data } });
      return data.outcome;
    });
  }

  /**
   * Tells a sender its mail was not taken (RFC 3834): one notice per address a day, in
   * reply to the message, marked as automatic so no robot answers it. `reason` picks its
   * words: an unknown sender is asked to write from its registered address. False when a
   * notice went to that address today already (or there is no address to write to).
   */
  async function refuse(mail: MailFacts, reason: string): Promise<boolean> {
    if (!mail.from) return false;
    const since = new Date(Date.now() - 24 * 3600_000);
    const noticed = await strapi.db.query(INTAKE).count({ where: { fromAddress: mail.from, outcome: 'rejected', reason: { $contains: 'notice sent' }, updatedAt: { $gt: since } } });
    if (noticed > 0) return false;
    await plugin().service('outbox').enqueue({
      kind: 'intake-refused',
      to: [mail.from],
      subject: `Re: ${mail.subject}`.slice(0, 998),
      text:
        reason === UNKNOWN_SENDER
          ? 'We could not open a ticket for your message: this address is not known to us. Please write from the address registered in your client area, or open a ticket there.'
          : 'We could not take your message as a support request. If you are a customer of ours, please write from the address registered in your client area, or open a ticket there.',
      inReplyTo: mail.messageId ?? undefined,
      references: mail.messageId ? [mail.messageId] : [],
      automatic: true,
    });
    return true;
  }

  function take(raw: Buffer, source: MailSource): Promise<IntakeOutcome> {
    return once(source, async () => {
      // The record is written once, with its outcome, in the transaction of what the mail caused.
      const settle = async (outcome: IntakeOutcome, data: Record<string, unknown> = {}) => {
        await strapi.db.query(INTAKE).create({ data: { ...keyOf(source), raw: raw.toString('latin1'), outcome, ...data }, select: ['id'] });
        return outcome;
      };

      let parsed: ParsedMail;
      try {
        parsed = await simpleParser(raw, { skipImageLinks: true, skipHtmlToText: false });
      } catch (error) {
        return settle('failed', { reason: `unreadable message: ${(error as Error).message}`.slice(0, 2000) });
      }
      const mail = factsOf(parsed);
      const body = mailText(parsed);
      const contentHash = crypto.createHash('sha256').update(`${mail.from ?? ''}\n${mail.subject}\n${body}`).digest('hex');
      const about = { messageId: mail.messageId?.slice(0, 998) ?? null, fromAddress: mail.from?.slice(0, 254) ?? null, subject: mail.subject.slice(0, 998), contentHash };

      // Taken already under another UID (a mailbox reset gives every message a new one): the same
      // Message-ID in the same mailbox from the same sender with the same content. A Message-ID
      // alone proves nothing — some mailers reuse them — so anything else is taken as new.
      if (mail.messageId) {
        const earlier = await strapi.db.query(INTAKE).findOne({
          where: {
            // As it is stored: cut to the column's length.
            messageId: about.messageId,
            mailbox: source.mailbox,
            fromAddress: mail.from,
            outcome: { $ne: 'failed' },
            // Records from before content hashes were kept match on the rest.
            $or: [{ contentHash }, { contentHash: { $null: true } }],
          },
          select: ['id'],
        });
        if (earlier) return settle('ignored', { ...about, reason: `already taken as intake ${earlier.id} (same Message-ID, sender and content)` });
      }
      const automatic = automaticReason(mail, ourDomain(), ourAddress());
      if (automatic) return settle('ignored', { ...about, reason: `automatic mail (${automatic}): no ticket, no answer` });
      if (mail.fromProblem) return settle('triage', { ...about, reason: `sender address could not be read cleanly: ${mail.fromProblem}; waiting for staff` });
      if (!mail.from) return settle('triage', { ...about, reason: 'no sender address' });

      const senders = await senderIn(mail.from);
      const email = { messageId: mail.messageId, from: mail.from };
      const tickets = plugin().service('tickets');

      const reference = ticketReferenceOf(mail, ourDomain());
      const ticket = reference ? await tickets.find(reference).catch(() => null) : null;
      if (ticket || senders.length > 0) {
        // A known sender's From is trusted only when our MTA says it authenticated.
        const trust = authenticated(parsed, mail.from);
        if (!trust.trusted) return settle('triage', { ...about, ticket: ticket?.id ?? null, reason: `sender not authenticated: ${trust.reason}` });
      }
      if (ticket) {
        const decision = await mayReply(ticket, mail.from, senders);
        if (!decision.allowed) return settle('triage', { ...about, ticket: ticket.id, reason: `reply to ${reference}: ${decision.reason}` });
        const author = senders.find((sender) => sender.clientId === ticket.client?.id && sender.contactId === decision.contactId);
        const contactId = decision.contactId ?? (author ? await contactFor(author, mail.from) : null);
        const files = await filesOf(parsed);
        await tickets.addCustomerMessage(ticket, { body: withRefused(body, files.refused), identityId: decision.identityId, contactId, email, attachments: files.ids });
        return settle('reply-added', { ...about, ticket: ticket.id, ...refusedReason(files.refused) });
      }

      if (senders.length === 1) {
        const [sender] = senders;
        // A contact that is someone's login opens tickets only while that membership stands.
        if (sender.identityId !== null && sender.contactId !== null) {
          const standing = plugin().service('tickets').canSee(await mailFacts(sender.identityId), { client: { id: sender.clientId }, product: null, requester: { id: sender.contactId, categories: [] } });
          if (!standing.allowed) return settle('triage', { ...about, reason: `the sender's membership in ${sender.clientName} does not stand: ${standing.reason}` });
        }
        const files = await filesOf(parsed);
        const created = await tickets.create({
          clientId: sender.clientId,
          requesterId: await contactFor(sender, mail.from),
          subject: cleanSubject(mail.subject),
          body: withRefused(body, files.refused),
          productId: null,
          channel: 'email',
          identityId: sender.identityId,
          email,
          attachments: files.ids,
        });
        return settle('ticket-created', { ...about, ticket: created.id, ...refusedReason(files.refused) });
      }
      if (senders.length > 1) {
        return settle('triage', { ...about, reason: `sender is known in ${senders.length} clients (${senders.map((s) => s.clientName).join(', ')}) and the mail names no ticket` });
      }

      if (config().unknownSender === 'reject') {
        const withheld = noticeWithheld(parsed, mail.from);
        if (withheld) return settle('rejected', { ...about, reason: `${UNKNOWN_SENDER}; no notice sent: ${withheld}` });
        const noticed = await refuse(mail, UNKNOWN_SENDER);
        return settle('rejected', { ...about, reason: noticed ? `${UNKNOWN_SENDER}; notice sent` : `${UNKNOWN_SENDER}; a notice was already sent today` });
      }
      return settle('triage', { ...about, reason: 'unknown sender: waiting for staff' });
    });
  }

  /**
   * What taking a message would do, with nothing kept: the whole intake runs in a
   * transaction that is rolled back (no record, ticket, reply or mail stays) and its files
   * are only weighed. For staff checking a message by hand (`npm run mail:check`).
   */
  async function check(raw: Buffer, mailbox: string) {
    let report: Record<string, unknown> | null = null;
    const parsed = await simpleParser(raw, { skipImageLinks: true, skipHtmlToText: false }).catch(() => null);
    try {
      await checking.run(true, () =>
        strapi.db.transaction(async () => {
          const source = { mailbox, uidValidity: 0, uid: `${Date.now()}${Math.floor(Math.random() * 1000)}` };
          const outcome = await take(raw, source);
          const row = await strapi.db.query(INTAKE).findOne({ where: keyOf(source), populate: { ticket: { select: ['reference'], populate: { client: { select: ['name'] } } } } });
          const files = parsed ? await filesOf(parsed) : { kept: [], refused: [] };
          const mail = parsed ? factsOf(parsed) : null;
          report = {
            outcome,
            reason: row?.reason ?? null,
            sender: mail?.from ?? null,
            senderProblem: mail?.fromProblem ?? null,
            subject: mail?.subject ?? null,
            text: parsed ? mailText(parsed) : null,
            client: row?.ticket?.client?.name ?? null,
            ticket: outcome === 'reply-added' ? (row?.ticket?.reference ?? null) : null,
            files: files.kept,
            filesNotKept: files.refused,
          };
          throw new CheckDone();
        }),
      );
    } catch (error) {
      if (!(error instanceof CheckDone)) throw error;
    }
    return report!;
  }

  return { take, check, recordOversized, recordOnly, refuse, senderIn };
};

import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { simpleParser } from 'mailparser';
import { cleanSubject } from '../mail/classify';
import { mailText } from '../mail/body';
import { factsOf, withRefused } from './mail-intake';
import { findByDocumentId } from '../lookup';
import type { Caller } from '../caller';

/**
 * Mail held for staff (rule 13): from an unknown or unauthenticated sender, or one the
 * intake could not place. Staff read it, then assign it — it opens a ticket in a client
 * as one of its contacts, or is added to the ticket it answers — or reject it, which
 * tells the sender once (RFC 3834). Either way the intake record keeps what happened and
 * who decided, and the decision is audited.
 */
const INTAKE = 'plugin::client-area.mail-intake' as any;
const CONTACT = 'plugin::client-area.contact' as any;

export interface Assignment {
  /** The contact the mail is written as (its client is where the ticket opens). */
  contact?: string;
  /** Or: a client, where a contact with the sender's address is made (or found). */
  client?: string;
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const plugin = () => strapi.plugin('client-area');
  const intake = () => plugin().service('mail-intake');

  /** A held mail by its record's documentId, or 404 once it was dealt with. */
  async function held(documentId: string) {
    const row = await findByDocumentId(strapi, INTAKE, documentId, 'No mail is held under this id: it was assigned or rejected already', {
      where: { outcome: 'triage' },
      populate: { ticket: { select: ['reference'], populate: { client: { select: ['id', 'documentId', 'name'] } } } },
    });
    const parsed = await simpleParser(Buffer.from(row.raw ?? '', 'latin1'), { skipImageLinks: true });
    return { row, parsed, mail: factsOf(parsed) };
  }

  /** Closes the record: only one staff decision wins when two are made at once. */
  async function settle(row: any, { ticket, ...data }: Record<string, unknown>) {
    const updated = await strapi.db.query(INTAKE).updateMany({ where: { id: row.id, outcome: 'triage' }, data });
    if (updated.count !== 1) throw new errors.ApplicationError('This mail was dealt with by someone else a moment ago');
    // A relation is written by update, not updateMany.
    if (ticket !== undefined) await strapi.db.query(INTAKE).update({ where: { id: row.id }, data: { ticket } });
  }

  const audit = (action: string, row: any, staffId: number, clientId: number | null, details: Record<string, unknown>) =>
    plugin().service('audit').record({ action, clientId, actorStaffId: staffId, subjectType: 'mail-intake', subjectId: row.id, details });

  return {
    /** Held mail, newest first. */
    async list({ page, pageSize }: { page: number; pageSize: number }) {
      const where = { outcome: 'triage' };
      const [rows, total] = await Promise.all([
        strapi.db.query(INTAKE).findMany({
          where,
          select: ['documentId', 'fromAddress', 'subject', 'reason', 'createdAt'],
          populate: { ticket: { select: ['reference'] } },
          orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
          offset: (page - 1) * pageSize,
          limit: pageSize,
        }),
        strapi.db.query(INTAKE).count({ where }),
      ]);
      return { rows, total };
    },

    /** One held mail as staff read it, with the clients where its sender is known. */
    async show(documentId: string) {
      const { row, parsed, mail } = await held(documentId);
      const known = mail.from ? await intake().senderIn(mail.from) : [];
      const contacts = known.length
        ? await strapi.db.query(CONTACT).findMany({
            where: { emailNormalized: mail.from, client: { id: { $in: known.map((k: any) => k.clientId) } } },
            select: ['documentId', 'firstName', 'lastName', 'email'],
            populate: { client: { select: ['documentId', 'name'] } },
          })
        : [];
      return {
        documentId: row.documentId,
        from: mail.from,
        subject: mail.subject,
        receivedAt: row.createdAt,
        reason: row.reason,
        ticket: row.ticket ? { reference: row.ticket.reference, client: row.ticket.client?.name ?? null } : null,
        body: mailText(parsed),
        attachments: (parsed.attachments ?? []).map((file) => ({ name: file.filename ?? 'attachment', size: file.size })),
        knownAs: contacts.map((c: any) => ({ contact: c.documentId, name: [c.firstName, c.lastName].filter(Boolean).join(' ') || c.email, client: c.client })),
      };
    },

    /**
     * Staff vouch for a held mail: it becomes a reply to the ticket it answers, or a new
     * ticket in the contact's (or the given) client, written as that contact.
     */
    async assign(documentId: string, target: Assignment, staffId: number) {
      return strapi.db.transaction(async () => {
        const { row, parsed, mail } = await held(documentId);
        const tickets = plugin().service('tickets');
        const contact = target.contact
          ? await findByDocumentId(strapi, CONTACT, target.contact, 'Contact not found', { populate: { client: { select: ['id', 'name'] } } })
          : await contactOfSender(target.client, mail.from, staffId);
        const email = { messageId: mail.messageId, from: mail.from ?? contact.email };
        const body = mailText(parsed);
        const answered = row.ticket ? await tickets.find(row.ticket.reference) : null;
        if (answered && answered.client?.id !== contact.client?.id) {
          throw new errors.ValidationError(`This mail answers ${answered.reference} of ${answered.client?.name}: choose a contact of that client`);
        }
        // Its files, as the intake would have kept them.
        const files = await plugin().service('attachments').storeMailFiles(parsed.attachments ?? []);
        const written = withRefused(body, files.refused);
        const ticket = answered
          ? (await tickets.addCustomerMessage(answered, { body: written, identityId: null, contactId: contact.id, email, attachments: files.ids }), answered)
          : await tickets.create({ clientId: contact.client.id, requesterId: contact.id, subject: cleanSubject(mail.subject) || '(no subject)', body: written, productId: null, channel: 'email', identityId: null, email, attachments: files.ids });
        const outcome = answered ? 'reply-added' : 'ticket-created';
        await settle(row, { outcome, ticket: ticket.id, reason: `${row.reason ?? 'held'}; assigned by staff` });
        await audit('mail.assigned', row, staffId, contact.client.id, { outcome, ticket: ticket.reference, from: mail.from });
        return { outcome, reference: ticket.reference };
      });
    },

    /** Staff turn a held mail away: the sender is told once a day at most, and never a robot. */
    async reject(documentId: string, staffId: number) {
      return strapi.db.transaction(async () => {
        const { row, mail } = await held(documentId);
        // A sender whose mail failed authentication may be forged: telling that address would be backscatter.
        const forged = /^sender not authenticated/.test(row.reason ?? '');
        const noticed = forged ? false : await intake().refuse(mail, 'rejected by staff');
        await settle(row, { outcome: 'rejected', reason: `${row.reason ?? 'held'}; rejected by staff, ${noticed ? 'notice sent' : forged ? 'no notice (the sender may be forged)' : mail.from ? 'a notice was already sent today' : 'no address to notify'}` });
        await audit('mail.rejected', row, staffId, row.ticket?.client?.id ?? null, { from: mail.from, noticed });
        return { noticed };
      });
    },
  };

  /**
   * The sender as a contact of a client: the one with its address, or a new one made by
   * the contacts service as staff (so it is audited like any other new contact).
   */
  async function contactOfSender(clientDocumentId: string | undefined, from: string | null, staffId: number) {
    if (!clientDocumentId) throw new errors.ValidationError('Choose a contact, or a client to add the sender to');
    if (!from) throw new errors.ValidationError('This mail has no sender address: choose one of the client’s contacts');
    const client = await findByDocumentId(strapi, 'plugin::client-area.client', clientDocumentId, 'Client not found', { select: ['id', 'documentId', 'name'] });
    const existing = await strapi.db.query(CONTACT).findOne({ where: { client: { id: client.id }, emailNormalized: from }, populate: { client: { select: ['id', 'name'] } } });
    if (existing) return existing;
    const facts = plugin().service('access-facts');
    const staff: Caller = {
      client,
      membershipId: null,
      staff: true,
      facts: await facts.loadClient(client.id),
      actor: () => ({ kind: 'staff' }),
      reload: () => facts.loadClient(client.id),
      audit: { actorIdentityId: null, actorStaffId: staffId, ctx: null },
    };
    const made = await plugin().service('contacts').create(staff, { email: from });
    return { ...made, client };
  }
};

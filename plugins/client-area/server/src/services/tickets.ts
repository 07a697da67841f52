import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { actingOwner, can, canSeeTicket, ticketFilter, TICKETS_SECTION, type AccessFacts, type TicketFact } from '../access';
import { forbidden } from '../errors';
import ticketQueries, { staffName, type Ticket, type TicketPageQuery, type TicketView } from '../queries/tickets';
import { historyWrites, serviceWrites } from '../ticket-notices';
import { masterAddress } from '../lookup';

/**
 * Tickets (rules 10-12): visibility is the engine's `ticketFilter`, turned into
 * the database query (a list never loads rows it then filters), and `canSeeTicket`
 * for one ticket. Every message and the mails it causes are written in one
 * transaction; the mails leave through the outbox. What a message causes is decided in
 * one place, `follow`, whoever writes the message: this service, or anyone else through
 * the content manager, the document service or the query engine (ticket-notices.ts).
 */
const TICKET = 'plugin::client-area.ticket' as any;
const MESSAGE = 'plugin::client-area.ticket-message' as any;
const MEMBERSHIP = 'plugin::client-area.membership' as any;

const factOf = (ticket: any): TicketFact => ({
  clientId: ticket.client?.id,
  productId: ticket.product?.id ?? null,
  requesterContactId: ticket.requester?.id ?? -1,
  requesterCategoryIds: (ticket.requester?.categories ?? []).map((c: any) => c.id),
});

/** A message just written, as `follow` needs it. */
interface WrittenMessage {
  id: number;
  authorType: 'customer' | 'staff' | 'email' | 'system';
  internal: boolean;
  body: string;
  /** The contact who wrote it (customers), if any. */
  contactId: number | null;
  /** Its own Message-ID, when it came by mail. */
  messageId: string | null;
  /** The ticket's opening message. */
  first: boolean;
}

const nameOf = (contact: any) => [contact?.firstName, contact?.lastName].filter(Boolean).join(' ') || contact?.email || '';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const plugin = () => strapi.plugin('client-area');
  const outbox = () => plugin().service('outbox');
  const queries = ticketQueries(strapi);
  const messageIdOf = (reference: string, messageId: number) => `<ticket-${reference}.msg-${messageId}@${outbox().domain()}>`;

  /** The Message-IDs of a ticket's thread, oldest first. */
  const threadOf = async (ticketId: number): Promise<string[]> => {
    const named = await strapi.db.query(MESSAGE).findMany({ where: { ticket: { id: ticketId }, messageId: { $notNull: true } }, select: ['messageId'], orderBy: { id: 'asc' } });
    return named.map((m: any) => m.messageId);
  };

  /**
   * Who a staff reply is mailed to (rule 12): the requester, when it takes support mail,
   * with the client's master in CC; the master alone when the requester takes none.
   * Staff see this list before they send.
   */
  const staffReplyRecipients = async (ticket: Ticket): Promise<{ to: string[]; cc: string[] }> => {
    const requester = ticket.requester?.emailSupport ? [ticket.requester.email] : [];
    const master = ticket.client ? await masterAddress(strapi, ticket.client.id) : null;
    const cc = master && !requester.includes(master) ? [master] : [];
    return requester.length ? { to: requester, cc } : { to: cc, cc: [] };
  };

  /**
   * What a message causes once written (rule 12), whoever wrote it:
   *  - a customer's (or a mail's): its Message-ID, the ticket's status and time, a notice to
   *    staff, and a copy to the requester when someone else wrote;
   *  - a staff reply: mailed to the requester with the client's master in CC, to nobody else;
   *  - an internal note, or a system message: nothing is mailed, nothing changes.
   */
  const follow = async (ticket: Ticket, message: WrittenMessage) => {
    if (message.internal || message.authorType === 'system' || historyWrites.getStore()) return;
    const db = await queries.connection();
    const subject = `[#${ticket.reference}] ${ticket.subject}`;
    const messageId = message.messageId ?? messageIdOf(ticket.reference, message.id);
    if (!message.messageId) await queries.nameMessage(db, message.id, messageId);
    /** The message itself, mailed in the ticket's thread: In-Reply-To the last mail before it, References all of them. */
    const mailIt = async (to: string[], cc: string[] = []) => {
      const earlier = (await threadOf(ticket.id)).filter((id) => id !== messageId);
      await outbox().enqueue({
        kind: 'ticket-reply',
        messageId,
        to,
        cc,
        subject,
        text: message.body,
        inReplyTo: earlier[earlier.length - 1],
        references: earlier,
        ticket: ticket.id,
        ticketMessage: message.id,
      });
    };
    if (message.authorType === 'staff') {
      await queries.moved(db, ticket.id, 'answered');
      const { to, cc } = await staffReplyRecipients(ticket);
      if (to.length || cc.length) await mailIt(to, cc);
      return;
    }
    await queries.moved(db, ticket.id, message.first ? 'open' : 'customer-reply');
    await outbox().enqueue({
      kind: 'ticket-staff-notice',
      to: [plugin().config('staffAddress') as string],
      subject,
      text: `${message.first ? 'New ticket' : 'Customer reply'} from ${nameOf(ticket.requester)} (${ticket.client?.name}):\n\n${message.body}`,
      automatic: true,
      ticket: ticket.id,
      ticketMessage: message.id,
    });
    if (!message.first && ticket.requester && message.contactId !== ticket.requester.id && ticket.requester.emailSupport) await mailIt([ticket.requester.email]);
  };

  const service = {
    async find(reference: string) {
      const ticket = /^CA-\d{1,12}$/.test(reference ?? '') ? await queries.one(await queries.connection(), reference) : null;
      if (!ticket) throw new errors.NotFoundError('Ticket not found');
      return ticket;
    },

    /** A ticket the caller may see, or 404: an invisible ticket does not exist for it. */
    async findVisible(facts: AccessFacts, reference: string) {
      const ticket = await service.find(reference).catch(() => null);
      if (!ticket || !canSeeTicket(facts, factOf(ticket)).allowed) throw new errors.NotFoundError('Ticket not found');
      return ticket;
    },

    /** Staff: every ticket (of one client), newest first. */
    async list(query: TicketPageQuery, signal?: AbortSignal) {
      return queries.page(await queries.connection(), 'everything', query, signal);
    },

    /** The tickets the engine lets the caller see in a view: the list agrees with `canSeeTicket`. */
    async listFor(facts: AccessFacts, view: TicketView, query: TicketPageQuery, signal?: AbortSignal) {
      const db = await queries.connection();
      const closed = view === 'group-open' ? false : view === 'group-closed' ? true : undefined;
      return queries.page(db, queries.visibleIds(db, ticketFilter(facts), view), { ...query, closed }, signal);
    },

    /** The ids of every ticket the caller may see: the list's own filter, for the consistency proof. */
    async visibleIds(facts: AccessFacts): Promise<number[]> {
      const visible = queries.visibleIds(await queries.connection(), ticketFilter(facts), 'all');
      return visible ? (await visible).map((row: any) => Number(row.id)) : [];
    },

    /** A ticket's thread, oldest first; internal notes only for staff. */
    async messages(ticketId: number, { internal }: { internal: boolean }) {
      return queries.thread(await queries.connection(), ticketId, { internal });
    },

    /** Who opens a ticket in a client about a product (or none): the caller's contact there, when `tickets` covers it; 403 otherwise. */
    async requesterFor(facts: AccessFacts, client: { id: number }, productId: number | null): Promise<{ id: number }> {
      const decision = can(facts, { section: TICKETS_SECTION, clientId: client.id, productId });
      if (!decision.allowed) throw forbidden(decision.reason, { section: TICKETS_SECTION });
      const own = facts.contacts.find((c) => c.clientId === client.id);
      if (own) return own;
      // A secondary logon opens the ticket on its owner's behalf: as the owner's contact in the client (rule 9).
      const owner = actingOwner(facts, TICKETS_SECTION, client.id);
      if (owner !== null) {
        const master = await strapi.db.query(MEMBERSHIP).findOne({
          where: { client: { id: client.id }, identity: { id: owner }, kind: 'master', membershipStatus: 'active' },
          populate: { contact: { select: ['id'] } },
        });
        if (master?.contact) return { id: master.contact.id };
        throw forbidden("The owner of your secondary logon has no contact record in this client to open a ticket as: ask them to add one");
      }
      throw forbidden('You have no contact record in this client to open a ticket as');
    },

    /** A customer opens a ticket in a client, as its contact there, with `tickets` on the client or product. */
    async open(
      facts: AccessFacts,
      client: { id: number; name: string },
      input: { subject: string; body: string; productId: number | null; priority?: string; attachments?: number[] },
      audit: any,
    ) {
      const requester = await service.requesterFor(facts, client, input.productId);
      return service.create({
        clientId: client.id,
        requesterId: requester.id,
        subject: input.subject,
        body: input.body,
        productId: input.productId,
        priority: input.priority,
        channel: 'portal',
        identityId: audit.actorIdentityId,
        attachments: input.attachments,
      });
    },

    /** Writes a new ticket and its first message (which tells staff). */
    async create(input: {
      clientId: number;
      requesterId: number;
      subject: string;
      body: string;
      productId: number | null;
      priority?: string;
      channel: 'portal' | 'email';
      identityId: number | null;
      email?: { messageId: string | null; from: string };
      attachments?: number[];
    }) {
      return strapi.db.transaction(async () => {
        const created = await strapi.db.query(TICKET).create({
          data: {
            reference: `pending-${Date.now()}-${Math.random()}`,
            subject: input.subject,
            ticketStatus: 'open',
            priority: input.priority ?? 'normal',
            channel: input.channel,
            client: input.clientId,
            product: input.productId,
            requester: input.requesterId,
            lastMessageAt: new Date(),
          },
          select: ['id'],
        });
        // The reference is the id, so it is unique and short: CA-1001, CA-1002…
        const reference = `CA-${1000 + created.id}`;
        await queries.nameTicket(await queries.connection(), created.id, reference);
        const ticket = await service.find(reference);
        await service.addCustomerMessage(ticket, { body: input.body, identityId: input.identityId, contactId: input.requesterId, email: input.email, attachments: input.attachments, first: true });
        return ticket;
      });
    },

    /**
     * A customer's message; staff are told, and so is the requester when someone else wrote (rule 12).
     * `first`: the ticket's opening message, written by `create`.
     */
    async addCustomerMessage(
      ticket: Ticket,
      { body, identityId, contactId, attachments = [], email, first = false }: { body: string; identityId: number | null; contactId: number | null; attachments?: number[]; email?: { messageId: string | null; from: string }; first?: boolean },
    ) {
      return strapi.db.transaction(async () => {
        const message = await serviceWrites.run(true, () =>
          strapi.db.query(MESSAGE).create({
            data: {
              ticket: ticket.id,
              authorType: email ? 'email' : 'customer',
              authorIdentity: identityId,
              authorContact: contactId,
              body,
              internal: false,
              attachments,
              fromAddress: email?.from ?? null,
              // A mail keeps its own Message-ID, so later replies thread on it too.
              messageId: email?.messageId ?? null,
            },
            select: ['id'],
          }),
        );
        await follow(ticket, { id: message.id, authorType: email ? 'email' : 'customer', internal: false, body, contactId, messageId: email?.messageId ?? null, first });
        return message;
      });
    },

    /**
     * A staff reply is mailed to the requester with the client's master in CC and
     * to nobody else (rule 12); an internal note is mailed to nobody and never shown
     * to customers.
     */
    async addStaffMessage(ticket: Ticket, { body, internal, staffId }: { body: string; internal: boolean; staffId: number }) {
      return strapi.db.transaction(async () => {
        const message = await serviceWrites.run(true, () =>
          strapi.db.query(MESSAGE).create({ data: { ticket: ticket.id, authorType: 'staff', authorStaff: staffId, body, internal }, select: ['id'] }),
        );
        await follow(ticket, { id: message.id, authorType: 'staff', internal, body, contactId: null, messageId: null, first: false });
        return message;
      });
    },

    /**
     * A message written by someone else than this service (the content manager, another
     * plugin through the document service or the query engine), inside the transaction
     * that wrote it: it causes what the service's own messages cause.
     */
    async messageWritten(messageId: number) {
      const row = await strapi.db.query(MESSAGE).findOne({
        where: { id: messageId },
        select: ['id', 'authorType', 'internal', 'body', 'messageId'],
        populate: { ticket: { select: ['reference'] }, authorContact: { select: ['id'] } },
      });
      // By its reference as stored: a ticket made outside the API may have any reference.
      const ticket = row?.ticket ? await queries.one(await queries.connection(), row.ticket.reference) : null;
      if (!ticket) return;
      const earlier = await strapi.db.query(MESSAGE).findOne({ where: { ticket: { id: ticket.id }, id: { $lt: messageId } }, select: ['id'] });
      await follow(ticket, {
        id: row.id,
        authorType: row.authorType,
        internal: Boolean(row.internal),
        body: row.body ?? '',
        contactId: row.authorContact?.id ?? null,
        messageId: row.messageId ?? null,
        first: !earlier,
      });
    },

    /** Runs `write`, which writes past messages (an import, a demo), without the mails and changes a new message causes. */
    writeHistory: <T>(write: () => Promise<T>) => historyWrites.run(true, write),

    /** A file attached to a message of this ticket the caller may see (never an internal note's). */
    async attachment(ticket: any, fileId: number, { internal }: { internal: boolean }) {
      const message = await strapi.db.query(MESSAGE).findOne({
        where: { ticket: { id: ticket.id }, attachments: { id: fileId }, ...(internal ? {} : { internal: false }) },
        populate: { attachments: true },
      });
      const file = message?.attachments?.find((f: any) => f.id === fileId);
      if (!file) throw new errors.NotFoundError('Attachment not found');
      return file;
    },

    /** Staff who may be given tickets: active admins whose roles hold the tickets "read" permission (super admins hold all). */
    async assignees(): Promise<Array<{ id: number; name: string }>> {
      const readers = await strapi.db.query('admin::permission').findMany({ where: { action: 'plugin::client-area.tickets.read' }, populate: { role: { select: ['id'] } } });
      const roleIds = [...new Set<number>(readers.map((p: any) => p.role?.id).filter(Boolean))];
      const superAdmin = await strapi.db.query('admin::role').findOne({ where: { code: 'strapi-super-admin' }, select: ['id'] });
      if (superAdmin) roleIds.push(superAdmin.id);
      const users = await strapi.db.query('admin::user').findMany({ where: { isActive: true, blocked: false, roles: { id: { $in: roleIds } } }, select: ['id', 'firstname', 'lastname', 'email'] });
      return users.map((u: any) => ({ id: u.id, name: staffName(u) })).sort((a: any, b: any) => a.name.localeCompare(b.name));
    },

    /** Gives a ticket to a staff member who may read tickets (null: to nobody); audited in its client. */
    async assign(ticket: Ticket, assigneeId: number | null, staffId: number) {
      const assignee = assigneeId === null ? null : (await service.assignees()).find((a) => a.id === assigneeId);
      if (assignee === undefined) throw new errors.ValidationError('assignee: no active staff member with this id may read tickets');
      await strapi.db.transaction(async () => {
        await strapi.db.query(TICKET).update({ where: { id: ticket.id }, data: { assignee: assigneeId } });
        await plugin().service('audit').record({ action: 'ticket.assigned', clientId: ticket.client?.id ?? null, actorStaffId: staffId, subjectType: 'ticket', subjectId: ticket.reference, details: { from: ticket.assignee?.name ?? null, to: assignee?.name ?? null } });
      });
      return assignee;
    },

    async setStatus(ticket: any, status: 'open' | 'closed') {
      await strapi.db.query(TICKET).update({ where: { id: ticket.id }, data: { ticketStatus: status, closedAt: status === 'closed' ? new Date() : null } });
    },

    staffReplyRecipients,

    /** The engine's decision on one ticket (rules 10 and 11), for callers outside the API (the mail intake). */
    canSee: (facts: AccessFacts, ticket: any) => canSeeTicket(facts, factOf(ticket)),

    /** The caller's contact in a client: who it writes as. */
    contactOf: (facts: AccessFacts, clientId: number) => facts.contacts.find((c) => c.clientId === clientId)?.id ?? null,
  };
  return service;
};

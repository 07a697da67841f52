import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { parse, newTicket, ticketReply, staffReply, ticketQuery, staffTicketQuery, ticketAssignment } from '../validation';
import { findByDocumentId } from '../lookup';
import { loadFacts, type ClientAreaState } from '../policies/client-access';
import { requestSignal } from '../queries/links';

/** What anyone allowed to see a ticket may see of it. */
const ticketDto = (ticket: any) => ({
  reference: ticket.reference,
  subject: ticket.subject,
  status: ticket.ticketStatus,
  priority: ticket.priority,
  channel: ticket.channel,
  client: ticket.client ? { documentId: ticket.client.documentId, name: ticket.client.name } : null,
  product: ticket.product ? { documentId: ticket.product.documentId, name: ticket.product.name } : null,
  requester: ticket.requester ? { name: [ticket.requester.firstName, ticket.requester.lastName].filter(Boolean).join(' ') || null, email: ticket.requester.email } : null,
  lastMessageAt: ticket.lastMessageAt,
  createdAt: ticket.createdAt,
});

/** What staff see of a ticket: the customers' view and who looks after it. */
const staffTicketDto = (ticket: any) => ({ ...ticketDto(ticket), assignee: ticket.assignee ?? null });

const messageDto = (message: any, { staff, reference }: { staff: boolean; reference: string }) => ({
  id: message.id,
  authorType: message.authorType,
  author:
    message.authorType === 'staff'
      ? staff
        ? [message.authorStaff?.firstname, message.authorStaff?.lastname].filter(Boolean).join(' ') || 'Staff'
        : 'Support'
      : [message.authorContact?.firstName, message.authorContact?.lastName].filter(Boolean).join(' ') || message.authorContact?.email || message.fromAddress || null,
  body: message.body,
  attachments: (message.attachments ?? []).map((file: any) => ({
    id: file.id,
    name: file.name,
    mime: file.mime,
    size: file.size,
    url: `${staff ? '/client-area' : '/api/client-area'}/tickets/${reference}/attachments/${file.id}`,
  })),
  createdAt: message.createdAt,
  ...(staff ? { internal: Boolean(message.internal) } : {}),
});

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const tickets = () => strapi.plugin('client-area').service('tickets');
  const sendFile = async (ctx: any, file: any) => {
    const { stream, redirect } = await strapi.plugin('client-area').service('attachments').open(file);
    if (redirect) return ctx.redirect(redirect);
    // Koa's attachment() writes RFC 6266 (an ASCII fallback and filename*=UTF-8''…), so any name is a valid header.
    ctx.attachment(String(file.name));
    ctx.type = file.mime;
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.body = stream;
  };
  const clientIdOf = async (documentId?: string) => {
    if (!documentId) return undefined;
    const client = await strapi.db.query('plugin::client-area.client' as any).findOne({ where: { documentId }, select: ['id'] });
    return client?.id ?? -1;
  };

  return {
    /** Rule 10 views: mine, one client, group open / all / closed, or all the caller may see. */
    async list(ctx) {
      const query = parse(ticketQuery, ctx.query);
      const facts = await loadFacts(strapi, ctx);
      const { rows, total, nextCursor } = await tickets().listFor(facts, query.view, { ...query, clientId: await clientIdOf(query.client) }, requestSignal(ctx));
      ctx.body = {
        data: rows.map(ticketDto),
        meta: { page: query.cursor ? null : query.page, pageSize: query.pageSize, total, nextCursor, groupViews: facts.contacts.some((c) => c.groupReadCategoryId !== null) },
      };
    },

    async show(ctx) {
      const facts = await loadFacts(strapi, ctx);
      const ticket = await tickets().findVisible(facts, ctx.params.reference);
      const messages = await tickets().messages(ticket.id, { internal: false });
      ctx.body = { data: { ...ticketDto(ticket), messages: messages.map((m: any) => messageDto(m, { staff: false, reference: ticket.reference })) } };
    },

    /** JSON, or a multipart form (subject, body, product, priority and up to `attachments.maxFiles` files in `attachments`). */
    async open(ctx) {
      const { client, facts } = ctx.state.clientArea as ClientAreaState;
      // A form sends every field as text; a field left empty is a field not given.
      const body = Object.fromEntries(Object.entries(ctx.request.body ?? {}).filter(([, value]) => !(ctx.request.files && value === '')));
      const input = parse(newTicket, body);
      let productId: number | null = null;
      if (input.product) {
        const product = await strapi.db.query('plugin::client-area.product' as any).findOne({ where: { documentId: input.product, client: { id: client.id } }, select: ['id'] });
        if (!product) throw new errors.ValidationError('product: no such product in this client');
        productId = product.id;
      }
      // Refused before any file is kept.
      await tickets().requesterFor(facts, client, productId);
      const attachments = strapi.plugin('client-area').service('attachments');
      const files = attachments.accept(ctx.request.files?.attachments);
      const ticket = await tickets().open(facts, client, { ...input, productId, attachments: await attachments.store(files) }, { actorIdentityId: ctx.state.user.id });
      ctx.status = 201;
      ctx.body = { data: ticketDto(ticket) };
    },

    async reply(ctx) {
      const facts = await loadFacts(strapi, ctx);
      const ticket = await tickets().findVisible(facts, ctx.params.reference);
      const { body } = parse(ticketReply, ctx.request.body);
      const files = strapi.plugin('client-area').service('attachments').accept(ctx.request.files?.attachments);
      const attachments = await strapi.plugin('client-area').service('attachments').store(files);
      const message = await tickets().addCustomerMessage(ticket, { body, identityId: ctx.state.user.id, contactId: tickets().contactOf(facts, ticket.client.id), attachments });
      ctx.status = 201;
      ctx.body = { data: { id: message.id } };
    },

    /** A file of the ticket, handed only to those who may see the ticket. */
    async attachment(ctx) {
      const facts = await loadFacts(strapi, ctx);
      const ticket = await tickets().findVisible(facts, ctx.params.reference);
      await sendFile(ctx, await tickets().attachment(ticket, Number(ctx.params.fileId), { internal: false }));
    },

    async staffAttachment(ctx) {
      const ticket = await tickets().find(ctx.params.reference);
      await sendFile(ctx, await tickets().attachment(ticket, Number(ctx.params.fileId), { internal: true }));
    },

    async close(ctx) {
      const facts = await loadFacts(strapi, ctx);
      const ticket = await tickets().findVisible(facts, ctx.params.reference);
      await tickets().setStatus(ticket, 'closed');
      ctx.body = { data: { reference: ticket.reference, status: 'closed' } };
    },

    async reopen(ctx) {
      const facts = await loadFacts(strapi, ctx);
      const ticket = await tickets().findVisible(facts, ctx.params.reference);
      await tickets().setStatus(ticket, 'open');
      ctx.body = { data: { reference: ticket.reference, status: 'open' } };
    },

    // Staff (admin API): every ticket, internal notes included.
    async staffList(ctx) {
      const query = parse(staffTicketQuery, ctx.query);
      const idOf = async (uid: string, documentId: string | undefined, notFound: string) =>
        documentId === undefined ? undefined : (await findByDocumentId(strapi, uid, documentId, notFound, { select: ['id'] })).id;
      const assigneeId = query.assignee === undefined ? undefined : query.assignee === 'none' ? null : query.assignee === 'me' ? ctx.state.user.id : Number(query.assignee);
      const { rows, total, nextCursor } = await tickets().list(
        {
          page: query.page,
          pageSize: query.pageSize,
          cursor: query.cursor,
          status: query.status,
          clientId: await idOf('plugin::client-area.client', query.client, 'Client not found'),
          productId: await idOf('plugin::client-area.product', query.product, 'Product not found'),
          categoryId: await idOf('plugin::client-area.user-category', query.category, 'User category not found'),
          assigneeId,
          quietSince: query.waitingDays ? new Date(Date.now() - query.waitingDays * 86_400_000) : undefined,
          text: query.q || undefined,
        },
        requestSignal(ctx),
      );
      ctx.body = { data: rows.map(staffTicketDto), meta: { page: query.cursor ? null : query.page, pageSize: query.pageSize, total, nextCursor } };
    },

    /** Staff who can be given tickets: every active admin holding the tickets "read" permission. */
    async assignees(ctx) {
      ctx.body = { data: await tickets().assignees() };
    },

    async staffAssign(ctx) {
      const ticket = await tickets().find(ctx.params.reference);
      const { assignee } = parse(ticketAssignment, ctx.request.body);
      const assigned = await tickets().assign(ticket, assignee, ctx.state.user.id);
      ctx.body = { data: { reference: ticket.reference, assignee: assigned } };
    },

    async staffShow(ctx) {
      const ticket = await tickets().find(ctx.params.reference);
      const messages = await tickets().messages(ticket.id, { internal: true });
      ctx.body = { data: { ...staffTicketDto(ticket), messages: messages.map((m: any) => messageDto(m, { staff: true, reference: ticket.reference })) } };
    },

    /** Who a staff reply would be mailed to, shown before it is sent; an internal note goes to nobody. */
    async staffRecipients(ctx) {
      const ticket = await tickets().find(ctx.params.reference);
      ctx.body = { data: await tickets().staffReplyRecipients(ticket) };
    },

    async staffReopen(ctx) {
      const ticket = await tickets().find(ctx.params.reference);
      if (ticket.ticketStatus !== 'closed') throw new errors.ApplicationError(`Only a closed ticket is reopened; this one is ${ticket.ticketStatus}`);
      await tickets().setStatus(ticket, 'open');
      ctx.body = { data: { reference: ticket.reference, status: 'open' } };
    },

    async staffReply(ctx) {
      const ticket = await tickets().find(ctx.params.reference);
      const { body, internal } = parse(staffReply, ctx.request.body);
      const message = await tickets().addStaffMessage(ticket, { body, internal: Boolean(internal), staffId: ctx.state.user.id });
      ctx.status = 201;
      ctx.body = { data: { id: message.id, internal: Boolean(internal) } };
    },

    async staffClose(ctx) {
      const ticket = await tickets().find(ctx.params.reference);
      await tickets().setStatus(ticket, 'closed');
      ctx.body = { data: { reference: ticket.reference, status: 'closed' } };
    },
  };
};

import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { errors } from '@strapi/utils';
import type { TicketFilter } from '../access';
import { cancellable, connectionOf, dateOf, linkOf, mediaLinkOf, tableOf, together } from './links';

/**
 * Ticket lists shaped for the database's indexes. The engine's `ticketFilter` becomes
 * a union of id sets, each read from one indexed link-table column (the requester
 * contacts, the whole clients, a client's tickets tied to no product, (client,
 * product) pairs, the requesters in a group-read category), and the page is joined
 * to that union once. The cost follows the number of tickets the caller may see,
 * never the size of the tickets table, and a list row is listed exactly when
 * `canSeeTicket` allows it (tests/api/consistency.test.ts proves it on both databases).
 */
export type TicketView = 'all' | 'mine' | 'client' | 'group-open' | 'group-all' | 'group-closed';

const TICKET = 'plugin::client-area.ticket';
const MESSAGE = 'plugin::client-area.ticket-message';

export interface TicketPageQuery {
  /** Only this client's tickets. */
  clientId?: number;
  /** Staff's filters: a product's tickets, those of requesters in a category, those of one assignee (null: of nobody), those quiet since a moment. */
  productId?: number;
  categoryId?: number;
  assigneeId?: number | null;
  quietSince?: Date;
  /** Staff's search: words found in the reference, the subject, the client's name or the requester's name or email. */
  text?: string;
  status?: string;
  page: number;
  pageSize: number;
  /** Keyset pagination: the `nextCursor` of the page before; `page` is then ignored. */
  cursor?: string;
  /** Only closed (true) or only not closed (false) tickets: the group-open and group-closed views. */
  closed?: boolean;
}

export interface TicketPage {
  rows: TicketRow[];
  total: number;
  /** Where the next page starts, or null on the last page. */
  nextCursor: string | null;
}

/** What a list shows of a ticket. */
export interface TicketRow {
  id: number;
  reference: string;
  subject: string;
  ticketStatus: string;
  priority: string;
  channel: string;
  lastMessageAt: Date | null;
  createdAt: Date | null;
  client: { documentId: string; name: string } | null;
  product: { documentId: string; name: string } | null;
  requester: { firstName: string | null; lastName: string | null; email: string } | null;
  assignee: { id: number; name: string } | null;
}

/** One ticket as its page and the engine's decision on it need it. */
export interface Ticket extends Omit<TicketRow, 'client' | 'product' | 'requester'> {
  client: { id: number; documentId: string; name: string } | null;
  product: { id: number; documentId: string; name: string } | null;
  requester: { id: number; documentId: string; firstName: string | null; lastName: string | null; email: string; emailSupport: boolean; categories: Array<{ id: number }> } | null;
}

/** A message of a ticket's thread, with its author and files. */
export interface ThreadMessage {
  id: number;
  authorType: string;
  authorContact: { firstName: string | null; lastName: string | null; email: string | null } | null;
  authorStaff: { firstname: string | null; lastname: string | null } | null;
  fromAddress: string | null;
  body: string;
  internal: boolean;
  messageId: string | null;
  createdAt: Date | null;
  attachments: Array<{ id: number; name: string; mime: string; size: number }>;
}

/** A ticket's own columns, as `scalarsOf` reads them. */
const TICKET_COLUMNS = ['t.id', 't.reference', 't.subject', 't.ticket_status', 't.priority', 't.channel', 't.last_message_at', 't.created_at'];

interface Cursor {
  lastMessageAt: string | number;
  id: number;
}

/** An opaque, URL-safe cursor: the sort key of the last row of a page. */
const encodeCursor = (raw: unknown, id: number): string =>
  Buffer.from(JSON.stringify([raw instanceof Date ? raw.toISOString() : raw, id])).toString('base64url');

function decodeCursor(cursor: string): Cursor {
  try {
    const [lastMessageAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if ((typeof lastMessageAt === 'string' || typeof lastMessageAt === 'number') && Number.isSafeInteger(id)) return { lastMessageAt, id };
  } catch {
    // fall through: a cursor we did not write
  }
  throw new errors.ValidationError('cursor: not a cursor this list gave; start again without it');
}

export default (strapi: Core.Strapi) => {
  const ticketClient = () => linkOf(strapi, TICKET, 'client');
  const ticketProduct = () => linkOf(strapi, TICKET, 'product');
  const ticketRequester = () => linkOf(strapi, TICKET, 'requester');
  const ticketAssignee = () => linkOf(strapi, TICKET, 'assignee');
  const contactCategories = () => linkOf(strapi, 'plugin::client-area.contact', 'categories');

  /** Joins a query over tickets `t` to each one's client `c`, product `p` and requester `r` (each may be missing). */
  function withParties(builder: Knex.QueryBuilder): Knex.QueryBuilder {
    const client = ticketClient();
    const product = ticketProduct();
    const requester = ticketRequester();
    const assignee = ticketAssignee();
    return builder
      .leftJoin({ tc: client.table }, `tc.${client.from}`, 't.id')
      .leftJoin({ c: tableOf(strapi, 'plugin::client-area.client') }, 'c.id', `tc.${client.to}`)
      .leftJoin({ tp: product.table }, `tp.${product.from}`, 't.id')
      .leftJoin({ p: tableOf(strapi, 'plugin::client-area.product') }, 'p.id', `tp.${product.to}`)
      .leftJoin({ tr: requester.table }, `tr.${requester.from}`, 't.id')
      .leftJoin({ r: tableOf(strapi, 'plugin::client-area.contact') }, 'r.id', `tr.${requester.to}`)
      .leftJoin({ ta: assignee.table }, `ta.${assignee.from}`, 't.id')
      .leftJoin({ a: tableOf(strapi, 'admin::user') }, 'a.id', `ta.${assignee.to}`);
  }

  /**
   * The ids of the tickets a filter lets the caller see in a view, as one subquery:
   * each alternative the engine allows, nothing else. Null when it allows nothing.
   */
  function visibleIds(db: Knex, filter: TicketFilter, view: TicketView): Knex.QueryBuilder | null {
    const mine = view === 'all' || view === 'client' || view === 'mine';
    const granted = view === 'all' || view === 'client';
    const group = view === 'all' || view === 'client' || view.startsWith('group-');
    const branches: Knex.QueryBuilder[] = [];
    const requester = ticketRequester();
    const client = ticketClient();
    const product = ticketProduct();

    if (mine && filter.requesterContactIds.length) {
      branches.push(db.select(`${requester.from} as id`).from(requester.table).whereIn(requester.to, filter.requesterContactIds));
    }
    if (granted) {
      const wholeClients = filter.scopes.filter((s) => s.productIds === 'all').map((s) => s.clientId);
      const clientWide = filter.scopes.filter((s) => s.productIds !== 'all' && s.clientWide).map((s) => s.clientId);
      const pairs = filter.scopes.flatMap((s) => (s.productIds === 'all' ? [] : s.productIds.map((productId) => [s.clientId, productId])));
      if (wholeClients.length) branches.push(db.select(`${client.from} as id`).from(client.table).whereIn(client.to, wholeClients));
      if (clientWide.length) {
        branches.push(
          db
            .select(`tc.${client.from} as id`)
            .from({ tc: client.table })
            .whereIn(`tc.${client.to}`, clientWide)
            .whereNotExists(db.select(db.raw('1')).from({ tp: product.table }).whereRaw('?? = ??', [`tp.${product.from}`, `tc.${client.from}`])),
        );
      }
      if (pairs.length) {
        branches.push(
          db
            .select(`tp.${product.from} as id`)
            .from({ tp: product.table })
            .join({ tc: client.table }, `tc.${client.from}`, `tp.${product.from}`)
            .whereIn([`tc.${client.to}`, `tp.${product.to}`], pairs),
        );
      }
    }
    if (group && filter.groupReadCategoryIds.length) {
      const categories = contactCategories();
      branches.push(
        db
          .select(`tr.${requester.from} as id`)
          .from({ tr: requester.table })
          .join({ cc: categories.table }, `cc.${categories.from}`, `tr.${requester.to}`)
          .whereIn(`cc.${categories.to}`, filter.groupReadCategoryIds),
      );
    }
    if (branches.length === 0) return null;
    const [first, ...rest] = branches;
    // A union is a set; one branch alone may repeat a ticket (a requester in two read categories).
    return rest.length ? first.union(rest) : first.distinct();
  }

  /** One page of the tickets in `visible` (`'everything'`: every ticket, for staff; null: none), newest first. */
  async function page(db: Knex, visible: Knex.QueryBuilder | null | 'everything', query: TicketPageQuery, signal?: AbortSignal): Promise<TicketPage> {
    if (visible === null) return { rows: [], total: 0, nextCursor: null };
    const client = ticketClient();
    const filtered = (builder: Knex.QueryBuilder) => {
      // The visible ids are computed first (a materialized CTE), then joined to the tickets: left
      // free, PostgreSQL may instead walk the whole (last_message_at, id) index probing each ticket,
      // which grows with the table, not with what the caller sees.
      if (visible !== 'everything') builder.withMaterialized('visible', visible.clone()).join('visible', 'visible.id', 't.id');
      if (query.status) builder.where('t.ticket_status', query.status);
      if (query.closed === true) builder.where('t.ticket_status', 'closed');
      if (query.closed === false) builder.whereNot('t.ticket_status', 'closed');
      /** The ticket's row in a link table points at `value`. */
      const linked = (link: { table: string; from: string; to: string }, value: number) =>
        db.select(db.raw('1')).from({ l: link.table }).whereRaw('?? = ??', [`l.${link.from}`, 't.id']).where(`l.${link.to}`, value);
      if (query.clientId !== undefined) builder.whereExists(linked(client, query.clientId));
      if (query.productId !== undefined) builder.whereExists(linked(ticketProduct(), query.productId));
      if (query.assigneeId === null) builder.whereNotExists(db.select(db.raw('1')).from({ l: ticketAssignee().table }).whereRaw('?? = ??', [`l.${ticketAssignee().from}`, 't.id']));
      else if (query.assigneeId !== undefined) builder.whereExists(linked(ticketAssignee(), query.assigneeId));
      if (query.categoryId !== undefined) {
        const requester = ticketRequester();
        const categories = contactCategories();
        builder.whereExists(
          db.select(db.raw('1')).from({ lr: requester.table }).join({ lc: categories.table }, `lc.${categories.from}`, `lr.${requester.to}`)
            .whereRaw('?? = ??', [`lr.${requester.from}`, 't.id']).where(`lc.${categories.to}`, query.categoryId),
        );
      }
      if (query.quietSince) builder.where('t.last_message_at', '<', query.quietSince);
      if (query.text) {
        const pattern = `%${query.text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        const like = (column: string) => db.raw(`lower(??) like ? escape '\\'`, [column, pattern]);
        const requester = ticketRequester();
        builder.where((match) =>
          match
            .where(like('t.reference'))
            .orWhere(like('t.subject'))
            .orWhereExists(db.select(db.raw('1')).from({ lc: client.table }).join({ sc: tableOf(strapi, 'plugin::client-area.client') }, 'sc.id', `lc.${client.to}`).whereRaw('?? = ??', [`lc.${client.from}`, 't.id']).where(like('sc.name')))
            .orWhereExists(
              db.select(db.raw('1')).from({ lr: requester.table }).join({ sr: tableOf(strapi, 'plugin::client-area.contact') }, 'sr.id', `lr.${requester.to}`).whereRaw('?? = ??', [`lr.${requester.from}`, 't.id'])
                .where((who) => who.where(like('sr.email')).orWhere(db.raw(`lower(coalesce(??, '') || ' ' || coalesce(??, '')) like ? escape '\\'`, ['sr.first_name', 'sr.last_name', pattern]))),
            ),
        );
      }
      return builder;
    };

    // The page's ids first, from the tickets alone; the 25 rows are then joined to what a list shows.
    const ids = filtered(db.select('t.id', 't.last_message_at').from({ t: tableOf(strapi, TICKET) }))
      .orderBy([{ column: 't.last_message_at', order: 'desc' }, { column: 't.id', order: 'desc' }])
      .limit(query.pageSize + 1);
    if (query.cursor) {
      const after = decodeCursor(query.cursor);
      ids.where((b) => b.where('t.last_message_at', '<', after.lastMessageAt).orWhere((same) => same.where('t.last_message_at', after.lastMessageAt).where('t.id', '<', after.id)));
    } else {
      ids.offset((query.page - 1) * query.pageSize);
    }
    const rows = withParties(
      db
        .select(
          ...TICKET_COLUMNS,
          'c.document_id as client_document_id', 'c.name as client_name',
          'p.document_id as product_document_id', 'p.name as product_name',
          'r.first_name as requester_first_name', 'r.last_name as requester_last_name', 'r.email as requester_email',
          'a.id as assignee_id', 'a.firstname as assignee_firstname', 'a.lastname as assignee_lastname', 'a.email as assignee_email',
        )
        .from({ page: ids } as any)
        .join({ t: tableOf(strapi, TICKET) }, 't.id', 'page.id'),
    ).orderBy([{ column: 't.last_message_at', order: 'desc' }, { column: 't.id', order: 'desc' }]);

    const [found, counted] = await together<[any[], any]>(db, [
      () => cancellable(strapi, db, rows, signal),
      () => cancellable(strapi, db, filtered(db.from({ t: tableOf(strapi, TICKET) })).count({ total: '*' }).first(), signal),
    ]);
    const more = found.length > query.pageSize;
    const shown = found.slice(0, query.pageSize);
    const last = shown[shown.length - 1];
    return {
      rows: shown.map(toRow),
      total: Number((counted as any)?.total ?? 0),
      nextCursor: more && last ? encodeCursor(last.last_message_at, last.id) : null,
    };
  }

  /** One ticket by its reference, with its client, product and requester (and the requester's categories): one statement. */
  async function one(db: Knex, reference: string): Promise<Ticket | null> {
    const categories = contactCategories();
    // A row per category of the requester (one row when it has none).
    const rows = await withParties(
      db.select(
        ...TICKET_COLUMNS,
        'c.id as client_id', 'c.document_id as client_document_id', 'c.name as client_name',
        'p.id as product_id', 'p.document_id as product_document_id', 'p.name as product_name',
        'r.id as requester_id', 'r.document_id as requester_document_id', 'r.first_name as requester_first_name', 'r.last_name as requester_last_name',
        'r.email as requester_email', 'r.email_support as requester_email_support', `rc.${categories.to} as category_id`,
        'a.id as assignee_id', 'a.firstname as assignee_firstname', 'a.lastname as assignee_lastname', 'a.email as assignee_email',
      ).from({ t: tableOf(strapi, TICKET) }),
    )
      .leftJoin({ rc: categories.table }, `rc.${categories.from}`, 'r.id')
      .where('t.reference', reference);
    const [row] = rows;
    if (!row) return null;
    return {
      ...scalarsOf(row),
      client: row.client_id === null ? null : { id: Number(row.client_id), documentId: row.client_document_id, name: row.client_name },
      product: row.product_id === null ? null : { id: Number(row.product_id), documentId: row.product_document_id, name: row.product_name },
      requester:
        row.requester_id === null
          ? null
          : {
              id: Number(row.requester_id),
              documentId: row.requester_document_id,
              firstName: row.requester_first_name,
              lastName: row.requester_last_name,
              email: row.requester_email,
              emailSupport: Boolean(row.requester_email_support),
              categories: rows.filter((r: any) => r.category_id !== null).map((r: any) => ({ id: Number(r.category_id) })),
            },
    };
  }

  /** A ticket's messages, oldest first, with their authors and files (internal notes only when asked): one statement. */
  async function thread(db: Knex, ticketId: number, { internal }: { internal: boolean }): Promise<ThreadMessage[]> {
    const ticket = linkOf(strapi, MESSAGE, 'ticket');
    const authorContact = linkOf(strapi, MESSAGE, 'authorContact');
    const authorStaff = linkOf(strapi, MESSAGE, 'authorStaff');
    const media = mediaLinkOf(strapi);
    const query = db
      .select(
        'm.id', 'm.author_type', 'm.body', 'm.internal', 'm.message_id', 'm.from_address', 'm.created_at',
        'ac.first_name as contact_first_name', 'ac.last_name as contact_last_name', 'ac.email as contact_email',
        'st.firstname as staff_firstname', 'st.lastname as staff_lastname',
        'f.id as file_id', 'f.name as file_name', 'f.mime as file_mime', 'f.size as file_size',
      )
      .from({ mt: ticket.table })
      .join({ m: tableOf(strapi, MESSAGE) }, 'm.id', `mt.${ticket.from}`)
      .leftJoin({ mac: authorContact.table }, `mac.${authorContact.from}`, 'm.id')
      .leftJoin({ ac: tableOf(strapi, 'plugin::client-area.contact') }, 'ac.id', `mac.${authorContact.to}`)
      .leftJoin({ mas: authorStaff.table }, `mas.${authorStaff.from}`, 'm.id')
      .leftJoin({ st: tableOf(strapi, 'admin::user') }, 'st.id', `mas.${authorStaff.to}`)
      .leftJoin({ fr: media.table }, (on) => on.on(`fr.${media.relatedId}`, 'm.id').andOnVal(`fr.${media.relatedType}`, MESSAGE).andOnVal('fr.field', 'attachments'))
      .leftJoin({ f: tableOf(strapi, 'plugin::upload.file') }, 'f.id', `fr.${media.file}`)
      .where(`mt.${ticket.to}`, ticketId)
      .orderBy([{ column: 'm.id', order: 'asc' }, { column: 'fr.order', order: 'asc' }, { column: 'f.id', order: 'asc' }]);
    if (!internal) query.where('m.internal', false);
    const messages = new Map<number, ThreadMessage>();
    for (const row of await query) {
      const id = Number(row.id);
      let message = messages.get(id);
      if (!message) {
        message = {
          id,
          authorType: row.author_type,
          authorContact: row.contact_email === null && row.contact_first_name === null ? null : { firstName: row.contact_first_name, lastName: row.contact_last_name, email: row.contact_email },
          authorStaff: row.staff_firstname === null && row.staff_lastname === null ? null : { firstname: row.staff_firstname, lastname: row.staff_lastname },
          fromAddress: row.from_address,
          body: row.body,
          internal: Boolean(row.internal),
          messageId: row.message_id,
          createdAt: dateOf(row.created_at),
          attachments: [],
        };
        messages.set(id, message);
      }
      if (row.file_id !== null) message.attachments.push({ id: Number(row.file_id), name: row.file_name, mime: row.file_mime, size: Number(row.file_size) });
    }
    return [...messages.values()];
  }

  /** A new message moved the ticket on: its status, when it last heard, and not closed any more. One statement. */
  async function moved(db: Knex, ticketId: number, status: string): Promise<void> {
    const now = new Date();
    await db(tableOf(strapi, TICKET)).where('id', ticketId).update({ ticket_status: status, last_message_at: now, closed_at: null, updated_at: now });
  }

  /** A new ticket's reference, once its id (which the reference is made of) is known. One statement. */
  async function nameTicket(db: Knex, ticketId: number, reference: string): Promise<void> {
    await db(tableOf(strapi, TICKET)).where('id', ticketId).update({ reference });
  }

  /** A message's Message-ID, once its id (which the Message-ID names) is known. One statement. */
  async function nameMessage(db: Knex, messageId: number, rfcMessageId: string): Promise<void> {
    await db(tableOf(strapi, MESSAGE)).where('id', messageId).update({ message_id: rfcMessageId });
  }

  return { connection: () => connectionOf(strapi), visibleIds, page, one, thread, moved, nameTicket, nameMessage };
};

/** A staff member as a ticket names them. */
export const staffName = (person: { firstname?: string | null; lastname?: string | null; email?: string | null }) =>
  [person.firstname, person.lastname].filter(Boolean).join(' ') || person.email || 'Staff';

/** A ticket's own columns, as a list row and a ticket name them. */
const scalarsOf = (row: any) => ({
  assignee: row.assignee_id === null || row.assignee_id === undefined ? null : { id: Number(row.assignee_id), name: staffName({ firstname: row.assignee_firstname, lastname: row.assignee_lastname, email: row.assignee_email }) },
  id: Number(row.id),
  reference: row.reference as string,
  subject: row.subject as string,
  ticketStatus: row.ticket_status as string,
  priority: row.priority as string,
  channel: row.channel as string,
  lastMessageAt: dateOf(row.last_message_at),
  createdAt: dateOf(row.created_at),
});

const toRow = (row: any): TicketRow => ({
  ...scalarsOf(row),
  client: row.client_document_id ? { documentId: row.client_document_id, name: row.client_name } : null,
  product: row.product_document_id ? { documentId: row.product_document_id, name: row.product_name } : null,
  requester: row.requester_email ? { firstName: row.requester_first_name, lastName: row.requester_last_name, email: row.requester_email } : null,
});

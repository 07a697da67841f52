import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import type { Scope } from '../access';
import { cancellable, linkOf, tableOf, together } from './links';

/**
 * Invoice lists of one client, filtered by the caller's `billing` scope there (rule 4: a
 * line belongs to its product; a line of no product, and an invoice with no lines, to the
 * whole client). An invoice is listed exactly when `canSeeInvoice` allows it
 * (tests/api/consistency.test.ts proves it on both databases). Customers never see drafts.
 */
const INVOICE = 'plugin::client-area.invoice';
const LINE = 'plugin::client-area.invoice-line';

export interface InvoicePageQuery {
  status?: string;
  /** Staff see drafts; customers never do. */
  drafts: boolean;
  page: number;
  pageSize: number;
}

export interface InvoiceRow {
  id: number;
  documentId: string;
  number: string;
  invoiceStatus: string;
  issuedOn: string | null;
  dueOn: string | null;
  currency: string;
  total: number;
  /** A payment the customer announced (bank transfer, on account…), for staff to look for. */
  paymentRequested: { at: string; provider: string | null } | null;
}

export interface InvoiceLineRow {
  id: number;
  invoiceId: number;
  description: string;
  quantity: number;
  unitPrice: number;
  amount: number;
  product: { id: number; documentId: string; name: string } | null;
}

/** A date column as the database hands it (a Date, or text on SQLite), as YYYY-MM-DD. */
const day = (value: unknown): string | null => {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return `${value.getFullYear()}-${String(value.getMonth() + 1).padStart(2, '0')}-${String(value.getDate()).padStart(2, '0')}`;
  return String(value).slice(0, 10);
};

export default (strapi: Core.Strapi) => {
  const invoiceClient = () => linkOf(strapi, INVOICE, 'client');
  const lineInvoice = () => linkOf(strapi, LINE, 'invoice');
  const lineProduct = () => linkOf(strapi, LINE, 'product');

  /** Restricts a query over invoices `i` to those the scope shows: each alternative the engine allows, nothing else. */
  function inScope(db: Knex, builder: Knex.QueryBuilder, scope: Scope): Knex.QueryBuilder {
    const client = invoiceClient();
    const li = lineInvoice();
    const lp = lineProduct();
    builder.whereExists(db.select(db.raw('1')).from({ ic: client.table }).whereRaw('?? = ??', [`ic.${client.from}`, 'i.id']).where(`ic.${client.to}`, scope.clientId));
    if (scope.clientWide && scope.productIds === 'all') return builder;
    const lines = () => db.select(db.raw('1')).from({ li: li.table }).whereRaw('?? = ??', [`li.${li.to}`, 'i.id']);
    const productOf = () => db.select(db.raw('1')).from({ lp: lp.table }).whereRaw('?? = ??', [`lp.${lp.from}`, `li.${li.from}`]);
    return builder.where((shown) => {
      // An invoice of no lines, or with a line of no product: the client-wide part.
      if (scope.clientWide) shown.orWhereNotExists(lines()).orWhereExists(lines().whereNotExists(productOf()));
      // A line of a product the scope holds.
      if (scope.productIds === 'all') shown.orWhereExists(lines().whereExists(productOf()));
      else if (scope.productIds.length) shown.orWhereExists(lines().whereExists(productOf().whereIn(`lp.${lp.to}`, scope.productIds)));
      // Nothing at all: no row.
      if (!scope.clientWide && scope.productIds !== 'all' && scope.productIds.length === 0) shown.whereRaw('1 = 0');
    });
  }

  const toRow = (row: any): InvoiceRow => ({
    id: Number(row.id),
    documentId: row.document_id,
    number: row.number,
    invoiceStatus: row.invoice_status,
    issuedOn: day(row.issued_on),
    dueOn: day(row.due_on),
    currency: row.currency ?? 'EUR',
    total: Number(row.total ?? 0),
    paymentRequested: row.payment_requested_at ? { at: new Date(row.payment_requested_at).toISOString(), provider: row.payment_provider ?? null } : null,
  });

  const COLUMNS = ['i.id', 'i.document_id', 'i.number', 'i.invoice_status', 'i.issued_on', 'i.due_on', 'i.currency', 'i.total', 'i.payment_requested_at', 'i.payment_provider'];

  return {
    /** One page of the invoices the scope shows (null: none), newest first, with how many there are. */
    async page(db: Knex, scope: Scope | null, query: InvoicePageQuery, signal?: AbortSignal): Promise<{ rows: InvoiceRow[]; total: number }> {
      if (!scope) return { rows: [], total: 0 };
      const filtered = (builder: Knex.QueryBuilder) => {
        inScope(db, builder, scope);
        if (!query.drafts) builder.whereNot('i.invoice_status', 'draft');
        if (query.status) builder.where('i.invoice_status', query.status);
        return builder;
      };
      const rows = filtered(db.select(...COLUMNS).from({ i: tableOf(strapi, INVOICE) }))
        .orderBy([{ column: 'i.issued_on', order: 'desc' }, { column: 'i.id', order: 'desc' }])
        .limit(query.pageSize)
        .offset((query.page - 1) * query.pageSize);
      const [found, counted] = await together<[any[], any]>(db, [
        () => cancellable(strapi, db, rows, signal),
        () => cancellable(strapi, db, filtered(db.from({ i: tableOf(strapi, INVOICE) })).count({ total: '*' }).first(), signal),
      ]);
      return { rows: found.map(toRow), total: Number(counted?.total ?? 0) };
    },

    /** One invoice of a client by its documentId (drafts only when asked), or null. */
    async one(db: Knex, clientId: number, documentId: string, { drafts }: { drafts: boolean }): Promise<InvoiceRow | null> {
      const client = invoiceClient();
      const query = db
        .select(...COLUMNS)
        .from({ i: tableOf(strapi, INVOICE) })
        .join({ ic: client.table }, `ic.${client.from}`, 'i.id')
        .where(`ic.${client.to}`, clientId)
        .where('i.document_id', documentId)
        .first();
      if (!drafts) query.whereNot('i.invoice_status', 'draft');
      const row = await query;
      return row ? toRow(row) : null;
    },

    /** The lines of some invoices, in their order, each with its product: one statement. */
    async lines(db: Knex, invoiceIds: number[]): Promise<InvoiceLineRow[]> {
      if (!invoiceIds.length) return [];
      const li = lineInvoice();
      const lp = lineProduct();
      const rows = await db
        .select('l.id', `li.${li.to} as invoice_id`, 'l.description', 'l.quantity', 'l.unit_price', 'l.amount', 'p.id as product_id', 'p.document_id as product_document_id', 'p.name as product_name')
        .from({ li: li.table })
        .join({ l: tableOf(strapi, LINE) }, 'l.id', `li.${li.from}`)
        .leftJoin({ lp: lp.table }, `lp.${lp.from}`, 'l.id')
        .leftJoin({ p: tableOf(strapi, 'plugin::client-area.product') }, 'p.id', `lp.${lp.to}`)
        .whereIn(`li.${li.to}`, invoiceIds)
        .orderBy([{ column: `li.${li.to}`, order: 'asc' }, { column: 'l.id', order: 'asc' }]);
      return rows.map((row: any) => ({
        id: Number(row.id),
        invoiceId: Number(row.invoice_id),
        description: row.description,
        quantity: Number(row.quantity ?? 0),
        unitPrice: Number(row.unit_price ?? 0),
        amount: Number(row.amount ?? 0),
        product: row.product_id === null ? null : { id: Number(row.product_id), documentId: row.product_document_id, name: row.product_name },
      }));
    },
  };
};

import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { BILLING_SECTION, canSeeInvoice, scopes, type AccessFacts, type Scope } from '../access';
import { forbidden } from '../errors';
import invoiceQueries, { type InvoiceLineRow, type InvoiceRow } from '../queries/invoices';
import { connectionOf } from '../queries/links';
import { DOCUMENT_ID } from '../lookup';
import type { Invoice, InvoiceStatus } from '../../../shared/customer-api';

/**
 * A client's invoices as a caller may see them (rule 4): the list is filtered in SQL by
 * the caller's `billing` scope, and each invoice's lines are the engine's `canSeeInvoice`
 * on that invoice — a member with `billing` on one product sees that product's lines and
 * none of the others, and not the invoice's total, which would tell the others' sum.
 * Staff see every invoice of the client, drafts included, whole.
 */
export interface Viewer {
  facts: AccessFacts;
  staff: boolean;
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const queries = invoiceQueries(strapi);

  const scopeOf = (viewer: Viewer, clientId: number): Scope | null =>
    viewer.staff ? { clientId, clientWide: true, productIds: 'all' } : (scopes(viewer.facts, BILLING_SECTION).find((s) => s.clientId === clientId) ?? null);

  /** An invoice with the lines the viewer sees (the engine decides each), or null when it sees none. */
  function view(viewer: Viewer, clientId: number, invoice: InvoiceRow, lines: InvoiceLineRow[]): Invoice | null {
    const decision = viewer.staff ? { allowed: true, lines: lines.map(() => true) } : canSeeInvoice(viewer.facts, { clientId, lineProductIds: lines.map((l) => l.product?.id ?? null) });
    if (!decision.allowed) return null;
    const visible = lines.filter((_, i) => decision.lines[i]);
    const whole = visible.length === lines.length;
    const { id: _id, total, ...rest } = invoice;
    return {
      ...rest,
      invoiceStatus: rest.invoiceStatus as InvoiceStatus,
      total: whole ? total : null,
      shownAmount: Math.round(visible.reduce((sum, line) => sum + line.amount, 0) * 100) / 100,
      linesShown: visible.length,
      linesTotal: lines.length,
      lines: visible.map(({ id: _line, invoiceId: _invoice, product, ...line }) => ({ ...line, product: product ? { documentId: product.documentId, name: product.name } : null })),
    };
  }

  return {
    /** A page of the client's invoices the viewer sees, newest first, each with its lines. */
    async list(viewer: Viewer, clientId: number, query: { status?: string; page: number; pageSize: number }, signal?: AbortSignal) {
      const db = await connectionOf(strapi);
      const { rows, total } = await queries.page(db, scopeOf(viewer, clientId), { ...query, drafts: viewer.staff }, signal);
      const lines = await queries.lines(db, rows.map((r) => r.id));
      const invoices = rows.map((row) => view(viewer, clientId, row, lines.filter((l) => l.invoiceId === row.id)));
      // The list's filter and the single check agree (tests/api/consistency.test.ts); were they ever not to, the check wins.
      return { invoices: invoices.filter((i): i is Invoice => i !== null), total };
    },

    /** One invoice of the client, with the lines the viewer sees; 404 when it is not the client's, 403 when the viewer sees none of it. */
    async show(viewer: Viewer, clientId: number, documentId: string): Promise<Invoice> {
      const db = await connectionOf(strapi);
      const invoice = DOCUMENT_ID.test(documentId) ? await queries.one(db, clientId, documentId, { drafts: viewer.staff }) : null;
      if (!invoice) throw new errors.NotFoundError('Invoice not found');
      const lines = await queries.lines(db, [invoice.id]);
      if (!viewer.staff) {
        const decision = canSeeInvoice(viewer.facts, { clientId, lineProductIds: lines.map((l) => l.product?.id ?? null) });
        if (!decision.allowed) throw forbidden(decision.reason, { section: BILLING_SECTION });
      }
      return view(viewer, clientId, invoice, lines)!;
    },
  };
};

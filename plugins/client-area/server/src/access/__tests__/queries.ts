/** How the Strapi shell applies the engine's filters to a query: a row-by-row matcher. */
import type { InvoiceFact, Scope, TicketFact, TicketFilter } from '..';

/** Whether a row of a client (tied to a product, or to none) falls in the scopes. */
export function inScopes(scopes: Scope[], clientId: number, productId: number | null): boolean {
  return scopes.some(
    (s) => s.clientId === clientId && (productId === null ? s.clientWide : s.productIds === 'all' || s.productIds.includes(productId)),
  );
}

export function matchesTicketFilter(filter: TicketFilter, ticket: TicketFact): boolean {
  return (
    filter.requesterContactIds.includes(ticket.requesterContactId) ||
    inScopes(filter.scopes, ticket.clientId, ticket.productId) ||
    ticket.requesterCategoryIds.some((c) => filter.groupReadCategoryIds.includes(c))
  );
}

/** An invoice is listed when one of its lines falls in the scopes (with no lines: when its client-wide part does). */
export function matchesInvoiceScopes(scopes: Scope[], invoice: InvoiceFact): boolean {
  if (invoice.lineProductIds.length === 0) return inScopes(scopes, invoice.clientId, null);
  return invoice.lineProductIds.some((productId) => inScopes(scopes, invoice.clientId, productId));
}

import type { AccessFacts, InvoiceFact } from './facts';
import { allow, deny, type Decision } from './decision';
import { decide } from './engine';
import { indexFacts } from './fact-index';

export const BILLING_SECTION = 'billing';

export interface InvoiceDecision extends Decision {
  /** For each line of the invoice, in order: whether the caller sees it. */
  lines: boolean[];
}

/**
 * Rule 4 for billing: a line of an invoice belongs to its product, so `billing` on P shows
 * P's lines; a line tied to no product needs `billing` client-wide. An invoice is visible
 * when at least one of its lines is (an invoice with no lines belongs to the whole client),
 * and the caller sees those lines only.
 */
export function canSeeInvoice(facts: AccessFacts, invoice: InvoiceFact): InvoiceDecision {
  const index = indexFacts(facts);
  const onLine = (productId: number | null) => decide(index, { section: BILLING_SECTION, clientId: invoice.clientId, productId });
  if (invoice.lineProductIds.length === 0) {
    const { allowed, reason } = onLine(null);
    return { allowed, reason, lines: [] };
  }
  const decisions = invoice.lineProductIds.map(onLine);
  const lines = decisions.map((d) => d.allowed);
  const seen = decisions.find((d) => d.allowed);
  if (!seen) return { ...deny(decisions[0].reason), lines };
  return { ...allow(lines.every(Boolean) ? seen.reason : `${seen.reason}; ${lines.filter(Boolean).length} of ${lines.length} lines`), lines };
}

/**
 * Paying an invoice settles all of it, so it needs all of it: the caller pays only an
 * invoice whose every line it sees (rule 4); one who sees some lines is told whose the
 * others are to pay. An invoice of no lines needs `billing` client-wide.
 */
export function canPayInvoice(facts: AccessFacts, invoice: InvoiceFact): Decision {
  const seeing = canSeeInvoice(facts, invoice);
  if (!seeing.allowed) return deny(seeing.reason);
  const hidden = seeing.lines.filter((line) => !line).length;
  if (hidden > 0) return deny(`${hidden} of the invoice's ${seeing.lines.length} lines are not yours to see: whoever holds billing for the whole invoice pays it`);
  return allow('the caller sees every line of the invoice');
}

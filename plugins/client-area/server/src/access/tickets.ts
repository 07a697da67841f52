import type { AccessFacts, ContactFact, TicketFact } from './facts';
import { allow, type Decision, type Scope } from './decision';
import { decide, scopes } from './engine';
import { indexFacts, type FactIndex } from './fact-index';
import { actingStanding } from './membership-access';

export const TICKETS_SECTION = 'tickets';

/**
 * The caller's contacts it may act as: those of clients where its own membership
 * stands and, for a sub-account, the relationship password was given.
 */
function actingContacts(index: FactIndex): ContactFact[] {
  return index.facts.contacts.filter((contact) => {
    const membership = index.ownMembership(contact.clientId);
    return membership !== undefined && actingStanding(index, membership).allowed;
  });
}

/**
 * Rules 10 and 11: a ticket is visible to its requester, to members whose `tickets`
 * covers its client and product, and to group readers of a category its requester is
 * in, across clients. Staff decide elsewhere.
 */
export function canSeeTicket(facts: AccessFacts, ticket: TicketFact): Decision {
  const index = indexFacts(facts);
  const contacts = actingContacts(index);
  if (contacts.some((c) => c.id === ticket.requesterContactId)) return allow('you requested it');
  const byGrant = decide(index, { section: TICKETS_SECTION, clientId: ticket.clientId, productId: ticket.productId });
  if (byGrant.allowed) return { allowed: true, reason: byGrant.reason };
  const reader = contacts.find((c) => c.groupReadCategoryId !== null && ticket.requesterCategoryIds.includes(c.groupReadCategoryId));
  if (reader) return allow(`group read access on category ${reader.groupReadCategoryId}`);
  return { allowed: false, reason: byGrant.reason };
}

/**
 * How a ticket list must be filtered: a ticket is listed when its requester is one of
 * `requesterContactIds`, or it falls in one of `scopes`, or its requester is in one of
 * `groupReadCategoryIds`. Agrees exactly with `canSeeTicket`.
 */
export interface TicketFilter {
  requesterContactIds: number[];
  scopes: Scope[];
  groupReadCategoryIds: number[];
}

export function ticketFilter(facts: AccessFacts): TicketFilter {
  const contacts = actingContacts(indexFacts(facts));
  return {
    requesterContactIds: contacts.map((c) => c.id),
    scopes: scopes(facts, TICKETS_SECTION),
    groupReadCategoryIds: [
      ...new Set(contacts.map((c) => c.groupReadCategoryId).filter((id): id is number => id !== null)),
    ],
  };
}

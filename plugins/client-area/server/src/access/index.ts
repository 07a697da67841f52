/**
 * The access engine: pure decisions from the facts of one identity. No Strapi, no I/O.
 * See the project README, "The access engine".
 */
export type {
  AccessFacts,
  Actor,
  ClientFact,
  ContactFact,
  Grant,
  MembershipFact,
  MembershipKind,
  MembershipStatus,
  ProductFact,
  SecondaryLogonFact,
  SectionFact,
  SecurityGroupFact,
  TicketFact,
  InvoiceFact,
} from './facts';
export type { AccessRequest, Decision, Scope } from './decision';
export { can, scopes, sectionsIn, effectiveGrants } from './engine';
export { checkGrantChange, grantToggles, type GrantChange, type GrantChangeDecision } from './ceiling';
export { descendants } from './hierarchy';
export { canRemove, canReparent, canRestore, canSuspend, type Reassignment, type RemovalDecision } from './membership-status';
export { canTakeOwnership, canDistribute, canRelease, canUndistribute } from './ownership';
export { applyRole, checkRoleChange, isCustom, type RoleChange } from './roles';
export { canSeeTicket, ticketFilter, TICKETS_SECTION, type TicketFilter } from './tickets';
export { isVisibleTo } from './products';
export { canPayInvoice, canSeeInvoice, BILLING_SECTION, type InvoiceDecision } from './invoices';
export { canEditContact } from './contacts';
export { actingOwner } from './secondary-logons';
export { canPlaceOrder, canCancelOrder, ORDERS_SECTION, type OrderDecision } from './orders';

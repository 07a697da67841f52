/* Shared by the plugin's server and the customer portal: no imports. */

/**
 * The answers of the customers' API (`/api/client-area`) as the portal reads them. The
 * server's controllers build these shapes; the portal is typed against them.
 */

export type Relation = 'master' | 'sub-account' | 'secondary-logon';
export type MembershipStatus = 'active' | 'suspended' | 'removed';
export type TicketStatus = 'open' | 'answered' | 'customer-reply' | 'on-hold' | 'closed';
export type TicketView = 'all' | 'mine' | 'client' | 'group-open' | 'group-all' | 'group-closed';

/** GET /me */
export interface Me {
  id: number;
  documentId: string;
  username: string;
  email: string;
}

/** GET /clients: one client the caller reaches. */
export interface ClientSummary {
  documentId: string;
  name: string;
  reference: string;
  relation: Relation;
  status: MembershipStatus;
  relationshipPasswordRequired: boolean;
  /** The sections the caller reaches there, client-wide or on some product: its menu. */
  sections: string[];
}

/** A product as the caller sees it, with the product sections it holds on it. */
export interface ProductSummary {
  documentId: string;
  name: string;
  productType: string | null;
  status: string;
  sections: string[];
}

/** GET /clients/:clientId */
export interface ClientDetail extends ClientSummary {
  clientStatus: string;
  /** The sections held for the whole client (what is tied to no product needs them). */
  clientWideSections: string[];
  products: ProductSummary[];
}

/** A grant as the API speaks it: a section, client-wide (`product: null`) or on one product. */
export interface GrantDto {
  section: string;
  product: string | null;
}

/** GET /clients/:clientId/members: one member. */
export interface Member {
  documentId: string;
  kind: 'master' | 'sub-account';
  status: MembershipStatus;
  identity: { username: string | null; email: string | null };
  contact: string | null;
  parent: string | null;
  role: { documentId: string; name: string } | 'custom';
  grants: GrantDto[];
  you: boolean;
}

/** An engine decision as the API passes it on: whether, and why (the refusal to show). */
export interface DecisionDto {
  allowed: boolean;
  reason: string;
}

/** GET /clients/:clientId/products: one product the caller may view, and what it may do with it (rule 7). */
export interface ProductEntry {
  documentId: string;
  name: string;
  productType: string | null;
  status: string;
  /** Its owner (the member managing it), if any. */
  owner: string | null;
  ownerLogin: string | null;
  ownedByYou: boolean;
  can: { take: DecisionDto; release: DecisionDto };
  /** For a caller who manages members: each member it might show the product to, whether it sees it now, and whether the caller may change that. */
  distribution: Array<{ member: string; login: string; distributed: boolean; can: DecisionDto }>;
}

/** GET /clients/:clientId/access: one member, in tree order, with what the caller may do to it. */
export interface MatrixMember extends Member {
  depth: number;
  /** What its managers let take effect of its grants. */
  effective: GrantDto[];
  can: {
    /** Whether its grants may be changed at all (and its role). */
    grants: DecisionDto;
    /** The boxes that can't be ticked or unticked, by `section@productDocumentId` (`@*`: client-wide), with the engine's reason. */
    locked: Record<string, string>;
    suspend: DecisionDto;
    restore: DecisionDto;
    /** Allowed with a reason naming what the caller takes over, when it manages members or owns products. */
    remove: DecisionDto;
    rotatePassword: DecisionDto;
  };
}

/** GET /clients/:clientId/access */
export interface AccessMatrix {
  sections: Array<{ name: string; label: string; productScoped: boolean }>;
  products: Array<{ documentId: string; name: string; status: string }>;
  roles: Array<{ documentId: string; name: string }>;
  members: MatrixMember[];
}

/** GET /tickets: one row. */
export interface TicketSummary {
  reference: string;
  subject: string;
  status: TicketStatus;
  priority: string;
  channel: string;
  client: { documentId: string; name: string } | null;
  product: { documentId: string; name: string } | null;
  requester: { name: string | null; email: string } | null;
  lastMessageAt: string;
  createdAt: string;
}

export interface TicketList {
  data: TicketSummary[];
  meta: { page: number | null; pageSize: number; total: number; nextCursor: string | null; groupViews: boolean };
}

export interface Attachment {
  id: number;
  name: string;
  mime: string;
  /** Kilobytes, as Strapi's upload keeps it. */
  size: number;
  url: string;
}

export interface TicketMessage {
  id: number;
  authorType: 'customer' | 'staff' | 'email' | 'system';
  author: string | null;
  body: string;
  attachments: Attachment[];
  createdAt: string;
}

/** GET /tickets/:reference */
export interface TicketDetail extends TicketSummary {
  messages: TicketMessage[];
}

/** POST /clients/:clientId/session */
export interface RelationshipSession {
  relationshipPasswordRequired: boolean;
  token: string | null;
  expiresAt: number | null;
  header: string;
}

/** A section of the registry, GET /sections. */
export interface SectionInfo {
  name: string;
  label: string;
  description: string;
  productScoped: boolean;
}

export type InvoiceStatus = 'draft' | 'unpaid' | 'paid' | 'cancelled' | 'refunded';

/** A line of an invoice, shown to those whose `billing` covers its product (or, with none, the whole client). */
export interface InvoiceLine {
  description: string;
  quantity: number;
  unitPrice: number;
  amount: number;
  product: { documentId: string; name: string } | null;
}

/** GET /clients/:clientId/invoices (one row) and GET /clients/:clientId/invoices/:invoiceId */
export interface Invoice {
  documentId: string;
  number: string;
  invoiceStatus: InvoiceStatus;
  /** YYYY-MM-DD */
  issuedOn: string | null;
  dueOn: string | null;
  currency: string;
  /** The invoice's total, when every line is shown to the caller; null when some are not. */
  total: number | null;
  /** The sum of the lines shown. */
  shownAmount: number;
  linesShown: number;
  linesTotal: number;
  lines: InvoiceLine[];
  /** A payment announced by a customer (a bank transfer, say): staff set the invoice paid when it arrives. */
  paymentRequested: { at: string; provider: string | null } | null;
}

export interface InvoiceList {
  data: Invoice[];
  meta: { page: number; pageSize: number; total: number };
}

export interface EmailPreferences {
  general: boolean;
  invoices: boolean;
  support: boolean;
  products: boolean;
}

/** GET /clients/:clientId/contacts: one contact of the client. */
export interface ContactEntry {
  documentId: string;
  firstName: string | null;
  lastName: string | null;
  email: string;
  /** A new address waiting for its confirmation link. */
  pendingEmail: string | null;
  phone: string | null;
  emailPreferences: EmailPreferences;
  /** Its login in the client, when it has one. */
  subAccount: { member: string; kind: 'master' | 'sub-account'; status: MembershipStatus } | null;
}

/** POST …/contacts/:contactId/sub-account or …/invitation: the new member and its relationship password, shown once. */
export interface NewSubAccount {
  member: string;
  identity: { username: string; email: string };
  relationshipPassword: string;
  note: string;
}

/** GET /profile: the person, and per client its own contact there (null: it has none). */
export interface Profile {
  username: string;
  email: string;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  clients: Array<{
    client: { documentId: string; name: string };
    status: MembershipStatus;
    contact: { documentId: string; email: string; emailPreferences: EmailPreferences } | null;
  }>;
}

/** GET /api/auth/sessions (users-permissions): one login session. */
export interface LoginSession {
  id: string;
  deviceName?: string;
  current: boolean;
  loginAt?: string;
  lastActiveAt?: string;
}

/** GET /clients/:clientId/audit (the master's): one entry. */
export interface AuditEntry {
  action: string;
  at: string;
  /** The customer's login; 'staff'; null for the system. */
  actor: string | null;
  subject: { type: string; name: string | null } | null;
  details: Record<string, unknown> | null;
  ip: string | null;
}

/** GET /security-groups: one of the caller's groups of the clients it is master of (rule 9). */
export interface SecurityGroup {
  documentId: string;
  name: string;
  description: string | null;
  /** Holds every client of the owner that no other group lists. */
  isDefault: boolean;
  clients: Array<{ documentId: string; name: string }>;
}

/** GET /secondary-logons: one of the caller's secondary logons. */
export interface SecondaryLogon {
  documentId: string;
  logon: { username: string | null; email: string | null };
  status: 'active' | 'cancelled';
  sections: string[];
  securityGroups: Array<{ documentId: string; name: string }>;
}

/** GET /clients/:clientId/invoices/:invoiceId/payment-options */
export interface PaymentOptions {
  /** Whether it is unpaid (only an unpaid invoice is paid). */
  payable: boolean;
  /** A payment already announced for it. */
  requested: { at: string; provider: string | null } | null;
  providers: Array<{ name: string; label: string; description: string }>;
}

/** POST …/payments: what to do next — words to follow, or a page to go to. */
export interface PaymentStarted {
  instructions?: string;
  redirectUrl?: string;
}

/** GET /clients/:clientId/catalogue: one thing on offer. */
export interface CatalogueItem {
  documentId: string;
  name: string;
  summary: string | null;
  productType: string | null;
  price: number;
  currency: string;
  billingCycle: 'one-time' | 'monthly' | 'quarterly' | 'yearly';
}

/** GET /clients/:clientId/catalogue: what the caller may order, and whom it may have the product shown to. */
export interface OrderForm {
  items: CatalogueItem[];
  /** Who will own what the caller orders (its own login, or for a secondary logon its owner's). */
  owner: string | null;
  /** The members of the client the caller may show the product to, each with the engine's decision (always allowed). */
  members: Array<{ member: string; login: string; can: DecisionDto }>;
}

export type OrderStatus = 'pending' | 'accepted' | 'declined' | 'cancelled';

/** GET /clients/:clientId/orders: one order of the client. */
export interface OrderEntry {
  documentId: string;
  reference: string;
  itemName: string;
  quantity: number;
  unitPrice: number;
  currency: string;
  billingCycle: string | null;
  notes: string | null;
  orderStatus: OrderStatus;
  placedAt: string;
  decidedAt: string | null;
  declineReason: string | null;
  /** The member the product is for (it will own it). */
  orderedBy: { member: string; login: string } | null;
  /** The login that placed it (a secondary logon places for its owner). */
  placedBy: string | null;
  distributeTo: Array<{ member: string; login: string }>;
  /** The product an accepted order made, when the reader may see it. */
  product: { documentId: string; name: string } | null;
  can: { cancel: DecisionDto };
}

/** GET /clients/:clientId/roles: a role of the client, or a global one staff keep (`global`). */
export interface RoleEntry {
  documentId: string;
  name: string;
  description: string | null;
  global: boolean;
  grants: GrantDto[];
  /** The members holding it, by documentId. */
  holders: string[];
}

/** GET /clients/:clientId/profile: the client's company details (the profile section). */
export interface ClientProfile {
  documentId: string;
  /** Kept by staff. */
  name: string;
  reference: string;
  address: string | null;
  country: string | null;
  vatNumber: string | null;
  phone: string | null;
  website: string | null;
}

/** POST /invitations/describe: what an invitation link is for. */
export interface InvitationInfo {
  client: string | null;
  username: string;
  email: string;
  expiresAt: string;
}

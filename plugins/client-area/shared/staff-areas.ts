/* Shared by the plugin's server and its admin pages: no imports. */

/**
 * What staff may do, as Strapi admin permissions (Settings → Administration panel →
 * Roles → Plugins → Client Area): one area per customer section and per staff tool,
 * each with "read" and, where something can be changed, "manage". A "Billing clerk"
 * holds billing only; a "Support agent" tickets and triage. Every admin route of the
 * plugin names one of these (routes/admin), and the content manager serves each of the
 * plugin's types only to a role holding its area (content-manager-guard.ts).
 */
export const STAFF_AREAS = {
  profile: { name: 'Client profiles', read: 'Read clients', manage: 'Edit clients' },
  contacts: {
    name: 'Contacts & access',
    read: 'Read contacts, members, roles and grants',
    manage: 'Change contacts, members, roles, grants, suspensions and relationship passwords',
  },
  products: { name: 'Products', read: 'Read products and who holds them', manage: 'Change products and their ownership' },
  billing: { name: 'Billing', read: 'Read invoices', manage: 'Send and change invoices' },
  orders: { name: 'Orders', read: 'Read orders and the catalogue', manage: 'Accept and decline orders, change the catalogue' },
  tickets: { name: 'Tickets', read: 'Read tickets', manage: 'Reply, write internal notes, close and reopen tickets' },
  triage: { name: 'Triage', read: 'Read mail held for triage', manage: 'Assign held mail to a client or reject it' },
  categories: { name: 'User categories & mailings', read: 'Read user categories', manage: 'Change user categories and mail them' },
  mail: { name: 'Mail', read: 'Read the outbox and the intake records', manage: 'Requeue failed mail and reprocess intake records' },
  audit: { name: 'Audit log', read: 'Read the audit log' },
  settings: { name: 'Settings', read: 'Read the Client Area settings', manage: 'Change the Client Area settings' },
} as const;

export type StaffArea = keyof typeof STAFF_AREAS;
export type StaffLevel = 'read' | 'manage';

/** The permission's action, e.g. `plugin::client-area.billing.read`. */
export const staffAction = (area: StaffArea, level: StaffLevel) => `plugin::client-area.${area}.${level}`;

/** Every staff permission: its area and level, and how Settings → Roles labels it. */
export const STAFF_PERMISSIONS = (Object.entries(STAFF_AREAS) as [StaffArea, Record<string, string>][]).flatMap(([area, labels]) =>
  (['read', 'manage'] as const).filter((level) => labels[level]).map((level) => ({ area, level, subCategory: labels.name, displayName: labels[level] })),
);

/** The area each content type of the plugin belongs to in the content manager. */
export const CONTENT_TYPE_AREA: Record<string, StaffArea> = {
  client: 'profile',
  contact: 'contacts',
  membership: 'contacts',
  grant: 'contacts',
  'access-role': 'contacts',
  invitation: 'contacts',
  'security-group': 'contacts',
  'secondary-logon': 'contacts',
  product: 'products',
  invoice: 'billing',
  'invoice-line': 'billing',
  'catalogue-item': 'orders',
  order: 'orders',
  ticket: 'tickets',
  'ticket-message': 'tickets',
  'user-category': 'categories',
  'audit-entry': 'audit',
  'mail-intake': 'mail',
  'mail-outbox': 'mail',
};

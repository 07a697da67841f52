import contentApi from '../content-api';

import { staffAction, type StaffArea, type StaffLevel } from '../../staff-permissions';

/**
 * Staff's API (admin panel, /client-area/...). Every route names the staff permission
 * it needs (staff-permissions.ts), checked by Strapi's admin before the handler: reads
 * need the area's "read", changes its "manage". Every customer route under
 * /clients/:clientId has a staff twin on the same handler, so staff can do on any
 * client all a master can do there, each twin in the area of the customer section that
 * guards it (contacts, products) or, for the audit log, the audit area.
 */
const staff = (area: StaffArea, level: StaffLevel, ...more: string[]) => ({
  policies: ['admin::isAuthenticatedAdmin', { name: 'admin::hasPermissions', config: { actions: [staffAction(area, level)] } }, ...more],
});

const CUSTOMER_ONLY = new Set(['session.create', 'clients.show']);
/** Twins whose staff area is not the customer section that guards them. */
const TWIN_AREA: Record<string, StaffArea> = { 'audit.list': 'audit' };

const sectionOf = (route: (typeof contentApi.routes)[number]): string | undefined =>
  ((route.config as any)?.policies ?? []).map((policy: any) => policy?.config?.section).find(Boolean);

const staffTwins = contentApi.routes
  .filter((route) => route.path.startsWith('/clients/:clientId') && !CUSTOMER_ONLY.has(route.handler) && !route.handler.startsWith('tickets.'))
  .map((route) => {
    const area = TWIN_AREA[route.handler] ?? (sectionOf(route) as StaffArea | undefined);
    if (!area) throw new Error(`client-area: the staff twin of ${route.method} ${route.path} has no staff area`);
    return { method: route.method, path: route.path, handler: route.handler, config: staff(area, route.method === 'GET' ? 'read' : 'manage', 'plugin::client-area.staff-client') };
  });

export default {
  type: 'admin',
  routes: [
    {
      method: 'GET',
      path: '/sections',
      handler: 'sections.list',
      config: { policies: ['admin::isAuthenticatedAdmin'] },
    },
    { method: 'GET', path: '/clients', handler: 'clients.staffSearch', config: staff('profile', 'read') },
    { method: 'GET', path: '/clients/:clientId', handler: 'clients.staffShow', config: staff('profile', 'read', 'plugin::client-area.staff-client') },
    { method: 'GET', path: '/settings', handler: 'settings.show', config: staff('settings', 'read') },
    { method: 'PUT', path: '/settings', handler: 'settings.update', config: staff('settings', 'manage') },
    { method: 'GET', path: '/audit', handler: 'audit.search', config: staff('audit', 'read') },
    // "Who can see this?": each in the area of the thing asked about.
    { method: 'GET', path: '/tickets/:reference/visibility', handler: 'visibility.ticket', config: staff('tickets', 'read') },
    { method: 'GET', path: '/products/:productId/visibility', handler: 'visibility.product', config: staff('products', 'read') },
    { method: 'GET', path: '/invoices/:invoiceId/visibility', handler: 'visibility.invoice', config: staff('billing', 'read') },
    // Only staff hand a client to another master (rule 1).
    {
      method: 'POST',
      path: '/clients/:clientId/members/:memberId/master',
      handler: 'members.transferMaster',
      config: staff('contacts', 'manage', 'plugin::client-area.staff-client'),
    },
    {
      method: 'POST',
      path: '/clients/:clientId/members/:memberId/unlock',
      handler: 'members.unlock',
      config: staff('contacts', 'manage', 'plugin::client-area.staff-client'),
    },
    { method: 'GET', path: '/tickets', handler: 'tickets.staffList', config: staff('tickets', 'read') },
    // Before /tickets/:reference: who tickets can be given to.
    { method: 'GET', path: '/tickets/assignees', handler: 'tickets.assignees', config: staff('tickets', 'read') },
    { method: 'GET', path: '/tickets/:reference', handler: 'tickets.staffShow', config: staff('tickets', 'read') },
    { method: 'PUT', path: '/tickets/:reference/assignee', handler: 'tickets.staffAssign', config: staff('tickets', 'manage') },
    { method: 'POST', path: '/tickets/:reference/messages', handler: 'tickets.staffReply', config: staff('tickets', 'manage') },
    { method: 'GET', path: '/tickets/:reference/attachments/:fileId', handler: 'tickets.staffAttachment', config: staff('tickets', 'read') },
    { method: 'GET', path: '/tickets/:reference/recipients', handler: 'tickets.staffRecipients', config: staff('tickets', 'read') },
    { method: 'POST', path: '/tickets/:reference/close', handler: 'tickets.staffClose', config: staff('tickets', 'manage') },
    { method: 'POST', path: '/tickets/:reference/reopen', handler: 'tickets.staffReopen', config: staff('tickets', 'manage') },
    { method: 'POST', path: '/invoices/:invoiceId/send', handler: 'mailings.sendInvoice', config: staff('billing', 'manage') },
    { method: 'GET', path: '/user-categories', handler: 'categories.list', config: staff('categories', 'read') },
    { method: 'GET', path: '/user-categories/:categoryId', handler: 'categories.show', config: staff('categories', 'read') },
    { method: 'POST', path: '/user-categories/:categoryId/mail', handler: 'mailings.mailCategory', config: staff('categories', 'manage') },
    { method: 'GET', path: '/triage', handler: 'triage.list', config: staff('triage', 'read') },
    // Before /triage/:mailId: where a held mail can go, for staff who may place it.
    { method: 'GET', path: '/triage/clients', handler: 'triage.clients', config: staff('triage', 'manage') },
    { method: 'GET', path: '/triage/:mailId', handler: 'triage.show', config: staff('triage', 'read') },
    { method: 'POST', path: '/triage/:mailId/assign', handler: 'triage.assign', config: staff('triage', 'manage') },
    { method: 'POST', path: '/triage/:mailId/reject', handler: 'triage.reject', config: staff('triage', 'manage') },
    { method: 'GET', path: '/orders', handler: 'orders.queue', config: staff('orders', 'read') },
    { method: 'GET', path: '/orders/:orderId', handler: 'orders.staffShow', config: staff('orders', 'read') },
    { method: 'POST', path: '/orders/:orderId/accept', handler: 'orders.accept', config: staff('orders', 'manage') },
    { method: 'POST', path: '/orders/:orderId/decline', handler: 'orders.decline', config: staff('orders', 'manage') },
    { method: 'GET', path: '/outbox', handler: 'mail.outbox', config: staff('mail', 'read') },
    { method: 'GET', path: '/intake', handler: 'mail.intake', config: staff('mail', 'read') },
    // The raw message may hold anything a sender put in it: for staff who manage mail.
    { method: 'GET', path: '/intake/:intakeId/raw', handler: 'mail.raw', config: staff('mail', 'manage') },
    { method: 'POST', path: '/intake/:intakeId/reprocess', handler: 'mail.reprocess', config: staff('mail', 'manage') },
    { method: 'POST', path: '/outbox/:mailId/requeue', handler: 'outbox.requeue', config: staff('mail', 'manage') },
    ...staffTwins,
  ],
};

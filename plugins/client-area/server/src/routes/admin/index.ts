import contentApi from '../content-api';

/**
 * Staff's API (admin panel, /client-area/...). Every customer route under
 * /clients/:clientId has a staff twin on the same handler, so staff can do on any
 * client all a master can do there; reads need the "access.read" permission,
 * changes "access.manage". Super admins hold both.
 */
export const STAFF_READ = 'plugin::client-area.access.read';
export const STAFF_MANAGE = 'plugin::client-area.access.manage';
export const STAFF_TICKETS_READ = 'plugin::client-area.tickets.read';
export const STAFF_TICKETS_REPLY = 'plugin::client-area.tickets.reply';
export const STAFF_MAIL = 'plugin::client-area.mail.send';
export const STAFF_MAIL_MANAGE = 'plugin::client-area.mail.manage';

const staff = (action: string) => ({ policies: ['admin::isAuthenticatedAdmin', { name: 'admin::hasPermissions', config: { actions: [action] } }] });

const CUSTOMER_ONLY = new Set(['session.create', 'clients.show']);

const staffTwins = contentApi.routes
  .filter((route) => route.path.startsWith('/clients/:clientId') && !CUSTOMER_ONLY.has(route.handler) && !route.handler.startsWith('tickets.'))
  .map((route) => ({
    method: route.method,
    path: route.path,
    handler: route.handler,
    config: {
      policies: [
        'admin::isAuthenticatedAdmin',
        { name: 'admin::hasPermissions', config: { actions: [route.method === 'GET' ? STAFF_READ : STAFF_MANAGE] } },
        'plugin::client-area.staff-client',
      ],
    },
  }));

export default {
  type: 'admin',
  routes: [
    {
      method: 'GET',
      path: '/sections',
      handler: 'sections.list',
      config: { policies: ['admin::isAuthenticatedAdmin'] },
    },
    {
      method: 'POST',
      path: '/clients/:clientId/members/:memberId/unlock',
      handler: 'members.unlock',
      config: {
        policies: ['admin::isAuthenticatedAdmin', { name: 'admin::hasPermissions', config: { actions: [STAFF_MANAGE] } }, 'plugin::client-area.staff-client'],
      },
    },
    { method: 'GET', path: '/tickets', handler: 'tickets.staffList', config: staff(STAFF_TICKETS_READ) },
    { method: 'GET', path: '/tickets/:reference', handler: 'tickets.staffShow', config: staff(STAFF_TICKETS_READ) },
    { method: 'POST', path: '/tickets/:reference/messages', handler: 'tickets.staffReply', config: staff(STAFF_TICKETS_REPLY) },
    { method: 'GET', path: '/tickets/:reference/attachments/:fileId', handler: 'tickets.staffAttachment', config: staff(STAFF_TICKETS_READ) },
    { method: 'POST', path: '/tickets/:reference/close', handler: 'tickets.staffClose', config: staff(STAFF_TICKETS_REPLY) },
    { method: 'POST', path: '/invoices/:invoiceId/send', handler: 'mailings.sendInvoice', config: staff(STAFF_MAIL) },
    { method: 'POST', path: '/user-categories/:categoryId/mail', handler: 'mailings.mailCategory', config: staff(STAFF_MAIL) },
    { method: 'POST', path: '/outbox/:mailId/requeue', handler: 'outbox.requeue', config: staff(STAFF_MAIL_MANAGE) },
    ...staffTwins,
  ],
};

import contentApi from '../content-api';

/**
 * Staff's API (admin panel, /client-area/...). Every customer route under
 * /clients/:clientId has a staff twin on the same handler, so staff can do on any
 * client all a master can do there; reads need the "access.read" permission,
 * changes "access.manage". Super admins hold both.
 */
export const STAFF_READ = 'plugin::client-area.access.read';
export const STAFF_MANAGE = 'plugin::client-area.access.manage';

const CUSTOMER_ONLY = new Set(['session.create', 'clients.show']);

const staffTwins = contentApi.routes
  .filter((route) => route.path.startsWith('/clients/:clientId') && !CUSTOMER_ONLY.has(route.handler))
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
    ...staffTwins,
  ],
};

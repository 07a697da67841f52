import type { Core } from '@strapi/strapi';

/**
 * The users-permissions "authenticated" role must be allowed to call every
 * customer route; our policies then decide per client, section and product.
 * Done at every start, idempotently, so a fresh database works without clicks.
 */
export async function allowCustomerRoutes(strapi: Core.Strapi) {
  const routes = (strapi.plugin('client-area').routes as any)['content-api'].routes as any[];
  const actions = routes.filter((route) => route.config?.auth !== false).map((route) => `plugin::client-area.${route.handler}`);
  const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'authenticated' } });
  if (!role) throw new Error('client-area: the users-permissions "authenticated" role is missing');
  const permissions = strapi.db.query('plugin::users-permissions.permission');
  const existing = await permissions.findMany({ where: { action: { $in: actions }, role: { id: role.id } }, select: ['action'] });
  const have = new Set(existing.map((permission: any) => permission.action));
  for (const action of actions) {
    if (!have.has(action)) await permissions.create({ data: { action, role: role.id } });
  }
}

/** Staff permissions (admin roles): clients' access, tickets, and mail. */
export async function registerStaffActions(strapi: Core.Strapi) {
  await strapi.service('admin::permission').actionProvider.registerMany([
    { section: 'plugins', displayName: 'Read clients, contacts, members and their access', uid: 'access.read', pluginName: 'client-area' },
    { section: 'plugins', displayName: 'Manage clients, contacts, members and their access', uid: 'access.manage', pluginName: 'client-area' },
    { section: 'plugins', displayName: 'Read tickets', uid: 'tickets.read', pluginName: 'client-area' },
    { section: 'plugins', displayName: 'Reply to tickets and write internal notes', uid: 'tickets.reply', pluginName: 'client-area' },
    { section: 'plugins', displayName: 'Send invoices and mail user categories', uid: 'mail.send', pluginName: 'client-area' },
    { section: 'plugins', displayName: 'Requeue outgoing mail that failed', uid: 'mail.manage', pluginName: 'client-area' },
  ]);
}

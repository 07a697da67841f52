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

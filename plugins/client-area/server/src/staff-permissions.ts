import type { Core } from '@strapi/strapi';
import { STAFF_PERMISSIONS, staffAction } from '../../shared/staff-areas';

export { CONTENT_TYPE_AREA, STAFF_AREAS, staffAction, type StaffArea, type StaffLevel } from '../../shared/staff-areas';

/** Registers the staff permissions (shared/staff-areas.ts) with Strapi's admin. */
export async function registerStaffActions(strapi: Core.Strapi) {
  await strapi.service('admin::permission').actionProvider.registerMany(
    STAFF_PERMISSIONS.map(({ area, level, subCategory, displayName }) => ({ section: 'plugins', pluginName: 'client-area', subCategory, displayName, uid: `${area}.${level}` })),
  );
}

/**
 * Versions up to 0.1.x had six coarse permissions. A role holding one that no longer
 * exists is given the new permissions that cover what it allowed, before Strapi's admin
 * drops permissions whose action is unknown (its bootstrap runs after the plugins').
 * `tickets.read` and `mail.manage` (requeue failed mail) kept their names and meaning.
 */
const REPLACED: Record<string, string[]> = {
  // 0.1's access permissions opened every plugin type in the content manager, tickets and mail included.
  'plugin::client-area.access.read': (['profile', 'contacts', 'products', 'billing', 'orders', 'tickets', 'categories', 'mail', 'audit'] as const).map((area) => staffAction(area, 'read')),
  'plugin::client-area.access.manage': (['profile', 'contacts', 'products', 'billing', 'orders', 'tickets', 'categories', 'mail'] as const).map((area) => staffAction(area, 'manage')),
  'plugin::client-area.tickets.reply': [staffAction('tickets', 'manage')],
  'plugin::client-area.mail.send': [staffAction('billing', 'manage'), staffAction('categories', 'manage')],
};

/** The PostgreSQL advisory lock an upgrade holds, so instances starting together upgrade once. */
const UPGRADE_LOCK = 7_401_113_339;

/** Replaces the old permissions of every role; the number of roles changed. */
export async function upgradeStaffPermissions(strapi: Core.Strapi): Promise<number> {
  const permissions = strapi.db.query('admin::permission');
  const stale = () => permissions.findMany({ where: { action: { $in: Object.keys(REPLACED) } }, populate: ['role'] });
  if ((await stale()).length === 0) return 0;
  const roles = new Set<number>();
  await strapi.db.transaction(async ({ trx }) => {
    // Another instance may have upgraded while this one waited: what is left is read under the lock.
    if (strapi.db.dialect.client === 'postgres') await trx.raw('select pg_advisory_xact_lock(?)', [UPGRADE_LOCK]);
    for (const permission of await stale()) {
      const roleId = permission.role?.id;
      if (roleId) {
        roles.add(roleId);
        const held = new Set((await permissions.findMany({ where: { role: { id: roleId } }, select: ['action'] })).map((row: any) => row.action));
        for (const action of REPLACED[permission.action]) {
          if (!held.has(action)) await permissions.create({ data: { action, actionParameters: {}, subject: null, properties: {}, conditions: [], role: roleId } });
        }
      }
      await permissions.delete({ where: { id: permission.id } });
    }
  });
  return roles.size;
}

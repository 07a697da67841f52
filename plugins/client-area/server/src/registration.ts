import type { Core } from '@strapi/strapi';

/**
 * Public sign-up is off unless the plugin's `registration.allowed` says so:
 * accounts come from invitations, staff and imports. users-permissions keeps the
 * switch in its advanced settings (editable in the admin panel); the plugin's
 * config wins at every start, so a database can't silently keep it on.
 */
export async function applyRegistrationSetting(strapi: Core.Strapi) {
  const allowed = Boolean((strapi.plugin('client-area').config('registration') as { allowed?: boolean } | undefined)?.allowed);
  const store = strapi.store({ type: 'plugin', name: 'users-permissions' });
  const advanced = (await store.get({ key: 'advanced' })) as Record<string, unknown> | null;
  // users-permissions bootstraps before us (it makes the role our routes need); its defaults are kept.
  if (!advanced) throw new Error('client-area: users-permissions has not set up its advanced settings');
  if (advanced.allow_register !== allowed) await store.set({ key: 'advanced', value: { ...advanced, allow_register: allowed } });
}

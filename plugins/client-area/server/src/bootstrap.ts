import type { Core } from '@strapi/strapi';
import { allowCustomerRoutes } from './permissions';
import { registerStaffActions, upgradeStaffPermissions } from './staff-permissions';
import { servePortal } from './portal';
import { auditMasterLogins } from './login-audit';
import { hideAttachmentsFromMediaLibrary } from './media-library-guard';
import { auditContentManagerEdits, guardContentManager, stripDefaultRoles } from './content-manager-guard';
import { authInputGuard } from './middlewares/auth-input';
import { applyRegistrationSetting } from './registration';
import { afterPluginBootstrap } from './plugin-order';
import { watchTicketMessages } from './ticket-notices';
import { nameMemberships, watchMembershipNames } from './content-types/membership-labels';
import { configureContentManager } from './content-manager-layout';

// Everything here needs users-permissions' roles and settings (see plugin-order.ts).
export default async ({ strapi }: { strapi: Core.Strapi }) => afterPluginBootstrap(strapi, 'users-permissions', () => start(strapi));

async function start(strapi: Core.Strapi) {
  // Before the router: Strapi's own validation of these bodies must never see a hostile email.
  strapi.server.use(authInputGuard(strapi));
  await registerStaffActions(strapi);
  await upgradeStaffPermissions(strapi);
  await allowCustomerRoutes(strapi);
  guardContentManager(strapi);
  auditContentManagerEdits(strapi);
  hideAttachmentsFromMediaLibrary(strapi);
  await stripDefaultRoles(strapi);
  watchMembershipNames(strapi);
  // Memberships an older version left have no name yet.
  await nameMemberships(strapi, { unnamed: true });
  await configureContentManager(strapi);
  await applyRegistrationSetting(strapi);
  servePortal(strapi);
  auditMasterLogins(strapi);
  watchTicketMessages(strapi);
  strapi.plugin('client-area').service('portfolio').watchOwners();
  // Settings staff saved in Settings → Client Area, over the app's own configuration, before anything reads them.
  await strapi.plugin('client-area').service('settings').load();
  await strapi.plugin('client-area').service('outbox').sealWaiting();
  strapi.plugin('client-area').service('outbox').start();
  strapi.plugin('client-area').service('imap-poller').start();
}

import type { Core } from '@strapi/strapi';
import { allowCustomerRoutes, registerStaffActions } from './permissions';
import { servePortal } from './portal';
import { authInputGuard } from './middlewares/auth-input';
import { applyRegistrationSetting } from './registration';

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  // Before the router: Strapi's own validation of these bodies must never see a hostile email.
  strapi.server.use(authInputGuard(strapi));
  await registerStaffActions(strapi);
  await allowCustomerRoutes(strapi);
  await applyRegistrationSetting(strapi);
  servePortal(strapi);
  strapi.plugin('client-area').service('outbox').start();
  strapi.plugin('client-area').service('imap-poller').start();
};

import type { Core } from '@strapi/strapi';
import { allowCustomerRoutes, registerStaffActions } from './permissions';
import { servePortal } from './portal';
import { auditMasterLogins } from './login-audit';
import { hideAttachmentsFromMediaLibrary } from './media-library-guard';
import { auditContentManagerEdits, guardContentManager, stripDefaultRoles } from './content-manager-guard';

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  await registerStaffActions(strapi);
  await allowCustomerRoutes(strapi);
  guardContentManager(strapi);
  auditContentManagerEdits(strapi);
  hideAttachmentsFromMediaLibrary(strapi);
  await stripDefaultRoles(strapi);
  servePortal(strapi);
  auditMasterLogins(strapi);
  strapi.plugin('client-area').service('portfolio').watchOwners();
  await strapi.plugin('client-area').service('outbox').sealWaiting();
  strapi.plugin('client-area').service('outbox').start();
  strapi.plugin('client-area').service('imap-poller').start();
};

import type { Core } from '@strapi/strapi';
import { allowCustomerRoutes, registerStaffActions } from './permissions';

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  await registerStaffActions(strapi);
  await allowCustomerRoutes(strapi);
  strapi.plugin('client-area').service('outbox').start();
};

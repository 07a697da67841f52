import type { Core } from '@strapi/strapi';
import { allowCustomerRoutes } from './permissions';

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  await allowCustomerRoutes(strapi);
};

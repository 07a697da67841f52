import type { Core } from '@strapi/strapi';

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  strapi.log.info(`client-area: ready with ${strapi.plugin('client-area').service('sections').names().length} sections`);
};

import type { Core } from '@strapi/strapi';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  strapi.log.debug(`client-area: sections ${strapi.plugin('client-area').service('sections').names().join(', ')}`);
};

import type { Core } from '@strapi/strapi';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async list(ctx) {
    ctx.body = { data: strapi.plugin('client-area').service('sections').list() };
  },
});

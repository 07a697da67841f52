import type { Core } from '@strapi/strapi';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async show(ctx) {
    const report = await strapi.plugin('client-area').service('health').report();
    ctx.status = report.status === 'ok' ? 200 : 503;
    ctx.body = report;
  },
});

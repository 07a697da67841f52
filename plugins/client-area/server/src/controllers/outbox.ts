import type { Core } from '@strapi/strapi';

/** Staff (admin API): put a failed mail back in the outbox. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async requeue(ctx) {
    const { deliveryStatus, ...mail } = await strapi.plugin('client-area').service('outbox').requeue(ctx.params.mailId, ctx.state.user.id);
    ctx.body = { data: { ...mail, status: deliveryStatus } };
  },
});

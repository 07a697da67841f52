import type { Core } from '@strapi/strapi';

export default (_: { strapi: Core.Strapi }) => ({
  show(ctx) {
    const { id, documentId, username, email } = ctx.state.user;
    ctx.body = { data: { id, documentId, username, email } };
  },
});

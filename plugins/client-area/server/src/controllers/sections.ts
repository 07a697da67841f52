import type { Core } from '@strapi/strapi';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async list(ctx) {
    const sections = strapi.plugin('client-area').service('sections');
    ctx.body = { data: sections.list().map((section: any) => ({ ...section, hidden: !sections.isOffered(section.name) })) };
  },
});

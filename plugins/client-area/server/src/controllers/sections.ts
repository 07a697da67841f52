import type { Core } from '@strapi/strapi';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** Customers: the sections they may be given, with their labels, for the portal's menus. */
  async offered(ctx) {
    ctx.body = {
      data: strapi
        .plugin('client-area')
        .service('sections')
        .offered()
        .map(({ name, label, description, productScoped }: any) => ({ name, label, description, productScoped })),
    };
  },

  async list(ctx) {
    const sections = strapi.plugin('client-area').service('sections');
    ctx.body = { data: sections.list().map((section: any) => ({ ...section, hidden: !sections.isOffered(section.name) })) };
  },
});

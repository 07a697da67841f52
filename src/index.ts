import type { Core } from '@strapi/strapi';

// The application around the plugin is thin: everything lives in plugins/client-area.
export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    // Strapi skips a plugin whose built entry is missing, and the schema sync that follows
    // would then drop the plugin's tables. Refuse to start instead.
    if (!strapi.plugin('client-area')) {
      throw new Error('client-area: the plugin is not built (plugins/client-area/dist/server is missing); run "npm run build" first');
    }
  },
  bootstrap() {},
};

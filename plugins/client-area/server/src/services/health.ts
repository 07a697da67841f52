import type { Core } from '@strapi/strapi';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async report() {
    let database: 'ok' | 'unreachable' = 'ok';
    try {
      await strapi.db.connection.raw('select 1');
    } catch {
      database = 'unreachable';
    }
    return {
      status: database === 'ok' ? 'ok' : 'degraded',
      plugin: 'client-area',
      database: { client: strapi.db.dialect.client, status: database },
      sections: strapi.plugin('client-area').service('sections').names(),
    };
  },
});

import type { Core } from '@strapi/strapi';
import { parse } from '../validation';
import { settingsChange } from '../services/settings';

/** Staff (admin API): Settings → Client Area. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const settings = () => strapi.plugin('client-area').service('settings');
  return {
    async show(ctx) {
      ctx.body = { data: await settings().describe() };
    },
    async update(ctx) {
      await settings().update(parse(settingsChange, ctx.request.body), ctx.state.user.id);
      ctx.body = { data: await settings().describe() };
    },
  };
};

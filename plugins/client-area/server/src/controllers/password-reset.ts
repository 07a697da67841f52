import type { Core } from '@strapi/strapi';
import { parse, forgotPassword } from '../validation';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** Replaces users-permissions' `auth.forgotPassword` (see register.ts): one answer for every email. */
  async forgotPassword(ctx: any) {
    const { email } = parse(forgotPassword, ctx.request.body);
    await strapi.plugin('client-area').service('password-reset').request(email);
    ctx.body = { ok: true };
  },
});

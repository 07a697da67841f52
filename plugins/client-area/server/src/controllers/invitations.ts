import { noStore } from './no-store';
import type { Core } from '@strapi/strapi';
import { parse, acceptInvitation, invitationToken } from '../validation';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** Public: what the link is for (the client, the login, the address), so the person knows before choosing a password. */
  async describe(ctx) {
    const { token } = parse(invitationToken, ctx.request.body);
    noStore(ctx);
    ctx.body = { data: await strapi.plugin('client-area').service('invitations').describe(token) };
  },

  /** Public: the invited person sets a password with the one-time token from the mail. */
  async accept(ctx) {
    const { token, password } = parse(acceptInvitation, ctx.request.body);
    const { username } = await strapi.plugin('client-area').service('invitations').accept(token, password);
    noStore(ctx);
    ctx.body = { data: { username, next: 'Log in with this username and your new password.' } };
  },
});

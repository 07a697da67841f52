import crypto from 'crypto';
import type { Core } from '@strapi/strapi';

/**
 * "Forgot password" for customers, in place of users-permissions' handler: the
 * answer is the same whether the email has an account or not, and the mail
 * goes through the outbox (our sender, retries) with a link to the portal's
 * reset page. The token is kept where users-permissions' /auth/reset-password
 * looks for it (`resetPasswordToken` on the user), so that route does the reset.
 */
const IDENTITY = 'plugin::users-permissions.user';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const plugin = () => strapi.plugin('client-area');

  return {
    /** Writes a reset mail for a known, not-blocked local account; nothing otherwise. */
    async request(email: string) {
      const identity = await strapi.db.query(IDENTITY).findOne({ where: { email: email.toLowerCase() }, select: ['id', 'username', 'email', 'blocked', 'provider'] });
      if (!identity || identity.blocked || identity.provider !== 'local') return;
      const token = crypto.randomBytes(64).toString('hex');
      const link = `${plugin().config('publicUrl')}/portal/#/reset-password?code=${token}`;
      await strapi.db.transaction(async () => {
        await strapi.db.query(IDENTITY).update({ where: { id: identity.id }, data: { resetPasswordToken: token } });
        // The body holds a one-time secret: sealed in the outbox, dropped once sent.
        await plugin().service('outbox').enqueue({
          kind: 'password-reset',
          to: [identity.email],
          subject: 'Reset your client area password',
          text: [
            'Hello,',
            '',
            'Someone (we hope you) asked to reset the password of your client area account.',
            `Choose a new password here (the link works once): ${link}`,
            `Your login: ${identity.username}`,
            '',
            'If you did not ask for this, ignore this mail: your password stays as it is.',
          ].join('\n'),
          automatic: true,
          sealed: true,
        });
      });
    },
  };
};

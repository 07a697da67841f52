import type { Core } from '@strapi/strapi';
import passwordReset from './controllers/password-reset';

/**
 * users-permissions' "forgot password" says whether an account exists (its mail
 * error surfaces as a 500) and sends outside the outbox: its route keeps its
 * rate limit and validation, but the handler is ours.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const ours = passwordReset({ strapi });
  (strapi.get('controllers') as any).extend('plugin::users-permissions.auth', (auth: Record<string, unknown>) => ({ ...auth, forgotPassword: ours.forgotPassword }));
};

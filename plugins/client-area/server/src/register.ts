import type { Core } from '@strapi/strapi';
import { answerUnreadableBodies } from './body-errors';
import passwordReset from './controllers/password-reset';
import { noStore } from './controllers/no-store';
import customerStrategy from './customer-auth';
import { registerMigrations } from './migrations';
import { keepReadOnlyTypesOutOfWriteActions } from './content-manager-guard';

/** users-permissions' actions whose answers carry a JWT and a refresh token. */
const ANSWERS_WITH_TOKENS = ['callback', 'refresh', 'register', 'resetPassword', 'changePassword'];

/**
 * Changes to users-permissions' auth controller, made before the routes are bound:
 * its "forgot password" says whether an account exists (its mail error surfaces as a
 * 500) and sends outside the outbox, so the route keeps its rate limit and
 * validation but the handler is ours; answers holding tokens are marked no-store.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  registerMigrations(strapi);
  keepReadOnlyTypesOutOfWriteActions(strapi);
  // Runs before Strapi builds its middleware chain: what wraps Strapi's own middlewares goes here.
  answerUnreadableBodies(strapi);
  authenticateCustomersInOneStatement(strapi);
  const ours = passwordReset({ strapi });
  (strapi.get('controllers') as any).extend('plugin::users-permissions.auth', (auth: Record<string, (ctx: any) => unknown>) => {
    const extended: Record<string, unknown> = { ...auth, forgotPassword: ours.forgotPassword };
    for (const action of ANSWERS_WITH_TOKENS) {
      extended[action] = async (ctx: any) => {
        noStore(ctx);
        return auth[action](ctx);
      };
    }
    // Local logins (POST /auth/local) count their failures per identifier + IP and per IP.
    extended.callback = async (ctx: any) => {
      noStore(ctx);
      if (ctx.params?.provider && ctx.params.provider !== 'local') return auth.callback(ctx);
      return strapi.plugin('client-area').service('login-limits').guard(ctx, async () => auth.callback(ctx));
    };
    return extended;
  });
};

/**
 * Our customer routes log in through our strategy (customer-auth.ts), each with a
 * config of its own: Strapi fills a route's `auth.scope` in place, so a config object
 * shared by several routes would give them all the first one's scope.
 */
function authenticateCustomersInOneStatement(strapi: Core.Strapi) {
  const strategy = customerStrategy(strapi);
  const routes = (strapi.plugin('client-area').routes as any)['content-api'].routes as any[];
  for (const route of routes) {
    if (route.config?.auth === false) continue;
    route.config = { ...route.config, auth: { ...(route.config?.auth ?? {}), strategies: [strategy] } };
  }
}

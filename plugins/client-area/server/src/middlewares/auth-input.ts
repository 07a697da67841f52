import path from 'path';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { emailShapeProblem, usernameProblem, EMAIL_MAX_LENGTH } from '../validation/login-names';

/**
 * Checks the email-like fields of Strapi's authentication and account routes
 * before Strapi validates them: yup's email regex (users-permissions, admin)
 * backtracks exponentially on a quoted local part, so one anonymous request
 * could block the event loop for minutes. Installed with `strapi.server.use`
 * from bootstrap, i.e. after the app's global middlewares (the body is parsed)
 * and before the router (rate limits, validation, controllers).
 */
interface Guarded {
  /** Paths relative to the content API prefix (`api`) or the admin API (`admin`). */
  api: 'api' | 'admin' | 'root';
  path: RegExp;
  /** users-permissions accounts: their usernames may not hold an @. */
  usernames?: boolean;
  /** `/auth/local`'s `identifier`: an email when it holds an @, else a username. */
  identifier?: boolean;
}

const GUARDED: Guarded[] = [
  { api: 'api', path: /^\/auth\/local$/, identifier: true },
  { api: 'api', path: /^\/auth\/local\/register$/, usernames: true },
  { api: 'api', path: /^\/auth\/(forgot-password|reset-password|send-email-confirmation|change-password)$/ },
  { api: 'api', path: /^\/users(\/[^/]+)?$/, usernames: true },
  { api: 'admin', path: /^\/(login|register|register-admin|forgot-password|reset-password)$/ },
  { api: 'admin', path: /^\/users(\/[^/]+)?$/ },
  { api: 'root', path: /^\/content-manager\/collection-types\/plugin::users-permissions\.user(\/[^/]+)?$/, usernames: true },
  { api: 'root', path: /^\/content-manager\/collection-types\/admin::user(\/[^/]+)?$/ },
];

const refuse = (field: string, problem: string) => new errors.ValidationError(`${field}: ${problem}`, { field });

/** Throws a 400 naming the first unacceptable field of this body. */
export function checkAuthBody(body: any, rule: Pick<Guarded, 'usernames' | 'identifier'>) {
  if (!body || typeof body !== 'object') return;
  const emails: Array<[string, unknown]> = [
    ['email', body.email],
    ['userInfo.email', body.userInfo?.email],
  ];
  for (const [field, value] of emails) {
    if (typeof value !== 'string') continue;
    const problem = emailShapeProblem(value);
    if (problem) throw refuse(field, problem);
  }
  if (rule.identifier && typeof body.identifier === 'string') {
    const identifier: string = body.identifier;
    if (identifier.length > EMAIL_MAX_LENGTH) throw refuse('identifier', `a login has at most ${EMAIL_MAX_LENGTH} characters`);
    const problem = identifier.includes('@') ? emailShapeProblem(identifier) : null;
    if (problem) throw refuse('identifier', problem);
  }
  if (rule.usernames && typeof body.username === 'string') {
    const problem = usernameProblem(body.username);
    if (problem) throw refuse('username', problem);
  }
}

export function authInputGuard(strapi: Core.Strapi) {
  const apiPrefix = `/${String(strapi.config.get('api.rest.prefix', '/api')).replace(/^\/+|\/+$/g, '')}`.toLowerCase();
  const prefixes = { api: apiPrefix, admin: '/admin', root: '' };
  return async (ctx: any, next: () => Promise<unknown>) => {
    if (ctx.method === 'POST' || ctx.method === 'PUT' || ctx.method === 'PATCH') {
      // The router matches case-insensitively and ignores a trailing slash: so do we.
      const requestPath = path.posix.normalize(String(ctx.path)).toLowerCase().replace(/\/+$/, '');
      for (const rule of GUARDED) {
        const prefix = prefixes[rule.api];
        if (!requestPath.startsWith(`${prefix}/`) || !rule.path.test(requestPath.slice(prefix.length))) continue;
        checkAuthBody(ctx.request.body, rule);
        break;
      }
    }
    return next();
  };
}

import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { columnOf, dateOf, jsonOf, linkOf, tableOf } from './queries/links';

/**
 * How a customer route knows who calls: users-permissions' own login, checked in one
 * statement instead of the seven its strategy runs (an API-token lookup that can never
 * match a customer, the user twice, its role, the advanced settings, the role again and
 * all of the role's permissions). Same token, same rules, and one more:
 *
 *  - the access token is users-permissions' (refresh mode: minted by its session
 *    manager; legacy mode: signed with its JWT secret);
 *  - the user exists, is not blocked, and is confirmed when the users-permissions
 *    setting "email confirmation" is on;
 *  - the user's role holds the route's action (Settings → Users & Permissions → Roles),
 *    so a route switched off there is refused with 403, as before;
 *  - in refresh mode the login session behind the token is still open: a logout (or a
 *    password change, which ends every session) ends its access tokens at once on our
 *    routes, not when they expire.
 *
 * Used only on the plugin's own customer routes; Strapi's routes keep their strategies.
 */
export const CUSTOMER_STRATEGY = 'client-area-customer';

const USER = 'plugin::users-permissions.user';
const ROLE = 'plugin::users-permissions.role';
const PERMISSION = 'plugin::users-permissions.permission';
const SESSION = 'admin::session';
const STORE = 'strapi::core-store';
const ORIGIN = 'users-permissions';

const bearerToken = (ctx: any): string | null => {
  const header = ctx.request?.header?.authorization;
  if (typeof header !== 'string') return null;
  const parts = header.split(/\s+/);
  return parts.length === 2 && parts[0].toLowerCase() === 'bearer' ? parts[1] : null;
};

interface Claims {
  userId: number;
  /** The login session (refresh mode); null in legacy mode. */
  sessionId: string | null;
}

async function claimsOf(strapi: Core.Strapi, token: string): Promise<Claims | null> {
  if (strapi.config.get<string>('plugin::users-permissions.jwtManagement', 'legacy-support') === 'refresh') {
    const result = (strapi as any).sessionManager(ORIGIN).validateAccessToken(token);
    const payload = result?.isValid ? result.payload : null;
    if (payload?.type !== 'access' || typeof payload.sessionId !== 'string') return null;
    const userId = Number(payload.userId);
    return Number.isSafeInteger(userId) ? { userId, sessionId: payload.sessionId } : null;
  }
  try {
    const payload = await strapi.plugin('users-permissions').service('jwt').verify(token);
    const userId = Number(payload?.id);
    return Number.isSafeInteger(userId) ? { userId, sessionId: null } : null;
  } catch {
    return null;
  }
}

/** The user, its role, whether the role holds every scope action, the settings and the session: one statement. */
function lookup(strapi: Core.Strapi, claims: Claims, scope: string[]) {
  const db = strapi.db.connection;
  const [userRole, permissionRole] = [linkOf(strapi, USER, 'role'), linkOf(strapi, PERMISSION, 'role')];
  const session = (attribute: string) => columnOf(strapi, SESSION, attribute);
  const query = db
    .select('u.id', 'u.document_id', 'u.username', 'u.email', 'u.confirmed', 'u.blocked', 'r.id as role_id', 'r.name as role_name', 'r.type as role_type')
    .select({
      advanced: db(tableOf(strapi, STORE)).select('value').where({ key: `plugin_${ORIGIN}_advanced` }).whereNull('environment').whereNull('tag').limit(1),
      granted: db({ p: tableOf(strapi, PERMISSION) })
        .join({ pr: permissionRole.table }, `pr.${permissionRole.from}`, 'p.id')
        .where(`pr.${permissionRole.to}`, db.ref('r.id'))
        .whereIn('p.action', scope.length ? scope : [''])
        .countDistinct('p.action'),
    })
    .from({ u: tableOf(strapi, USER) })
    .leftJoin({ ur: userRole.table }, `ur.${userRole.from}`, 'u.id')
    .leftJoin({ r: tableOf(strapi, ROLE) }, 'r.id', `ur.${userRole.to}`)
    .where('u.id', claims.userId)
    .first();
  if (claims.sessionId !== null) {
    query.select({
      session_expires_at: db(tableOf(strapi, SESSION))
        .select(session('expiresAt'))
        .where(session('sessionId'), claims.sessionId)
        .where(session('origin'), ORIGIN)
        .limit(1),
    });
  }
  return query;
}

export default function customerStrategy(strapi: Core.Strapi) {
  return {
    name: CUSTOMER_STRATEGY,

    async authenticate(ctx: any) {
      const token = bearerToken(ctx);
      if (!token) return { authenticated: false };
      const claims = await claimsOf(strapi, token);
      if (!claims) return { error: 'Invalid credentials' };
      const scope: string[] = ctx.state.route?.config?.auth?.scope ?? [];
      const row: any = await lookup(strapi, claims, scope);
      if (!row || row.blocked) return { error: 'Invalid credentials' };
      if (jsonOf(row.advanced)?.email_confirmation && !row.confirmed) return { error: 'Invalid credentials' };
      if (claims.sessionId !== null && !((dateOf(row.session_expires_at)?.getTime() ?? 0) > Date.now())) return { error: 'Your session has ended: log in again' };

      const user = {
        id: Number(row.id),
        documentId: row.document_id,
        username: row.username,
        email: row.email,
        confirmed: Boolean(row.confirmed),
        blocked: false,
        role: row.role_id === null ? null : { id: Number(row.role_id), name: row.role_name, type: row.role_type },
      };
      ctx.state.user = user;
      if (claims.sessionId !== null) ctx.state.session = { id: claims.sessionId };
      // What the role holds of this route's scope, for verify (the same check as users-permissions' ability).
      const granted = Number(row.granted) === new Set(scope).size && scope.length > 0 ? new Set(scope) : new Set<string>();
      return { authenticated: true, credentials: user, ability: { can: (action: string) => granted.has(action) } };
    },

    verify(auth: any, config: { scope?: string[] } = {}) {
      if (!auth?.credentials) throw new errors.UnauthorizedError();
      const scope = config.scope ?? [];
      if (scope.length === 0 || !scope.every((action) => auth.ability?.can(action))) throw new errors.ForbiddenError();
    },
  };
}

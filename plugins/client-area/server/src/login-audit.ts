import type { Core } from '@strapi/strapi';

/**
 * Rule 15: every client login is in the audit log. A sub-account's login to a client is
 * its relationship-password session (recorded there); a master needs no password, so its
 * login to the portal is its login to each client it is master of: recorded here, in
 * each of those clients' logs, once users-permissions has let it in.
 */
const LOGIN_PATH = '/api/auth/local';

export function auditMasterLogins(strapi: Core.Strapi) {
  strapi.server.use(async (ctx: any, next: () => Promise<void>) => {
    await next();
    if (ctx.method !== 'POST' || ctx.path !== LOGIN_PATH || ctx.status !== 200) return;
    const identityId = ctx.body?.user?.id;
    if (typeof identityId !== 'number') return;
    try {
      const masterships = await strapi.db.query('plugin::client-area.membership' as any).findMany({
        where: { identity: { id: identityId }, kind: 'master', membershipStatus: 'active' },
        populate: { client: { select: ['id'] } },
      });
      for (const membership of masterships) {
        await strapi.plugin('client-area').service('audit').record({
          action: 'client.login',
          clientId: membership.client?.id ?? null,
          actorIdentityId: identityId,
          subjectType: 'membership',
          subjectId: membership.id,
          details: { as: 'master' },
          ctx,
        });
      }
    } catch (error) {
      // The login happened; a failed audit write is logged, not turned into a failed login.
      strapi.log.error(`client-area: auditing the login of identity ${identityId}: ${(error as Error).message}`);
    }
  });
}

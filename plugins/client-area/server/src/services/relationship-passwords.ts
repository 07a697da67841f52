import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { forbidden } from '../errors';
import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { databaseLimiter } from '../database-limiter';
import { generateRelationshipPassword, hashRelationshipPassword, verifyRelationshipPassword } from '../secrets/relationship-password';
import { issueSessionToken, passwordVersionOf, readSessionToken, type PasswordClaim } from '../secrets/relationship-session';

/**
 * Rule 2: entering a client as a non-master with the relationship password.
 * Wrong attempts are counted per identity + client in the database (so every
 * app instance shares the count); too many lock the pair out for a while.
 */
const MEMBERSHIP = 'plugin::client-area.membership' as any;
const LIMIT_TABLE = 'ca_relationship_password_attempts';

export interface EnterResult {
  membershipId: number;
  /** Null for a master: no relationship password is needed. */
  token: string | null;
  expiresAt: string | null;
}

/** The users-permissions login session of a request (refresh mode), if any. */
export const loginSessionOf = (ctx: any): string | null => (typeof ctx?.state?.session?.id === 'string' ? ctx.state.session.id : null);

export default ({ strapi }: { strapi: Core.Strapi }) => {
  let limiter: Promise<RateLimiterAbstract> | undefined;
  const config = () => strapi.plugin('client-area').config('relationshipPassword') as { attempts: number; windowSeconds: number; lockoutSeconds: number; sessionHours: number };
  const serverKey = () => strapi.plugin('client-area').config('secret') as string;

  const attempts = () => {
    const { attempts: points, windowSeconds: duration, lockoutSeconds: blockDuration } = config();
    limiter ??= databaseLimiter(strapi, { tableName: LIMIT_TABLE, keyPrefix: 'relationship-password', points, duration, blockDuration });
    return limiter;
  };

  const lockedOut = (res: RateLimiterRes) =>
    new errors.RateLimitError('Too many wrong relationship passwords for this client; try again later', {
      retryAfterSeconds: Math.ceil(res.msBeforeNext / 1000),
    });

  return {
    async enter({ identityId, clientId, password, ctx }: { identityId: number; clientId: number; password: unknown; ctx?: any }): Promise<EnterResult> {
      const membership = await strapi.db.query(MEMBERSHIP).findOne({ where: { identity: { id: identityId }, client: { id: clientId }, membershipStatus: { $ne: 'removed' } } });
      if (!membership || membership.membershipStatus !== 'active') throw new errors.NotFoundError('Client not found');
      const audit = strapi.plugin('client-area').service('audit');
      if (membership.kind === 'master') {
        await audit.record({ action: 'client.login', clientId, actorIdentityId: identityId, subjectType: 'membership', subjectId: membership.id, ctx });
        return { membershipId: membership.id, token: null, expiresAt: null };
      }

      const limit = await attempts();
      const key = `${identityId}:${clientId}`;
      const state = await limit.get(key);
      if (state && state.remainingPoints <= 0 && state.msBeforeNext > 0) throw lockedOut(state);

      if (typeof password !== 'string' || !verifyRelationshipPassword(serverKey(), password, membership.relationshipPasswordHash)) {
        let refused: RateLimiterRes;
        try {
          refused = await limit.penalty(key, 1);
        } catch (res) {
          refused = res as RateLimiterRes;
        }
        await audit.record({ action: 'relationship-password.failed', clientId, actorIdentityId: identityId, subjectType: 'membership', subjectId: membership.id, ctx });
        if (refused.remainingPoints <= 0) {
          await limit.block(key, config().lockoutSeconds);
          await audit.record({ action: 'relationship-password.locked', clientId, actorIdentityId: identityId, subjectType: 'membership', subjectId: membership.id, ctx });
          throw lockedOut(await limit.get(key) ?? refused);
        }
        throw forbidden('Wrong relationship password');
      }

      await limit.delete(key);
      const expiresAt = Date.now() + config().sessionHours * 3600_000;
      const token = issueSessionToken(serverKey(), { membershipId: membership.id, identityId, passwordVersion: passwordVersionOf(membership.relationshipPasswordRotatedAt), expiresAt, loginSession: loginSessionOf(ctx) });
      await audit.record({ action: 'client.login', clientId, actorIdentityId: identityId, subjectType: 'membership', subjectId: membership.id, ctx });
      return { membershipId: membership.id, token, expiresAt: new Date(expiresAt).toISOString() };
    },

    /**
     * What the given tokens claim for this identity in this login session: a token given
     * in another login proves nothing. The session is the request's, which the customer
     * strategy (customer-auth.ts) found still open in its own statement: a token of an
     * ended login (logout, password change) never gets this far. Each claim still has to
     * name the membership's current password version and belong to this identity; the
     * facts loader checks both on the membership rows it reads anyway (access-facts
     * `passwordClaims`), so proving a password costs no statement of its own.
     */
    claimsOf(identityId: number, tokens: string[], loginSession: string | null = null): PasswordClaim[] {
      return tokens
        .map((token) => readSessionToken(serverKey(), token))
        .filter((c) => c !== null && c.identityId === identityId && c.loginSession === loginSession)
        .map((c) => ({ membershipId: c!.membershipId, passwordVersion: c!.passwordVersion }));
    },

    /** A new relationship password for a sub-account membership: shown once, ends its sessions. */
    async rotate(membershipId: number, audit: { actorIdentityId?: number | null; actorStaffId?: number | null; ctx?: any }) {
      const membership = await strapi.db.query(MEMBERSHIP).findOne({ where: { id: membershipId }, populate: { client: { select: ['id'] } } });
      if (!membership) throw new errors.NotFoundError('Membership not found');
      if (membership.kind === 'master') throw new errors.ValidationError('A master account has no relationship password');
      const password = generateRelationshipPassword();
      await strapi.db.transaction(async () => {
        await strapi.db.query(MEMBERSHIP).update({
          where: { id: membershipId },
          data: { relationshipPasswordHash: hashRelationshipPassword(serverKey(), password), relationshipPasswordRotatedAt: new Date() },
        });
        await strapi.plugin('client-area').service('audit').record({
          action: 'relationship-password.rotated',
          clientId: membership.client?.id ?? null,
          subjectType: 'membership',
          subjectId: membershipId,
          ...audit,
        });
      });
      return password;
    },

    /** Staff or the master lifts a lockout. */
    async unlock(identityId: number, clientId: number) {
      await (await attempts()).delete(`${identityId}:${clientId}`);
    },
  };
};

import crypto from 'crypto';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible';
import { databaseLimiter } from '../database-limiter';

/**
 * Failed customer logins, counted in the database (rate-limiter-flexible's login
 * protection): consecutive failures per (identifier, IP) block that pair for a
 * while, and failures per IP per day block the IP until the day's window ends.
 * A successful login clears the pair's count. users-permissions' own limit is
 * per IP only.
 */
const TABLE = 'ca_login_attempts';
const DAY = 24 * 3600;

export interface LoginLimitsConfig {
  enabled: boolean;
  /** Consecutive failures of one identifier from one IP before that pair is blocked. */
  consecutiveFailures: number;
  blockSeconds: number;
  /** Failures from one IP in a day before it is blocked for the rest of the day. */
  dailyFailuresPerIp: number;
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const config = () => strapi.plugin('client-area').config('loginLimits') as LoginLimitsConfig;
  let limiters: Promise<{ pair: RateLimiterAbstract; ip: RateLimiterAbstract }> | undefined;
  const counters = () => {
    const { consecutiveFailures, blockSeconds, dailyFailuresPerIp } = config();
    limiters ??= (async () => ({
      pair: await databaseLimiter(strapi, { tableName: TABLE, keyPrefix: 'login-pair', points: consecutiveFailures, duration: DAY, blockDuration: blockSeconds }),
      ip: await databaseLimiter(strapi, { tableName: TABLE, keyPrefix: 'login-ip', points: dailyFailuresPerIp, duration: DAY, blockDuration: DAY }),
    }))();
    return limiters;
  };
  /**
   * The account the identifier names (its username and its email count as one), else
   * the identifier itself; hashed, as the store's key column is short and the table
   * needs no logins in clear.
   */
  const pairKey = async (identifier: string, ip: string) => {
    const account = await strapi.db
      .query('plugin::users-permissions.user')
      .findOne({ where: { provider: 'local', $or: [{ email: identifier.toLowerCase() }, { username: identifier }] }, select: ['id'] });
    const subject = account ? `account:${account.id}` : `identifier:${identifier.trim().toLowerCase()}`;
    return `${crypto.createHash('sha256').update(subject).digest('hex')}:${ip}`;
  };
  const used = (res: RateLimiterRes | null, points: number) => res !== null && res.consumedPoints >= points && res.msBeforeNext > 0;
  const refuse = (ctx: any, res: RateLimiterRes, message: string) => {
    const retryAfterSeconds = Math.ceil(res.msBeforeNext / 1000);
    ctx.set('Retry-After', String(retryAfterSeconds));
    return new errors.RateLimitError(message, { retryAfterSeconds });
  };
  const countFailure = async (limiter: RateLimiterAbstract, key: string, points: number, blockSeconds: number) => {
    const res = await limiter.penalty(key, 1);
    if (res.consumedPoints >= points) await limiter.block(key, blockSeconds);
  };

  return {
    /** Runs a login attempt (`attempt` throws on failure) within the limits. */
    async guard<T>(ctx: any, attempt: () => Promise<T>): Promise<T> {
      const settings = config();
      const identifier = ctx.request.body?.identifier;
      if (!settings.enabled || typeof identifier !== 'string') return attempt();
      const { pair, ip } = await counters();
      const keys = { pair: await pairKey(identifier, ctx.request.ip), ip: String(ctx.request.ip) };
      const [pairState, ipState] = await Promise.all([pair.get(keys.pair), ip.get(keys.ip)]);
      if (used(ipState, settings.dailyFailuresPerIp)) throw refuse(ctx, ipState!, 'Too many failed logins from your address today; try again later');
      if (used(pairState, settings.consecutiveFailures)) {
        throw refuse(ctx, pairState!, `Too many failed logins for this account from your address; try again in ${Math.ceil(pairState!.msBeforeNext / 60000)} minutes`);
      }
      let result: T;
      try {
        result = await attempt();
      } catch (error) {
        await countFailure(pair, keys.pair, settings.consecutiveFailures, settings.blockSeconds);
        await countFailure(ip, keys.ip, settings.dailyFailuresPerIp, DAY);
        throw error;
      }
      await pair.delete(keys.pair);
      return result;
    },
  };
};

import type { Core } from '@strapi/strapi';
import { RateLimiterPostgres, RateLimiterSQLite, type RateLimiterAbstract } from 'rate-limiter-flexible';

/**
 * A rate-limiter-flexible counter kept in the app's database (PostgreSQL or
 * SQLite), so every app instance shares the count. Its table is made on first use.
 */
export interface DatabaseLimiterOptions {
  tableName: string;
  keyPrefix: string;
  points: number;
  /** Seconds a count lives. */
  duration: number;
  /** Seconds a key stays blocked once `block` is called or the points are used up. */
  blockDuration: number;
}

export function databaseLimiter(strapi: Core.Strapi, options: DatabaseLimiterOptions): Promise<RateLimiterAbstract> {
  return new Promise<RateLimiterAbstract>((resolve, reject) => {
    const settings = { storeClient: strapi.db.connection, storeType: 'knex', ...options };
    const done = (error?: Error) => (error ? reject(error) : resolve(created));
    const created: RateLimiterAbstract =
      strapi.db.dialect.client === 'postgres' ? new RateLimiterPostgres(settings as any, done) : new RateLimiterSQLite(settings as any, done);
  });
}

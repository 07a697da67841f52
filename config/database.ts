import path from 'path';

/**
 * SQLite (better-sqlite3) is the embedded default; PostgreSQL is used when
 * DATABASE_URL is set. DATABASE_SCHEMA selects a PostgreSQL schema (tests use
 * one database per test file).
 */
export default ({ env }) => {
  const url = env('DATABASE_URL', '');
  if (url) {
    return {
      connection: {
        client: 'postgres',
        connection: {
          connectionString: url,
          schema: env('DATABASE_SCHEMA', 'public'),
          ssl: env.bool('DATABASE_SSL', false) ? { rejectUnauthorized: env.bool('DATABASE_SSL_REJECT_UNAUTHORIZED', true) } : false,
          // A query that runs away is cancelled by PostgreSQL itself instead of holding a connection.
          statement_timeout: env.int('DATABASE_STATEMENT_TIMEOUT_MS', 15000),
          // Index lookups cost about what sequential reads cost on SSDs and cached data; PostgreSQL's
          // default (4) assumes spinning disks and joins a whole table to a few thousand visible rows.
          // JIT compiling pays off for long analytic queries only: on short requests whose estimated
          // cost crosses jit_above_cost (a handful of joins over tables not yet analysed is enough) it
          // spends ~0.7 s compiling a statement that runs in a millisecond.
          options: `-c random_page_cost=${env.float('DATABASE_RANDOM_PAGE_COST', 1.1)} -c jit=${env.bool('DATABASE_JIT', false) ? 'on' : 'off'}`,
        },
        pool: { min: env.int('DATABASE_POOL_MIN', 0), max: env.int('DATABASE_POOL_MAX', 10) },
        acquireConnectionTimeout: env.int('DATABASE_CONNECTION_TIMEOUT', 60000),
      },
    };
  }
  return {
    connection: {
      client: 'sqlite',
      connection: {
        filename: path.resolve(process.cwd(), env('DATABASE_FILENAME', '.tmp/data.db')),
      },
      useNullAsDefault: true,
    },
  };
};

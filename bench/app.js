'use strict';
/**
 * What the benchmark's two commands share: which database they use, and booting
 * the compiled app on it.
 *   --db postgres (default) : the database `client_area_bench_<tickets>` next to the test one
 *   --db sqlite             : .tmp/client_area_bench_<tickets>.db
 */
const fs = require('fs');
const path = require('path');
const { Client } = require('pg');
const { ensureEnv } = require('../scripts/setup');
const { untilDatabaseIdle } = require('../scripts/database-idle');

const appDir = path.resolve(__dirname, '..');
const ADMIN_URL = process.env.BENCH_POSTGRES_URL || process.env.TEST_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/test';

/** `--name value` flags: the value, or the fallback. */
const flag = (args, name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at === -1 ? fallback : args[at + 1];
};

/** The database of one size: `client_area_bench_<tickets>` (BENCH_DATABASE_PREFIX changes the first part). */
function benchDatabase(kind, tickets) {
  const name = `${process.env.BENCH_DATABASE_PREFIX || 'client_area_bench'}_${tickets}`;
  if (kind === 'sqlite') {
    const file = path.join(appDir, '.tmp', `${name}.db`);
    return {
      kind,
      label: `SQLite ${path.relative(appDir, file)}`,
      env: { DATABASE_URL: '', DATABASE_FILENAME: file },
      exists: async () => fs.existsSync(file),
      async reset() {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        for (const candidate of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) fs.rmSync(candidate, { force: true });
      },
      drop() {
        return this.reset();
      },
    };
  }
  if (kind !== 'postgres') throw new Error(`--db must be postgres or sqlite, not ${kind}`);
  if (!/^[a-z0-9_]{1,60}$/.test(name)) throw new Error(`${name}: not a database name this benchmark makes`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const admin = async (sql) => {
    const client = new Client({ connectionString: ADMIN_URL });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  return {
    kind,
    label: `PostgreSQL ${name}`,
    env: { DATABASE_URL: url.toString(), DATABASE_SCHEMA: 'public' },
    exists: async () => {
      const client = new Client({ connectionString: ADMIN_URL });
      await client.connect();
      try {
        return (await client.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1;
      } finally {
        await client.end();
      }
    },
    async reset() {
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin(`CREATE DATABASE ${name}`);
    },
    drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

/** Boots the compiled app (dist/) on the database; `listen` serves HTTP on a free port. */
async function boot(database, { listen = false, env = {} } = {}) {
  ensureEnv();
  Object.assign(process.env, { NODE_ENV: 'production', STRAPI_TELEMETRY_DISABLED: 'true', LOG_LEVEL: process.env.LOG_LEVEL || 'error', CLIENT_AREA_OUTBOX_INTERVAL_MS: '0', AUTH_RATE_LIMIT: 'false' }, database.env, env);
  if (listen) Object.assign(process.env, { HOST: '127.0.0.1', PORT: '0' });
  const { compileStrapi, createStrapi } = require('@strapi/strapi');
  const { distDir } = await compileStrapi({ appDir });
  const app = createStrapi({ appDir, distDir, autoReload: false, serveAdminPanel: false });
  await app.load();
  if (listen) await app.listen();
  return {
    strapi: app,
    url: listen ? `http://127.0.0.1:${app.server.httpServer.address().port}` : null,
    async stop() {
      await untilDatabaseIdle(app);
      await app.destroy();
    },
  };
}

/** A module of the plugin's TypeScript source, e.g. `queries/links` (the built plugin is one bundle). */
function pluginModule(name) {
  registerTypeScript();
  return require(path.join(appDir, 'plugins', 'client-area', 'server', 'src', name));
}

/** Lets `require` load TypeScript (the plugin's and the test harness's modules), transpiled on the fly. */
function registerTypeScript() {
  if (require.extensions['.ts']) return;
  const ts = require('typescript');
  const fs = require('fs');
  require.extensions['.ts'] = (module, filename) => {
    const options = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true };
    module._compile(ts.transpileModule(fs.readFileSync(filename, 'utf8'), { compilerOptions: options, fileName: filename }).outputText, filename);
  };
}

module.exports = { flag, benchDatabase, boot, pluginModule, registerTypeScript, appDir };

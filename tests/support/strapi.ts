import path from 'path';
import { createStrapi, type Core } from '@strapi/strapi';
import { createTestDatabase, type TestDatabase } from './database';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { untilDatabaseIdle } = require('../../scripts/database-idle');

/**
 * Boots the compiled app (see global-setup.js) on a fresh database and mounts
 * its HTTP server for supertest. One instance per test file.
 */
export interface TestApp {
  strapi: Core.Strapi;
  server: any;
  /** Base URL when started with `listen`. */
  url: string;
  database: TestDatabase;
  stop(): Promise<void>;
}

const appDir = path.resolve(__dirname, '..', '..');
const distDir = path.join(appDir, 'dist');

export interface StartOptions {
  env?: Record<string, string>;
  /** Serve the built admin panel and listen on a free port (browser tests). */
  listen?: boolean;
  /** Writes to the fresh database before Strapi first sees it (what an older version left, say). */
  prepare?: (database: TestDatabase) => Promise<void>;
}

export async function startApp({ env = {}, listen = false, prepare }: StartOptions = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  if (prepare) await prepare(database);
  const settings = {
    NODE_ENV: 'test', STRAPI_TELEMETRY_DISABLED: 'true', LOG_LEVEL: process.env.LOG_LEVEL || 'error', AUTH_RATE_LIMIT: 'false', CLIENT_AREA_OUTBOX_INTERVAL_MS: '0',
    ...database.env, ...env, ...(listen ? { HOST: '127.0.0.1', PORT: '0' } : {}),
  };
  // Strapi reads its settings from process.env; stop() puts back what was there, so no file's settings reach the next.
  const previous = Object.fromEntries(Object.keys(settings).map((name) => [name, process.env[name]]));
  Object.assign(process.env, settings);
  const restoreEnv = () => {
    for (const [name, value] of Object.entries(previous)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
  const instance = createStrapi({ appDir, distDir, autoReload: false, serveAdminPanel: listen });
  try {
    await instance.load();
    if (listen) await instance.listen();
    else instance.server.mount();
  } catch (error) {
    await instance.destroy().catch(() => undefined);
    await database.drop();
    restoreEnv();
    throw error;
  }
  return {
    strapi: instance,
    server: instance.server.httpServer,
    url: listen ? `http://127.0.0.1:${(instance.server.httpServer.address() as import('net').AddressInfo).port}` : '',
    database,
    async stop() {
      await untilDatabaseIdle(instance);
      await instance.destroy();
      await database.drop();
      restoreEnv();
    },
  };
}

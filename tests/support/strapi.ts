import path from 'path';
import { createStrapi, type Core } from '@strapi/strapi';
import { createTestDatabase, type TestDatabase } from './database';

/**
 * Boots the compiled app (see global-setup.js) on a fresh database and mounts
 * its HTTP server for supertest. One instance per test file.
 */
export interface TestApp {
  strapi: Core.Strapi;
  server: any;
  database: TestDatabase;
  stop(): Promise<void>;
}

const appDir = path.resolve(__dirname, '..', '..');
const distDir = path.join(appDir, 'dist');

export async function startApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  Object.assign(process.env, { NODE_ENV: 'test', STRAPI_TELEMETRY_DISABLED: 'true', LOG_LEVEL: process.env.LOG_LEVEL || 'error' }, database.env, env);
  const instance = createStrapi({ appDir, distDir, autoReload: false, serveAdminPanel: false });
  try {
    await instance.load();
    instance.server.mount();
  } catch (error) {
    await instance.destroy().catch(() => undefined);
    await database.drop();
    throw error;
  }
  return {
    strapi: instance,
    server: instance.server.httpServer,
    database,
    async stop() {
      await instance.destroy();
      await database.drop();
    },
  };
}

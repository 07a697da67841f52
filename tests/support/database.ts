import crypto from 'crypto';
import fs from 'fs';
import os from 'os';
import path from 'path';
import knexFactory, { type Knex } from 'knex';
import { Client } from 'pg';

/**
 * A fresh, empty database for one test file: a temporary SQLite file, or a
 * PostgreSQL database created for the file and dropped afterwards.
 */
export interface TestDatabase {
  kind: 'sqlite' | 'postgres';
  env: Record<string, string>;
  drop(): Promise<void>;
}

export const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/test';

const withAdminClient = async <T>(work: (client: Client) => Promise<T>): Promise<T> => {
  const client = new Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
};

const postgresUrlFor = (database: string) => {
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${database}`;
  return url.toString();
};

export async function createTestDatabase(): Promise<TestDatabase> {
  const suffix = `${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
  if (process.env.TEST_DB === 'postgres') {
    const name = `ca_test_${suffix}`;
    await withAdminClient((client) => client.query(`CREATE DATABASE ${name}`));
    return {
      kind: 'postgres',
      env: { DATABASE_URL: postgresUrlFor(name), DATABASE_SCHEMA: 'public' },
      drop: () => withAdminClient((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
    };
  }
  const file = path.join(os.tmpdir(), `ca_test_${suffix}.db`);
  return {
    kind: 'sqlite',
    env: { DATABASE_URL: '', DATABASE_FILENAME: file },
    drop: async () => {
      for (const candidate of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) fs.rmSync(candidate, { force: true });
    },
  };
}

/** A knex of its own on a test database, for writing to it before or beside Strapi. */
export function knexOf(database: TestDatabase): Knex {
  return knexFactory(
    database.kind === 'postgres'
      ? { client: 'pg', connection: database.env.DATABASE_URL }
      : { client: 'better-sqlite3', connection: { filename: database.env.DATABASE_FILENAME }, useNullAsDefault: true },
  );
}

import { startApp, type TestApp } from '../support/strapi';
import { knexOf, type TestDatabase } from '../support/database';
import { MIGRATIONS } from '../../plugins/client-area/server/src/migrations';

/**
 * A host that upgrades the plugin keeps its data: Strapi, started on a database an older
 * version of the plugin left, runs the plugin's migrations before its schema sync.
 */
let upgraded: TestApp;
beforeAll(async () => {
  upgraded = await startApp({
    // What a version before the rename of `status` left: its column and rows.
    async prepare(database: TestDatabase) {
      const knex = knexOf(database);
      try {
        await knex.schema.createTable('ca_memberships', (t) => {
          t.increments('id');
          t.string('status');
        });
        await knex('ca_memberships').insert([{ status: 'suspended' }, { status: 'removed' }]);
      } finally {
        await knex.destroy();
      }
    },
  });
});
afterAll(async () => {
  await upgraded?.stop();
});

it('keeps the data of the renamed `status` columns, and records each of the plugin\'s migrations once', async () => {
  const knex = upgraded.strapi.db.connection;
  expect(await knex.schema.hasColumn('ca_memberships', 'status')).toBe(false);
  expect((await knex('ca_memberships').orderBy('id').select('membership_status')).map((row: any) => row.membership_status)).toEqual(['suspended', 'removed']);
  // Rows an older version left are named at start (they have no login or client here).
  expect((await knex('ca_memberships').orderBy('id').select('label')).map((row: any) => row.label)).toEqual(['(no login) @ (no client)', '(no login) @ (no client)']);
  const recorded = (await knex('strapi_migrations_internal').select('name')).map((row: any) => row.name).filter((name: string) => name.startsWith('client-area::'));
  expect(recorded).toEqual(MIGRATIONS.map((m) => m.name));
});

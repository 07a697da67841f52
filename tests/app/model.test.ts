import { contentTypes } from '@strapi/utils';
import { startApp, type TestApp } from '../support/strapi';
import { fixtures, countRows } from '../support/fixtures';
import { createTestDatabase, knexOf } from '../support/database';
import pluginContentTypes from '../../plugins/client-area/server/src/content-types';
import { MIGRATIONS } from '../../plugins/client-area/server/src/migrations';

let app: TestApp;
let make: ReturnType<typeof fixtures>;
beforeAll(async () => {
  app = await startApp();
  make = fixtures(app.strapi);
});
afterAll(async () => {
  await app?.stop();
});

const CONTENT_TYPES = [
  'client',
  'contact',
  'membership',
  'grant',
  'access-role',
  'product',
  'invoice',
  'invoice-line',
  'security-group',
  'secondary-logon',
  'user-category',
  'ticket',
  'ticket-message',
  'audit-entry',
  'mail-intake',
  'mail-outbox',
];

const tableIndexes = async (table: string): Promise<Array<{ name: string; unique: boolean }>> => {
  const db = app.strapi.db;
  if (db.dialect.client === 'postgres') {
    const { rows } = await db.connection.raw(`select indexname as name, indexdef like 'CREATE UNIQUE%' as unique from pg_indexes where tablename = ?`, [table]);
    return rows;
  }
  const rows = await db.connection.raw(`pragma index_list('${table}')`);
  return rows.map((row: any) => ({ name: row.name, unique: row.unique === 1 }));
};

/**
 * The driver's error may come from another test file's realm (native modules are
 * shared), so it is matched by message, not by `instanceof Error`.
 */
const expectUniqueViolation = (write: PromiseLike<unknown>) =>
  expect(Promise.resolve(write)).rejects.toHaveProperty('message', expect.stringMatching(/UNIQUE constraint failed|duplicate key value violates unique constraint/));

describe('the data model', () => {
  it('has every content type of the design, visible to staff in the content manager', () => {
    for (const name of CONTENT_TYPES) {
      const contentType = app.strapi.contentType(`plugin::client-area.${name}` as any);
      expect(contentType).toBeDefined();
      expect((contentType as any).pluginOptions['content-manager'].visible).toBe(true);
    }
  });

  it("uses no attribute name Strapi reserves (the content manager breaks silently on `status` and the like)", () => {
    const declared = Object.entries(pluginContentTypes as Record<string, { schema: { attributes: Record<string, unknown> } }>);
    expect(declared.map(([name]) => name)).toEqual(expect.arrayContaining(CONTENT_TYPES));
    const reserved = declared.flatMap(([name, { schema }]) =>
      Object.keys(schema.attributes)
        .filter((attribute) => contentTypes.isReservedAttributeName(attribute, { draftAndPublish: true }))
        .map((attribute) => `${name}.${attribute}`),
    );
    expect(reserved).toEqual([]);
    // The check itself knows the trap.
    expect(contentTypes.isReservedAttributeName('status', { draftAndPublish: true })).toBe(true);
  });

  it('relates memberships to the users-permissions user as the identity', () => {
    const membership = app.strapi.contentType('plugin::client-area.membership' as any) as any;
    expect(membership.attributes.identity).toMatchObject({ type: 'relation', target: 'plugin::users-permissions.user' });
    expect(membership.attributes.relationshipPasswordHash.private).toBe(true);
  });

  it('stores attachments of ticket messages in the upload plugin', () => {
    const message = app.strapi.contentType('plugin::client-area.ticket-message' as any) as any;
    expect(message.attributes.attachments).toMatchObject({ type: 'media', multiple: true });
  });

  it.each([
    ['ca_memberships', 'ca_memberships_member_key_uq'],
    ['ca_memberships', 'ca_memberships_master_key_uq'],
    ['ca_grants', 'ca_grants_scope_key_uq'],
    ['ca_contacts', 'ca_contacts_email_key_uq'],
    ['ca_clients', 'ca_clients_reference_uq'],
    ['ca_tickets', 'ca_tickets_reference_uq'],
    ['ca_invoices', 'ca_invoices_number_uq'],
    ['ca_mail_intakes', 'ca_mail_intakes_uid_uq'],
    ['ca_mail_outbox', 'ca_mail_outbox_message_id_uq'],
    ['ca_secondary_logons', 'ca_secondary_logons_pair_key_uq'],
    ['ca_security_groups', 'ca_security_groups_default_key_uq'],
  ])('the database holds the unique index %s.%s', async (table, index) => {
    const indexes = await tableIndexes(table);
    expect(indexes).toContainEqual(expect.objectContaining({ name: index, unique: true }));
  });
});

describe('uniqueness is enforced by the database', () => {
  it('refuses a second membership of the same identity in the same client', async () => {
    const client = await make.client();
    const identity = await make.identity();
    await make.membership(client, identity);
    await expect(make.membership(client, identity)).rejects.toThrow(/already has a membership/);
    const rows = await app.strapi.db.query('plugin::client-area.membership' as any).count({ where: { client: { documentId: client.documentId } } });
    expect(rows).toBe(1);
  });

  it('refuses a duplicate key written straight to the table, bypassing Strapi', async () => {
    const client = await make.client();
    const identity = await make.identity();
    const membership = await make.membership(client, identity);
    const row = await app.strapi.db.connection('ca_memberships').where({ id: membership.id }).first();
    expect(row.member_key).toBe(`${client.id}:${identity.id}`);
    await expectUniqueViolation(
      app.strapi.db.connection('ca_memberships').insert({ document_id: 'dup', kind: 'sub-account', membership_status: 'active', member_key: row.member_key }),
    );
  });

  it('lets one identity be a member of many clients', async () => {
    const identity = await make.identity();
    await make.membership(await make.client(), identity);
    await make.membership(await make.client(), identity);
    const rows = await app.strapi.db.query('plugin::client-area.membership' as any).count({ where: { identity: { id: identity.id } } });
    expect(rows).toBe(2);
  });

  it('allows exactly one master per client', async () => {
    const client = await make.client();
    await make.membership(client, await make.identity(), 'master');
    await expect(make.membership(client, await make.identity(), 'master')).rejects.toThrow(/master/);
    await make.membership(client, await make.identity(), 'sub-account');
  });

  it('refuses the same contact email twice in one client, whatever its case, but not across clients', async () => {
    const client = await make.client();
    await make.contact(client, 'Pat@Example.test');
    await expect(make.contact(client, 'pat@example.TEST')).rejects.toThrow(/already has a contact/);
    await make.contact(await make.client(), 'pat@example.test');
  });

  it('holds a grant once per membership, section and product', async () => {
    const client = await make.client();
    const product = await make.product(client);
    const other = await make.product(client);
    const membership = await make.membership(client, await make.identity());
    await make.grant(membership, 'tickets', product);
    await make.grant(membership, 'tickets', other);
    await make.grant(membership, 'tickets');
    await expect(make.grant(membership, 'tickets', product)).rejects.toThrow(/already held/);
    await expect(make.grant(membership, 'tickets')).rejects.toThrow(/already held/);
    expect(await app.strapi.db.query('plugin::client-area.grant' as any).count({ where: { membership: { id: membership.id } } })).toBe(3);
  });

  it('records a mailbox message once per (mailbox, UIDVALIDITY, UID)', async () => {
    const intake = { mailbox: 'INBOX', uidValidity: 7, uid: 42, outcome: 'pending' };
    const before = await countRows(app.strapi, 'mail-intake');
    await app.strapi.db.query('plugin::client-area.mail-intake' as any).create({ data: intake });
    await expectUniqueViolation(app.strapi.db.query('plugin::client-area.mail-intake' as any).create({ data: intake }));
    await app.strapi.db.query('plugin::client-area.mail-intake' as any).create({ data: { ...intake, uidValidity: 8 } });
    expect(await countRows(app.strapi, 'mail-intake')).toBe(before + 2);
  });
});

describe('memberships service', () => {
  it('gives a sub-account a relationship password of at least 128 bits, stored only as a keyed hash', async () => {
    const client = await make.client();
    const identity = await make.identity();
    const { membership, relationshipPassword } = await app.strapi
      .plugin('client-area')
      .service('memberships')
      .create({ client: client.documentId, identity: identity.documentId, kind: 'sub-account', grants: [{ section: 'tickets' }] });
    expect(Buffer.from(relationshipPassword, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
    const row = await app.strapi.db.connection('ca_memberships').where({ id: membership.id }).first();
    expect(row.relationship_password_hash).toMatch(/^hmac-sha256:[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(relationshipPassword);
  });

  it('gives a master no relationship password', async () => {
    const { relationshipPassword } = await app.strapi
      .plugin('client-area')
      .service('memberships')
      .create({ client: (await make.client()).documentId, identity: (await make.identity()).documentId, kind: 'master' });
    expect(relationshipPassword).toBeNull();
  });

  it('writes nothing when one of its grants is refused', async () => {
    const client = await make.client();
    const identity = await make.identity();
    const before = await countRows(app.strapi, 'membership');
    await expect(
      app.strapi
        .plugin('client-area')
        .service('memberships')
        .create({ client: client.documentId, identity: identity.documentId, kind: 'sub-account', grants: [{ section: 'tickets' }, { section: 'tickets' }] }),
    ).rejects.toThrow(/already held/);
    expect(await countRows(app.strapi, 'membership')).toBe(before);
  });
});

describe("the plugin's migrations", () => {
  it('do nothing on a fresh database, nor when run again', async () => {
    const database = await createTestDatabase();
    const knex = knexOf(database);
    try {
      const runAll = async () => {
        for (const migration of MIGRATIONS) await knex.transaction((trx) => migration.up(trx));
      };
      await runAll();
      expect(await knex.schema.hasTable('ca_memberships')).toBe(false);
      await knex.schema.createTable('ca_memberships', (t) => {
        t.increments('id');
        t.string('status');
      });
      await knex('ca_memberships').insert([{ status: 'suspended' }]);
      await runAll();
      await runAll();
      expect((await knex('ca_memberships').select('membership_status')).map((row: any) => row.membership_status)).toEqual(['suspended']);
    } finally {
      await knex.destroy();
      await database.drop();
    }
  });
});

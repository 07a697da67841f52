import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';

/**
 * Schema changes that must keep a host's data, shipped with the plugin: Strapi runs them
 * (its internal migrations provider, recorded by name in `strapi_migrations_internal`)
 * before it syncs the schema, each once, in this order, each in a transaction. On a fresh
 * database there are no tables yet and each has nothing to do; each also does nothing
 * when run again.
 */
interface PluginMigration {
  name: string;
  up(knex: Knex.Transaction): Promise<void>;
}

/**
 * Strapi 5 reserves the attribute name `status` (draft & publish): a content type with a
 * `status` field shows "Published" in the content manager, hides the real value and
 * refuses Save. Each plugin type's `status` became `<type>Status`; this keeps the data.
 */
const STATUS_RENAMES = [
  ['ca_clients', 'client_status'],
  ['ca_invoices', 'invoice_status'],
  ['ca_mail_outbox', 'delivery_status'],
  ['ca_memberships', 'membership_status'],
  ['ca_products', 'product_status'],
  ['ca_secondary_logons', 'logon_status'],
  ['ca_tickets', 'ticket_status'],
];

export const MIGRATIONS: PluginMigration[] = [
  {
    name: 'client-area::2026.11.24T00.00.00.rename-status-attributes',
    async up(knex) {
      for (const [table, column] of STATUS_RENAMES) {
        if (!(await knex.schema.hasTable(table))) continue;
        if (!(await knex.schema.hasColumn(table, 'status')) || (await knex.schema.hasColumn(table, column))) continue;
        await knex.schema.alterTable(table, (t) => t.renameColumn('status', column));
      }
    },
  },
  {
    // Ticket lists sort and page (keyset cursor) on `last_message_at`, now always set: a
    // ticket written before without one takes its creation time.
    name: 'client-area::2026.11.24T01.00.00.ticket-last-message-at',
    async up(knex) {
      if (!(await knex.schema.hasTable('ca_tickets')) || !(await knex.schema.hasColumn('ca_tickets', 'last_message_at'))) return;
      await knex('ca_tickets').whereNull('last_message_at').update({ last_message_at: knex.ref('created_at') });
    },
  },
];

/** Hands the plugin's migrations to Strapi; called in the plugin's register phase, before the schema sync. */
export function registerMigrations(strapi: Core.Strapi) {
  for (const migration of MIGRATIONS) {
    strapi.db.migrations.providers.internal.register({
      name: migration.name,
      up: (knex) => migration.up(knex),
      down: async () => {
        throw new Error(`${migration.name} can't be undone`);
      },
    });
  }
}

'use strict';

/**
 * Strapi 5 reserves the attribute name `status` (draft & publish): a content type with
 * a `status` field shows "Published" in the content manager, hides the real value and
 * refuses Save. Each plugin type's `status` became `<type>Status`; this keeps the data
 * of a database made before the rename. Strapi runs it before syncing the schema, so
 * on a fresh database (no tables yet) there is nothing to do.
 */
const RENAMES = [
  ['ca_clients', 'client_status'],
  ['ca_invoices', 'invoice_status'],
  ['ca_mail_outbox', 'delivery_status'],
  ['ca_memberships', 'membership_status'],
  ['ca_products', 'product_status'],
  ['ca_secondary_logons', 'logon_status'],
  ['ca_tickets', 'ticket_status'],
];

module.exports = {
  async up(knex) {
    for (const [table, column] of RENAMES) {
      if (!(await knex.schema.hasTable(table))) continue;
      if (!(await knex.schema.hasColumn(table, 'status')) || (await knex.schema.hasColumn(table, column))) continue;
      await knex.schema.alterTable(table, (t) => t.renameColumn('status', column));
    }
  },
};

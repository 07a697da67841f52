'use strict';

/**
 * Ticket lists sort and page (keyset cursor) on `last_message_at`, now always set:
 * a ticket written before without one takes its creation time. On a fresh database
 * (no table yet) there is nothing to do.
 */
module.exports = {
  async up(knex) {
    if (!(await knex.schema.hasTable('ca_tickets'))) return;
    await knex('ca_tickets').whereNull('last_message_at').update({ last_message_at: knex.ref('created_at') });
  },
};

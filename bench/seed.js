#!/usr/bin/env node
'use strict';
/**
 * Fills a benchmark database with the tenant set of a large hosting company,
 * written straight into Strapi's tables with bulk inserts:
 *   npm run bench:seed -- --tickets 200000 [--db postgres|sqlite] [--scale 1]
 * At scale 1: 10,000 clients, 50,001 memberships (each client a master and a chain of
 * sub-accounts down to depth 5), 5,000 products with per-product grants, 200 user
 * categories, 80,001 contacts, and the tickets asked for with three messages each.
 * `--scale 0.01` makes a tiny set (the suite's smoke run).
 *
 * The measured customers (see bench/subjects.js) see the same tickets whatever
 * `--tickets` is: the extra tickets go to other clients and other categories.
 */
const { SingleBar, Presets } = require('cli-progress');
const { flag, benchDatabase, boot, pluginModule } = require('./app');
const { BENCH_PASSWORD, FIXED, layout } = require('./subjects');

const CA = (name) => `plugin::client-area.${name}`;

async function main() {
  const args = process.argv.slice(2);
  const tickets = Number(flag(args, 'tickets', '20000'));
  const scale = Number(flag(args, 'scale', '1'));
  const database = benchDatabase(flag(args, 'db', 'postgres'), tickets);
  if (!Number.isInteger(tickets) || tickets < FIXED.tickets) throw new Error(`--tickets must be a whole number of at least ${FIXED.tickets}`);
  if (!(scale > 0 && scale <= 1)) throw new Error('--scale must be in (0, 1]');

  const started = Date.now();
  await database.reset();
  const app = await boot(database);
  try {
    const plan = layout({ tickets, scale });
    const bar = new SingleBar({ format: `seeding ${database.label} {bar} {percentage}% | {table}`, hideCursor: true }, Presets.shades_classic);
    bar.start(plan.rows, 0, { table: '' });
    await seed(app.strapi, plan, (table, count) => bar.increment(count, { table }));
    bar.stop();
    console.log(`Seeded ${plan.summary} into ${database.label} in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
  } finally {
    await app.stop();
  }
}

async function seed(strapi, plan, progress) {
  const knex = strapi.db.connection;
  // Where Strapi keeps each relation: the plugin's own lookup, from Strapi's metadata.
  const { linkOf } = pluginModule('queries/links');
  const link = (uid, attribute) => linkOf(strapi, uid, attribute);
  const table = (uid) => strapi.db.metadata.get(uid).tableName;
  const now = new Date();
  const stamp = { created_at: now, updated_at: now, published_at: now };
  const doc = (prefix, id) => `${prefix}${id.toString(36).padStart(10, '0')}`;

  const insert = async (name, rows) => {
    for (let at = 0; at < rows.length; at += 500) {
      await knex(name).insert(rows.slice(at, at + 500));
      progress(name, Math.min(500, rows.length - at));
    }
  };
  const insertLinks = (l, pairs) => insert(l.table, pairs.map(([from, to]) => ({ [l.from]: from, [l.to]: to })));

  // Identities: one login per membership, plus the secondary logon.
  const authenticated = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'authenticated' } });
  // The hash users-permissions itself writes (bcrypt), once for every bench login.
  const bcrypt = require(require.resolve('bcryptjs', { paths: [require.resolve('@strapi/plugin-users-permissions/package.json')] }));
  const passwordHash = await bcrypt.hash(BENCH_PASSWORD, 10);
  await insert(
    table('plugin::users-permissions.user'),
    plan.users.map((id) => ({ id, document_id: doc('u', id), username: `u${id}`, email: `u${id}@bench.test`, provider: 'local', password: passwordHash, confirmed: true, blocked: false, ...stamp })),
  );
  await insertLinks(link('plugin::users-permissions.user', 'role'), plan.users.map((id) => [id, authenticated.id]));

  await insert(table(CA('client')), plan.clients.map((c) => ({ id: c.id, document_id: doc('c', c.id), name: `Client ${c.id}`, reference: `C${c.id}`, client_status: 'active', ...stamp })));
  await insert(table(CA('user-category')), plan.categories.map((id) => ({ id, document_id: doc('k', id), name: `Category ${id}`, ...stamp })));
  await insert(
    table(CA('contact')),
    plan.contacts.map((c) => ({
      id: c.id, document_id: doc('p', c.id), first_name: 'Contact', last_name: String(c.id), email: `contact${c.id}@bench.test`,
      email_key: `${c.client}:contact${c.id}@bench.test`, email_normalized: `contact${c.id}@bench.test`,
      email_general: true, email_invoices: true, email_support: true, email_products: true, ...stamp,
    })),
  );
  await insertLinks(link(CA('contact'), 'client'), plan.contacts.map((c) => [c.id, c.client]));
  await insertLinks(link(CA('contact'), 'categories'), plan.contacts.map((c) => [c.id, c.category]));
  await insertLinks(link(CA('contact'), 'groupReadCategory'), plan.contacts.filter((c) => c.groupRead).map((c) => [c.id, c.groupRead]));

  await insert(
    table(CA('membership')),
    plan.memberships.map((m) => ({
      id: m.id, document_id: doc('m', m.id), kind: m.parent ? 'sub-account' : 'master', membership_status: 'active',
      member_key: `${m.client}:${m.identity}`, master_key: m.parent ? null : String(m.client), parent_key: m.parent ? String(m.parent) : null, ...stamp,
    })),
  );
  await insertLinks(link(CA('membership'), 'client'), plan.memberships.map((m) => [m.id, m.client]));
  await insertLinks(link(CA('membership'), 'identity'), plan.memberships.map((m) => [m.id, m.identity]));
  await insertLinks(link(CA('membership'), 'parent'), plan.memberships.filter((m) => m.parent).map((m) => [m.id, m.parent]));
  await insertLinks(link(CA('membership'), 'contact'), plan.memberships.map((m) => [m.id, m.contact]));

  await insert(table(CA('product')), plan.products.map((p) => ({ id: p.id, document_id: doc('d', p.id), name: `Product ${p.id}`, product_type: 'hosting', product_status: 'active', ...stamp })));
  await insertLinks(link(CA('product'), 'client'), plan.products.map((p) => [p.id, p.client]));

  await insert(
    table(CA('grant')),
    plan.grants.map((g) => ({ id: g.id, document_id: doc('g', g.id), section: g.section, scope_key: `m${g.membership}:${g.section}:${g.product ?? '*'}`, ...stamp })),
  );
  await insertLinks(link(CA('grant'), 'membership'), plan.grants.map((g) => [g.id, g.membership]));
  await insertLinks(link(CA('grant'), 'product'), plan.grants.filter((g) => g.product).map((g) => [g.id, g.product]));

  const { logon } = plan;
  await insert(table(CA('security-group')), [{ id: 1, document_id: doc('s', 1), name: 'Default', is_default: true, name_key: `${logon.owner}:default`, default_key: String(logon.owner), ...stamp }]);
  await insertLinks(link(CA('security-group'), 'owner'), [[1, logon.owner]]);
  await insert(table(CA('secondary-logon')), [{ id: 1, document_id: doc('l', 1), sections: JSON.stringify(logon.sections), logon_status: 'active', pair_key: `${logon.owner}:${logon.identity}`, ...stamp }]);
  await insertLinks(link(CA('secondary-logon'), 'owner'), [[1, logon.owner]]);
  await insertLinks(link(CA('secondary-logon'), 'logon'), [[1, logon.identity]]);
  await insertLinks(link(CA('secondary-logon'), 'securityGroups'), [[1, 1]]);

  // Tickets and messages, in slices, so 200,000 tickets never sit in memory as rows at once.
  const ticketTable = table(CA('ticket'));
  const messageTable = table(CA('ticket-message'));
  const base = now.getTime();
  for (let from = 0; from < plan.tickets.length; from += 10_000) {
    const slice = plan.tickets.slice(from, from + 10_000);
    await insert(
      ticketTable,
      slice.map((t) => ({
        id: t.id, document_id: doc('t', t.id), reference: `CA-${1000 + t.id}`, subject: `Ticket ${t.id}`, ticket_status: t.closed ? 'closed' : 'open',
        priority: 'normal', channel: 'portal', last_message_at: new Date(base - t.age * 1000), ...stamp,
      })),
    );
    await insertLinks(link(CA('ticket'), 'client'), slice.map((t) => [t.id, t.client]));
    await insertLinks(link(CA('ticket'), 'product'), slice.filter((t) => t.product).map((t) => [t.id, t.product]));
    await insertLinks(link(CA('ticket'), 'requester'), slice.map((t) => [t.id, t.requester]));
    const messages = slice.flatMap((t) => [0, 1, 2].map((k) => ({ id: t.id * 3 - 2 + k, ticket: t.id, staff: k === 1, contact: t.requester })));
    await insert(
      messageTable,
      messages.map((m) => ({ id: m.id, document_id: doc('x', m.id), author_type: m.staff ? 'staff' : 'customer', internal: false, body: `Message ${m.id}`, message_id: `<bench-${m.id}@bench.test>`, ...stamp })),
    );
    await insertLinks(link(CA('ticket-message'), 'ticket'), messages.map((m) => [m.id, m.ticket]));
    await insertLinks(link(CA('ticket-message'), 'authorContact'), messages.filter((m) => !m.staff).map((m) => [m.id, m.contact]));
  }

  if (strapi.db.dialect.client === 'postgres') {
    // Ids were written explicitly: move every sequence past them, then let the planner see the data.
    const { rows } = await knex.raw(`select table_name from information_schema.columns where table_schema = current_schema() and column_name = 'id' and column_default like 'nextval%'`);
    for (const { table_name: name } of rows) {
      await knex.raw(`select setval(pg_get_serial_sequence(?, 'id'), greatest((select coalesce(max(id), 0) from ??), 1))`, [name, name]);
    }
    await knex.raw('analyze');
  } else {
    await knex.raw('analyze');
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

#!/usr/bin/env node
'use strict';
/**
 * Mail throughput against real servers (the suite's own Dovecot and SMTP listener):
 *   node bench/mail.js [--db postgres|sqlite] [--messages 2000] [--json]
 * Intake: N mails from 100 known contacts of a client (as a support mailbox receives
 * them: many senders, interleaved) appended to Dovecot, then polled into tickets.
 * Outbox: the N staff notices those tickets queued, delivered to the SMTP listener;
 * none may be lost or doubled. Uses its own database, `client_area_bench_mail`, made afresh.
 */
const { flag, benchDatabase, boot, registerTypeScript } = require('./app');

// The test harness's servers are TypeScript.
registerTypeScript();
const { startDovecot } = require('../tests/support/dovecot.ts');
const { createSmtp, smtpEnv } = require('../tests/support/smtp.ts');

async function measureMail({ kind, messages }) {
  const database = benchDatabase(kind, 'mail');
  await database.reset();
  const dovecot = await startDovecot();
  const smtp = await createSmtp();
  const app = await boot(database, { env: { ...dovecot.env(), ...smtpEnv(smtp), CLIENT_AREA_STAFF_ADDRESS: 'staff@bench.test' } });
  const { strapi } = app;
  try {
    const client = await strapi.db.query('plugin::client-area.client').create({ data: { name: 'Mail bench', reference: 'MAIL', clientStatus: 'active' } });
    const senders = 100;
    for (let k = 0; k < senders; k++) {
      await strapi.db.query('plugin::client-area.contact').create({ data: { client: client.id, email: `customer${k}@bench.test`, firstName: `Customer ${k}`, emailSupport: true } });
    }
    for (let i = 1; i <= messages; i++) {
      await dovecot.append(
        [`From: Customer <customer${i % senders}@bench.test>`, `To: support@bench.test`, `Subject: Bench request ${i}`, `Message-ID: <bench-mail-${i}@bench.test>`, `Date: ${new Date().toUTCString()}`, '', `Request number ${i}.`, ''].join('\r\n'),
      );
    }
    const poller = strapi.plugin('client-area').service('imap-poller');
    const statements = { count: 0 };
    strapi.db.connection.on('query', () => statements.count++);
    let started = process.hrtime.bigint();
    const outcomes = {};
    for (;;) {
      const counts = (await poller.pollOnce()) ?? {};
      if (Object.keys(counts).length === 0) break;
      for (const [outcome, n] of Object.entries(counts)) outcomes[outcome] = (outcomes[outcome] ?? 0) + n;
    }
    const intakeSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    const intakeStatements = statements.count;
    const tickets = await strapi.db.query('plugin::client-area.ticket').count();

    const outbox = strapi.plugin('client-area').service('outbox');
    started = process.hrtime.bigint();
    while ((await outbox.deliverDue()) > 0);
    const outboxSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    const outboxStatements = statements.count - intakeStatements;
    const delivered = smtp.messages.length;
    const distinct = new Set(smtp.messages.map((m) => m.mail.messageId)).size;
    return { kind, messages, tickets, outcomes, intakePerSecond: messages / intakeSeconds, intakeStatements: intakeStatements / messages, delivered, distinct, outboxPerSecond: delivered / outboxSeconds, outboxStatements: outboxStatements / Math.max(1, delivered) };
  } finally {
    await app.stop();
    await smtp.stop();
    await dovecot.stop();
    await database.drop();
  }
}

function report(result) {
  return [
    `| mail (${result.kind === 'postgres' ? 'PostgreSQL' : 'SQLite'}, ${result.messages} messages) | per second | statements per mail | result |`,
    '|---|---|---|---|',
    `| intake: Dovecot → tickets | ${result.intakePerSecond.toFixed(0)} | ${result.intakeStatements.toFixed(1)} | ${result.tickets} tickets (${Object.entries(result.outcomes).map(([k, v]) => `${k} ${v}`).join(', ')}) |`,
    `| outbox: notices → SMTP listener | ${result.outboxPerSecond.toFixed(0)} | ${result.outboxStatements.toFixed(1)} | ${result.delivered} delivered, ${result.distinct} distinct, ${result.delivered - result.distinct} doubled |`,
    '',
    'Targets (issue 8): intake ≥ 100/s on PostgreSQL; outbox ≥ 200/s, none lost or doubled.',
  ].join('\n');
}

if (require.main === module) {
  const args = process.argv.slice(2);
  measureMail({ kind: flag(args, 'db', 'postgres'), messages: Number(flag(args, 'messages', '2000')) })
    .then((result) => {
      process.stdout.write(args.includes('--json') ? `${JSON.stringify(result)}\n` : `${report(result)}\n`);
      process.exit(0);
    })
    .catch((error) => {
      console.error(error);
      process.exit(1);
    });
}

module.exports = { report };

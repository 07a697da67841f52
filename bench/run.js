#!/usr/bin/env node
'use strict';
/**
 * Measures the customers' lists against Strapi's own, on databases filled by
 * `npm run bench:seed`, and prints (and writes to bench/RESULTS.md) one table:
 *   npm run bench -- [--db postgres|sqlite] [--tickets 20000,200000] [--iterations 30] [--duration 10] [--mail-messages 2000] [--out FILE]
 * Each database is measured in its own process (one Strapi each), one after the other,
 * so the sizes are compared side by side in one run. Per request: median and p95 of
 * `--iterations` sequential calls, SQL statements per call; throughput at 16 and 64
 * connections (autocannon, in a worker thread) for `--duration` seconds each. Then the
 * mail benchmark (bench/mail.js) with `--mail-messages` mails (0: none).
 */
const fs = require('fs');
const path = require('path');
const { spawn } = require('child_process');
const { flag, benchDatabase, boot, pluginModule, appDir } = require('./app');
const { layout } = require('./subjects');

const args = process.argv.slice(2);
const kind = flag(args, 'db', 'postgres');
const sizes = String(flag(args, 'tickets', '20000,200000')).split(',').map(Number);
const iterations = Number(flag(args, 'iterations', '30'));
const duration = Number(flag(args, 'duration', '10'));
const out = flag(args, 'out', path.join(__dirname, 'RESULTS.md'));
const only = flag(args, 'measure', null);
const mailMessages = Number(flag(args, 'mail-messages', '2000'));

const databaseFor = (tickets) => benchDatabase(kind, tickets);

// ─── one database, in a child process ────────────────────────────────────────

async function measureOne(tickets) {
  const database = databaseFor(tickets);
  const app = await boot(database, { listen: true });
  const { strapi, url } = app;
  const results = { tickets, rows: [] };
  try {
    const knex = strapi.db.connection;
    const statements = { count: 0 };
    knex.on('query', () => statements.count++);
    // Statements PostgreSQL cancelled for running past the statement timeout (SQLSTATE 57014).
    let timeouts = 0;
    knex.on('query-error', (error) => error?.code === '57014' && timeouts++);
    const scale = (await knex(strapi.db.metadata.get('plugin::client-area.client').tableName).count({ n: '*' }).first()).n;
    const plan = layout({ tickets: 0, scale: Number(scale) / 10_000 });
    const clientDoc = (await strapi.db.query('plugin::client-area.client').findOne({ where: { id: 1 }, select: ['documentId'] })).documentId;

    const call = async (method, pathname, { token, headers = {}, body } = {}) => {
      const res = await fetch(`${url}${pathname}`, {
        method,
        headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body ? { 'Content-Type': 'application/json' } : {}), ...headers },
        body: body ? JSON.stringify(body) : undefined,
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`${method} ${pathname}: ${res.status} ${text.slice(0, 300)}`);
      return JSON.parse(text);
    };

    // Who asks: each subject logs in (and gives its relationship password where it needs one).
    const callers = {};
    for (const subject of plan.subjects) {
      const login = await call('POST', '/api/auth/local', { body: { identifier: subject.login, password: require('./subjects').BENCH_PASSWORD } });
      const headers = {};
      if (subject.enters) {
        const membership = await strapi.db.query('plugin::client-area.membership').findOne({ where: { identity: { username: subject.login }, client: { id: subject.enters } } });
        const password = await strapi.plugin('client-area').service('relationship-passwords').rotate(membership.id, {});
        const entered = await call('POST', `/api/client-area/clients/${clientDoc}/session`, { token: login.jwt, body: { relationshipPassword: password } });
        headers['x-relationship-token'] = entered.data.token;
      }
      callers[subject.name] = { token: login.jwt, headers };
    }
    const staff = await staffToken(strapi, call);

    const measure = async (name, run, baseline) => {
      for (let i = 0; i < 3; i++) await run();
      const times = [];
      const counts = [];
      for (let i = 0; i < iterations; i++) {
        const before = statements.count;
        const started = process.hrtime.bigint();
        await run();
        times.push(Number(process.hrtime.bigint() - started) / 1e6);
        counts.push(statements.count - before);
      }
      times.sort((a, b) => a - b);
      const row = { name, baseline: Boolean(baseline), median: times[Math.floor(times.length / 2)], p95: times[Math.min(times.length - 1, Math.ceil(times.length * 0.95) - 1)], statements: Math.max(...counts) };
      results.rows.push(row);
      process.stderr.write(`  ${tickets}: ${name} ${row.median.toFixed(1)} ms\n`);
      return row;
    };

    // Strapi's own unfiltered list of every ticket, and the raw SQL of the master's page: the baselines.
    await measure('Strapi content-manager list (baseline)', () => call('GET', '/content-manager/collection-types/plugin::client-area.ticket?page=1&pageSize=25&sort=lastMessageAt:DESC', { token: staff }), true);
    await measure('raw SQL of the master\'s page (baseline)', () => rawMasterPage(strapi, knex), true);

    // What Strapi's own authentication costs every customer request, before any of ours.
    await measure('authentication alone (GET /me)', () => call('GET', '/api/client-area/me', callers.master));

    for (const subject of plan.subjects) {
      const caller = callers[subject.name];
      const first = await call('GET', '/api/client-area/tickets?view=all&pageSize=25', caller);
      const last = Math.max(1, Math.ceil(first.meta.total / 25));
      results.rows.push({ name: `  (${subject.name} sees ${first.meta.total} tickets)`, note: true });
      await measure(`tickets, ${subject.name}, first page`, () => call('GET', '/api/client-area/tickets?view=all&pageSize=25', caller));
      await measure(`tickets, ${subject.name}, page ${last}`, () => call('GET', `/api/client-area/tickets?view=all&pageSize=25&page=${last}`, caller));
    }
    const master = callers.master;
    const ticket = (await call('GET', '/api/client-area/tickets?view=all&pageSize=1', master)).data[0].reference;
    await measure('products list, master', () => call('GET', `/api/client-area/clients/${clientDoc}/products`, master));
    await measure('one ticket, master', () => call('GET', `/api/client-area/tickets/${ticket}`, master));
    await measure('reply, master', () => call('POST', `/api/client-area/tickets/${ticket}/messages`, { ...master, body: { body: 'A reply from the benchmark.' } }));

    // Throughput, ours against Strapi's own list, at 16 and 64 connections.
    if (duration > 0) {
      const autocannon = require('autocannon');
      const load = async (name, pathname, token, connections) => {
        const result = await autocannon({ url: `${url}${pathname}`, connections, duration, workers: 1, headers: { Authorization: `Bearer ${token}` } });
        const row = { name: `${name}, ${connections} connections`, throughput: result.requests.average, p50: result.latency.p50, errors: result.errors + result.non2xx + result.timeouts };
        results.rows.push(row);
        process.stderr.write(`  ${tickets}: ${row.name} ${row.throughput} req/s\n`);
      };
      for (const connections of [16, 64]) {
        await load('throughput, Strapi content-manager list', '/content-manager/collection-types/plugin::client-area.ticket?page=1&pageSize=25&sort=lastMessageAt:DESC', staff, connections);
        await load('throughput, tickets of the master', '/api/client-area/tickets?view=all&pageSize=25', master.token, connections);
      }
    }
    results.timeouts = strapi.db.dialect.client === 'postgres' ? timeouts : null;
    results.peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
    results.canPerSecond = engineSpeed(strapi, await strapi.plugin('client-area').service('access-facts').load((await strapi.db.query('plugin::users-permissions.user').findOne({ where: { username: plan.subjects[2].login } })).id, {}));
  } finally {
    await app.stop();
  }
  return results;
}

/** The master's first page, written by hand: the tickets of client 1, newest first, and their count. */
async function rawMasterPage(strapi, knex) {
  const { linkOf, tableOf } = pluginModule('queries/links');
  const link = linkOf(strapi, 'plugin::client-area.ticket', 'client');
  const page = knex
    .select('t.*')
    .from({ t: tableOf(strapi, 'plugin::client-area.ticket') })
    .join({ l: link.table }, `l.${link.from}`, 't.id')
    .where(`l.${link.to}`, 1)
    .orderBy([{ column: 't.last_message_at', order: 'desc' }, { column: 't.id', order: 'desc' }])
    .limit(25);
  const count = knex.from({ l: link.table }).where(link.to, 1).count({ n: '*' });
  return Promise.all([page, count]);
}

/** The pure engine's single check for the depth-5 sub-account, per second. */
function engineSpeed(strapi, facts) {
  const { can } = pluginModule('access');
  const verified = { ...facts, memberships: facts.memberships.map((m) => (m.identityId === facts.identityId ? { ...m, passwordVerified: true } : m)) };
  const clientId = facts.memberships.find((m) => m.identityId === facts.identityId).clientId;
  let checks = 0;
  const until = Date.now() + 1000;
  while (Date.now() < until) {
    for (let i = 0; i < 100; i++) can(verified, { section: 'tickets', clientId, productId: 2 });
    checks += 100;
  }
  return checks;
}

async function staffToken(strapi, call) {
  const email = 'bench-admin@bench.test';
  const password = 'Bench-admin-2026';
  if (!(await strapi.db.query('admin::user').findOne({ where: { email } }))) {
    const role = await strapi.db.query('admin::role').findOne({ where: { code: 'strapi-super-admin' } });
    await strapi.service('admin::user').create({ email, firstname: 'Bench', lastname: 'Admin', password, isActive: true, registrationToken: null, roles: [role.id] });
  }
  return (await call('POST', '/admin/login', { body: { email, password } })).data.token;
}

// ─── the parent: run each size, compare, print, write ────────────────────────

/** Runs a script in its own process and reads the JSON line it ends its output with. */
function child(tickets, script = __filename, scriptArgs = [...args.filter((a, i) => !['--tickets', '--measure'].includes(a) && !['--tickets', '--measure'].includes(args[i - 1])), '--measure', String(tickets)]) {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [script, ...scriptArgs], {
      cwd: appDir,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    proc.stdout.on('data', (chunk) => (output += chunk));
    proc.on('exit', (code) => {
      const line = output.trim().split('\n').pop();
      if (code === 0 && line) resolve(JSON.parse(line));
      else reject(new Error(`measuring ${tickets}${tickets === 'mail' ? '' : ' tickets'} failed (exit ${code})`));
    });
  });
}

const ms = (value) => (value === undefined ? '' : `${value.toFixed(1)}`);
const ratio = (value) => (Number.isFinite(value) ? `${value.toFixed(2)}×` : '');

function report(runs) {
  const [small, large] = [runs[0], runs[runs.length - 1]];
  const find = (run, name) => run.rows.find((r) => r.name === name);
  const cm = (run) => find(run, 'Strapi content-manager list (baseline)');
  const raw = (run) => find(run, "raw SQL of the master's page (baseline)");
  const lines = [
    `# Benchmark results`,
    '',
    `${kind === 'postgres' ? 'PostgreSQL' : 'SQLite'}, ${new Date().toISOString().slice(0, 10)}, ${iterations} sequential calls per row after 3 warm-ups; Node ${process.version}; ${require('os').cpus().length} CPUs.`,
    `Sizes: ${runs.map((r) => `${r.tickets.toLocaleString('en')} tickets`).join(' and ')} (\`npm run bench:seed -- --tickets N\`); the measured customers see the same tickets at every size.`,
    '',
    `| request (page of 25) | ${runs.map((r) => `median ms at ${r.tickets / 1000}k`).join(' | ')} | p95 ms at ${large.tickets / 1000}k | statements | growth | × Strapi's list | × raw SQL |`,
    `|---|${runs.map(() => '---|').join('')}---|---|---|---|---|`,
  ];
  for (const row of large.rows.filter((r) => r.median !== undefined || r.note)) {
    if (row.note) {
      lines.push(`| *${row.name.trim()}* |${runs.map(() => ' |').join('')} | | | | |`);
      continue;
    }
    const smallRow = find(small, row.name);
    const list = row.name.startsWith('tickets') || row.name.startsWith('products');
    lines.push(
      `| ${row.name} | ${runs.map((r) => ms(find(r, row.name)?.median)).join(' | ')} | ${ms(row.p95)} | ${row.statements} | ${runs.length > 1 && smallRow ? ratio(row.median / smallRow.median) : ''} | ${list ? ratio(row.median / cm(large).median) : ''} | ${list ? ratio(row.median / raw(large).median) : ''} |`,
    );
  }
  lines.push('', `| load (${duration} s each) | requests/s at ${large.tickets / 1000}k | p50 ms | errors | × Strapi's list |`, '|---|---|---|---|---|');
  for (const row of large.rows.filter((r) => r.throughput !== undefined)) {
    const theirs = large.rows.find((r) => r.name === row.name.replace('tickets of the master', 'Strapi content-manager list'));
    lines.push(`| ${row.name} | ${row.throughput.toFixed(1)} | ${row.p50} | ${row.errors} | ${ratio(row.throughput / theirs.throughput)} |`);
  }
  lines.push(
    '',
    ...runs.map((r) => `- ${r.tickets.toLocaleString('en')} tickets: peak RSS ${r.peakRssMb} MB; the engine's \`can\` for the depth-5 sub-account ${r.canPerSecond.toLocaleString('en')}/s${r.timeouts === null ? '' : `; statements past the timeout ${r.timeouts}`}.`),
    '',
    'Targets (issue 8): every customer list ≤ 1.0× Strapi\'s list and ≤ 3× the raw SQL; growth ≤ 1.2×; statements per request constant and ≤ 8; throughput ≥ 0.8× Strapi\'s list.',
    '',
  );
  return lines.join('\n');
}

async function main() {
  if (only) {
    process.stdout.write(`${JSON.stringify(await measureOne(Number(only)))}\n`);
    process.exit(0);
  }
  for (const tickets of sizes) {
    if (!(await databaseFor(tickets).exists())) {
      console.error(`No benchmark database of ${tickets} tickets: run \`npm run bench:seed -- --tickets ${tickets}${kind === 'sqlite' ? ' --db sqlite' : ''}\` first.`);
      process.exit(2);
    }
  }
  const runs = [];
  for (const tickets of sizes) runs.push(await child(tickets));
  let text = report(runs);
  if (mailMessages > 0) {
    const mail = await child('mail', path.join(__dirname, 'mail.js'), ['--db', kind, '--messages', String(mailMessages), '--json']);
    text += `\n${require('./mail').report(mail)}\n`;
  }
  console.log(`\n${text}`);
  fs.writeFileSync(out, text);
  console.log(`Written to ${path.relative(appDir, out)}.`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

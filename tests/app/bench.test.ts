import fs from 'fs';
import os from 'os';
import path from 'path';
import { runCommand } from '../support/command';

/**
 * The benchmark still works: a tiny tenant set seeded into this run's database
 * kind, then measured once. No timing is asserted (that is `npm run bench`'s job):
 * every row is there with a number, and the statements a request runs do not
 * depend on the data (the same at every page).
 */
const appDir = path.resolve(__dirname, '..', '..');
const kind = process.env.TEST_DB === 'postgres' ? 'postgres' : 'sqlite';
const prefix = `ca_bench_smoke_${process.pid}`;
// The commands and this file's clean-up name the same databases.
process.env.BENCH_DATABASE_PREFIX = prefix;
const env = { ...process.env };
const out = path.join(os.tmpdir(), `${prefix}.md`);

afterAll(async () => {
  fs.rmSync(out, { force: true });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  await require('../../bench/app').benchDatabase(kind, 2502).drop();
});

it('seeds a tenant set and measures every request against the baselines', async () => {
  const seeded = await runCommand(process.execPath, [path.join(appDir, 'bench/seed.js'), '--db', kind, '--tickets', '2502', '--scale', '0.01'], { env });
  expect(seeded.stderr).not.toMatch(/Error/);
  expect(seeded.status).toBe(0);
  expect(seeded.stdout).toMatch(/Seeded 100 clients, 501 memberships, 50 products, 4 categories, 801 contacts, 2502 tickets, 7506 messages/);

  const measured = await runCommand(process.execPath, [path.join(appDir, 'bench/run.js'), '--db', kind, '--tickets', '2502', '--iterations', '2', '--duration', '1', '--mail-messages', '20', '--out', out], { env });
  expect(measured.status).toBe(0);
  const report = fs.readFileSync(out, 'utf8');
  const row = (name: string) => {
    const line = report.split('\n').find((l) => l.startsWith(`| ${name} |`));
    expect(line).toBeDefined();
    return line!.split('|').map((cell) => cell.trim());
  };
  for (const subject of ['master', 'per-product sub-account', 'depth-5 sub-account', 'secondary logon', 'group reader']) {
    const first = row(`tickets, ${subject}, first page`);
    expect(Number(first[2])).toBeGreaterThan(0);
    // The first and the last page run the same statements: the count follows the request, not the data.
    const deep = report.split('\n').find((l) => l.startsWith(`| tickets, ${subject}, page `) && !l.includes('first page'))!.split('|').map((c) => c.trim());
    expect(deep[4]).toBe(first[4]);
  }
  expect(report).toMatch(/\| \*\(master sees 2002 tickets\)\* \|/);
  expect(report).toMatch(/\| \*\(group reader sees 2502 tickets\)\* \|/);
  for (const name of ['Strapi content-manager list (baseline)', "raw SQL of the master's page (baseline)", 'authentication alone (GET /me)', 'products list, master', 'reply, master']) {
    expect(Number(row(name)[2])).toBeGreaterThan(0);
  }
  expect(report).toMatch(/\| throughput, tickets of the master, 16 connections \| [\d.]+ \|/);
  // Mail: every mail became a ticket, every notice was delivered once.
  expect(report).toMatch(/\| intake: Dovecot → tickets \| \d+ \| [\d.]+ \| 20 tickets \(ticket-created 20\) \|/);
  expect(report).toMatch(/\| outbox: notices → SMTP listener \| \d+ \| [\d.]+ \| 20 delivered, 20 distinct, 0 doubled \|/);
}, 300_000);

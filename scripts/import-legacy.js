#!/usr/bin/env node
'use strict';
/**
 * Imports legacy logins per client (DESIGN rule 16):
 *   npm run import:legacy -- FILE.csv [--dry-run]
 * CSV header: client,login,email,is-master. The master login becomes the client's
 * master account, the others sub-accounts with no grants. Existing identities are
 * reused and running it twice changes nothing. Uses the app's database settings
 * (DATABASE_URL or the SQLite file).
 */
const fs = require('fs');
const path = require('path');
const { parse } = require('csv-parse/sync');
const { SingleBar, Presets } = require('cli-progress');
const { ensureEnv } = require('./setup');
const { untilDatabaseIdle } = require('./database-idle');

async function main() {
  const args = process.argv.slice(2);
  const dryRun = args.includes('--dry-run');
  const file = args.find((arg) => !arg.startsWith('--'));
  if (!file) {
    console.error('usage: npm run import:legacy -- FILE.csv [--dry-run]');
    process.exit(2);
  }
  let records;
  try {
    records = parse(fs.readFileSync(file), { columns: (header) => header.map((h) => h.trim().toLowerCase()), skip_empty_lines: true, trim: true, bom: true });
  } catch (error) {
    console.error(`${file}: ${error.message}`);
    process.exit(2);
  }

  ensureEnv();
  const appDir = path.resolve(__dirname, '..');
  const { compileStrapi, createStrapi } = require('@strapi/strapi');
  process.env.LOG_LEVEL = process.env.LOG_LEVEL || 'error';
  const { distDir } = await compileStrapi({ appDir });
  const app = await createStrapi({ appDir, distDir, autoReload: false, serveAdminPanel: false }).load();
  const bar = new SingleBar({ format: 'importing {bar} {value}/{total} rows', hideCursor: true }, Presets.shades_classic);
  let report;
  try {
    bar.start(records.length, 0);
    report = await app.plugin('client-area').service('legacy-import').run(records, { dryRun, onProgress: (done) => bar.update(done) });
  } finally {
    bar.stop();
    await untilDatabaseIdle(app);
    await app.destroy();
  }
  print(report);
  process.exit(report.errors.length ? 1 : 0);
}

function print(report) {
  const lines = [
    report.dryRun ? 'Dry run: nothing was written.' : 'Import finished.',
    `rows ${report.rows}, clients created ${report.clientsCreated}, identities created ${report.identitiesCreated}, reused ${report.identitiesReused}`,
    `masters created ${report.mastersCreated}, sub-accounts created ${report.subAccountsCreated}, already there ${report.unchanged}`,
  ];
  for (const error of report.errors) lines.push(`line ${error.line}: ${error.message}`);
  if (report.errors.length) lines.push('Nothing was written: fix the lines above and run again.');
  if (report.relationshipPasswords.length) {
    lines.push('Relationship passwords of the new sub-accounts (shown once; give each to its person):');
    for (const entry of report.relationshipPasswords) lines.push(`  ${entry.client}\t${entry.login}\t${entry.password}`);
  }
  console.log(lines.join('\n'));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

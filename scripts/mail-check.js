#!/usr/bin/env node
'use strict';
/**
 * What the mail intake would do with a message, without keeping anything:
 *   npm run mail:check -- message.eml [more.eml …] [--mailbox INBOX] [--json]
 * For each file: the outcome (a new ticket and in which client, a reply to which ticket,
 * triage or ignored, and why), the sender as read, the subject, the text as it would be
 * stored, and which files would be kept. The intake runs against the app's database in a
 * transaction that is rolled back: no record, ticket, reply or mail stays.
 */
const fs = require('fs');
const path = require('path');
const { ensureEnv } = require('./setup');
const { untilDatabaseIdle } = require('./database-idle');

function options(argv) {
  const files = [];
  let mailbox = null;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--mailbox') mailbox = argv[++i];
    else if (argv[i] === '--json') json = true;
    else if (argv[i] === '--no-compile') continue;
    else files.push(argv[i]);
  }
  return { files, mailbox, json };
}

const WHAT = {
  'ticket-created': (r) => `would open a new ticket${r.client ? ` in ${r.client}` : ''}`,
  'reply-added': (r) => `would add a reply to ${r.ticket}`,
  triage: () => 'would wait in triage for staff',
  rejected: () => 'would be refused',
  ignored: () => 'would be ignored',
  failed: () => 'could not be taken',
  duplicate: () => 'was taken already',
};

function describe(file, r) {
  const lines = [`${file}: ${(WHAT[r.outcome] || (() => r.outcome))(r)}${r.reason ? ` (${r.reason})` : ''}`];
  lines.push(`  sender:  ${r.sender ?? (r.senderProblem ? `none read: ${r.senderProblem}` : 'none')}`);
  lines.push(`  subject: ${r.subject ?? ''}`);
  if (r.files.length || r.filesNotKept.length) lines.push(`  files:   ${[...r.files, ...r.filesNotKept.map((f) => `not kept: ${f}`)].join('; ')}`);
  lines.push('  text:');
  for (const line of String(r.text ?? '').split('\n')) lines.push(`    ${line}`);
  return lines.join('\n');
}

async function main() {
  const { files, mailbox, json } = options(process.argv.slice(2));
  if (files.length === 0) throw new Error('Name a message file: npm run mail:check -- message.eml');
  for (const file of files) if (!fs.existsSync(file)) throw new Error(`No such file: ${file}`);
  ensureEnv();
  const appDir = path.resolve(__dirname, '..');
  const { compileStrapi, createStrapi } = require('@strapi/strapi');
  process.env.LOG_LEVEL = process.env.LOG_LEVEL || 'error';
  process.env.CLIENT_AREA_IMAP_POLL_INTERVAL_MS = '0';
  process.env.CLIENT_AREA_OUTBOX_INTERVAL_MS = '0';
  const distDir = process.argv.includes('--no-compile') ? path.join(appDir, 'dist') : (await compileStrapi({ appDir })).distDir;
  const app = await createStrapi({ appDir, distDir, autoReload: false, serveAdminPanel: false }).load();
  const reports = [];
  try {
    const intake = app.plugin('client-area').service('mail-intake');
    const box = mailbox ?? app.plugin('client-area').config('imap')?.mailbox ?? 'INBOX';
    for (const file of files) reports.push({ file, ...(await intake.check(fs.readFileSync(file), box)) });
  } finally {
    await untilDatabaseIdle(app);
    await app.destroy();
  }
  console.log(json ? JSON.stringify(reports, null, 2) : reports.map((r) => describe(r.file, r)).join('\n\n'));
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});

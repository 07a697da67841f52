#!/usr/bin/env node
'use strict';
/**
 * Polls the support mailbox once and prints what became of each message:
 *   npm run mail:poll            (CLIENT_AREA_IMAP_* settings, see the README)
 * The app polls on its own every CLIENT_AREA_IMAP_POLL_INTERVAL_MS; this is for
 * a cron job, a check after setup, or a second instance.
 */
const path = require('path');
const { ensureEnv } = require('./setup');
const { untilDatabaseIdle } = require('./database-idle');

async function main() {
  ensureEnv();
  const appDir = path.resolve(__dirname, '..');
  const { compileStrapi, createStrapi } = require('@strapi/strapi');
  process.env.LOG_LEVEL = process.env.LOG_LEVEL || 'error';
  process.env.CLIENT_AREA_IMAP_POLL_INTERVAL_MS = '0';
  process.env.CLIENT_AREA_OUTBOX_INTERVAL_MS = process.env.CLIENT_AREA_OUTBOX_INTERVAL_MS || '0';
  const distDir = process.argv.includes('--no-compile') ? path.join(appDir, 'dist') : (await compileStrapi({ appDir })).distDir;
  const app = await createStrapi({ appDir, distDir, autoReload: false, serveAdminPanel: false }).load();
  let counts;
  try {
    const poller = app.plugin('client-area').service('imap-poller');
    if (!poller.enabled()) throw new Error('The mailbox is not configured: set CLIENT_AREA_IMAP_HOST, _USER and _PASSWORD');
    counts = await poller.pollOnce();
  } finally {
    await untilDatabaseIdle(app);
    await app.destroy();
  }
  console.log(counts === null ? 'Another instance is polling the mailbox; nothing done.' : JSON.stringify(counts));
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});

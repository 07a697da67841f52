#!/usr/bin/env node
'use strict';
/**
 * The README's first command ends here: generate secrets on first run, build the plugin,
 * app and its admin panel, seed the demo data (idempotent), start Strapi and
 * print where to log in.
 *   npm run demo              build, seed, start
 *   npm run demo -- --no-build  skip the build (after an earlier one)
 */
const path = require('path');
const { spawnSync } = require('child_process');
const { ensureEnv } = require('./setup');
const { buildPlugin } = require('./build-plugin');

const appDir = path.resolve(__dirname, '..');
const distDir = path.join(appDir, 'dist');

async function main() {
  const written = ensureEnv();
  if (written.length) console.log(`Generated secrets in .env: ${written.join(', ')}`);

  if (!process.argv.includes('--no-build')) {
    if (buildPlugin() !== 0) process.exit(1);
    const build = spawnSync(process.execPath, [path.join(appDir, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js'), 'build'], { cwd: appDir, stdio: 'inherit' });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }

  const { createStrapi } = require('@strapi/strapi');
  const app = createStrapi({ appDir, distDir });
  await app.load();
  const { seedDemo } = require(path.join(distDir, 'src', 'demo', 'seed.js'));
  const report = await seedDemo(app);
  await app.start();
  printLogins(app, report);
}

function printLogins(app, report) {
  const base = app.config.get('server.absoluteUrl') || `http://localhost:${app.config.get('server.port')}`;
  const lines = [
    '',
    '──────────── Client Area demo ────────────',
    `Admin panel : ${base}/admin`,
    `              ${report.admin.email} / ${report.admin.password}`,
    `Portal      : ${base}/portal`,
    `Portal API  : ${base}/api/client-area/health, login at POST ${base}/api/auth/local`,
    'Customers (password for all shown after the name):',
    ...report.identities.map((identity) => `  ${identity.username.padEnd(6)} ${identity.email.padEnd(22)} ${identity.password}  — ${identity.note}`),
  ];
  if (report.relationshipPasswords.length) {
    lines.push('Relationship passwords (shown once, stored hashed; needed by sub-accounts to act for a client):');
    for (const entry of report.relationshipPasswords) lines.push(`  ${entry.username.padEnd(6)} @ ${entry.client.padEnd(9)} ${entry.password}`);
  } else {
    lines.push('Relationship passwords were shown when the demo was first seeded; a master can rotate them.');
  }
  lines.push(`Demo data: ${report.created} records created this run (re-running creates nothing new).`, '');
  console.log(lines.join('\n'));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

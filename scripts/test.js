#!/usr/bin/env node
'use strict';
/**
 * Runs the whole suite: checks the types, builds the plugin, builds the app and admin
 * panel once (browser tests use it), then jest on SQLite and on PostgreSQL.
 *   node scripts/test.js [--db sqlite|postgres] [--no-build] [jest args...]
 * `--no-build` skips the admin panel's build (after an earlier one), never the plugin's.
 */
const path = require('path');
const { spawnSync } = require('child_process');
const { ensureEnv } = require('./setup');
const { buildPlugin } = require('./build-plugin');

const appDir = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const take = (flag) => {
  const at = args.indexOf(flag);
  if (at === -1) return undefined;
  const [, value] = args.splice(at, flag.startsWith('--no-') ? 1 : 2);
  return value ?? true;
};
const only = take('--db');
const skipBuild = take('--no-build');
const databases = only ? [only] : ['sqlite', 'postgres'];

ensureEnv();
const run = (command, commandArgs, env = {}) =>
  spawnSync(process.execPath, [command, ...commandArgs], { cwd: appDir, stdio: 'inherit', env: { ...process.env, ...env } }).status;

// ts-jest only transpiles; the types are checked once here.
const tsc = path.join(appDir, 'node_modules', 'typescript', 'bin', 'tsc');
for (const project of ['tsconfig.json', 'plugins/client-area/server/tsconfig.json', 'tests/tsconfig.json', 'plugins/client-area/admin/tsconfig.json', 'plugins/client-area/portal/tsconfig.json']) {
  if (run(tsc, ['-p', project, '--noEmit']) !== 0) process.exit(1);
}
// The plugin is built as a package is (seconds), every time: the tests boot what it ships.
if (buildPlugin() !== 0) process.exit(1);
if (!skipBuild && run(path.join(appDir, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js'), ['build']) !== 0) process.exit(1);

// Pure tests (the engine, the mail fixtures' parser) touch no database, and the package test
// installs the plugin into a second app with its own SQLite database: they run with the first one only.
const ONCE = ['/plugins/client-area/server/src/', '/plugins/client-area/admin/src/', '/tests/fixtures/', '/tests/package/'];
const failed = [];
databases.forEach((database, at) => {
  console.log(`\n=== tests on ${database}${at > 0 ? ' (database tests only)' : ''} ===`);
  const ignore = at > 0 ? ONCE.map((pattern) => `--testPathIgnorePatterns=${pattern}`) : [];
  // The ignore patterns go last: jest takes every word after an array option as one more pattern.
  // Screens are photographed and checked by axe-core on the first database only: what a page
  // looks like does not depend on the database, while its flows run on both.
  const env = { TEST_DB: database, TEST_SCREENS: at > 0 ? 'skip' : 'take' };
  if (run(path.join(appDir, 'node_modules', 'jest', 'bin', 'jest.js'), ['--runInBand', ...args, ...ignore], env) !== 0) failed.push(database);
});
if (failed.length) {
  console.error(`\nTests failed on: ${failed.join(', ')}`);
  process.exit(1);
}
console.log(`\nAll tests passed on: ${databases.join(', ')}`);

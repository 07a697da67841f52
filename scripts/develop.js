#!/usr/bin/env node
'use strict';
/**
 * `npm run develop`: Strapi's develop mode, with the plugin rebuilt and reloaded on change.
 *  - builds the plugin once (Strapi loads plugins/client-area/dist, not its sources);
 *  - runs `strapi-plugin watch`, which rebuilds dist/server or dist/admin when a source changes;
 *  - runs `strapi develop`. Its file watcher ignores every dist/ folder and, by config/admin.ts,
 *    the plugin's sources (a restart on the source would load the old build), so once
 *    dist/server has been rewritten this script touches RELOAD_STAMP, which it does watch.
 *    The admin part needs no help: Vite's dev server sees dist/admin change.
 */
const fs = require('fs');
const path = require('path');
const { spawn } = require('child_process');
const { ensureEnv } = require('./setup');
const { buildPlugin, pluginDir } = require('./build-plugin');

const appDir = path.resolve(__dirname, '..');
const RELOAD_STAMP = path.join(pluginDir, 'server-rebuilt.stamp');
const serverEntry = path.join(pluginDir, 'dist', 'server', 'index.js');

const written = ensureEnv();
if (written.length) console.log(`Generated secrets in .env: ${written.join(', ')}`);
if (buildPlugin() !== 0) process.exit(1);

const sdk = path.dirname(require.resolve('@strapi/sdk-plugin/package.json', { paths: [appDir] }));
const children = [spawn(process.execPath, [path.join(sdk, 'bin', 'strapi-plugin.js'), 'watch'], { cwd: pluginDir, stdio: ['ignore', 'ignore', 'inherit'] })];

// The watch starts with a build of its own, which empties dist/ first: Strapi starts once that
// build is written (or after a minute, whatever happened), and reloads on every later one.
let strapiStarted = false;
const startStrapi = () => {
  if (strapiStarted) return;
  strapiStarted = true;
  const strapi = spawn(process.execPath, [path.join(appDir, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js'), 'develop', ...process.argv.slice(2)], { cwd: appDir, stdio: 'inherit' });
  strapi.on('exit', (code) => stop(code ?? 0));
  children.push(strapi);
};
const fallback = setTimeout(startStrapi, 60_000);

// The watch writes index.js and index.mjs one after the other: act once, after both.
let pending;
fs.watchFile(serverEntry, { interval: 500 }, (now, before) => {
  if (now.mtimeMs === before.mtimeMs || now.size === 0) return;
  clearTimeout(pending);
  pending = setTimeout(() => {
    if (!strapiStarted) {
      clearTimeout(fallback);
      startStrapi();
      return;
    }
    console.log("[develop] the plugin's server was rebuilt: reloading Strapi");
    fs.writeFileSync(RELOAD_STAMP, `${new Date().toISOString()}\n`);
  }, 300);
});

function stop(code) {
  clearTimeout(fallback);
  fs.unwatchFile(serverEntry);
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  process.exitCode = code;
}
children[0].on('exit', (code) => stop(code ?? 0));
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

#!/usr/bin/env node
'use strict';
/**
 * Builds the plugin the way any Strapi plugin package is built: Strapi's plugin tooling
 * (`strapi-plugin build`, @strapi/sdk-plugin) writes plugins/client-area/dist/server and
 * dist/admin, which the app loads through the plugin's package.json `exports`; then
 * `strapi-plugin verify` checks that package.json and that every file it exports exists.
 * The customer portal is built in between (scripts/build-portal.js, into dist/portal).
 *   node scripts/build-plugin.js
 */
const path = require('path');
const { spawnSync } = require('child_process');

const appDir = path.resolve(__dirname, '..');
const pluginDir = path.join(appDir, 'plugins', 'client-area');

/** Runs `strapi-plugin <command>` in the plugin's folder; its exit status. */
function strapiPlugin(command) {
  const sdk = path.dirname(require.resolve('@strapi/sdk-plugin/package.json', { paths: [appDir] }));
  return spawnSync(process.execPath, [path.join(sdk, 'bin', 'strapi-plugin.js'), command], { cwd: pluginDir, stdio: 'inherit' }).status ?? 1;
}

/** Builds the customer portal into dist/portal (after the plugin's build, which empties dist). */
const portal = () => spawnSync(process.execPath, [path.join(__dirname, 'build-portal.js')], { cwd: appDir, stdio: 'inherit' }).status ?? 1;

/** Builds the plugin and its portal, then checks its package.json and that every file it exports exists. */
const buildPlugin = () => strapiPlugin('build') || portal() || strapiPlugin('verify');

if (require.main === module) process.exit(buildPlugin());

module.exports = { buildPlugin, pluginDir };

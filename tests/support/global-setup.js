'use strict';
/**
 * Compiles the app once per jest run, so every test file boots the same compiled Strapi
 * from dist/, with the plugin as built in plugins/client-area/dist (scripts/test.js builds
 * it; a build older than the plugin's sources is refused rather than tested).
 */
const fs = require('fs');
const path = require('path');

/** The newest modification time of the files below `dir`, tests left out. */
function newest(dir) {
  let latest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === '__tests__') continue;
    const at = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(at) : fs.statSync(at).mtimeMs);
  }
  return latest;
}

function assertPluginBuilt(appDir) {
  const plugin = path.join(appDir, 'plugins', 'client-area');
  for (const [part, entry, sources] of [['server', 'dist/server/index.js', 'server/src'], ['admin', 'dist/admin/index.mjs', 'admin/src'], ['portal', 'dist/portal/index.html', 'portal/src']]) {
    const built = path.join(plugin, entry);
    if (!fs.existsSync(built) || fs.statSync(built).mtimeMs < newest(path.join(plugin, sources))) {
      throw new Error(`[tests] the plugin's ${part} build (${entry}) is missing or older than its sources: run "npm run build:plugin" (node scripts/test.js does)`);
    }
  }
}

module.exports = async () => {
  const { compileStrapi } = require('@strapi/strapi');
  const appDir = path.resolve(__dirname, '..', '..');
  require('../../scripts/setup').ensureEnv();
  assertPluginBuilt(appDir);
  const started = Date.now();
  await compileStrapi({ appDir });
  process.stdout.write(`\n[tests] compiled the app in ${Date.now() - started} ms (database: ${process.env.TEST_DB || 'sqlite'})\n`);
};

'use strict';
/**
 * Compiles the app (and the plugin with it) once per jest run, so every test file
 * boots the same compiled Strapi from dist/.
 */
const path = require('path');

module.exports = async () => {
  const { compileStrapi } = require('@strapi/strapi');
  const appDir = path.resolve(__dirname, '..', '..');
  require('../../scripts/setup').ensureEnv();
  const started = Date.now();
  await compileStrapi({ appDir });
  process.stdout.write(`\n[tests] compiled the app in ${Date.now() - started} ms (database: ${process.env.TEST_DB || 'sqlite'})\n`);
};

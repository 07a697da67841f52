'use strict';

/*
 * Strapi loads a plugin's server only as compiled JavaScript. This plugin's
 * TypeScript is compiled together with the host app (the app's tsconfig.json
 * includes plugins/client-area/server), so the compiled entry lives in the app's
 * dist directory. A missing build is an error, never a silently skipped plugin.
 */
const path = require('path');

const entry = path.join(strapi.dirs.dist.root, 'plugins', 'client-area', 'server', 'src', 'index.js');

try {
  module.exports = require(entry).default;
} catch (error) {
  if (error && error.code === 'MODULE_NOT_FOUND' && String(error.message).includes(entry)) {
    throw new Error(`client-area: compiled server entry not found at ${entry}; run "npm run build" (or "strapi develop") first`);
  }
  throw error;
}

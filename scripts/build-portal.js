#!/usr/bin/env node
'use strict';
/**
 * Builds the customer portal (plugins/client-area/portal: React + TypeScript) with Vite
 * into plugins/client-area/dist/portal, which the plugin serves at /portal. Part of the
 * plugin's build (scripts/build-plugin.js); the output is never committed.
 *   node scripts/build-portal.js
 */
const path = require('path');

const pluginDir = path.resolve(__dirname, '..', 'plugins', 'client-area');

async function buildPortal() {
  const { build } = await import('vite');
  const { default: react } = await import('@vitejs/plugin-react');
  await build({
    root: path.join(pluginDir, 'portal'),
    base: '/portal/',
    configFile: false,
    logLevel: 'warn',
    plugins: [react()],
    build: {
      outDir: path.join(pluginDir, 'dist', 'portal'),
      emptyOutDir: true,
      // The design system is most of it; one file a visit, cached for good (its name changes with it).
      chunkSizeWarningLimit: 3000,
    },
  });
}

if (require.main === module) {
  buildPortal().then(
    () => console.log('[INFO] portal built: plugins/client-area/dist/portal'),
    (error) => {
      console.error(`The portal did not build: ${error.message}`);
      process.exit(1);
    },
  );
}

module.exports = { buildPortal };

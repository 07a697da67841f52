import fs from 'fs';
import path from 'path';
import type { Core } from '@strapi/strapi';

/**
 * Serves the customer portal (plugins/client-area/portal) at /portal: static
 * files that talk to the customers' API. Nothing here is secret or per user.
 */
const FILES: Record<string, string> = {
  '/portal': 'index.html',
  '/portal/': 'index.html',
  '/portal/app.js': 'app.js',
  '/portal/style.css': 'style.css',
};
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };

export function servePortal(strapi: Core.Strapi) {
  // The portal folder sits beside server/ in the plugin, wherever the app keeps the plugin.
  const pluginDir = (strapi.config.get('enabledPlugins') as any)?.['client-area']?.pathToPlugin ?? path.join(strapi.dirs.app.root, 'plugins', 'client-area');
  const root = path.join(pluginDir, 'portal');
  strapi.server.routes(
    Object.entries(FILES).map(([route, file]) => ({
      method: 'GET',
      path: route,
      handler: (ctx: any) => {
        ctx.type = TYPES[path.extname(file)];
        ctx.set('Cache-Control', 'no-cache');
        ctx.body = fs.createReadStream(path.join(root, file));
      },
      config: { auth: false },
    })) as any,
  );
}

import fs from 'fs';
import path from 'path';
import type { Core } from '@strapi/strapi';

/**
 * Serves the customer portal at /portal: the single-page app the plugin's build writes to
 * dist/portal (portal/, React + Vite), which talks only to the customers' API. Nothing
 * here is secret or per user. Only the files the build wrote are served, listed once at
 * start: no path from a request reaches the file system. Its page is never cached (it names
 * the current build's files); those files are, for good (their names change with them).
 */
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/** Every file below `dir`, by its path from `dir` with forward slashes. */
function filesBelow(dir: string, prefix = ''): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const relative = `${prefix}${entry.name}`;
    return entry.isDirectory() ? filesBelow(path.join(dir, entry.name), `${relative}/`) : [relative];
  });
}

export function servePortal(strapi: Core.Strapi) {
  // dist/portal sits beside dist/server in the plugin, wherever the app keeps the plugin.
  const pluginDir = (strapi.config.get('enabledPlugins') as any)?.['client-area']?.pathToPlugin ?? path.join(strapi.dirs.app.root, 'plugins', 'client-area');
  const root = path.join(pluginDir, 'dist', 'portal');
  const files = new Set(filesBelow(root));
  if (!files.has('index.html')) strapi.log.warn(`client-area: the customer portal is not built (${root}): /portal answers 503 until the plugin is built (npm run build:plugin)`);

  const send = (ctx: any, file: string, cache: string) => {
    ctx.type = TYPES[path.extname(file)] ?? 'application/octet-stream';
    ctx.set('Cache-Control', cache);
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.body = fs.createReadStream(path.join(root, file));
  };
  const page = (ctx: any) => {
    if (!files.has('index.html')) {
      ctx.status = 503;
      ctx.type = 'text/plain; charset=utf-8';
      ctx.body = 'The customer portal is not built on this server: build the plugin (npm run build:plugin) and restart.';
      return;
    }
    send(ctx, 'index.html', 'no-cache');
  };

  strapi.server.routes([
    { method: 'GET', path: '/portal', handler: page, config: { auth: false } },
    { method: 'GET', path: '/portal/', handler: page, config: { auth: false } },
    {
      method: 'GET',
      path: '/portal/:file(.*)',
      handler: (ctx: any) => {
        const file = String(ctx.params.file ?? '');
        if (file !== 'index.html' && files.has(file)) return send(ctx, file, 'public, max-age=31536000, immutable');
        ctx.status = 404;
        ctx.type = 'text/plain; charset=utf-8';
        ctx.body = 'Not found. The portal is at /portal.';
      },
      config: { auth: false },
    },
  ] as any);
}

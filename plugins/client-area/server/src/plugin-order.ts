import type { Core } from '@strapi/strapi';

/**
 * Strapi bootstraps plugins one after another, in the order the app happens to list
 * them (its config/plugins, then its package.json), with no way for a plugin to say
 * what it needs first. An app that installs this plugin may name it in config/plugins
 * and leave users-permissions out, so users-permissions would bootstrap after us,
 * before its roles and settings exist. `run` is therefore called right after the named
 * plugin's own bootstrap when that plugin comes later, and at once when it came before.
 */
export async function afterPluginBootstrap(strapi: Core.Strapi, plugin: string, run: () => Promise<void>) {
  const modules = strapi.get('modules') as any;
  const order = Object.keys(modules.getAll('plugin::'));
  const theirs = order.indexOf(`plugin::${plugin}`);
  if (theirs === -1) throw new Error(`client-area needs the ${plugin} plugin, which is not enabled in this app`);
  if (theirs < order.indexOf('plugin::client-area')) return run();
  const module = modules.get(`plugin::${plugin}`);
  const bootstrap = module.bootstrap;
  module.bootstrap = async () => {
    await bootstrap.call(module);
    await run();
  };
}

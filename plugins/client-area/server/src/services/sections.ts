import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { createSectionRegistry, type Section } from '../sections/registry';

/**
 * The public way to add a section:
 *   strapi.plugin('client-area').service('sections').register({ name: 'domains', label: 'Domains', productScoped: true, origin: 'my-plugin' })
 * The seven built-in sections are registered when the plugin starts.
 *
 * `list`, `has` and `get` answer for every registered section. Customers reach only the
 * sections staff leave shown (Settings → Client Area, `hiddenSections`): `offered` lists
 * those, and `check` refuses a hidden or unknown one with a message a person can act on.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const registry = createSectionRegistry();
  const hidden = () => new Set((strapi.config.get('plugin::client-area.hiddenSections') as string[] | undefined) ?? []);
  const isOffered = (name: string) => registry.has(name) && !hidden().has(name);
  return {
    register: (section: Omit<Section, 'origin' | 'description'> & { description?: string; origin?: string }) =>
      registry.register({ description: '', ...section }),
    has: (name: string) => registry.has(name),
    get: (name: string) => registry.get(name),
    list: () => registry.list(),
    names: () => registry.names(),

    /** The sections customers see, in registration order. */
    offered: () => registry.list().filter((section) => isOffered(section.name)),
    isOffered,

    /** A 400 naming what is wrong with a section given by a caller; `where` names the field. */
    check(name: string, where = 'sections') {
      if (!registry.has(name)) throw new errors.ValidationError(`${where}: unknown section "${name}"`);
      if (!isOffered(name)) throw new errors.ValidationError(`${where}: the section "${name}" is hidden from customers (Settings → Client Area)`);
    },
  };
};

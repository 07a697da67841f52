import { createSectionRegistry, type Section } from '../sections/registry';

/**
 * The public way to add a section:
 *   strapi.plugin('client-area').service('sections').register({ name: 'domains', label: 'Domains', productScoped: true, origin: 'my-plugin' })
 * The seven built-in sections are registered when the plugin starts.
 */
export default () => {
  const registry = createSectionRegistry();
  return {
    register: (section: Omit<Section, 'origin' | 'description'> & { description?: string; origin?: string }) =>
      registry.register({ description: '', ...section }),
    has: (name: string) => registry.has(name),
    get: (name: string) => registry.get(name),
    list: () => registry.list(),
    names: () => registry.names(),
  };
};

import type { Core } from '@strapi/strapi';

/**
 * How the content manager shows the plugin's types, set once (an admin may change any of
 * it afterwards in "Configure the view"; a later version bumps LAYOUT_VERSION to apply a
 * new default): the field that names a row in lists and relation pickers, the list's
 * columns with their dates, and the order, newest first where time matters.
 */
const LAYOUT_VERSION = 1;

const LAYOUTS: Record<string, { mainField: string; list: string[]; sortBy?: string; order?: 'ASC' | 'DESC' }> = {
  membership: { mainField: 'label', list: ['label', 'kind', 'membershipStatus', 'createdAt'], sortBy: 'label' },
  client: { mainField: 'name', list: ['name', 'reference', 'createdAt'], sortBy: 'name' },
  ticket: { mainField: 'reference', list: ['reference', 'subject', 'ticketStatus', 'lastMessageAt'], sortBy: 'lastMessageAt', order: 'DESC' },
  'audit-entry': { mainField: 'action', list: ['createdAt', 'action', 'subjectType', 'ip'], sortBy: 'createdAt', order: 'DESC' },
  'mail-outbox': { mainField: 'subject', list: ['createdAt', 'kind', 'subject', 'deliveryStatus'], sortBy: 'createdAt', order: 'DESC' },
  'mail-intake': { mainField: 'subject', list: ['createdAt', 'fromAddress', 'subject', 'outcome'], sortBy: 'createdAt', order: 'DESC' },
};

export async function configureContentManager(strapi: Core.Strapi) {
  const store = strapi.store({ type: 'plugin', name: 'client-area' });
  if (((await store.get({ key: 'contentManagerLayout' })) as number | null) === LAYOUT_VERSION) return;
  const contentTypes = strapi.plugin('content-manager').service('content-types');
  const names = Object.keys(strapi.plugin('client-area').contentTypes);
  for (const name of names) {
    const uid = `plugin::client-area.${name}`;
    const attributes = (strapi.contentType(uid as any)?.attributes ?? {}) as Record<string, any>;
    const current = await contentTypes.findConfiguration({ uid });
    const next = { ...current, metadatas: { ...current.metadatas } };
    // A relation to one of these types is shown by that type's name field: the content manager
    // keeps it per relation, from when the relation was first seen (a hash, for memberships).
    for (const [attribute, definition] of Object.entries(attributes)) {
      const target = typeof definition.target === 'string' && definition.target.startsWith('plugin::client-area.') ? LAYOUTS[definition.target.slice('plugin::client-area.'.length)] : undefined;
      const metadata = next.metadatas[attribute];
      if (!target || !metadata) continue;
      next.metadatas[attribute] = {
        ...metadata,
        edit: { ...metadata.edit, mainField: target.mainField },
        ...(metadata.list ? { list: { ...metadata.list, mainField: target.mainField } } : {}),
      };
    }
    const layout = LAYOUTS[name];
    if (layout) {
      // Only columns the type has (createdAt is Strapi's own).
      const list = layout.list.filter((field) => field === 'createdAt' || field in attributes);
      next.settings = { ...current.settings, mainField: layout.mainField, defaultSortBy: layout.sortBy ?? layout.mainField, defaultSortOrder: layout.order ?? 'ASC' };
      next.layouts = { ...current.layouts, list };
    }
    await contentTypes.updateConfiguration({ uid }, next);
  }
  await store.set({ key: 'contentManagerLayout', value: LAYOUT_VERSION });
}

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
  for (const [name, layout] of Object.entries(LAYOUTS)) {
    const uid = `plugin::client-area.${name}`;
    const attributes = strapi.contentType(uid as any)?.attributes as Record<string, unknown> | undefined;
    if (!attributes) continue;
    // Only columns the type has (createdAt is Strapi's own).
    const list = layout.list.filter((field) => field === 'createdAt' || field in attributes);
    const current = await contentTypes.findConfiguration({ uid });
    await contentTypes.updateConfiguration(
      { uid },
      {
        ...current,
        settings: { ...current.settings, mainField: layout.mainField, defaultSortBy: layout.sortBy ?? layout.mainField, defaultSortOrder: layout.order ?? 'ASC' },
        layouts: { ...current.layouts, list },
      },
    );
  }
  await store.set({ key: 'contentManagerLayout', value: LAYOUT_VERSION });
}

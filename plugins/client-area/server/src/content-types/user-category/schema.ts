import { pluginOptions, ca } from '../options';

export default {
  kind: 'collectionType',
  collectionName: 'ca_user_categories',
  info: {
    singularName: 'user-category',
    pluralName: 'user-categories',
    displayName: 'User category',
    description: 'A staff-managed group of contacts, across clients',
  },
  options: { draftAndPublish: false },
  pluginOptions,
  attributes: {
    name: { type: 'string', required: true, unique: true, maxLength: 100 },
    description: { type: 'text' },
    contacts: { type: 'relation', relation: 'manyToMany', target: ca('contact'), mappedBy: 'categories' },
    /** Contacts with group read access on this category. */
    groupReaders: { type: 'relation', relation: 'oneToMany', target: ca('contact'), mappedBy: 'groupReadCategory' },
  },
  indexes: [{ name: 'ca_user_categories_name_uq', columns: ['name'], type: 'unique' }],
};

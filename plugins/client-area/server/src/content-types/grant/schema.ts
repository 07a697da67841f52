import { pluginOptions, ca, derivedKey } from '../options';

export default {
  kind: 'collectionType',
  collectionName: 'ca_grants',
  info: {
    singularName: 'grant',
    pluralName: 'grants',
    displayName: 'Grant',
    description: 'A section, client-wide or scoped to one product, held by a membership or an access role',
  },
  options: { draftAndPublish: false },
  pluginOptions,
  attributes: {
    section: { type: 'string', required: true, maxLength: 64 },
    /** Empty means client-wide. */
    product: { type: 'relation', relation: 'manyToOne', target: ca('product') },
    membership: { type: 'relation', relation: 'manyToOne', target: ca('membership'), inversedBy: 'grants' },
    accessRole: { type: 'relation', relation: 'manyToOne', target: ca('access-role'), inversedBy: 'grants' },
    /** `m<membership id>|r<role id>:<section>:<product id or *>`: a grant is held once. */
    scopeKey: derivedKey(),
  },
  indexes: [{ name: 'ca_grants_scope_key_uq', columns: ['scope_key'], type: 'unique' }],
};

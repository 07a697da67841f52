import { pluginOptions, ca, derivedKey, IDENTITY } from '../options';

export default {
  kind: 'collectionType',
  collectionName: 'ca_security_groups',
  info: {
    singularName: 'security-group',
    pluralName: 'security-groups',
    displayName: 'Security group',
    description: "A portfolio owner's grouping of the clients it holds",
  },
  options: { draftAndPublish: false },
  pluginOptions,
  attributes: {
    name: { type: 'string', required: true, maxLength: 100 },
    description: { type: 'text' },
    /** The portfolio owner: the identity that is master of the grouped clients. */
    owner: { type: 'relation', relation: 'manyToOne', target: IDENTITY },
    /** The group that holds every client not assigned to another group. */
    isDefault: { type: 'boolean', default: false },
    clients: { type: 'relation', relation: 'oneToMany', target: ca('client'), mappedBy: 'securityGroup' },
    secondaryLogons: { type: 'relation', relation: 'manyToMany', target: ca('secondary-logon'), mappedBy: 'securityGroups' },
    /** `<owner id>:<lower-cased name>`. */
    nameKey: derivedKey(),
    /** `<owner id>` on the Default group only: one Default per owner. */
    defaultKey: derivedKey(),
  },
  indexes: [
    { name: 'ca_security_groups_name_key_uq', columns: ['name_key'], type: 'unique' },
    { name: 'ca_security_groups_default_key_uq', columns: ['default_key'], type: 'unique' },
  ],
};

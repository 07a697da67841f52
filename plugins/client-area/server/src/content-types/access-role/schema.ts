import { pluginOptions, ca, derivedKey } from '../options';

export default {
  kind: 'collectionType',
  collectionName: 'ca_access_roles',
  info: {
    singularName: 'access-role',
    pluralName: 'access-roles',
    displayName: 'Access role',
    description: "A named template of grants, a client's own or global (no client)",
  },
  options: { draftAndPublish: false },
  pluginOptions,
  attributes: {
    name: { type: 'string', required: true, maxLength: 100 },
    description: { type: 'text' },
    /** Empty for a global role defined by staff. */
    client: { type: 'relation', relation: 'manyToOne', target: ca('client'), inversedBy: 'accessRoles' },
    grants: { type: 'relation', relation: 'oneToMany', target: ca('grant'), mappedBy: 'accessRole' },
    members: { type: 'relation', relation: 'oneToMany', target: ca('membership'), mappedBy: 'accessRole' },
    /** `<client id or global>:<lower-cased name>`. */
    nameKey: derivedKey(),
  },
  indexes: [{ name: 'ca_access_roles_name_key_uq', columns: ['name_key'], type: 'unique' }],
};

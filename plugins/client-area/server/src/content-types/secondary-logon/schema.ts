import { pluginOptions, ca, derivedKey, IDENTITY } from '../options';

export default {
  kind: 'collectionType',
  collectionName: 'ca_secondary_logons',
  info: {
    singularName: 'secondary-logon',
    pluralName: 'secondary-logons',
    displayName: 'Secondary logon',
    description: "An identity acting on a portfolio owner's behalf, limited to security groups and sections",
  },
  options: { draftAndPublish: false },
  pluginOptions,
  attributes: {
    owner: { type: 'relation', relation: 'manyToOne', target: IDENTITY },
    logon: { type: 'relation', relation: 'manyToOne', target: IDENTITY },
    securityGroups: { type: 'relation', relation: 'manyToMany', target: ca('security-group'), inversedBy: 'secondaryLogons' },
    /** Section names from the sections registry. */
    sections: { type: 'json', required: true },
    logonStatus: { type: 'enumeration', enum: ['active', 'cancelled'], default: 'active', required: true },
    /** `<owner id>:<logon id>`. */
    pairKey: derivedKey(),
  },
  indexes: [{ name: 'ca_secondary_logons_pair_key_uq', columns: ['pair_key'], type: 'unique' }],
};

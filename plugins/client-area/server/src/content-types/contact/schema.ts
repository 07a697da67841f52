import { pluginOptions, ca, derivedKey } from '../options';

export default {
  kind: 'collectionType',
  collectionName: 'ca_contacts',
  info: { singularName: 'contact', pluralName: 'contacts', displayName: 'Contact', description: 'A person record under one client' },
  options: { draftAndPublish: false },
  pluginOptions,
  attributes: {
    client: { type: 'relation', relation: 'manyToOne', target: ca('client'), inversedBy: 'contacts' },
    firstName: { type: 'string', maxLength: 100 },
    lastName: { type: 'string', maxLength: 100 },
    email: { type: 'email', required: true, maxLength: 254 },
    phone: { type: 'string', maxLength: 40 },
    emailGeneral: { type: 'boolean', default: true },
    emailInvoices: { type: 'boolean', default: false },
    emailSupport: { type: 'boolean', default: true },
    emailProducts: { type: 'boolean', default: false },
    categories: { type: 'relation', relation: 'manyToMany', target: ca('user-category'), inversedBy: 'contacts' },
    groupReadCategory: { type: 'relation', relation: 'manyToOne', target: ca('user-category'), inversedBy: 'groupReaders' },
    membership: { type: 'relation', relation: 'oneToOne', target: ca('membership'), mappedBy: 'contact' },
    requestedTickets: { type: 'relation', relation: 'oneToMany', target: ca('ticket'), mappedBy: 'requester' },
    /** `<client id>:<lower-cased email>`: one contact per address per client. */
    emailKey: derivedKey(),
    /** Lower-cased email, for mail intake lookups. */
    emailNormalized: derivedKey(),
  },
  indexes: [
    { name: 'ca_contacts_email_key_uq', columns: ['email_key'], type: 'unique' },
    { name: 'ca_contacts_email_normalized_idx', columns: ['email_normalized'] },
  ],
};

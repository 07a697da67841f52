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
    /** A new address of a contact that is someone's login, waiting for its one-time link to be followed. */
    pendingEmail: { type: 'email', maxLength: 254 },
    /** HMAC of that link's token under the server key; never the token. */
    emailChangeTokenHash: { type: 'string', private: true, configurable: false },
    emailChangeExpiresAt: { type: 'datetime', private: true, configurable: false },
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
    { name: 'ca_contacts_email_change_token_idx', columns: ['email_change_token_hash'] },
  ],
};

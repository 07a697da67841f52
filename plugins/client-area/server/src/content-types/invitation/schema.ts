import { pluginOptions, ca, IDENTITY } from '../options';

export default {
  kind: 'collectionType',
  collectionName: 'ca_invitations',
  info: {
    singularName: 'invitation',
    pluralName: 'invitations',
    displayName: 'Invitation',
    description: 'A one-time link for a new person to set the password of the account made for them',
  },
  options: { draftAndPublish: false },
  pluginOptions,
  attributes: {
    identity: { type: 'relation', relation: 'manyToOne', target: IDENTITY },
    membership: { type: 'relation', relation: 'manyToOne', target: ca('membership') },
    /** HMAC-SHA256 of the token under the server key; the token itself is only in the mail. */
    tokenHash: { type: 'string', required: true, private: true, configurable: false },
    expiresAt: { type: 'datetime', required: true },
    usedAt: { type: 'datetime' },
  },
  indexes: [{ name: 'ca_invitations_token_hash_uq', columns: ['token_hash'], type: 'unique' }],
};

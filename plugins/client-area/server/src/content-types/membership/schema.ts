import { pluginOptions, ca, derivedKey, IDENTITY } from '../options';

export default {
  kind: 'collectionType',
  collectionName: 'ca_memberships',
  info: {
    singularName: 'membership',
    pluralName: 'memberships',
    displayName: 'Membership',
    description: 'An identity in a client: master or sub-account, with its grants',
  },
  options: { draftAndPublish: false },
  pluginOptions,
  attributes: {
    /** "bob @ Acme Hosting": how the admin panel names it (membership-labels.ts keeps it in step). */
    label: { type: 'string', maxLength: 255, configurable: false, writable: false },
    identity: { type: 'relation', relation: 'manyToOne', target: IDENTITY },
    client: { type: 'relation', relation: 'manyToOne', target: ca('client'), inversedBy: 'memberships' },
    contact: { type: 'relation', relation: 'oneToOne', target: ca('contact'), inversedBy: 'membership' },
    kind: { type: 'enumeration', enum: ['master', 'sub-account'], default: 'sub-account', required: true },
    membershipStatus: { type: 'enumeration', enum: ['active', 'suspended', 'removed'], default: 'active', required: true },
    parent: { type: 'relation', relation: 'manyToOne', target: ca('membership'), inversedBy: 'children' },
    children: { type: 'relation', relation: 'oneToMany', target: ca('membership'), mappedBy: 'parent' },
    /** Empty means "Custom": the grants were set by hand. */
    accessRole: { type: 'relation', relation: 'manyToOne', target: ca('access-role'), inversedBy: 'members' },
    grants: { type: 'relation', relation: 'oneToMany', target: ca('grant'), mappedBy: 'membership' },
    ownedProducts: { type: 'relation', relation: 'oneToMany', target: ca('product'), mappedBy: 'owner' },
    distributedProducts: { type: 'relation', relation: 'manyToMany', target: ca('product'), mappedBy: 'distributedTo' },
    /** HMAC-SHA256 of the relationship password under the server key; never the password. */
    relationshipPasswordHash: { type: 'string', private: true, configurable: false },
    relationshipPasswordRotatedAt: { type: 'datetime' },
    /** Who suspended it: only they, a member above them, the master or staff restore it. */
    suspendedBy: { type: 'relation', relation: 'manyToOne', target: ca('membership') },
    suspendedByStaff: { type: 'boolean', default: false },
    /**
     * `<parent id>`, kept from the last write: when the parent row is deleted behind our
     * back the relation empties but this stays, and the facts loader fails closed.
     */
    parentKey: derivedKey(),
    /** `<client id>:<identity id>`: one membership per identity per client. */
    memberKey: derivedKey(),
    /** `<client id>` on the master membership only: one master per client. */
    masterKey: derivedKey(),
  },
  indexes: [
    { name: 'ca_memberships_member_key_uq', columns: ['member_key'], type: 'unique' },
    { name: 'ca_memberships_master_key_uq', columns: ['master_key'], type: 'unique' },
    { name: 'ca_memberships_status_idx', columns: ['membership_status'] },
  ],
};

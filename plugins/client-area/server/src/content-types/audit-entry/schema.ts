import { pluginOptions, ca, IDENTITY, STAFF } from '../options';

export default {
  kind: 'collectionType',
  collectionName: 'ca_audit_entries',
  info: { singularName: 'audit-entry', pluralName: 'audit-entries', displayName: 'Audit entry', description: 'Who changed which access, when, from where' },
  options: { draftAndPublish: false },
  pluginOptions,
  attributes: {
    action: { type: 'string', required: true, maxLength: 64 },
    client: { type: 'relation', relation: 'manyToOne', target: ca('client') },
    actorIdentity: { type: 'relation', relation: 'manyToOne', target: IDENTITY },
    actorStaff: { type: 'relation', relation: 'manyToOne', target: STAFF },
    subjectType: { type: 'string', maxLength: 64 },
    subjectId: { type: 'string', maxLength: 64 },
    details: { type: 'json' },
    ip: { type: 'string', maxLength: 64 },
    userAgent: { type: 'text', maxLength: 500 },
  },
  indexes: [{ name: 'ca_audit_entries_action_idx', columns: ['action'] }],
};

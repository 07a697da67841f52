import { pluginOptions, ca } from '../options';

export default {
  kind: 'collectionType',
  collectionName: 'ca_mail_outbox',
  info: {
    singularName: 'mail-outbox',
    pluralName: 'mail-outboxes',
    displayName: 'Mail outbox',
    description: 'A mail waiting to be sent, sent, or failed with its reason',
  },
  options: { draftAndPublish: false },
  pluginOptions,
  attributes: {
    messageId: { type: 'text', required: true, unique: true, maxLength: 998 },
    kind: { type: 'string', required: true, maxLength: 64 },
    toAddresses: { type: 'json', required: true },
    ccAddresses: { type: 'json' },
    subject: { type: 'text', required: true, maxLength: 998 },
    /** The body; for a sealed mail, only a note saying so. */
    text: { type: 'text', required: true },
    html: { type: 'text' },
    /** The body holds a one-time secret: it is kept in `sealedBody`, encrypted, until delivered or failed. */
    sealed: { type: 'boolean', default: false },
    sealedBody: { type: 'text', private: true },
    headers: { type: 'json' },
    deliveryStatus: { type: 'enumeration', enum: ['pending', 'sending', 'sent', 'failed'], default: 'pending', required: true },
    attempts: { type: 'integer', default: 0 },
    /** When it was queued, or requeued by staff: retried until `outbox.maxAgeHours` after this. */
    queuedAt: { type: 'datetime' },
    /** When it is due; while it is being sent, when the sender's lease runs out. */
    nextAttemptAt: { type: 'datetime' },
    /** Names the sender holding the row while it is `sending`. */
    leaseToken: { type: 'string', maxLength: 64, private: true },
    lastError: { type: 'text' },
    sentAt: { type: 'datetime' },
    ticket: { type: 'relation', relation: 'manyToOne', target: ca('ticket') },
    ticketMessage: { type: 'relation', relation: 'manyToOne', target: ca('ticket-message') },
  },
  indexes: [
    { name: 'ca_mail_outbox_message_id_uq', columns: ['message_id'], type: 'unique' },
    { name: 'ca_mail_outbox_due_idx', columns: ['delivery_status', 'next_attempt_at'] },
  ],
};

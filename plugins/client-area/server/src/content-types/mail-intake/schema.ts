import { pluginOptions, ca } from '../options';

export default {
  kind: 'collectionType',
  collectionName: 'ca_mail_intakes',
  info: {
    singularName: 'mail-intake',
    pluralName: 'mail-intakes',
    displayName: 'Mail intake',
    description: 'One message read from the support mailbox, and what became of it',
  },
  options: { draftAndPublish: false },
  pluginOptions,
  attributes: {
    mailbox: { type: 'string', required: true, maxLength: 200 },
    uidValidity: { type: 'biginteger', required: true },
    uid: { type: 'biginteger', required: true },
    messageId: { type: 'text', maxLength: 998 },
    fromAddress: { type: 'string', maxLength: 254 },
    subject: { type: 'text', maxLength: 998 },
    /** sha256 of the sender, subject and text: a repeated Message-ID is the same mail only when this matches too. */
    contentHash: { type: 'string', maxLength: 64 },
    outcome: {
      type: 'enumeration',
      enum: ['pending', 'ticket-created', 'reply-added', 'triage', 'rejected', 'ignored', 'failed'],
      default: 'pending',
      required: true,
    },
    /** Why a message was not taken: kept, never dropped. */
    reason: { type: 'text' },
    raw: { type: 'text', private: true },
    ticket: { type: 'relation', relation: 'manyToOne', target: ca('ticket') },
  },
  indexes: [
    { name: 'ca_mail_intakes_uid_uq', columns: ['mailbox', 'uid_validity', 'uid'], type: 'unique' },
    { name: 'ca_mail_intakes_message_id_idx', columns: ['message_id'] },
    { name: 'ca_mail_intakes_outcome_idx', columns: ['outcome'] },
  ],
};

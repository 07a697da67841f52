import { pluginOptions, ca, IDENTITY, STAFF } from '../options';

export default {
  kind: 'collectionType',
  collectionName: 'ca_ticket_messages',
  info: { singularName: 'ticket-message', pluralName: 'ticket-messages', displayName: 'Ticket message', description: 'A message on a ticket' },
  options: { draftAndPublish: false },
  pluginOptions,
  attributes: {
    ticket: { type: 'relation', relation: 'manyToOne', target: ca('ticket'), inversedBy: 'messages' },
    authorType: { type: 'enumeration', enum: ['customer', 'staff', 'email', 'system'], required: true },
    authorIdentity: { type: 'relation', relation: 'manyToOne', target: IDENTITY },
    authorStaff: { type: 'relation', relation: 'manyToOne', target: STAFF },
    authorContact: { type: 'relation', relation: 'manyToOne', target: ca('contact') },
    /** Staff-only note: never shown to customers nor mailed. */
    internal: { type: 'boolean', default: false },
    body: { type: 'text', required: true },
    attachments: { type: 'media', multiple: true, allowedTypes: ['images', 'files', 'videos', 'audios'] },
    /** RFC 5322 Message-ID of the mail this message came from or was sent as. */
    messageId: { type: 'text', maxLength: 998 },
    fromAddress: { type: 'string', maxLength: 254 },
  },
  indexes: [{ name: 'ca_ticket_messages_message_id_idx', columns: ['message_id'] }],
};

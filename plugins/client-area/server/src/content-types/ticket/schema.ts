import { pluginOptions, ca, STAFF } from '../options';

export const TICKET_STATUSES = ['open', 'answered', 'customer-reply', 'on-hold', 'closed'] as const;

export default {
  kind: 'collectionType',
  collectionName: 'ca_tickets',
  info: { singularName: 'ticket', pluralName: 'tickets', displayName: 'Ticket', description: 'A support request of a client' },
  options: { draftAndPublish: false },
  pluginOptions,
  attributes: {
    /** The tag customers see and mail subjects carry, e.g. CA-1001. */
    reference: { type: 'string', required: true, unique: true, maxLength: 32 },
    subject: { type: 'text', required: true, maxLength: 300 },
    ticketStatus: { type: 'enumeration', enum: [...TICKET_STATUSES], default: 'open', required: true },
    priority: { type: 'enumeration', enum: ['low', 'normal', 'high', 'urgent'], default: 'normal', required: true },
    channel: { type: 'enumeration', enum: ['portal', 'email', 'staff'], default: 'portal', required: true },
    client: { type: 'relation', relation: 'manyToOne', target: ca('client'), inversedBy: 'tickets' },
    product: { type: 'relation', relation: 'manyToOne', target: ca('product'), inversedBy: 'tickets' },
    requester: { type: 'relation', relation: 'manyToOne', target: ca('contact'), inversedBy: 'requestedTickets' },
    messages: { type: 'relation', relation: 'oneToMany', target: ca('ticket-message'), mappedBy: 'ticket' },
    /** The staff member who looks after it, if any. */
    assignee: { type: 'relation', relation: 'manyToOne', target: STAFF },
    /** The list order (newest first, then id): always set, so a keyset cursor never meets a null. */
    lastMessageAt: { type: 'datetime', required: true },
    closedAt: { type: 'datetime' },
  },
  indexes: [
    { name: 'ca_tickets_reference_uq', columns: ['reference'], type: 'unique' },
    { name: 'ca_tickets_status_idx', columns: ['ticket_status'] },
    // Staff's unfiltered list reads the newest tickets straight off this index.
    { name: 'ca_tickets_last_message_at_id_idx', columns: ['last_message_at', 'id'] },
  ],
};

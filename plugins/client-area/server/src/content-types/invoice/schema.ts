import { pluginOptions, ca, IDENTITY } from '../options';

export default {
  kind: 'collectionType',
  collectionName: 'ca_invoices',
  info: { singularName: 'invoice', pluralName: 'invoices', displayName: 'Invoice', description: 'A billing document of a client' },
  options: { draftAndPublish: false },
  pluginOptions,
  attributes: {
    number: { type: 'string', required: true, unique: true, maxLength: 64 },
    client: { type: 'relation', relation: 'manyToOne', target: ca('client'), inversedBy: 'invoices' },
    invoiceStatus: { type: 'enumeration', enum: ['draft', 'unpaid', 'paid', 'cancelled', 'refunded'], default: 'unpaid', required: true },
    issuedOn: { type: 'date', required: true },
    dueOn: { type: 'date' },
    currency: { type: 'string', default: 'EUR', maxLength: 3 },
    total: { type: 'decimal', default: 0 },
    lines: { type: 'relation', relation: 'oneToMany', target: ca('invoice-line'), mappedBy: 'invoice' },
    /** A customer said it pays (bank transfer, on account…): staff mark it paid when the money arrives. */
    paymentRequestedAt: { type: 'datetime' },
    paymentProvider: { type: 'string', maxLength: 64 },
    paymentRequestedBy: { type: 'relation', relation: 'manyToOne', target: IDENTITY },
  },
  indexes: [
    { name: 'ca_invoices_number_uq', columns: ['number'], type: 'unique' },
    { name: 'ca_invoices_status_idx', columns: ['invoice_status'] },
  ],
};

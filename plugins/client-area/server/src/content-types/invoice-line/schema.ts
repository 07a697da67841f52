import { pluginOptions, ca } from '../options';

export default {
  kind: 'collectionType',
  collectionName: 'ca_invoice_lines',
  info: { singularName: 'invoice-line', pluralName: 'invoice-lines', displayName: 'Invoice line', description: 'One line of an invoice, optionally of one product' },
  options: { draftAndPublish: false },
  pluginOptions,
  attributes: {
    invoice: { type: 'relation', relation: 'manyToOne', target: ca('invoice'), inversedBy: 'lines' },
    product: { type: 'relation', relation: 'manyToOne', target: ca('product'), inversedBy: 'invoiceLines' },
    description: { type: 'text', required: true, maxLength: 500 },
    quantity: { type: 'decimal', default: 1 },
    unitPrice: { type: 'decimal', default: 0 },
    amount: { type: 'decimal', default: 0 },
  },
};

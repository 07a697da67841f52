import { pluginOptions } from '../options';

/** What customers can order (issue 11's "orders"): staff keep the catalogue in the content manager. */
export default {
  kind: 'collectionType',
  collectionName: 'ca_catalogue_items',
  info: { singularName: 'catalogue-item', pluralName: 'catalogue-items', displayName: 'Catalogue item', description: 'Something customers can order' },
  options: { draftAndPublish: false },
  pluginOptions,
  attributes: {
    name: { type: 'string', required: true, maxLength: 200 },
    summary: { type: 'text', maxLength: 2000 },
    /** Given to the product an accepted order makes. */
    productType: { type: 'string', maxLength: 100 },
    price: { type: 'decimal', required: true, default: 0, min: 0 },
    currency: { type: 'string', required: true, default: 'EUR', maxLength: 3, minLength: 3 },
    billingCycle: { type: 'enumeration', enum: ['one-time', 'monthly', 'quarterly', 'yearly'], default: 'monthly', required: true },
    /** Off: no longer offered (orders placed before keep their copy of it). */
    available: { type: 'boolean', default: true, required: true },
  },
};

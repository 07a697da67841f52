import { pluginOptions, ca, IDENTITY, STAFF } from '../options';

/**
 * An order placed by a member with `orders`: one catalogue item, a quantity and notes,
 * and whom the orderer wants the product shown to. Staff accept it — a product is made,
 * owned by `orderedBy`, shown to `distributeTo` — or decline it with a reason. What the
 * item was, and cost, is copied at ordering time: the catalogue may change afterwards.
 */
export default {
  kind: 'collectionType',
  collectionName: 'ca_orders',
  info: { singularName: 'order', pluralName: 'orders', displayName: 'Order', description: 'A customer order, accepted or declined by staff' },
  options: { draftAndPublish: false },
  pluginOptions,
  attributes: {
    reference: { type: 'string', unique: true, maxLength: 32, configurable: false },
    client: { type: 'relation', relation: 'manyToOne', target: ca('client') },
    item: { type: 'relation', relation: 'manyToOne', target: ca('catalogue-item') },
    itemName: { type: 'string', required: true, maxLength: 200 },
    productType: { type: 'string', maxLength: 100 },
    unitPrice: { type: 'decimal', default: 0 },
    currency: { type: 'string', default: 'EUR', maxLength: 3 },
    billingCycle: { type: 'string', maxLength: 16 },
    quantity: { type: 'integer', required: true, default: 1, min: 1 },
    notes: { type: 'text', maxLength: 2000 },
    orderStatus: { type: 'enumeration', enum: ['pending', 'accepted', 'declined', 'cancelled'], default: 'pending', required: true },
    /** The membership the product will be owned by (the orderer's own, or a secondary logon's owner's master membership). */
    orderedBy: { type: 'relation', relation: 'manyToOne', target: ca('membership') },
    /** The login that placed it. */
    placedBy: { type: 'relation', relation: 'manyToOne', target: IDENTITY },
    placedAt: { type: 'datetime' },
    /** Members the orderer wants the product shown to. */
    distributeTo: { type: 'relation', relation: 'manyToMany', target: ca('membership') },
    decidedAt: { type: 'datetime' },
    decidedBy: { type: 'relation', relation: 'manyToOne', target: STAFF },
    /** Withdrawn by a customer rather than decided by staff. */
    cancelledBy: { type: 'relation', relation: 'manyToOne', target: IDENTITY },
    declineReason: { type: 'text', maxLength: 2000 },
    /** The product an accepted order made. */
    product: { type: 'relation', relation: 'manyToOne', target: ca('product') },
  },
  indexes: [
    { name: 'ca_orders_reference_uq', columns: ['reference'], type: 'unique' },
    { name: 'ca_orders_status_idx', columns: ['order_status'] },
  ],
};

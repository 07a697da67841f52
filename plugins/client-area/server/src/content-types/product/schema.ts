import { pluginOptions, ca } from '../options';

export default {
  kind: 'collectionType',
  collectionName: 'ca_products',
  info: { singularName: 'product', pluralName: 'products', displayName: 'Product', description: 'A product or installation of a client' },
  options: { draftAndPublish: false },
  pluginOptions,
  attributes: {
    name: { type: 'string', required: true, maxLength: 200 },
    productType: { type: 'string', maxLength: 100 },
    productStatus: { type: 'enumeration', enum: ['active', 'suspended', 'cancelled'], default: 'active', required: true },
    client: { type: 'relation', relation: 'manyToOne', target: ca('client'), inversedBy: 'products' },
    /** The single member who sets other members' grants on this product. */
    owner: { type: 'relation', relation: 'manyToOne', target: ca('membership'), inversedBy: 'ownedProducts' },
    /** Members this product is made visible to. */
    distributedTo: { type: 'relation', relation: 'manyToMany', target: ca('membership'), inversedBy: 'distributedProducts' },
    tickets: { type: 'relation', relation: 'oneToMany', target: ca('ticket'), mappedBy: 'product' },
    invoiceLines: { type: 'relation', relation: 'oneToMany', target: ca('invoice-line'), mappedBy: 'product' },
  },
};

import { pluginOptions, ca } from '../options';

export default {
  kind: 'collectionType',
  collectionName: 'ca_clients',
  info: { singularName: 'client', pluralName: 'clients', displayName: 'Client', description: 'A customer organisation' },
  options: { draftAndPublish: false },
  pluginOptions,
  attributes: {
    name: { type: 'string', required: true, maxLength: 200 },
    reference: { type: 'string', required: true, unique: true, maxLength: 64 },
    clientStatus: { type: 'enumeration', enum: ['active', 'inactive'], default: 'active', required: true },
    /** The company's details, kept by members holding `profile` (the name and reference are staff's). */
    address: { type: 'text', maxLength: 500 },
    country: { type: 'string', maxLength: 2 },
    vatNumber: { type: 'string', maxLength: 32 },
    phone: { type: 'string', maxLength: 40 },
    website: { type: 'string', maxLength: 200 },
    securityGroup: { type: 'relation', relation: 'manyToOne', target: ca('security-group'), inversedBy: 'clients' },
    memberships: { type: 'relation', relation: 'oneToMany', target: ca('membership'), mappedBy: 'client' },
    contacts: { type: 'relation', relation: 'oneToMany', target: ca('contact'), mappedBy: 'client' },
    products: { type: 'relation', relation: 'oneToMany', target: ca('product'), mappedBy: 'client' },
    invoices: { type: 'relation', relation: 'oneToMany', target: ca('invoice'), mappedBy: 'client' },
    tickets: { type: 'relation', relation: 'oneToMany', target: ca('ticket'), mappedBy: 'client' },
    accessRoles: { type: 'relation', relation: 'oneToMany', target: ca('access-role'), mappedBy: 'client' },
  },
  indexes: [{ name: 'ca_clients_reference_uq', columns: ['reference'], type: 'unique' }],
};

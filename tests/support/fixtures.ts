import crypto from 'crypto';
import type { Core } from '@strapi/strapi';

/**
 * Small builders for test data, written through Strapi's document service so
 * lifecycles and derived keys run as they do in production.
 */
const ca = (name: string) => `plugin::client-area.${name}` as any;
const unique = () => crypto.randomBytes(4).toString('hex');

export const fixtures = (strapi: Core.Strapi) => ({
  async identity(name = `user-${unique()}`) {
    const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'authenticated' } });
    return strapi.documents('plugin::users-permissions.user').create({
      data: { username: name, email: `${name}@example.test`, password: 'Secret-pass-1', provider: 'local', confirmed: true, blocked: false, role: role.id } as any,
    });
  },
  client(name = `Client ${unique()}`) {
    return strapi.documents(ca('client')).create({ data: { name, reference: `REF-${unique()}` } });
  },
  contact(client: { documentId: string }, email = `contact-${unique()}@example.test`) {
    return strapi.documents(ca('contact')).create({ data: { client: client.documentId, email } });
  },
  product(client: { documentId: string }, name = `Product ${unique()}`) {
    return strapi.documents(ca('product')).create({ data: { client: client.documentId, name } });
  },
  membership(client: { documentId: string }, identity: { documentId: string }, kind: 'master' | 'sub-account' = 'sub-account') {
    return strapi.documents(ca('membership')).create({ data: { client: client.documentId, identity: identity.documentId, kind } });
  },
  grant(membership: { documentId: string }, section: string, product?: { documentId: string }) {
    return strapi.documents(ca('grant')).create({ data: { membership: membership.documentId, section, product: product?.documentId ?? null } });
  },
});

/** Counts rows of a content type straight from the database. */
export const countRows = (strapi: Core.Strapi, name: string) => strapi.db.query(ca(name)).count();

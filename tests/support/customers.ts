import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { fixtures } from './fixtures';

export const PASSWORD = 'Secret-pass-1';
const api = (path: string) => `/api/client-area${path}`;

/** A logged-in customer: its identity, JWT and a request helper that carries both. */
export interface Customer {
  identity: any;
  jwt: string;
  /** Relationship tokens sent with every request, per client documentId. */
  tokens: Record<string, string>;
  get(path: string): request.Test;
  post(path: string, body?: object): request.Test;
  put(path: string, body?: object): request.Test;
  del(path: string): request.Test;
}

export async function login(server: any, identity: any): Promise<Customer> {
  const res = await request(server).post('/api/auth/local').send({ identifier: identity.username, password: PASSWORD }).expect(200);
  const customer: Customer = {
    identity,
    jwt: res.body.jwt,
    tokens: {},
    get: (path) => withAuth(request(server).get(api(path))),
    post: (path, body) => withAuth(request(server).post(api(path))).send(body ?? {}),
    put: (path, body) => withAuth(request(server).put(api(path))).send(body ?? {}),
    del: (path) => withAuth(request(server).delete(api(path))),
  };
  function withAuth(test: request.Test) {
    test.set('Authorization', `Bearer ${customer.jwt}`);
    const tokens = Object.values(customer.tokens);
    if (tokens.length) test.set('X-Relationship-Token', tokens.join(','));
    return test;
  }
  return customer;
}

/**
 * A client with a master and builders for sub-accounts, through the plugin's own
 * services (relationship passwords included).
 */
export async function clientWorld(strapi: Core.Strapi, server: any) {
  const make = fixtures(strapi);
  const client = await make.client();
  const memberships = strapi.plugin('client-area').service('memberships');
  const masterIdentity = await make.identity();
  const masterContact = await make.contact(client, masterIdentity.email);
  const { membership: masterMembership } = await memberships.create({
    client: client.documentId,
    identity: masterIdentity.documentId,
    kind: 'master',
    contact: masterContact.documentId,
  });
  return {
    client,
    masterMembership,
    master: () => login(server, masterIdentity),
    product: (name?: string) => make.product(client, name),
    /** A sub-account with these grants (product: a product document); returns it logged in, with its relationship password. */
    async subAccount(grants: Array<{ section: string; product?: { documentId: string } }> = [], options: { parent?: any; identity?: any; withContact?: boolean } = {}) {
      const identity = options.identity ?? (await make.identity());
      // A contact record (the identity's email) lets the member open tickets as itself.
      const contact = options.withContact ? await make.contact(client, identity.email) : null;
      const { membership, relationshipPassword } = await memberships.create({
        client: client.documentId,
        identity: identity.documentId,
        kind: 'sub-account',
        contact: contact?.documentId ?? null,
        parent: options.parent?.documentId ?? null,
        grants: grants.map((grant) => ({ section: grant.section, product: grant.product?.documentId ?? null })),
      });
      const customer = await login(server, identity);
      return { customer, membership, contact, relationshipPassword: relationshipPassword as string };
    },
  };
}

/** Gives the relationship password and keeps the session token on the customer. */
export async function enter(customer: Customer, client: { documentId: string }, relationshipPassword: string) {
  const res = await customer.post(`/clients/${client.documentId}/session`, { relationshipPassword }).expect(201);
  customer.tokens[client.documentId] = res.body.data.token;
  return res.body.data;
}

/** A sub-account of the world's client, already past its relationship password. */
export async function enteredSubAccount(world: Awaited<ReturnType<typeof clientWorld>>, ...args: Parameters<Awaited<ReturnType<typeof clientWorld>>['subAccount']>) {
  const sub = await world.subAccount(...args);
  await enter(sub.customer, world.client, sub.relationshipPassword);
  return sub;
}

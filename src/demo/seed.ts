import type { Core } from '@strapi/strapi';
import {
  CATALOGUE,
  CATEGORY,
  CLIENTS,
  DEMO_ADMIN,
  DEMO_PASSWORD,
  IDENTITIES,
  INVOICES,
  MEMBERSHIPS,
  SECONDARY_LOGON,
  SECURITY_GROUP,
  TICKETS,
  type ClientRef,
  type Username,
} from './data';

/**
 * Seeds the demo world. Every record is looked up by its natural key first, so
 * running it again changes nothing. Relationship passwords are shown only when
 * the membership is created (they are stored hashed).
 */
export interface DemoReport {
  admin: { email: string; password: string; created: boolean };
  identities: Array<{ username: string; email: string; password: string; note: string }>;
  relationshipPasswords: Array<{ username: string; client: string; password: string }>;
  created: number;
}

const ca = (name: string) => `plugin::client-area.${name}` as any;

export async function seedDemo(strapi: Core.Strapi): Promise<DemoReport> {
  let created = 0;
  const ensure = async (uid: any, filters: Record<string, unknown>, data: Record<string, unknown>) => {
    const existing = await strapi.documents(uid).findFirst({ filters } as any);
    if (existing) return existing;
    created += 1;
    return strapi.documents(uid).create({ data } as any);
  };

  const admin = await ensureAdmin(strapi);
  if (admin) created += 1;

  const authenticated = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'authenticated' } });
  const users = {} as Record<Username, any>;
  for (const identity of IDENTITIES) {
    const existing = await strapi.db.query('plugin::users-permissions.user').findOne({ where: { username: identity.username } });
    if (existing) {
      users[identity.username] = existing;
      continue;
    }
    created += 1;
    users[identity.username] = await strapi.plugin('users-permissions').service('user').add({
      username: identity.username,
      email: identity.email,
      password: DEMO_PASSWORD,
      provider: 'local',
      confirmed: true,
      blocked: false,
      role: authenticated.id,
    });
  }

  const clients = {} as Record<ClientRef, any>;
  const products: Record<string, any> = {};
  for (const client of CLIENTS) {
    clients[client.reference] = await ensure(ca('client'), { reference: client.reference }, { name: client.name, reference: client.reference });
    for (const name of client.products) {
      products[name] = await ensure(ca('product'), { client: { documentId: clients[client.reference].documentId }, name }, { client: clients[client.reference].documentId, name, productType: 'managed-service' });
    }
  }

  const emailOf = (username: Username) => IDENTITIES.find((identity) => identity.username === username)!.email;
  const contactOf = (client: ClientRef, username: Username) =>
    ensure(
      ca('contact'),
      { client: { documentId: clients[client].documentId }, email: emailOf(username) },
      { client: clients[client].documentId, email: emailOf(username), firstName: username[0].toUpperCase() + username.slice(1), emailInvoices: true },
    );

  const relationshipPasswords: DemoReport['relationshipPasswords'] = [];
  const memberships: Record<string, any> = {};
  for (const spec of MEMBERSHIPS) {
    const contact = await contactOf(spec.client, spec.username);
    const key = `${spec.client}:${spec.username}`;
    const existing = await strapi.documents(ca('membership')).findFirst({
      filters: { client: { documentId: clients[spec.client].documentId }, identity: { id: users[spec.username].id } },
    } as any);
    if (existing) {
      memberships[key] = existing;
      continue;
    }
    created += 1;
    const master = MEMBERSHIPS.find((m) => m.client === spec.client && m.kind === 'master');
    const { membership, relationshipPassword } = await strapi.plugin('client-area').service('memberships').create({
      client: clients[spec.client].documentId,
      identity: users[spec.username].documentId,
      kind: spec.kind,
      contact: contact.documentId,
      parent: spec.kind === 'master' || !master ? null : memberships[`${spec.client}:${master.username}`]?.documentId ?? null,
      grants: (spec.grants ?? []).map((grant) => ({ section: grant.section, product: grant.product ? products[grant.product].documentId : null })),
    });
    memberships[key] = membership;
    if (relationshipPassword) relationshipPasswords.push({ username: spec.username, client: spec.client, password: relationshipPassword });
  }

  // Products are owned by their client's master and distributed to the sub-accounts granted on them.
  for (const client of CLIENTS) {
    const master = MEMBERSHIPS.find((m) => m.client === client.reference && m.kind === 'master')!;
    for (const name of client.products) {
      if (products[name].owner) continue;
      const distributedTo = MEMBERSHIPS.filter((m) => m.client === client.reference && m.grants?.some((g) => g.product === name)).map(
        (m) => memberships[`${m.client}:${m.username}`].documentId,
      );
      const current = await strapi.documents(ca('product')).findOne({ documentId: products[name].documentId, populate: ['owner'] } as any);
      if (current?.owner) continue;
      await strapi.documents(ca('product')).update({
        documentId: products[name].documentId,
        data: { owner: memberships[`${client.reference}:${master.username}`].documentId, distributedTo },
      } as any);
    }
  }

  const category = await ensure(ca('user-category'), { name: CATEGORY.name }, { name: CATEGORY.name, description: CATEGORY.description });
  for (const username of CATEGORY.members) {
    const client = MEMBERSHIPS.find((m) => m.username === username && m.kind === 'master')!.client;
    const contact = await contactOf(client, username);
    await strapi.documents(ca('contact')).update({ documentId: contact.documentId, data: { categories: { connect: [category.documentId] } } } as any);
  }
  const readerClient = MEMBERSHIPS.find((m) => m.username === CATEGORY.reader)!.client;
  const reader = await contactOf(readerClient, CATEGORY.reader);
  await strapi.documents(ca('contact')).update({ documentId: reader.documentId, data: { groupReadCategory: category.documentId } } as any);

  const owner = users[SECURITY_GROUP.owner];
  await ensure(ca('security-group'), { owner: { id: owner.id }, isDefault: true }, { name: 'Default', owner: owner.documentId, isDefault: true });
  const group = await ensure(ca('security-group'), { owner: { id: owner.id }, name: SECURITY_GROUP.name }, { name: SECURITY_GROUP.name, owner: owner.documentId });
  for (const client of SECURITY_GROUP.clients) {
    await strapi.documents(ca('client')).update({ documentId: clients[client].documentId, data: { securityGroup: group.documentId } } as any);
  }
  await ensure(
    ca('secondary-logon'),
    { owner: { id: users[SECONDARY_LOGON.owner].id }, logon: { id: users[SECONDARY_LOGON.logon].id } },
    { owner: users[SECONDARY_LOGON.owner].documentId, logon: users[SECONDARY_LOGON.logon].documentId, securityGroups: [group.documentId], sections: SECONDARY_LOGON.sections },
  );

  /** Thirty days after the invoice. */
  const dueOn = (issuedOn: string) => new Date(Date.parse(`${issuedOn}T00:00:00Z`) + 29 * 86_400_000).toISOString().slice(0, 10);
  for (const invoice of INVOICES) {
    const existing = await strapi.documents(ca('invoice')).findFirst({ filters: { number: invoice.number } } as any);
    if (existing) continue;
    created += 1;
    await strapi.db.transaction(async () => {
      const total = invoice.lines.reduce((sum, [, , quantity, price]) => sum + Number(quantity) * Number(price), 0);
      const row = await strapi.documents(ca('invoice')).create({
        data: { number: invoice.number, client: clients[invoice.client].documentId, invoiceStatus: invoice.status, issuedOn: invoice.issuedOn, dueOn: dueOn(invoice.issuedOn), currency: 'EUR', total },
      } as any);
      for (const [product, description, quantity, unitPrice] of invoice.lines) {
        await strapi.documents(ca('invoice-line')).create({
          data: { invoice: row.documentId, product: product === null ? null : products[product].documentId, description, quantity, unitPrice, amount: Number(quantity) * Number(unitPrice) },
        } as any);
      }
    });
  }

  for (const item of CATALOGUE) await ensure(ca('catalogue-item'), { name: item.name }, { ...item, currency: 'EUR', available: true });

  for (const ticket of TICKETS) {
    const existing = await strapi.documents(ca('ticket')).findFirst({ filters: { reference: ticket.reference } } as any);
    if (existing) continue;
    created += 1;
    const requester = await contactOf(ticket.client, ticket.requester);
    // Past conversations: written as history, they mail nobody.
    await strapi.plugin('client-area').service('tickets').writeHistory(() => strapi.db.transaction(async () => {
      const row = await strapi.documents(ca('ticket')).create({
        data: {
          reference: ticket.reference,
          subject: ticket.subject,
          client: clients[ticket.client].documentId,
          product: products[ticket.product].documentId,
          requester: requester.documentId,
          channel: 'portal',
          ticketStatus: ticket.messages.length > 1 ? 'answered' : 'open',
          lastMessageAt: new Date().toISOString(),
        },
      } as any);
      for (const [authorType, body] of ticket.messages) {
        await strapi.documents(ca('ticket-message')).create({
          data: {
            ticket: row.documentId,
            authorType,
            body,
            authorIdentity: authorType === 'customer' ? users[ticket.requester].documentId : null,
            authorContact: authorType === 'customer' ? requester.documentId : null,
          },
        } as any);
      }
    }));
  }

  return {
    admin: { email: DEMO_ADMIN.email, password: DEMO_ADMIN.password, created: Boolean(admin) },
    identities: IDENTITIES.map((identity) => ({ ...identity, password: DEMO_PASSWORD })),
    relationshipPasswords,
    created,
  };
}

/** Creates the demo super admin unless an admin exists already. */
async function ensureAdmin(strapi: Core.Strapi) {
  const users = strapi.service('admin::user');
  if (await users.exists({ email: DEMO_ADMIN.email })) return null;
  if (await users.exists()) return null;
  return users.createFirstAdmin({ ...DEMO_ADMIN });
}

import type { Core } from '@strapi/strapi';
import { can, sectionsIn, type AccessFacts } from '../access';
import { loadFacts, type ClientAreaState } from '../policies/client-access';
import { clientSearch, parse } from '../validation';

const CLIENT = 'plugin::client-area.client' as any;
const MASTER = { memberships: { where: { kind: 'master', membershipStatus: { $ne: 'removed' } }, select: ['documentId', 'membershipStatus'], populate: { identity: { select: ['username', 'email'] } } } };

/** A client as staff list it: its master's login with it. */
const staffDto = (client: any) => {
  const master = client.memberships?.[0];
  return {
    documentId: client.documentId,
    name: client.name,
    reference: client.reference,
    status: client.clientStatus,
    createdAt: client.createdAt,
    master: master ? { documentId: master.documentId, login: master.identity?.username ?? null, email: master.identity?.email ?? null, status: master.membershipStatus } : null,
  };
};

/** Clients by name, reference, a contact's email or a member's login (removed members don't count). */
export const clientsMatching = (q: string) =>
  q
    ? {
        $or: [
          { name: { $containsi: q } },
          { reference: { $containsi: q } },
          { contacts: { email: { $containsi: q } } },
          { memberships: { membershipStatus: { $ne: 'removed' }, identity: { $or: [{ username: { $containsi: q } }, { email: { $containsi: q } }] } } },
        ],
      }
    : {};

/** Counts of what a client holds, for staff's client page. */
const COUNTED: Array<[string, string, Record<string, unknown>]> = [
  ['members', 'membership', { membershipStatus: { $ne: 'removed' } }],
  ['contacts', 'contact', {}],
  ['products', 'product', {}],
  ['invoices', 'invoice', {}],
  ['openTickets', 'ticket', { ticketStatus: { $ne: 'closed' } }],
];

/** How the caller is related to a client, for the menu of clients. */
function relationTo(facts: AccessFacts, clientId: number) {
  const own = facts.memberships.find((m) => m.identityId === facts.identityId && m.clientId === clientId);
  if (own) {
    return {
      relation: own.kind,
      status: own.status,
      relationshipPasswordRequired: own.kind !== 'master' && !own.passwordVerified,
    };
  }
  return { relation: 'secondary-logon', status: 'active', relationshipPasswordRequired: false };
}

const productsFor = (facts: AccessFacts, clientId: number, products: any[]) =>
  products
    .map((product) => ({
      documentId: product.documentId,
      name: product.name,
      productType: product.productType ?? null,
      status: product.productStatus,
      sections: facts.sections
        .filter((section) => section.productScoped && can(facts, { section: section.name, clientId, productId: product.id }).allowed)
        .map((section) => section.name),
    }))
    .filter((product) => product.sections.length > 0);

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** Every client the caller belongs to or reaches as a secondary logon, with its sections there. */
  async list(ctx) {
    const facts = await loadFacts(strapi, ctx);
    const own = facts.memberships.filter((m) => m.identityId === facts.identityId && m.status !== 'removed').map((m) => m.clientId);
    const reached = [...new Set([...own, ...facts.memberships.map((m) => m.clientId).filter((id) => sectionsIn(facts, id).length > 0)])];
    const clients = reached.length ? await strapi.db.query(CLIENT).findMany({ where: { id: { $in: reached } }, orderBy: { name: 'asc' } }) : [];
    ctx.body = {
      data: clients.map((client: any) => ({
        documentId: client.documentId,
        name: client.name,
        reference: client.reference,
        ...relationTo(facts, client.id),
        sections: sectionsIn(facts, client.id),
      })),
    };
  },

  /** Staff: clients by name, reference, a contact's email or a member's login; paged, by name. */
  async staffSearch(ctx) {
    const { q, page, pageSize } = parse(clientSearch, ctx.query);
    const where = clientsMatching(q);
    const [rows, total] = await Promise.all([
      strapi.db.query(CLIENT).findMany({ where, orderBy: [{ name: 'asc' }, { id: 'asc' }], offset: (page - 1) * pageSize, limit: pageSize, populate: MASTER }),
      strapi.db.query(CLIENT).count({ where }),
    ]);
    ctx.body = { data: rows.map(staffDto), meta: { page, pageSize, total } };
  },

  /** Staff: one client with its master and what it holds. */
  async staffShow(ctx) {
    const { client } = ctx.state.clientArea as ClientAreaState;
    const full = await strapi.db.query(CLIENT).findOne({ where: { id: client.id }, populate: MASTER });
    const counts = await Promise.all(
      COUNTED.map(([, type, where]) => strapi.db.query(`plugin::client-area.${type}` as any).count({ where: { ...where, client: { id: client.id } } })),
    );
    ctx.body = { data: { ...staffDto(full), counts: Object.fromEntries(COUNTED.map(([name], i) => [name, counts[i]])) } };
  },

  /** One client: the caller's sections and the products it sees, with its sections on each. */
  async show(ctx) {
    const { client, facts } = ctx.state.clientArea as ClientAreaState;
    const products = await strapi.db.query('plugin::client-area.product' as any).findMany({ where: { client: { id: client.id } }, orderBy: { name: 'asc' } });
    const full = await strapi.db.query(CLIENT).findOne({ where: { id: client.id } });
    ctx.body = {
      data: {
        documentId: full.documentId,
        name: full.name,
        reference: full.reference,
        clientStatus: full.clientStatus,
        ...relationTo(facts, client.id),
        sections: sectionsIn(facts, client.id),
        // Held for the whole client, not only on some products: what is tied to no product (a ticket about no product, say).
        clientWideSections: facts.sections.filter((section) => can(facts, { section: section.name, clientId: client.id }).allowed).map((section) => section.name),
        products: productsFor(facts, client.id, products),
      },
    };
  },
});

import type { Core } from '@strapi/strapi';
import { can, sectionsIn, type AccessFacts } from '../access';
import { loadFacts, type ClientAreaState } from '../policies/client-access';

const CLIENT = 'plugin::client-area.client' as any;

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
        products: productsFor(facts, client.id, products),
      },
    };
  },
});

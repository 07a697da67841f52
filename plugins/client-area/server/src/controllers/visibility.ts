import type { Core } from '@strapi/strapi';
import { can, canSeeInvoice, type AccessFacts } from '../access';
import { findByDocumentId } from '../lookup';
import type { Audience } from '../services/visibility';

/** Staff (admin API): who can see a ticket, a product or an invoice, and by which rule. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const service = (name: string) => strapi.plugin('client-area').service(name);
  const answer = async (ctx: any, subject: Record<string, unknown>, audience: Audience) => {
    ctx.body = { data: { subject, people: await service('visibility').whoCanSee(audience) } };
  };

  return {
    async ticket(ctx) {
      const ticket = await service('tickets').find(ctx.params.reference);
      await answer(
        ctx,
        { type: 'ticket', reference: ticket.reference, title: ticket.subject, client: ticket.client?.name ?? null },
        {
          clientId: ticket.client?.id,
          check: (facts: AccessFacts) => service('tickets').canSee(facts, ticket),
          readerCategoryIds: (ticket.requester?.categories ?? []).map((c: any) => c.id),
        },
      );
    },

    async product(ctx) {
      const product = await findByDocumentId(strapi, 'plugin::client-area.product', ctx.params.productId, 'Product not found', { populate: { client: { select: ['id', 'name'] } } });
      await answer(
        ctx,
        { type: 'product', documentId: product.documentId, title: product.name, client: product.client?.name ?? null },
        { clientId: product.client?.id, check: (facts: AccessFacts) => can(facts, { section: 'products', clientId: product.client?.id, productId: product.id }) },
      );
    },

    async invoice(ctx) {
      const invoice = await findByDocumentId(strapi, 'plugin::client-area.invoice', ctx.params.invoiceId, 'Invoice not found', {
        populate: { client: { select: ['id', 'name'] }, lines: { select: ['id'], populate: { product: { select: ['id'] } } } },
      });
      // Rule 4: each line belongs to its product; whoever sees one line sees the invoice.
      const lineProductIds = (invoice.lines ?? []).sort((a: any, b: any) => a.id - b.id).map((line: any) => line.product?.id ?? null);
      await answer(
        ctx,
        { type: 'invoice', documentId: invoice.documentId, title: invoice.number, client: invoice.client?.name ?? null },
        { clientId: invoice.client?.id, check: (facts: AccessFacts) => canSeeInvoice(facts, { clientId: invoice.client?.id, lineProductIds }) },
      );
    },
  };
};

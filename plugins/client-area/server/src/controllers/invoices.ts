import type { Core } from '@strapi/strapi';
import { parse, invoiceQuery, payment } from '../validation';
import type { ClientAreaState } from '../policies/client-access';
import { requestSignal } from '../queries/links';
import { invoicePdf } from '../invoice-pdf';
import { forbidden } from '../errors';

/** A client's invoices (billing section), for its members and, through the staff twins, for staff. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const invoices = () => strapi.plugin('client-area').service('invoices');
  const viewerOf = (state: ClientAreaState) => ({ facts: state.facts, staff: Boolean(state.staff) });

  return {
    async list(ctx) {
      const state = ctx.state.clientArea as ClientAreaState;
      const query = parse(invoiceQuery, ctx.query);
      const { invoices: data, total } = await invoices().list(viewerOf(state), state.client.id, query, requestSignal(ctx));
      ctx.body = { data, meta: { page: query.page, pageSize: query.pageSize, total } };
    },

    async show(ctx) {
      const state = ctx.state.clientArea as ClientAreaState;
      ctx.body = { data: await invoices().show(viewerOf(state), state.client.id, String(ctx.params.invoiceId)) };
    },

    /** The ways to pay an invoice, whether it is unpaid, and whether a payment was already announced. */
    async paymentOptions(ctx) {
      const state = ctx.state.clientArea as ClientAreaState;
      ctx.body = { data: await strapi.plugin('client-area').service('payments').options(state.staff ? null : state.facts, state.client.id, String(ctx.params.invoiceId)) };
    },

    /** Pays an invoice with one way to pay: its instructions, or the page to go to. */
    async pay(ctx) {
      const state = ctx.state.clientArea as ClientAreaState;
      if (state.staff) throw forbidden("Staff don't pay a customer's invoice: set it paid when the money arrives");
      const { provider } = parse(payment, ctx.request.body);
      const started = await strapi.plugin('client-area').service('payments').start(state.facts, state.client, String(ctx.params.invoiceId), provider, ctx.state.user.id);
      ctx.status = 201;
      ctx.body = { data: started };
    },

    /** The same invoice, as its reader may see it, as a PDF to download. */
    async pdf(ctx) {
      const state = ctx.state.clientArea as ClientAreaState;
      const invoice = await invoices().show(viewerOf(state), state.client.id, String(ctx.params.invoiceId));
      const client = await strapi.db.query('plugin::client-area.client' as any).findOne({ where: { id: state.client.id }, select: ['name', 'reference', 'address', 'country', 'vatNumber'] });
      const contact = `Questions about this invoice: ${strapi.plugin('client-area').config('supportAddress')}`;
      ctx.set('Content-Type', 'application/pdf');
      ctx.set('Content-Disposition', `attachment; filename="invoice-${invoice.number.replace(/[^A-Za-z0-9._-]/g, '_')}.pdf"`);
      ctx.set('Cache-Control', 'private, no-store');
      ctx.body = await invoicePdf(invoice, client, contact);
    },
  };
};

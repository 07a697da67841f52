import type { Core } from '@strapi/strapi';
import { parse, invoiceQuery } from '../validation';
import type { ClientAreaState } from '../policies/client-access';
import { requestSignal } from '../queries/links';

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
  };
};

import type { Core } from '@strapi/strapi';
import { parse, categoryMail } from '../validation';

/** Staff (admin API): send an invoice to its invoice contacts; mail a whole user category. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const mailings = () => strapi.plugin('client-area').service('mailings');
  return {
    async sendInvoice(ctx) {
      const recipients = await mailings().sendInvoice(ctx.params.invoiceId, ctx.state.user.id);
      ctx.status = 202;
      ctx.body = { data: { recipients } };
    },
    async mailCategory(ctx) {
      const input = parse(categoryMail, ctx.request.body);
      const recipients = await mailings().mailCategory(ctx.params.categoryId, input, ctx.state.user.id);
      ctx.status = 202;
      ctx.body = { data: { recipients } };
    },
  };
};

import type { Core } from '@strapi/strapi';
import { parse, newOrder, orderQuery, orderAcceptance, orderDecline } from '../validation';
import { callerOf } from '../caller';

/** Orders: a client's, for its members with `orders` (and staff through the twins); staff's queue and decisions. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const orders = () => strapi.plugin('client-area').service('orders');

  return {
    /** What is on offer, and whom the caller may have the product shown to. */
    async form(ctx) {
      ctx.body = { data: await orders().form(callerOf(strapi, ctx)) };
    },

    async list(ctx) {
      const query = parse(orderQuery, ctx.query);
      const { orders: data, total } = await orders().list(callerOf(strapi, ctx), query);
      ctx.body = { data, meta: { page: query.page, pageSize: query.pageSize, total } };
    },

    async place(ctx) {
      const body = parse(newOrder, ctx.request.body);
      ctx.status = 201;
      ctx.body = { data: await orders().place(callerOf(strapi, ctx), ctx.state.user.id, body) };
    },

    async cancel(ctx) {
      const caller = callerOf(strapi, ctx);
      ctx.body = { data: await orders().cancel(caller, caller.staff ? null : ctx.state.user.id, String(ctx.params.orderId)) };
    },

    /** Staff: every client's orders, the pending ones oldest first. */
    async queue(ctx) {
      const query = parse(orderQuery, ctx.query);
      const { orders: data, total } = await orders().queue(query);
      ctx.body = { data, meta: { page: query.page, pageSize: query.pageSize, total } };
    },

    async staffShow(ctx) {
      ctx.body = { data: await orders().staffShow(String(ctx.params.orderId)) };
    },

    async accept(ctx) {
      const choice = parse(orderAcceptance, ctx.request.body);
      ctx.body = { data: await orders().accept(String(ctx.params.orderId), ctx.state.user.id, choice, ctx) };
    },

    async decline(ctx) {
      const { reason } = parse(orderDecline, ctx.request.body);
      ctx.body = { data: await orders().decline(String(ctx.params.orderId), ctx.state.user.id, reason, ctx) };
    },
  };
};

import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { canDistribute, canTakeOwnership, scopes } from '../access';
import { forbidden } from '../errors';
import { parse, distribution } from '../validation';
import { callerOf } from '../caller';
import type { ClientAreaState } from '../policies/client-access';
import { findByDocumentId } from '../lookup';

const PRODUCT = 'plugin::client-area.product' as any;
const MEMBERSHIP = 'plugin::client-area.membership' as any;

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const find = (clientId: number, documentId: string) =>
    findByDocumentId(strapi, PRODUCT, documentId, 'Product not found', { where: { client: { id: clientId } }, populate: { owner: { select: ['id', 'documentId'] } } });
  const audit = (ctx: any, action: string, productId: number, details?: Record<string, unknown>) =>
    strapi.plugin('client-area').service('audit').record({
      action,
      clientId: ctx.state.clientArea.client.id,
      subjectType: 'product',
      subjectId: productId,
      details,
      ...callerOf(strapi, ctx).audit,
    });

  return {
    /** The products the caller may view in this client: the list agrees with the single check. */
    async list(ctx) {
      const state = ctx.state.clientArea as ClientAreaState;
      const scope = state.staff ? { productIds: 'all' as const } : scopes(state.facts, 'products').find((s) => s.clientId === state.client.id);
      const where: Record<string, unknown> = { client: { id: state.client.id } };
      if (scope && scope.productIds !== 'all') where.id = { $in: scope.productIds };
      const rows = scope ? await strapi.db.query(PRODUCT).findMany({ where, populate: { owner: { select: ['id', 'documentId'] } }, orderBy: { name: 'asc' } }) : [];
      ctx.body = {
        data: rows.map((p: any) => ({
          documentId: p.documentId,
          name: p.name,
          productType: p.productType ?? null,
          status: p.productStatus,
          owner: p.owner?.documentId ?? null,
          ownedByYou: p.owner ? p.owner.id === state.membershipId : false,
        })),
      };
    },

    /** "Put under management": the caller's membership becomes the product's owner (rule 7). */
    async take(ctx) {
      const state = ctx.state.clientArea as ClientAreaState;
      const product = await find(state.client.id, ctx.params.productId);
      const decision = canTakeOwnership(state.facts, { actor: callerOf(strapi, ctx).actor(), productId: product.id });
      if (!decision.allowed) throw forbidden(decision.reason);
      await strapi.db.transaction(async () => {
        // Staff put a product under the master's management.
        const owner = state.membershipId ?? state.facts.memberships.find((m) => m.clientId === state.client.id && m.kind === 'master')?.id ?? null;
        await strapi.db.query(PRODUCT).update({ where: { id: product.id }, data: { owner } });
        await audit(ctx, 'product.taken', product.id, { previousOwner: product.owner?.documentId ?? null });
      });
      ctx.body = { data: { documentId: product.documentId, ownedByYou: true } };
    },

    /** Makes a product visible to a member (rule 7). */
    async distribute(ctx) {
      const state = ctx.state.clientArea as ClientAreaState;
      const product = await find(state.client.id, ctx.params.productId);
      const { member } = parse(distribution, ctx.request.body);
      const target = await strapi.db.query(MEMBERSHIP).findOne({ where: { documentId: member, client: { id: state.client.id } }, select: ['id'] });
      if (!target) throw new errors.ValidationError('member: no such member in this client');
      const decision = canDistribute(state.facts, { actor: callerOf(strapi, ctx).actor(), productId: product.id, membershipId: target.id });
      if (!decision.allowed) throw forbidden(decision.reason);
      await strapi.db.transaction(async () => {
        await strapi.db.query(PRODUCT).update({ where: { id: product.id }, data: { distributedTo: { connect: [target.id] } } });
        await audit(ctx, 'product.distributed', product.id, { member });
      });
      ctx.body = { data: { documentId: product.documentId, distributedTo: member } };
    },
  };
};

import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { canDistribute, canRelease, canTakeOwnership, canUndistribute, descendants, scopes, type Actor, type Decision } from '../access';
import { forbidden } from '../errors';
import { parse, distribution } from '../validation';
import { actsAsMaster, callerOf } from '../caller';
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

  /** The members a caller might show a product to: for the master and staff every sub-account; for a sub-account holding contacts, those below it. */
  const distributionCandidates = async (state: ClientAreaState, actor: Actor) => {
    const rows = await strapi.db.query(MEMBERSHIP).findMany({
      where: { client: { id: state.client.id }, kind: 'sub-account', membershipStatus: { $ne: 'removed' } },
      select: ['id', 'documentId'],
      populate: { identity: { select: ['username', 'email'] } },
      orderBy: { id: 'asc' },
    });
    const all = rows.map((r: any) => ({ id: r.id as number, documentId: r.documentId as string, login: (r.identity?.username ?? r.identity?.email ?? r.documentId) as string }));
    if (actor.kind === 'staff' || actsAsMaster(state)) return all;
    const own = state.membershipId!;
    const below = new Set(descendants(state.facts, own));
    return all.filter((m) => below.has(m.id));
  };

  /** Shows a product to a member (`on`) or hides it from one, as the engine allows (rule 7); audited. */
  const changeDistribution = async (ctx: any, on: boolean) => {
    const state = ctx.state.clientArea as ClientAreaState;
    const product = await find(state.client.id, ctx.params.productId);
    const { member } = parse(distribution, ctx.request.body);
    const target = await strapi.db.query(MEMBERSHIP).findOne({ where: { documentId: member, client: { id: state.client.id } }, select: ['id'] });
    if (!target) throw new errors.ValidationError('member: no such member in this client');
    const request = { actor: callerOf(strapi, ctx).actor(), productId: product.id, membershipId: target.id };
    const decision = on ? canDistribute(state.facts, request) : canUndistribute(state.facts, request);
    if (!decision.allowed) throw forbidden(decision.reason);
    await strapi.db.transaction(async () => {
      await strapi.db.query(PRODUCT).update({ where: { id: product.id }, data: { distributedTo: on ? { connect: [target.id] } : { disconnect: [target.id] } } });
      await audit(ctx, on ? 'product.distributed' : 'product.undistributed', product.id, { member });
    });
    return { product, member };
  };

  return {
    /**
     * The products the caller may view in this client: the list agrees with the single
     * check. Each says who manages it, whether the caller may take or release it, and —
     * for a caller who manages members (the master, staff, a holder of `contacts`) — each
     * member it may show the product to or hide it from, with the engine's decision.
     */
    async list(ctx) {
      const state = ctx.state.clientArea as ClientAreaState;
      const scope = state.staff ? { productIds: 'all' as const } : scopes(state.facts, 'products').find((s) => s.clientId === state.client.id);
      const where: Record<string, unknown> = { client: { id: state.client.id } };
      if (scope && scope.productIds !== 'all') where.id = { $in: scope.productIds };
      const rows = scope
        ? await strapi.db.query(PRODUCT).findMany({ where, populate: { owner: { select: ['id', 'documentId'], populate: { identity: { select: ['username', 'email'] } } }, distributedTo: { select: ['id', 'documentId'] } }, orderBy: { name: 'asc' } })
        : [];
      const actor: Actor | null = state.staff ? { kind: 'staff' } : state.membershipId === null ? null : { kind: 'membership', membershipId: state.membershipId };
      const refused: Decision = { allowed: false, reason: "a secondary logon can't manage this client" };
      // Whom the caller could distribute to at all: the members below it (or every member, for the master and staff).
      const members = actor ? await distributionCandidates(state, actor) : [];
      ctx.body = {
        data: rows.map((p: any) => {
          const distributedTo = new Set((p.distributedTo ?? []).map((m: any) => m.id));
          return {
            documentId: p.documentId,
            name: p.name,
            productType: p.productType ?? null,
            status: p.productStatus,
            owner: p.owner?.documentId ?? null,
            ownerLogin: p.owner ? p.owner.identity?.username ?? p.owner.identity?.email ?? null : null,
            ownedByYou: p.owner ? p.owner.id === state.membershipId : false,
            can: {
              take: actor ? canTakeOwnership(state.facts, { actor, productId: p.id }) : refused,
              release: actor ? canRelease(state.facts, { actor, productId: p.id }) : refused,
            },
            distribution: members.map((m) => {
              const distributed = distributedTo.has(m.id);
              const request = { actor: actor!, productId: p.id, membershipId: m.id };
              return { member: m.documentId, login: m.login, distributed, can: distributed ? canUndistribute(state.facts, request) : canDistribute(state.facts, request) };
            }),
          };
        }),
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
      const { product, member } = await changeDistribution(ctx, true);
      ctx.body = { data: { documentId: product.documentId, distributedTo: member } };
    },

    /** Rule 7, "release first": the owner (or the master, or staff) hands the product back; it stays distributed. */
    async release(ctx) {
      const state = ctx.state.clientArea as ClientAreaState;
      const product = await find(state.client.id, ctx.params.productId);
      const decision = canRelease(state.facts, { actor: callerOf(strapi, ctx).actor(), productId: product.id });
      if (!decision.allowed) throw forbidden(decision.reason);
      await strapi.db.transaction(async () => {
        await strapi.db.query(PRODUCT).update({ where: { id: product.id }, data: { owner: null } });
        await audit(ctx, 'product.released', product.id, { previousOwner: product.owner?.documentId ?? null });
      });
      ctx.body = { data: { documentId: product.documentId, owner: null } };
    },

    /** Hides a product from a member it was distributed to (rule 7). */
    async undistribute(ctx) {
      const { product, member } = await changeDistribution(ctx, false);
      ctx.body = { data: { documentId: product.documentId, undistributedFrom: member } };
    },
  };
};

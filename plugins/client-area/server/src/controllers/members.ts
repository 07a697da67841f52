import { noStore } from './no-store';
import type { Core } from '@strapi/strapi';
import { canRemove, canRestore, canSuspend, checkGrantChange, effectiveGrants, grantToggles, scopes, type Actor, type Decision, type Grant } from '../access';
import { parse, grantList, removal, reparenting } from '../validation';
import type { ClientAreaState } from '../policies/client-access';
import { actsAsMaster, callerOf } from '../caller';

const MEMBERSHIP = 'plugin::client-area.membership' as any;
const POPULATE = {
  identity: { select: ['id', 'username', 'email'] },
  contact: { select: ['documentId'] },
  parent: { select: ['documentId'] },
  accessRole: { select: ['documentId', 'name'] },
  grants: { populate: { product: { select: ['id', 'documentId'] } } },
};

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const service = (name: string) => strapi.plugin('client-area').service(name);

  /** What a customer may see of a membership: never its password hash, never other clients. */
  const toDto = (membership: any, state: ClientAreaState) => ({
    documentId: membership.documentId,
    kind: membership.kind,
    status: membership.membershipStatus,
    identity: { username: membership.identity?.username ?? null, email: membership.identity?.email ?? null },
    contact: membership.contact?.documentId ?? null,
    parent: membership.parent?.documentId ?? null,
    role: membership.accessRole ? { documentId: membership.accessRole.documentId, name: membership.accessRole.name } : 'custom',
    grants: (membership.grants ?? [])
      .filter((g: any) => service('sections').isOffered(g.section))
      .map((g: any) => ({ section: g.section, product: g.product?.documentId ?? null })),
    you: membership.id === state.membershipId,
  });

  const caller = (ctx: any) => callerOf(strapi, ctx);
  const target = (ctx: any) => service('members').find(ctx.state.clientArea.client.id, ctx.params.memberId);

  /** Members in tree order (rule 6): each root, then the members it manages, by login. */
  const treeOrder = (rows: any[]) => {
    const ids = new Set(rows.map((r) => r.documentId));
    const childrenOf = new Map<string | null, any[]>();
    for (const row of rows) {
      const parent = row.parent?.documentId && ids.has(row.parent.documentId) ? row.parent.documentId : null;
      childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), row]);
    }
    const byLogin = (a: any, b: any) => Number(b.kind === 'master') - Number(a.kind === 'master') || (a.identity?.username ?? '').localeCompare(b.identity?.username ?? '');
    const ordered: Array<{ row: any; depth: number }> = [];
    const walk = (parent: string | null, depth: number) => {
      for (const row of (childrenOf.get(parent) ?? []).sort(byLogin)) {
        ordered.push({ row, depth });
        walk(row.documentId, depth + 1);
      }
    };
    walk(null, 0);
    return ordered;
  };

  /**
   * What the caller may do to one member, each refusal in the engine's words: change its
   * grants at all, and which boxes not (`locked`, by `section@product`); suspend,
   * restore, remove (with who takes over what), give a new relationship password.
   */
  const actionsOn = (state: ClientAreaState, actor: Actor | null, row: any, boxes: Array<{ grant: Grant; key: string }>) => {
    const refused = (reason: string): Decision => ({ allowed: false, reason });
    if (actor === null) {
      const none = refused("a secondary logon can't manage this client");
      return { grants: none, locked: {}, suspend: none, restore: none, remove: none, rotatePassword: none };
    }
    const facts = state.facts;
    const target = { actor, membershipId: row.id };
    const own = facts.memberships.find((m) => m.id === row.id)?.grants ?? [];
    const grants = checkGrantChange(facts, { actor, targetMembershipId: row.id, newGrants: own });
    const locked: Record<string, string> = {};
    if (grants.allowed) {
      grantToggles(facts, { actor, targetMembershipId: row.id, boxes: boxes.map((b) => b.grant) }).forEach((decision, i) => {
        if (!decision.allowed) locked[boxes[i].key] = decision.reason;
      });
    }
    const master = actsAsMaster(state);
    const { allowed, reason } = canRemove(facts, target);
    return {
      grants: { allowed: grants.allowed, reason: grants.reason },
      locked,
      suspend: row.membershipStatus === 'active' ? canSuspend(facts, target) : refused('only an active member can be suspended'),
      restore: row.membershipStatus === 'suspended' ? canRestore(facts, target) : refused('only a suspended member can be restored'),
      remove: { allowed, reason },
      rotatePassword:
        row.kind === 'master' ? refused('a master account has no relationship password') : master ? { allowed: true, reason: 'the master and staff give new relationship passwords' } : refused("only the client's master gives new relationship passwords"),
    };
  };

  return {
    /**
     * The access matrix of a client: its members in tree order with their own and their
     * effective grants (after the members above them narrow them), the sections and the
     * products as columns (for a customer, only those it may view: rule 4), and the roles to apply.
     */
    async matrix(ctx) {
      const state = ctx.state.clientArea as ClientAreaState;
      const clientId = state.client.id;
      const [rows, products, roles] = await Promise.all([
        strapi.db.query(MEMBERSHIP).findMany({ where: { client: { id: clientId }, membershipStatus: { $ne: 'removed' } }, populate: POPULATE }),
        strapi.db.query('plugin::client-area.product' as any).findMany({ where: { client: { id: clientId } }, select: ['id', 'documentId', 'name', 'productStatus'], orderBy: [{ name: 'asc' }, { id: 'asc' }] }),
        strapi.db.query('plugin::client-area.access-role' as any).findMany({ where: { client: { id: clientId } }, select: ['documentId', 'name'], orderBy: { name: 'asc' } }),
      ]);
      const documentIdOf = new Map(products.map((p: any) => [p.id, p.documentId]));
      // A grant on a product that no longer exists covers nothing (the engine ignores it): it is
      // left out, never shown as client-wide; the next change of the member's grants drops it.
      const dtos = (grants: Grant[]) =>
        grants.filter((g) => g.productId === null || documentIdOf.has(g.productId)).map((g) => ({ section: g.section, product: g.productId === null ? null : documentIdOf.get(g.productId)! }));
      // Columns: staff see every product; a customer those the engine lets it view (as GET …/products).
      const viewable = state.staff ? 'all' : scopes(state.facts, 'products').find((scope) => scope.clientId === clientId)?.productIds ?? [];
      const columns = viewable === 'all' ? products : products.filter((p: any) => viewable.includes(p.id));
      // Every box of the matrix: a section client-wide, and per product where it is product-scoped.
      const offered = service('sections').offered() as Array<{ name: string; label: string; productScoped: boolean }>;
      const boxes = offered.flatMap((s) => [
        { grant: { section: s.name, productId: null }, key: `${s.name}@*` },
        ...(s.productScoped ? columns.map((p: any) => ({ grant: { section: s.name, productId: p.id }, key: `${s.name}@${p.documentId}` })) : []),
      ]);
      const actor: Actor | null = state.staff ? { kind: 'staff' } : state.membershipId === null ? null : { kind: 'membership', membershipId: state.membershipId };
      const members = treeOrder(rows).map(({ row, depth }) => ({
        ...toDto(row, state),
        depth,
        // Its own grants as the engine reads them: a role's, when it holds one.
        grants: dtos(state.facts.memberships.find((m) => m.id === row.id)?.grants ?? []),
        effective: dtos(effectiveGrants(state.facts, row.id)),
        can: actionsOn(state, actor, row, boxes),
      }));
      ctx.body = {
        data: {
          sections: offered.map((s) => ({ name: s.name, label: s.label, productScoped: s.productScoped })),
          products: columns.map((p: any) => ({ documentId: p.documentId, name: p.name, status: p.productStatus })),
          roles: roles.map((r: any) => ({ documentId: r.documentId, name: r.name })),
          members,
        },
      };
    },

    async list(ctx) {
      const state = ctx.state.clientArea as ClientAreaState;
      const rows = await strapi.db.query(MEMBERSHIP).findMany({
        where: { client: { id: state.client.id }, membershipStatus: { $ne: 'removed' } },
        populate: POPULATE,
        orderBy: { id: 'asc' },
      });
      ctx.body = { data: rows.map((row: any) => toDto(row, state)) };
    },

    async show(ctx) {
      const state = ctx.state.clientArea as ClientAreaState;
      const membership = await target(ctx);
      const row = await strapi.db.query(MEMBERSHIP).findOne({ where: { id: membership.id }, populate: POPULATE });
      const children = await strapi.db.query(MEMBERSHIP).findMany({ where: { parent: { id: membership.id }, membershipStatus: { $ne: 'removed' } }, select: ['documentId'] });
      ctx.body = { data: { ...toDto(row, state), children: children.map((c: any) => c.documentId) } };
    },

    /** The member's own grants and its effective grants (after its parents narrow them). */
    async grants(ctx) {
      const state = ctx.state.clientArea as ClientAreaState;
      const membership = await target(ctx);
      const own = state.facts.memberships.find((m) => m.id === membership.id)?.grants ?? [];
      ctx.body = {
        data: {
          grants: await service('grants').toDtos(own),
          effective: await service('grants').toDtos(effectiveGrants(state.facts, membership.id)),
        },
      };
    },

    async replaceGrants(ctx) {
      const state = ctx.state.clientArea as ClientAreaState;
      const membership = await target(ctx);
      const body = parse(grantList, ctx.request.body);
      const grants = await service('grants').toFacts(state.client.id, body.grants);
      await service('members').replaceGrants(caller(ctx), membership.id, grants);
      ctx.body = { data: { grants: await service('grants').toDtos(grants) } };
    },

    async reparent(ctx) {
      const state = ctx.state.clientArea as ClientAreaState;
      const membership = await target(ctx);
      const { parent } = parse(reparenting, ctx.request.body);
      const parentId = parent === null ? null : (await service('members').find(state.client.id, parent)).id;
      await service('members').reparent(caller(ctx), membership.id, parentId);
      ctx.body = { data: { documentId: membership.documentId, parent } };
    },

    async suspend(ctx) {
      const membership = await target(ctx);
      await service('members').setStatus(caller(ctx), membership.id, 'suspended');
      ctx.body = { data: { documentId: membership.documentId, status: 'suspended' } };
    },

    async restore(ctx) {
      const membership = await target(ctx);
      await service('members').setStatus(caller(ctx), membership.id, 'active');
      ctx.body = { data: { documentId: membership.documentId, status: 'active' } };
    },

    async remove(ctx) {
      const membership = await target(ctx);
      const body = parse(removal, ctx.query);
      await service('members').remove(caller(ctx), membership.id, body);
      ctx.body = { data: { documentId: membership.documentId, status: 'removed' } };
    },

    /** Staff lift a relationship-password lockout of a member. */
    async unlock(ctx) {
      const state = ctx.state.clientArea as ClientAreaState;
      const membership = await strapi.db.query(MEMBERSHIP).findOne({
        where: { id: (await target(ctx)).id },
        populate: { identity: { select: ['id'] } },
      });
      await service('relationship-passwords').unlock(membership.identity.id, state.client.id);
      await service('audit').record({ action: 'relationship-password.unlocked', clientId: state.client.id, subjectType: 'membership', subjectId: membership.id, ...callerOf(strapi, ctx).audit });
      ctx.body = { data: { documentId: membership.documentId, unlocked: true } };
    },

    /** Staff make a member the client's master; the old master's new relationship password is shown once. */
    async transferMaster(ctx) {
      const membership = await target(ctx);
      const { previous } = await service('members').transferMaster(caller(ctx), membership.id);
      noStore(ctx);
      ctx.body = { data: { master: membership.documentId, previousMaster: previous ? { documentId: previous.ref, relationshipPassword: previous.relationshipPassword } : null } };
    },

    async rotatePassword(ctx) {
      const membership = await target(ctx);
      const relationshipPassword = await service('members').rotatePassword(caller(ctx), membership.id);
      ctx.status = 201;
      noStore(ctx);
      ctx.body = { data: { relationshipPassword } };
    },
  };
};

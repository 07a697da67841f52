import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { can, canCancelOrder, canPlaceOrder, type Actor } from '../access';
import type { Caller } from '../caller';
import { forbidden } from '../errors';
import { findByDocumentId, masterAddress } from '../lookup';
import type { CatalogueItem, OrderEntry, OrderForm, OrderStatus } from '../../../shared/customer-api';

/**
 * Orders (the `orders` section): a member places one from the staff's catalogue, staff
 * accept it — a product is made, owned by the orderer's membership and shown to the
 * members it chose — or decline it with a reason. Every step is audited and mails the
 * orderer with the client's master in CC, through the outbox, in the step's transaction.
 */
const ITEM = 'plugin::client-area.catalogue-item' as any;
const ORDER = 'plugin::client-area.order' as any;
const MEMBERSHIP = 'plugin::client-area.membership' as any;
const PRODUCT = 'plugin::client-area.product' as any;

const loginOf = (identity: any): string | null => identity?.username ?? identity?.email ?? null;
const memberOf = (membership: any) => (membership ? { member: membership.documentId as string, login: loginOf(membership.identity) ?? membership.documentId } : null);
const money = (amount: number, currency: string) => `${amount.toFixed(2)} ${currency}`;

const ORDER_POPULATE = {
  client: { select: ['id', 'documentId', 'name', 'reference'] },
  orderedBy: { select: ['id', 'documentId'], populate: { identity: { select: ['username', 'email'] } } },
  placedBy: { select: ['id', 'username', 'email'] },
  distributeTo: { select: ['id', 'documentId', 'membershipStatus'], populate: { identity: { select: ['username', 'email'] } } },
  product: { select: ['id', 'documentId', 'name'] },
  item: { select: ['id', 'documentId'] },
};

export interface PlaceOrder {
  item: string;
  quantity: number;
  notes?: string;
  distributeTo: string[];
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const plugin = () => strapi.plugin('client-area');
  const audit = (entry: Record<string, unknown>) => plugin().service('audit').record(entry);

  const itemDto = (row: any): CatalogueItem => ({
    documentId: row.documentId,
    name: row.name,
    summary: row.summary ?? null,
    productType: row.productType ?? null,
    price: Number(row.price ?? 0),
    currency: row.currency ?? 'EUR',
    billingCycle: row.billingCycle,
  });

  /** The sub-accounts of a client an order's product could be shown to. */
  const membersOf = async (clientId: number) =>
    strapi.db.query(MEMBERSHIP).findMany({
      where: { client: { id: clientId }, kind: 'sub-account', membershipStatus: { $ne: 'removed' } },
      select: ['id', 'documentId'],
      populate: { identity: { select: ['username', 'email'] } },
      orderBy: { id: 'asc' },
    });

  /** Members of the client by documentId; a documentId that is not one is a 400 naming the field. */
  const membershipIds = async (clientId: number, documentIds: string[], field: string): Promise<number[]> => {
    if (documentIds.length === 0) return [];
    const rows = await strapi.db.query(MEMBERSHIP).findMany({ where: { client: { id: clientId }, documentId: { $in: documentIds } }, select: ['id', 'documentId'] });
    const byDocumentId = new Map(rows.map((r: any) => [r.documentId, r.id as number]));
    const missing = documentIds.find((d) => !byDocumentId.has(d));
    if (missing) throw new errors.ValidationError(`${field}: no member ${missing} in this client`);
    return [...new Set(documentIds.map((d) => byDocumentId.get(d)!))];
  };

  /** Mails the one who placed an order (and the member it is for, when that is someone else), with the master in CC. */
  const mailAbout = async (order: any, subject: string, lines: string[]) => {
    const to = [...new Set([order.placedBy?.email, order.orderedBy?.identity?.email].filter(Boolean).map((a: string) => a.toLowerCase()))];
    const master = order.client ? await masterAddress(strapi, order.client.id) : null;
    const cc = master && !to.includes(master.toLowerCase()) ? [master] : [];
    if (to.length === 0 && cc.length === 0) return;
    const link = `${plugin().config('publicUrl')}/portal/#/client/${order.client.documentId}/orders`;
    await plugin()
      .service('outbox')
      .enqueue({
        kind: 'order',
        to: to.length ? to : cc,
        cc: to.length ? cc : [],
        subject: `Order ${order.reference} ${subject} (${order.client.name})`,
        text: [...lines, '', `Your orders: ${link}`].join('\n'),
        automatic: true,
      });
  };

  const describe = (order: any) => `${order.quantity} × ${order.itemName} at ${money(Number(order.unitPrice ?? 0), order.currency ?? 'EUR')}${order.billingCycle && order.billingCycle !== 'one-time' ? ` (${order.billingCycle})` : ''}`;

  const load = (where: Record<string, unknown>) => strapi.db.query(ORDER).findOne({ where, populate: ORDER_POPULATE });

  /** An order as its reader sees it: the product it made only when the reader may view that product. */
  const view = (caller: Pick<Caller, 'staff' | 'facts'> & { actor: Actor | null }, row: any): OrderEntry => {
    const product = row.product && (caller.staff || can(caller.facts, { section: 'products', clientId: row.client.id, productId: row.product.id }).allowed) ? { documentId: row.product.documentId, name: row.product.name } : null;
    const cancel =
      row.orderStatus !== 'pending'
        ? { allowed: false, reason: `the order is ${row.orderStatus}` }
        : row.orderedBy
          ? canCancelOrder(caller.facts, { actor: caller.actor, ownerMembershipId: row.orderedBy.id, placedByIdentityId: row.placedBy?.id ?? null })
          : { allowed: caller.staff, reason: caller.staff ? 'staff may withdraw any order' : 'the member it was placed for is gone' };
    return {
      documentId: row.documentId,
      reference: row.reference,
      itemName: row.itemName,
      quantity: row.quantity,
      unitPrice: Number(row.unitPrice ?? 0),
      currency: row.currency ?? 'EUR',
      billingCycle: row.billingCycle ?? null,
      notes: row.notes ?? null,
      orderStatus: row.orderStatus as OrderStatus,
      placedAt: row.placedAt,
      decidedAt: row.decidedAt ?? null,
      declineReason: row.declineReason ?? null,
      orderedBy: memberOf(row.orderedBy),
      placedBy: loginOf(row.placedBy),
      distributeTo: (row.distributeTo ?? []).map(memberOf),
      product,
      can: { cancel: { allowed: cancel.allowed, reason: cancel.reason } },
    };
  };

  /** The actor of a change, or null for a secondary logon (it manages nobody). */
  const actorOf = (caller: Caller): Actor | null => (caller.staff ? { kind: 'staff' } : caller.membershipId === null ? null : { kind: 'membership', membershipId: caller.membershipId });

  const service = {
    /** What is on offer, and whom the caller may have the product shown to. */
    async form(caller: Caller): Promise<OrderForm> {
      const items = await strapi.db.query(ITEM).findMany({ where: { available: true }, orderBy: [{ name: 'asc' }, { id: 'asc' }] });
      const members = caller.staff ? [] : await membersOf(caller.client.id);
      const placing = caller.staff ? null : canPlaceOrder(caller.facts, { clientId: caller.client.id, distributeTo: [] });
      const owner = placing?.ownerMembershipId ? await strapi.db.query(MEMBERSHIP).findOne({ where: { id: placing.ownerMembershipId }, populate: { identity: { select: ['username', 'email'] } } }) : null;
      const others = members.filter((m: any) => m.id !== owner?.id);
      // Each member decided on its own: the decision for all of them at once refuses at the first it can't show the product to.
      const showing = caller.staff ? null : canPlaceOrder(caller.facts, { clientId: caller.client.id, distributeTo: others.map((m: any) => m.id) });
      return {
        items: items.map(itemDto),
        owner: loginOf(owner?.identity),
        // Only the members the caller may show the product to: the list is not a directory of the client for whoever holds orders.
        members: others
          .map((m: any, i: number) => ({ member: m.documentId, login: loginOf(m.identity) ?? m.documentId, can: { allowed: showing!.distribution[i].allowed, reason: showing!.distribution[i].reason } }))
          .filter((m: any) => m.can.allowed),
      };
    },

    /** Places an order as the engine allows (403 with its reason otherwise); mails the orderer and the master, and staff. */
    async place(caller: Caller, identityId: number, body: PlaceOrder): Promise<OrderEntry> {
      if (caller.staff) throw forbidden('An order is placed by a member of the client; staff add a product to the client directly');
      const item = await strapi.db.query(ITEM).findOne({ where: { documentId: body.item, available: true } });
      if (!item) throw new errors.ValidationError('item: nothing with this id is on offer (see …/catalogue)');
      const distributeTo = await membershipIds(caller.client.id, body.distributeTo, 'distributeTo');
      const decision = canPlaceOrder(caller.facts, { clientId: caller.client.id, distributeTo });
      if (!decision.allowed) throw forbidden(decision.reason, { section: 'orders' });
      const id = await strapi.db.transaction(async () => {
        const row = await strapi.db.query(ORDER).create({
          data: {
            client: caller.client.id,
            item: item.id,
            itemName: item.name,
            productType: item.productType ?? null,
            unitPrice: item.price,
            currency: item.currency,
            billingCycle: item.billingCycle,
            quantity: body.quantity,
            notes: body.notes || null,
            orderStatus: 'pending',
            orderedBy: decision.ownerMembershipId,
            placedBy: identityId,
            placedAt: new Date(),
            distributeTo,
          },
        });
        const reference = `ORD-${String(row.id).padStart(6, '0')}`;
        await strapi.db.query(ORDER).update({ where: { id: row.id }, data: { reference } });
        const order = await load({ id: row.id });
        await audit({ action: 'order.placed', clientId: caller.client.id, subjectType: 'order', subjectId: order.documentId, details: { reference, item: item.name, quantity: body.quantity }, ...caller.audit });
        await mailAbout(order, 'received', [`We received your order ${reference}: ${describe(order)}.`, order.notes ? `Your notes: ${order.notes}` : '', 'Our staff will accept it or tell you why not; you will hear from us either way.'].filter(Boolean));
        await plugin()
          .service('outbox')
          .enqueue({
            kind: 'order-staff-notice',
            to: [plugin().config('staffAddress') as string],
            subject: `New order ${reference} from ${caller.client.name}`,
            text: [`${describe(order)}`, `Ordered by ${loginOf(order.placedBy)} for ${memberOf(order.orderedBy)?.login}.`, order.notes ? `Notes: ${order.notes}` : ''].filter(Boolean).join('\n'),
            automatic: true,
          });
        return row.id;
      });
      return view({ ...caller, actor: actorOf(caller) }, await load({ id }));
    },

    /** A page of the client's orders, newest first. */
    async list(caller: Caller, query: { status?: OrderStatus; page: number; pageSize: number }) {
      const where: Record<string, unknown> = { client: { id: caller.client.id } };
      if (query.status) where.orderStatus = query.status;
      const [rows, total] = await Promise.all([
        strapi.db.query(ORDER).findMany({ where, populate: ORDER_POPULATE, orderBy: [{ placedAt: 'desc' }, { id: 'desc' }], offset: (query.page - 1) * query.pageSize, limit: query.pageSize }),
        strapi.db.query(ORDER).count({ where }),
      ]);
      const reader = { ...caller, actor: actorOf(caller) };
      return { orders: rows.map((row: any) => view(reader, row)), total };
    },

    /** Withdraws a pending order of the client, as the engine allows. */
    async cancel(caller: Caller, identityId: number | null, documentId: string): Promise<OrderEntry> {
      const order = await findByDocumentId(strapi, ORDER, documentId, 'Order not found', { where: { client: { id: caller.client.id } }, populate: ORDER_POPULATE });
      const reader = { ...caller, actor: actorOf(caller) };
      const decision = view(reader, order).can.cancel;
      if (order.orderStatus !== 'pending') throw new errors.ApplicationError(`Order ${order.reference} is ${order.orderStatus}: only a pending order is withdrawn`);
      if (!decision.allowed) throw forbidden(decision.reason, { section: 'orders' });
      await strapi.db.transaction(async () => {
        await settle(order, { orderStatus: 'cancelled', decidedAt: new Date() }, { cancelledBy: identityId, decidedBy: caller.staff ? caller.audit.actorStaffId : null });
        await audit({ action: 'order.cancelled', clientId: caller.client.id, subjectType: 'order', subjectId: order.documentId, details: { reference: order.reference }, ...caller.audit });
        await mailAbout(order, 'withdrawn', [`Order ${order.reference} (${describe(order)}) was withdrawn${caller.staff ? ' by our staff' : ` by ${caller.audit.actorIdentityId === order.placedBy?.id ? 'you' : 'a manager of your account'}`}. Nothing will be made or billed for it.`]);
      });
      return view(reader, await load({ id: order.id }));
    },

    /** Staff's queue: orders of every client, oldest pending first, or by status newest first. */
    async queue(query: { status?: OrderStatus; page: number; pageSize: number }) {
      const where: Record<string, unknown> = query.status ? { orderStatus: query.status } : {};
      const orderBy = query.status === 'pending' ? [{ placedAt: 'asc' }, { id: 'asc' }] : [{ placedAt: 'desc' }, { id: 'desc' }];
      const [rows, total] = await Promise.all([
        strapi.db.query(ORDER).findMany({ where, populate: ORDER_POPULATE, orderBy, offset: (query.page - 1) * query.pageSize, limit: query.pageSize }),
        strapi.db.query(ORDER).count({ where }),
      ]);
      return {
        orders: rows.map((row: any) => ({ ...view({ staff: true, facts: EMPTY_FACTS, actor: { kind: 'staff' } }, row), client: { documentId: row.client?.documentId, name: row.client?.name, reference: row.client?.reference ?? null } })),
        total,
      };
    },

    /**
     * Staff accept a pending order: the product is made in the order's client, owned by the
     * member it was ordered for (unowned, managed by the master, should that member be gone),
     * shown to the members chosen (those still there); audited, and mailed.
     */
    async accept(documentId: string, staffId: number, choice: { productName?: string; distributeTo?: string[] }, ctx?: any) {
      const order = await findByDocumentId(strapi, ORDER, documentId, 'Order not found', { populate: ORDER_POPULATE });
      if (!order.client) throw new errors.NotFoundError('Order not found');
      const chosen = choice.distributeTo ? await membershipIds(order.client.id, choice.distributeTo, 'distributeTo') : (order.distributeTo ?? []).map((m: any) => m.id);
      const owner = order.orderedBy ? await strapi.db.query(MEMBERSHIP).findOne({ where: { id: order.orderedBy.id }, select: ['id', 'membershipStatus'] }) : null;
      const standing = await strapi.db.query(MEMBERSHIP).findMany({ where: { id: { $in: chosen }, membershipStatus: { $ne: 'removed' } }, select: ['id'] });
      const name = choice.productName ?? (order.quantity > 1 ? `${order.itemName} × ${order.quantity}` : order.itemName);
      await strapi.db.transaction(async () => {
        const product = await strapi.db.query(PRODUCT).create({
          data: {
            name,
            productType: order.productType ?? null,
            productStatus: 'active',
            client: order.client.id,
            owner: owner && owner.membershipStatus !== 'removed' ? owner.id : null,
            distributedTo: standing.map((m: any) => m.id),
          },
        });
        await settle(order, { orderStatus: 'accepted', decidedAt: new Date() }, { decidedBy: staffId, product: product.id });
        await audit({ action: 'order.accepted', clientId: order.client.id, actorStaffId: staffId, ctx, subjectType: 'order', subjectId: order.documentId, details: { reference: order.reference, product: product.documentId, name } });
        await mailAbout(order, 'accepted', [`Order ${order.reference} (${describe(order)}) is accepted.`, `It is now in your client area as the product "${name}".`]);
      });
      return service.staffShow(documentId);
    },

    /** Staff decline a pending order with a reason the orderer reads. */
    async decline(documentId: string, staffId: number, reason: string, ctx?: any) {
      const order = await findByDocumentId(strapi, ORDER, documentId, 'Order not found', { populate: ORDER_POPULATE });
      if (!order.client) throw new errors.NotFoundError('Order not found');
      await strapi.db.transaction(async () => {
        await settle(order, { orderStatus: 'declined', decidedAt: new Date(), declineReason: reason }, { decidedBy: staffId });
        await audit({ action: 'order.declined', clientId: order.client.id, actorStaffId: staffId, ctx, subjectType: 'order', subjectId: order.documentId, details: { reference: order.reference } });
        await mailAbout(order, 'declined', [`Order ${order.reference} (${describe(order)}) is declined:`, '', reason]);
      });
      return service.staffShow(documentId);
    },

    async staffShow(documentId: string) {
      const row = await findByDocumentId(strapi, ORDER, documentId, 'Order not found', { populate: ORDER_POPULATE });
      return { ...view({ staff: true, facts: EMPTY_FACTS, actor: { kind: 'staff' } }, row), client: { documentId: row.client?.documentId, name: row.client?.name, reference: row.client?.reference ?? null } };
    },
  };

  /**
   * Moves a pending order on, once: the status flips only from pending (a second decision —
   * two staff at once, a customer withdrawing meanwhile — is refused), then its relations.
   */
  const settle = async (order: any, fields: Record<string, unknown>, relations: Record<string, number | null> = {}) => {
    const { count } = await strapi.db.query(ORDER).updateMany({ where: { id: order.id, orderStatus: 'pending' }, data: fields });
    if (count !== 1) {
      const now = await strapi.db.query(ORDER).findOne({ where: { id: order.id }, select: ['orderStatus'] });
      throw new errors.ApplicationError(`Order ${order.reference} is ${now?.orderStatus ?? 'gone'}: it was decided meanwhile`);
    }
    if (Object.keys(relations).length) await strapi.db.query(ORDER).update({ where: { id: order.id }, data: relations });
  };

  return service;
};

/** Staff read orders without facts of their own: every decision for them is staff's. */
const EMPTY_FACTS = { identityId: 0, memberships: [], products: [], sections: [], securityGroups: [], secondaryLogons: [], contacts: [] };

import { startApp, type TestApp } from '../support/strapi';
import { clientWorld, enteredSubAccount } from '../support/customers';
import { staffLogin, staffLoginWithPermissions } from '../support/staff';

/**
 * Orders (the `orders` section): a member places one from the staff's catalogue and
 * chooses whom the product is shown to — only members it could show a product it owns
 * to; staff accept it (the product is made, owned by the orderer's membership, shown as
 * chosen) or decline it with a reason; the orderer and the master are mailed each time.
 */
let app: TestApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.stop();
});

const ca = (name: string) => `plugin::client-area.${name}` as any;
const path = (world: { client: { documentId: string } }, rest = '') => `/clients/${world.client.documentId}${rest}`;

async function catalogueItem(data: Record<string, unknown> = {}) {
  return (await app.strapi.documents(ca('catalogue-item')).create({ data: { name: `Managed NATS ${Math.random().toString(36).slice(2, 7)}`, price: 250, currency: 'EUR', billingCycle: 'monthly', productType: 'managed-service', available: true, ...data } } as any)) as any;
}

/** A client with a buyer (orders, contacts), a member below the buyer, and a member beside it; all past their relationship passwords. */
async function shop() {
  const world = await clientWorld(app.strapi, app.server);
  const buyer = await enteredSubAccount(world, [{ section: 'orders' }, { section: 'contacts' }]);
  const below = await enteredSubAccount(world, [], { parent: buyer.membership });
  const beside = await enteredSubAccount(world, [{ section: 'orders' }]);
  const item = await catalogueItem();
  return { world, buyer, below, beside, item };
}

const mailsAbout = async (reference: string) =>
  (await app.strapi.db.query(ca('mail-outbox')).findMany({ where: { subject: { $contains: reference } }, orderBy: { id: 'asc' } })).map((m: any) => ({ kind: m.kind, to: m.toAddresses, cc: m.ccAddresses, subject: m.subject, text: m.text }));

describe('placing an order', () => {
  it('the catalogue offers what is available, and the members the orderer may show the product to, and no others', async () => {
    const { world, buyer, below, beside, item } = await shop();
    const gone = await catalogueItem({ available: false });
    const form = (await buyer.customer.get(path(world, '/catalogue')).expect(200)).body.data;
    const names = form.items.map((i: any) => i.name);
    expect(names).toContain(item.name);
    expect(names).not.toContain(gone.name);
    expect(form.items.find((i: any) => i.documentId === item.documentId)).toMatchObject({ price: 250, currency: 'EUR', billingCycle: 'monthly' });
    expect(form.owner).toBe(buyer.customer.identity.username);
    // Only the members the buyer may show the product to: the form is no directory of the client.
    expect(form.members).toEqual([{ member: below.membership.documentId, login: below.customer.identity.username, can: { allowed: true, reason: expect.any(String) } }]);
    expect(JSON.stringify(form)).not.toContain(beside.membership.documentId);
    // Holding orders alone (no contacts), beside may show a product to nobody: it is offered no one.
    expect((await beside.customer.get(path(world, '/catalogue')).expect(200)).body.data.members).toEqual([]);
  });

  it('a member with orders places one: pending, copied from the catalogue, audited, and mailed to it with the master in CC and to staff', async () => {
    const { world, buyer, below, item } = await shop();
    const res = await buyer.customer.post(path(world, '/orders'), { item: item.documentId, quantity: 2, notes: 'PO 4711', distributeTo: [below.membership.documentId] }).expect(201);
    const order = res.body.data;
    expect(order).toMatchObject({ itemName: item.name, quantity: 2, unitPrice: 250, currency: 'EUR', billingCycle: 'monthly', notes: 'PO 4711', orderStatus: 'pending', product: null });
    expect(order.reference).toMatch(/^ORD-\d{6}$/);
    expect(order.orderedBy).toEqual({ member: buyer.membership.documentId, login: buyer.customer.identity.username });
    expect(order.placedBy).toBe(buyer.customer.identity.username);
    expect(order.distributeTo.map((m: any) => m.member)).toEqual([below.membership.documentId]);
    expect(order.can.cancel.allowed).toBe(true);

    // The catalogue changes afterwards; the order keeps what was ordered.
    await app.strapi.documents(ca('catalogue-item')).update({ documentId: item.documentId, data: { price: 300 } } as any);
    const listed = (await buyer.customer.get(path(world, '/orders')).expect(200)).body;
    expect(listed.meta.total).toBe(1);
    expect(listed.data[0]).toMatchObject({ reference: order.reference, unitPrice: 250 });

    const master = await world.master();
    const mails = await mailsAbout(order.reference);
    expect(mails.map((m) => m.kind)).toEqual(['order', 'order-staff-notice']);
    expect(mails[0]).toMatchObject({ to: [buyer.customer.identity.email], cc: [master.identity.email] });
    expect(mails[0].text).toContain(`2 × ${item.name}`);
    const audit = await app.strapi.db.query(ca('audit-entry')).findOne({ where: { action: 'order.placed', subjectId: order.documentId } });
    expect(audit).toMatchObject({ details: { reference: order.reference, item: item.name, quantity: 2 } });
  });

  it('refuses showing the product to a member the orderer does not manage, with the reason, and writes nothing', async () => {
    const { world, buyer, beside, item } = await shop();
    const before = await app.strapi.db.query(ca('order')).count({ where: { client: { id: world.client.id } } });
    const res = await buyer.customer.post(path(world, '/orders'), { item: item.documentId, distributeTo: [beside.membership.documentId] }).expect(403);
    expect(res.body.error.message).toMatch(/is not managed by/);
    await buyer.customer.post(path(world, '/orders'), { item: item.documentId, distributeTo: [world.masterMembership.documentId] }).expect(403);
    expect(await app.strapi.db.query(ca('order')).count({ where: { client: { id: world.client.id } } })).toBe(before);
  });

  it('without orders there is no ordering, and the refusal names the section', async () => {
    const { world, item } = await shop();
    const support = await enteredSubAccount(world, [{ section: 'tickets' }]);
    const res = await support.customer.post(path(world, '/orders'), { item: item.documentId }).expect(403);
    expect(res.body.error.message).toMatch(/missing grant "orders"/);
    await support.customer.get(path(world, '/catalogue')).expect(403);
    await support.customer.get(path(world, '/orders')).expect(403);
  });

  it('answers bad input with a 400 naming the field', async () => {
    const { world, buyer, item } = await shop();
    const gone = await catalogueItem({ available: false });
    const other = await clientWorld(app.strapi, app.server);
    const stranger = await other.subAccount([]);
    const cases: Array<[object, RegExp]> = [
      [{ item: item.documentId, quantity: 0 }, /quantity: must be at least 1/],
      [{ item: item.documentId, quantity: 1.5 }, /quantity: must be a whole number/],
      [{ item: item.documentId, quantity: 'many' }, /quantity/],
      [{ item: 'not a document id!' }, /item: must be a documentId/],
      [{ item: gone.documentId }, /item: nothing with this id is on offer/],
      [{ item: item.documentId, distributeTo: [stranger.membership.documentId] }, /distributeTo: no member .* in this client/],
      [{ item: item.documentId, owner: buyer.membership.documentId }, /Unrecognized key/],
      [{ item: item.documentId, notes: 'x'.repeat(2001) }, /notes/],
    ];
    for (const [body, message] of cases) {
      const res = await buyer.customer.post(path(world, '/orders'), body).expect(400);
      expect(res.body.error.message).toMatch(message);
    }
    await buyer.customer.get(path(world, '/orders?status=shipped')).expect(400);
  });
});

describe('staff decide an order', () => {
  it('accepting makes the product, owned by the orderer and shown as it chose; it appears in their products; the orderer is mailed', async () => {
    const { world, buyer, below, item } = await shop();
    const order = (await buyer.customer.post(path(world, '/orders'), { item: item.documentId, quantity: 1, distributeTo: [below.membership.documentId] }).expect(201)).body.data;
    const staff = await staffLoginWithPermissions(app.strapi, app.server, 'Sales', ['plugin::client-area.orders.read', 'plugin::client-area.orders.manage']);
    const queue = (await staff.get('/orders?status=pending&pageSize=100').expect(200)).body.data;
    expect(queue.find((o: any) => o.documentId === order.documentId)).toMatchObject({ reference: order.reference, client: { documentId: world.client.documentId } });

    const accepted = (await staff.post(`/orders/${order.documentId}/accept`, { productName: 'NATS for the web team' }).expect(200)).body.data;
    expect(accepted).toMatchObject({ orderStatus: 'accepted', product: { name: 'NATS for the web team' } });
    const product = await app.strapi.db.query(ca('product')).findOne({ where: { documentId: accepted.product.documentId }, populate: { client: true, owner: true, distributedTo: true } });
    expect(product).toMatchObject({ name: 'NATS for the web team', productType: 'managed-service', productStatus: 'active' });
    expect(product.client.id).toBe(world.client.id);
    expect(product.owner.id).toBe(buyer.membership.id);
    expect(product.distributedTo.map((m: any) => m.id)).toEqual([below.membership.id]);

    // It is there for the owner and for the member it was shown to, and the order names it.
    for (const who of [buyer, below]) {
      const products = (await who.customer.get(path(world, '/products')).expect(200)).body.data;
      expect(products.map((p: any) => p.name)).toContain('NATS for the web team');
    }
    const mine = (await buyer.customer.get(path(world, '/orders')).expect(200)).body.data[0];
    expect(mine).toMatchObject({ orderStatus: 'accepted', product: { documentId: product.documentId, name: 'NATS for the web team' }, can: { cancel: { allowed: false } } });
    const mails = await mailsAbout(order.reference);
    expect(mails.map((m) => m.kind)).toEqual(['order', 'order-staff-notice', 'order']);
    expect(mails[2].subject).toMatch(/accepted/);
    expect(mails[2].text).toContain('NATS for the web team');
    expect(await app.strapi.db.query(ca('audit-entry')).count({ where: { action: 'order.accepted', subjectId: order.documentId } })).toBe(1);

    // Decided once: a second decision is refused and makes nothing.
    const products = await app.strapi.db.query(ca('product')).count({ where: { client: { id: world.client.id } } });
    const again = await staff.post(`/orders/${order.documentId}/accept`, {}).expect(400);
    expect(again.body.error.message).toMatch(/is accepted/);
    await staff.post(`/orders/${order.documentId}/decline`, { reason: 'changed our mind' }).expect(400);
    expect(await app.strapi.db.query(ca('product')).count({ where: { client: { id: world.client.id } } })).toBe(products);
  });

  it('declining says why, to the orderer in the portal and by mail; a decline needs a reason', async () => {
    const { world, buyer, item } = await shop();
    const order = (await buyer.customer.post(path(world, '/orders'), { item: item.documentId }).expect(201)).body.data;
    const staff = await staffLogin(app.strapi, app.server);
    const empty = await staff.post(`/orders/${order.documentId}/decline`, { reason: '  ' }).expect(400);
    expect(empty.body.error.message).toMatch(/say why/);
    await staff.post(`/orders/${order.documentId}/decline`, { reason: 'This size is sold out until March.' }).expect(200);
    const mine = (await buyer.customer.get(path(world, '/orders?status=declined')).expect(200)).body.data;
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ orderStatus: 'declined', declineReason: 'This size is sold out until March.', product: null });
    const mails = await mailsAbout(order.reference);
    expect(mails[mails.length - 1]).toMatchObject({ kind: 'order', subject: expect.stringMatching(/declined/), text: expect.stringContaining('sold out until March') });
  });

  it('staff need the orders permissions: read to see the queue, manage to decide; staff do not place orders for customers', async () => {
    const { world, buyer, item } = await shop();
    const order = (await buyer.customer.post(path(world, '/orders'), { item: item.documentId }).expect(201)).body.data;
    const billing = await staffLoginWithPermissions(app.strapi, app.server, 'Billing', ['plugin::client-area.billing.read']);
    await billing.get('/orders').expect(403);
    const reader = await staffLoginWithPermissions(app.strapi, app.server, 'Order reader', ['plugin::client-area.orders.read']);
    await reader.get(`/orders/${order.documentId}`).expect(200);
    await reader.post(`/orders/${order.documentId}/accept`, {}).expect(403);
    await reader.post(`/orders/${order.documentId}/decline`, { reason: 'no' }).expect(403);
    const manager = await staffLoginWithPermissions(app.strapi, app.server, 'Order manager', ['plugin::client-area.orders.read', 'plugin::client-area.orders.manage']);
    const refused = await manager.post(path(world, '/orders'), { item: item.documentId }).expect(403);
    expect(refused.body.error.message).toMatch(/placed by a member of the client/);
    // The staff twin of the client's list shows the same orders.
    expect((await manager.get(path(world, '/orders')).expect(200)).body.data.map((o: any) => o.reference)).toEqual([order.reference]);
  });

  it('the content manager reads orders and never changes one: accepting there would make no product', async () => {
    const { world, buyer, item } = await shop();
    const order = (await buyer.customer.post(path(world, '/orders'), { item: item.documentId }).expect(201)).body.data;
    const staff = await staffLogin(app.strapi, app.server);
    const cm = `/content-manager/collection-types/${ca('order')}`;
    await staff.admin('get', `${cm}/${order.documentId}`).expect(200);
    await staff.admin('put', `${cm}/${order.documentId}`).send({ orderStatus: 'accepted' }).expect(403);
    await staff.admin('post', cm).send({ itemName: 'Free server', quantity: 1 }).expect(403);
    expect((await app.strapi.db.query(ca('order')).findOne({ where: { documentId: order.documentId } })).orderStatus).toBe('pending');
    // The catalogue is staff's to edit there.
    const catalogue = `/content-manager/collection-types/${ca('catalogue-item')}`;
    await staff.admin('put', `${catalogue}/${item.documentId}`).send({ price: 199 }).expect(200);
    expect(Number((await app.strapi.db.query(ca('catalogue-item')).findOne({ where: { documentId: item.documentId } })).price)).toBe(199);
    expect(world.client.documentId).toBeTruthy();
  });
});

describe('withdrawing a pending order', () => {
  it('whoever placed it, whoever manages its member and the master withdraw it; a member beside it can not', async () => {
    const { world, buyer, below, beside, item } = await shop();
    const byBuyer = (await buyer.customer.post(path(world, '/orders'), { item: item.documentId }).expect(201)).body.data;
    const refused = await beside.customer.post(path(world, `/orders/${byBuyer.documentId}/cancel`)).expect(403);
    expect(refused.body.error.message).toMatch(/missing grant "contacts"/);
    const listedForBeside = (await beside.customer.get(path(world, '/orders')).expect(200)).body.data[0];
    expect(listedForBeside.can.cancel.allowed).toBe(false);

    const master = await world.master();
    const withdrawn = (await master.post(path(world, `/orders/${byBuyer.documentId}/cancel`)).expect(200)).body.data;
    expect(withdrawn.orderStatus).toBe('cancelled');
    await buyer.customer.post(path(world, `/orders/${byBuyer.documentId}/cancel`)).expect(400);

    const second = (await buyer.customer.post(path(world, '/orders'), { item: item.documentId }).expect(201)).body.data;
    expect((await buyer.customer.post(path(world, `/orders/${second.documentId}/cancel`)).expect(200)).body.data.orderStatus).toBe('cancelled');
    const mails = await mailsAbout(second.reference);
    expect(mails[mails.length - 1]).toMatchObject({ kind: 'order', subject: expect.stringMatching(/withdrawn/) });

    // An order of another client is not found here.
    const elsewhere = await shop();
    const theirs = (await elsewhere.buyer.customer.post(path(elsewhere.world, '/orders'), { item: item.documentId }).expect(201)).body.data;
    const notHere = await master.post(path(world, `/orders/${theirs.documentId}/cancel`)).expect(404);
    expect(notHere.body.error.message).toBe('Order not found');
    void below;
  });
});

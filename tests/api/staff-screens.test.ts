import { startApp, type TestApp } from '../support/strapi';
import { staffLogin, staffLoginWithPermissions } from '../support/staff';
import { clientWorld, enter, enteredSubAccount, login, type Customer } from '../support/customers';
import { fixtures } from '../support/fixtures';

/**
 * The admin API behind the staff screens: the clients search and page, the access
 * matrix, and "who can see this?" — whose every answer must agree with what the
 * person's own API lets it see.
 */
let app: TestApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.stop();
});

const ca = (name: string) => `plugin::client-area.${name}` as any;

const roleWith = (actions: string[]) => staffLoginWithPermissions(app.strapi, app.server, 'Role', actions.map(ca));

describe('staff find clients', () => {
  it('by name, reference, a contact email or a member login, paged by name, with the master', async () => {
    const tag = Math.random().toString(36).slice(2, 8);
    const make = fixtures(app.strapi);
    const world = await clientWorld(app.strapi, app.server);
    await app.strapi.db.query(ca('client')).update({ where: { id: world.client.id }, data: { name: `Zenith ${tag}`, reference: `REF-${tag}` } });
    await make.contact(world.client, `billing-${tag}@zenith.test`);
    const sub = await world.subAccount([], { identity: await make.identity(`login-${tag}`) });
    const staff = await staffLogin(app.strapi, app.server);

    for (const q of [`zenith ${tag}`, `ref-${tag}`, `billing-${tag}@`, `login-${tag}`]) {
      const found = (await staff.get(`/clients?q=${encodeURIComponent(q)}`).expect(200)).body;
      expect([q, found.data.map((c: any) => c.documentId)]).toEqual([q, [world.client.documentId]]);
      expect(found.meta).toEqual({ page: 1, pageSize: 25, total: 1 });
    }
    const [row] = (await staff.get(`/clients?q=${tag}`).expect(200)).body.data;
    expect(row).toMatchObject({ name: `Zenith ${tag}`, reference: `REF-${tag}`, status: 'active', master: { login: (await world.master()).identity.username } });
    // A removed member's login no longer finds the client.
    await app.strapi.db.query(ca('membership')).update({ where: { id: sub.membership.id }, data: { membershipStatus: 'removed' } });
    expect((await staff.get(`/clients?q=login-${tag}`).expect(200)).body.data).toEqual([]);

    const paged = (await staff.get('/clients?pageSize=2&page=2').expect(200)).body;
    expect(paged.meta).toMatchObject({ page: 2, pageSize: 2 });
    expect(paged.data.length).toBeLessThanOrEqual(2);
    await staff.get('/clients?pageSize=1000').expect(400);
    await staff.get('/clients?sort=name').expect(400);
  });

  it('a client page counts what it holds; both need the profile read permission', async () => {
    const world = await clientWorld(app.strapi, app.server);
    await world.product();
    await world.subAccount();
    const staff = await staffLogin(app.strapi, app.server);
    const page = (await staff.get(`/clients/${world.client.documentId}`).expect(200)).body.data;
    expect(page.counts).toEqual({ members: 2, contacts: 1, products: 1, invoices: 0, openTickets: 0 });
    await staff.get('/clients/nosuchclient').expect(404);

    const clerk = await roleWith(['billing.read']);
    await clerk.get('/clients').expect(403);
    await clerk.get(`/clients/${world.client.documentId}`).expect(403);
    const reader = await roleWith(['profile.read']);
    await reader.get(`/clients/${world.client.documentId}`).expect(200);
  });
});

describe('the access matrix', () => {
  it('lists members in tree order with own and effective grants; a cell edited by staff changes the customer API on the next request', async () => {
    const world = await clientWorld(app.strapi, app.server);
    const disk = await world.product('Disk');
    const mail = await world.product('Mail');
    const manager = await world.subAccount([{ section: 'contacts' }, { section: 'tickets', product: disk }]);
    // The child holds tickets client-wide, but its manager only on Disk: effective is Disk only (rule 6).
    const child = await enteredSubAccount(world, [{ section: 'tickets' }], { parent: manager.membership, withContact: true });
    const staff = await staffLogin(app.strapi, app.server);

    const matrix = (await staff.get(`/clients/${world.client.documentId}/access`).expect(200)).body.data;
    expect(matrix.sections.map((s: any) => s.name)).toEqual(expect.arrayContaining(['contacts', 'tickets', 'billing']));
    expect(matrix.products.map((p: any) => p.name)).toEqual(['Disk', 'Mail']);
    expect(matrix.members.map((m: any) => [m.kind, m.depth, m.documentId])).toEqual([
      ['master', 0, world.masterMembership.documentId],
      ['sub-account', 0, manager.membership.documentId],
      ['sub-account', 1, child.membership.documentId],
    ]);
    const childRow = matrix.members[2];
    expect(childRow.grants).toEqual([{ section: 'tickets', product: null }]);
    expect(childRow.effective).toEqual([{ section: 'tickets', product: disk.documentId }]);

    // The master sees the same matrix on the customers' API; a member without contacts does not.
    const master = await world.master();
    expect((await master.get(`/clients/${world.client.documentId}/access`).expect(200)).body.data.members).toHaveLength(3);
    await child.customer.get(`/clients/${world.client.documentId}/access`).expect(403);
    // A member holding contacts sees as columns only the products it may view (rule 4).
    const viewer = await enteredSubAccount(world, [{ section: 'contacts' }, { section: 'products', product: disk }]);
    expect((await viewer.customer.get(`/clients/${world.client.documentId}/access`).expect(200)).body.data.products.map((p: any) => p.name)).toEqual(['Disk']);

    // Staff tick "tickets on Mail" for the manager: the child reaches Mail on its very next request.
    const ticketOnMail = () => child.customer.post(`/clients/${world.client.documentId}/tickets`, { subject: 'Mail down', body: 'x', product: mail.documentId });
    await ticketOnMail().expect(403);
    await staff
      .put(`/clients/${world.client.documentId}/members/${manager.membership.documentId}/grants`, {
        grants: [{ section: 'contacts' }, { section: 'tickets', product: disk.documentId }, { section: 'tickets', product: mail.documentId }],
      })
      .expect(200);
    const after = (await staff.get(`/clients/${world.client.documentId}/access`).expect(200)).body.data;
    expect(after.members[2].effective).toEqual(expect.arrayContaining([{ section: 'tickets', product: mail.documentId }]));
    await ticketOnMail().expect(201);
  });
});

describe("the matrix says what the caller may change, in the engine's words", () => {
  it('a manager sees its own row and the master locked, a box above its ceiling locked with the reason the change itself gets, and an open box that saves', async () => {
    const world = await clientWorld(app.strapi, app.server);
    const disk = await world.product('Disk');
    const mail = await world.product('Mail');
    const manager = await enteredSubAccount(world, [{ section: 'contacts' }, { section: 'products' }, { section: 'tickets', product: disk }]);
    const child = await world.subAccount([], { parent: manager.membership });
    const path = (rest = '') => `/clients/${world.client.documentId}${rest}`;

    const matrix = (await manager.customer.get(path('/access')).expect(200)).body.data;
    const row = (documentId: string) => matrix.members.find((m: any) => m.documentId === documentId);
    expect(row(manager.membership.documentId).can.grants).toEqual({ allowed: false, reason: "a sub-account can't change its own grants" });
    expect(row(world.masterMembership.documentId).can.grants.allowed).toBe(false);
    expect(row(world.masterMembership.documentId).can.suspend).toEqual({ allowed: false, reason: "a sub-account can't suspend the master" });
    const childRow = row(child.membership.documentId);
    expect(childRow.can.grants.allowed).toBe(true);
    expect(childRow.can.suspend.allowed).toBe(true);
    expect(childRow.can.rotatePassword).toEqual({ allowed: false, reason: "only the client's master gives new relationship passwords" });
    // Tickets on Mail is above the manager's access; tickets on Disk is its own to give.
    const mailReason = childRow.can.locked[`tickets@${mail.documentId}`];
    expect(mailReason).toMatch(/above your own access/);
    expect(childRow.can.locked[`tickets@${disk.documentId}`]).toBeUndefined();
    expect(childRow.can.locked['billing@*']).toMatch(/above your own access/);

    const grants = (list: object[]) => manager.customer.put(path(`/members/${child.membership.documentId}/grants`), { grants: list });
    expect((await grants([{ section: 'tickets', product: mail.documentId }]).expect(403)).body.error.message).toBe(mailReason);
    await grants([{ section: 'tickets', product: disk.documentId }]).expect(200);
    // Once held, the Disk box stays open (to take it away again).
    const after = (await manager.customer.get(path('/access')).expect(200)).body.data.members.find((m: any) => m.documentId === child.membership.documentId);
    expect(after.grants).toEqual([{ section: 'tickets', product: disk.documentId }]);
    expect(after.can.locked[`tickets@${disk.documentId}`]).toBeUndefined();

    // The master may do everything to the child, and give it a new relationship password.
    const master = await world.master();
    const asMaster = (await master.get(path('/access')).expect(200)).body.data.members.find((m: any) => m.documentId === child.membership.documentId);
    expect(asMaster.can).toMatchObject({ grants: { allowed: true }, locked: {}, suspend: { allowed: true }, rotatePassword: { allowed: true }, remove: { allowed: true } });
  });
});

/** What the person's own API answers about a ticket: the truth "who can see this?" must agree with. */
async function seesTicket(customer: Customer, reference: string) {
  const res = await customer.get(`/tickets/${reference}`);
  expect([200, 404]).toContain(res.status);
  return res.status === 200;
}

describe('who can see this?', () => {
  it('names everyone who can see a ticket and why, and everyone in the client who cannot; each answer agrees with that person’s API', async () => {
    const world = await clientWorld(app.strapi, app.server);
    const disk = await world.product('Disk');
    const requester = await enteredSubAccount(world, [{ section: 'tickets', product: disk }], { withContact: true });
    const onDisk = await enteredSubAccount(world, [{ section: 'tickets', product: disk }]);
    const billing = await enteredSubAccount(world, [{ section: 'billing' }]);
    const suspended = await enteredSubAccount(world, [{ section: 'tickets' }]);
    const master = await world.master();
    const reference = (await requester.customer.post(`/clients/${world.client.documentId}/tickets`, { subject: 'Disk full', body: 'x', product: disk.documentId }).expect(201)).body.data.reference;
    await master.post(`/clients/${world.client.documentId}/members/${suspended.membership.documentId}/suspend`).expect(200);

    // A group reader from another client, through the requester's category.
    const category = await app.strapi.db.query(ca('user-category')).create({ data: { name: `Key accounts ${Math.random()}` } });
    await app.strapi.db.query(ca('contact')).update({ where: { id: requester.contact!.id }, data: { categories: [category.id] } });
    const other = await clientWorld(app.strapi, app.server);
    const reader = await enteredSubAccount(other, [], { withContact: true });
    await app.strapi.db.query(ca('contact')).update({ where: { id: reader.contact!.id }, data: { groupReadCategory: category.id } });

    // A secondary logon of the master, with tickets.
    const helper = await fixtures(app.strapi).identity();
    await master.post('/secondary-logons', { login: helper.username, securityGroups: [(await master.get('/security-groups').expect(200)).body.data[0].documentId], sections: ['tickets'] }).expect(201);
    const logon = await login(app.server, helper);

    const staff = await staffLogin(app.strapi, app.server);
    const answer = (await staff.get(`/tickets/${reference}/visibility`).expect(200)).body.data;
    expect(answer.subject).toMatchObject({ type: 'ticket', reference, title: 'Disk full' });
    const byLogin = new Map<string, any>(answer.people.map((p: any) => [p.login, p]));
    const expectPerson = (customer: Customer, via: string, allowed: boolean, reason: RegExp) =>
      expect(byLogin.get(customer.identity.username)).toMatchObject({ via, allowed, reason: expect.stringMatching(reason) });
    expectPerson(master, 'member', true, new RegExp(`^master of "${world.client.name}"`));
    expectPerson(requester.customer, 'member', true, /is the requester/);
    expectPerson(onDisk.customer, 'member', true, /grant/);
    expectPerson(billing.customer, 'member', false, /missing grant/);
    expectPerson(suspended.customer, 'member', false, /suspended/);
    expectPerson(reader.customer, 'group reader', true, /group read access/);
    expectPerson(logon, 'secondary logon', true, /secondary logon/);
    // Those who can come first.
    const allowed = answer.people.map((p: any) => p.allowed);
    expect(allowed).toEqual([...allowed].sort((a: boolean, b: boolean) => Number(b) - Number(a)));

    // Every answer is the truth of that person's own API.
    const people: Customer[] = [master, requester.customer, onDisk.customer, billing.customer, suspended.customer, reader.customer, logon];
    for (const person of people) {
      expect([person.identity.username, await seesTicket(person, reference)]).toEqual([person.identity.username, byLogin.get(person.identity.username).allowed]);
    }

    // Revoke one grant: the next answer and the person's API change together.
    await staff.put(`/clients/${world.client.documentId}/members/${onDisk.membership.documentId}/grants`, { grants: [{ section: 'billing' }] }).expect(200);
    const again = (await staff.get(`/tickets/${reference}/visibility`).expect(200)).body.data.people.find((p: any) => p.login === onDisk.customer.identity.username);
    expect(again).toMatchObject({ allowed: false });
    expect(await seesTicket(onDisk.customer, reference)).toBe(false);
  });

  it('answers for products and invoices, each in its own area', async () => {
    const world = await clientWorld(app.strapi, app.server);
    const disk = await world.product('Disk');
    const viewer = await enteredSubAccount(world, [{ section: 'products', product: disk }]);
    const payer = await enteredSubAccount(world, [{ section: 'billing' }]);
    const invoice = await app.strapi.db.query(ca('invoice')).create({ data: { number: `INV-${Math.random().toString(36).slice(2, 8)}`, client: world.client.id, issuedOn: '2026-11-01', total: 10, currency: 'EUR' } });
    const staff = await staffLogin(app.strapi, app.server);

    const product = (await staff.get(`/products/${disk.documentId}/visibility`).expect(200)).body.data.people;
    const allowedOn = (people: any[]) => people.filter((p) => p.allowed).map((p) => p.login).sort();
    const master = await world.master();
    expect(allowedOn(product)).toEqual([master.identity.username, viewer.customer.identity.username].sort());
    const products = (await viewer.customer.get(`/clients/${world.client.documentId}/products`).expect(200)).body.data.map((p: any) => p.documentId);
    expect(products).toEqual([disk.documentId]);

    const bill = (await staff.get(`/invoices/${invoice.documentId}/visibility`).expect(200)).body.data;
    expect(bill.subject).toMatchObject({ type: 'invoice', title: invoice.number });
    expect(allowedOn(bill.people)).toEqual([master.identity.username, payer.customer.identity.username].sort());

    // Each in its area: a role with tickets only is refused on products and invoices.
    const agent = await roleWith(['tickets.read']);
    await agent.get(`/products/${disk.documentId}/visibility`).expect(403);
    await agent.get(`/invoices/${invoice.documentId}/visibility`).expect(403);
    await staff.get('/products/nosuchproduct/visibility').expect(404);
    await staff.get('/tickets/CA-0/visibility').expect(404);
  });
});

describe('the audit log for staff', () => {
  it('lists every client’s entries newest first, named, filtered by client, actor, action and dates; audit.read only', async () => {
    const world = await clientWorld(app.strapi, app.server);
    const sub = await world.subAccount([{ section: 'billing' }]);
    const master = await world.master();
    await master.put(`/clients/${world.client.documentId}/members/${sub.membership.documentId}/grants`, { grants: [{ section: 'tickets' }] }).expect(200);
    await master.post(`/clients/${world.client.documentId}/members/${sub.membership.documentId}/suspend`).expect(200);
    const staff = await staffLogin(app.strapi, app.server);
    await staff.post(`/clients/${world.client.documentId}/members/${sub.membership.documentId}/restore`).expect(200);

    const of = async (query: string) => (await staff.get(`/audit?client=${world.client.documentId}${query}`).expect(200)).body;
    const all = await of('');
    expect(all.data.map((e: any) => e.action).slice(0, 3)).toEqual(['membership.restored', 'membership.suspended', 'grants.changed']);
    expect(all.data[0]).toMatchObject({ client: { documentId: world.client.documentId }, actor: { kind: 'staff' }, subject: { type: 'membership', name: expect.stringContaining(sub.customer.identity.username) } });
    expect(all.data[1].actor).toMatchObject({ kind: 'customer', name: master.identity.username });
    expect((await of('&action=membership.')).data.map((e: any) => e.action)).toEqual(expect.arrayContaining(['membership.restored', 'membership.suspended']));
    expect((await of('&action=membership.')).data.every((e: any) => e.action.startsWith('membership.'))).toBe(true);
    expect((await of('&action=grants.changed')).meta.total).toBe(1);
    expect((await of(`&actor=${master.identity.username}`)).data.every((e: any) => e.actor.name === master.identity.username)).toBe(true);
    const today = new Date().toISOString().slice(0, 10);
    expect((await of(`&from=${today}&to=${today}`)).meta.total).toBe(all.meta.total);
    expect((await of('&to=2000-01-01')).meta.total).toBe(0);

    await staff.get('/audit?action=DROP TABLE').expect(400);
    await staff.get('/audit?from=yesterday').expect(400);
    await staff.get('/audit?client=nosuchclient').expect(404);
    await (await roleWith(['contacts.read'])).get('/audit').expect(403);
    await (await roleWith(['audit.read'])).get('/audit').expect(200);
  });
});

/** A mail the intake holds for staff: from an address no client knows. */
async function heldMail(from: string, subject: string, extra = '') {
  const raw = Buffer.from(
    [`From: Someone <${from}>`, 'To: support@client-area.test', `Subject: ${subject}`, `Message-ID: <${Math.random().toString(36).slice(2)}@outside.test>`, extra, 'Content-Type: text/plain; charset=utf-8', '', `Hello, ${subject}.`, ''].filter((line, i) => line !== '' || i > 4).join('\r\n'),
  );
  const source = { mailbox: 'INBOX', uidValidity: 7, uid: Math.floor(Math.random() * 1e9) };
  expect(await app.strapi.plugin('client-area').service('mail-intake').take(raw, source)).toBe('triage');
  return app.strapi.db.query(ca('mail-intake')).findOne({ where: { uid: String(source.uid) } });
}

describe('triage of held mail', () => {
  it('staff read a held mail and assign it to a client: a ticket opens as the sender, the customer sees it, the record says who decided', async () => {
    const world = await clientWorld(app.strapi, app.server);
    const from = `newcomer-${Math.random().toString(36).slice(2, 8)}@outside.test`;
    const row = await heldMail(from, 'Printer on fire');
    const staff = await staffLogin(app.strapi, app.server);

    const listed = (await staff.get('/triage?pageSize=100').expect(200)).body;
    expect(listed.data.find((m: any) => m.documentId === row.documentId)).toMatchObject({ from, subject: 'Printer on fire', reason: 'unknown sender: waiting for staff' });
    const shown = (await staff.get(`/triage/${row.documentId}`).expect(200)).body.data;
    expect(shown).toMatchObject({ from, subject: 'Printer on fire', body: 'Hello, Printer on fire.', knownAs: [] });

    const { reference } = (await staff.post(`/triage/${row.documentId}/assign`, { client: world.client.documentId }).expect(200)).body.data;
    const ticket = await app.strapi.db.query(ca('ticket')).findOne({ where: { reference }, populate: { requester: true, client: true } });
    expect([ticket.client.id, ticket.requester.email, ticket.channel]).toEqual([world.client.id, from, 'email']);
    const master = await world.master();
    expect((await master.get(`/tickets/${reference}`).expect(200)).body.data.subject).toBe('Printer on fire');
    const after = await app.strapi.db.query(ca('mail-intake')).findOne({ where: { id: row.id }, populate: { ticket: true } });
    expect([after.outcome, after.ticket.reference, after.reason]).toEqual(['ticket-created', reference, 'unknown sender: waiting for staff; assigned by staff']);
    expect((await staff.get(`/audit?client=${world.client.documentId}&action=mail.assigned`).expect(200)).body.meta.total).toBe(1);
    // The sender became a contact through the contacts service: audited like any new contact.
    expect((await staff.get(`/audit?client=${world.client.documentId}&action=contact.created`).expect(200)).body.data[0].details).toEqual({ email: from });

    // Dealt with: no second decision.
    await staff.post(`/triage/${row.documentId}/assign`, { client: world.client.documentId }).expect(404);
    await staff.post(`/triage/${row.documentId}/reject`).expect(404);
    // The next mail from that address is known now, and held mail names where it is known.
    const again = await heldMail(`other-${from}`, 'Second');
    await staff.post(`/triage/${again.documentId}/assign`, {}).expect(400);
    await staff.post(`/triage/${again.documentId}/assign`, { client: world.client.documentId, contact: 'abc' }).expect(400);
  });

  it('staff reject a held mail: the sender is told once a day, the record keeps why; a Support agent may, a Billing clerk may not', async () => {
    const from = `spammy-${Math.random().toString(36).slice(2, 8)}@outside.test`;
    const first = await heldMail(from, 'Buy now');
    const second = await heldMail(from, 'Buy now again');
    const agent = await roleWith(['triage.read', 'triage.manage']);
    const clerk = await roleWith(['billing.read', 'billing.manage']);
    await clerk.get('/triage').expect(403);
    await clerk.post(`/triage/${first.documentId}/reject`).expect(403);

    const notices = async () => (await app.strapi.db.query(ca('mail-outbox')).findMany({ where: { kind: 'intake-refused' } })).filter((mail: any) => mail.toAddresses.includes(from));
    expect((await agent.post(`/triage/${first.documentId}/reject`).expect(200)).body.data).toEqual({ noticed: true });
    expect((await agent.post(`/triage/${second.documentId}/reject`).expect(200)).body.data).toEqual({ noticed: false });
    const sent = await notices();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ subject: 'Re: Buy now', headers: { autoSubmitted: true, inReplyTo: expect.stringMatching(/@outside\.test>$/) } });
    const rows = await app.strapi.db.query(ca('mail-intake')).findMany({ where: { id: { $in: [first.id, second.id] } }, orderBy: { id: 'asc' } });
    expect(rows.map((r: any) => [r.outcome, r.reason])).toEqual([
      ['rejected', 'unknown sender: waiting for staff; rejected by staff, notice sent'],
      ['rejected', 'unknown sender: waiting for staff; rejected by staff, a notice was already sent today'],
    ]);
  });

  it('a held reply to a ticket goes to that ticket, written as a contact of its client only', async () => {
    const world = await clientWorld(app.strapi, app.server);
    const other = await clientWorld(app.strapi, app.server);
    const master = await world.master();
    const reference = (await master.post(`/clients/${world.client.documentId}/tickets`, { subject: 'Slow disk', body: 'x' }).expect(201)).body.data.reference;
    const from = `colleague-${Math.random().toString(36).slice(2, 8)}@outside.test`;
    const row = await heldMail(from, `Re: [#${reference}] Slow disk`);
    const staff = await staffLogin(app.strapi, app.server);
    expect((await staff.get(`/triage/${row.documentId}`).expect(200)).body.data.ticket).toMatchObject({ reference });

    const foreign = await app.strapi.db.query(ca('contact')).findOne({ where: { client: { id: other.client.id } } });
    const refused = (await staff.post(`/triage/${row.documentId}/assign`, { contact: foreign.documentId }).expect(400)).body.error.message;
    expect(refused).toMatch(new RegExp(`answers ${reference}`));
    expect((await staff.post(`/triage/${row.documentId}/assign`, { client: world.client.documentId }).expect(200)).body.data).toEqual({ outcome: 'reply-added', reference });
    const thread = (await master.get(`/tickets/${reference}`).expect(200)).body.data.messages.map((m: any) => m.body);
    expect(thread).toEqual(['x', `Hello, Re: [#${reference}] Slow disk.`]);
  });
});

describe('the mail screens for staff', () => {
  it('list the outbox by status with the server’s answer, and the intake by outcome; the raw message needs mail.manage', async () => {
    const outbox = app.strapi.plugin('client-area').service('outbox');
    await outbox.enqueue({ kind: 'test', to: ['bounce@example.test'], subject: `Failing ${Math.random()}`, text: 'x' });
    const failed = await app.strapi.db.query(ca('mail-outbox')).findOne({ where: { kind: 'test' }, orderBy: { id: 'desc' } });
    await app.strapi.db.query(ca('mail-outbox')).update({ where: { id: failed.id }, data: { deliveryStatus: 'failed', attempts: 3, lastError: '550 5.1.1 mailbox unknown' } });
    const held = await heldMail(`raw-${Math.random().toString(36).slice(2, 8)}@outside.test`, 'Raw one');

    const reader = await roleWith(['mail.read']);
    const list = (await reader.get('/outbox?status=failed&pageSize=100').expect(200)).body;
    expect(list.data.every((m: any) => m.status === 'failed')).toBe(true);
    expect(list.data.find((m: any) => m.documentId === failed.documentId)).toMatchObject({ to: ['bounce@example.test'], attempts: 3, lastError: '550 5.1.1 mailbox unknown' });
    const intake = (await reader.get('/intake?outcome=triage&pageSize=100').expect(200)).body.data;
    expect(intake.find((m: any) => m.documentId === held.documentId)).toMatchObject({ subject: 'Raw one', outcome: 'triage', reason: 'unknown sender: waiting for staff' });
    await reader.get(`/intake/${held.documentId}/raw`).expect(403);
    await reader.get('/outbox?status=lost').expect(400);

    const manager = await roleWith(['mail.read', 'mail.manage']);
    const raw = await manager.get(`/intake/${held.documentId}/raw`).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    }).expect(200);
    expect(raw.headers['content-type']).toMatch(/^message\/rfc822/);
    expect(raw.headers['content-disposition']).toMatch(/attachment; filename="intake-\d+\.eml"/);
    expect(raw.body.toString('latin1')).toContain('Subject: Raw one');
  });

  it('take a failed message again: what it causes now replaces the failure, audited; anything else is refused', async () => {
    const world = await clientWorld(app.strapi, app.server);
    const master = await world.master();
    const source = { mailbox: 'INBOX', uidValidity: 9, uid: Math.floor(Math.random() * 1e9) };
    const raw = Buffer.from(`From: <${master.identity.email}>\r\nSubject: Second try\r\nMessage-ID: <${Math.random().toString(36).slice(2)}@client.test>\r\n\r\nPlease help.\r\n`);
    await app.strapi.plugin('client-area').service('mail-intake').recordOnly(source, { outcome: 'failed', reason: 'database was restarting', raw: raw.toString('latin1') });
    const failed = await app.strapi.db.query(ca('mail-intake')).findOne({ where: { uid: String(source.uid) } });
    const staff = await roleWith(['mail.read', 'mail.manage']);

    const again = (await staff.post(`/intake/${failed.documentId}/reprocess`).expect(200)).body.data;
    expect(again.outcome).toBe('ticket-created');
    const row = await app.strapi.db.query(ca('mail-intake')).findOne({ where: { uid: String(source.uid) }, populate: { ticket: true } });
    expect([row.outcome, row.ticket.subject]).toEqual(['ticket-created', 'Second try']);
    expect((await master.get('/tickets').expect(200)).body.data.map((t: any) => t.subject)).toContain('Second try');
    await staff.post(`/intake/${row.documentId}/reprocess`).expect(400);
    await (await roleWith(['mail.read'])).post(`/intake/${row.documentId}/reprocess`).expect(403);
  });
});

describe('the staff ticket queue', () => {
  it('assigns tickets to staff who read tickets, and filters by assignee, product, category and waiting time', async () => {
    const world = await clientWorld(app.strapi, app.server);
    const disk = await world.product('Disk');
    const master = await world.master();
    const open = async (subject: string, product?: string) =>
      (await master.post(`/clients/${world.client.documentId}/tickets`, { subject, body: 'x', ...(product ? { product } : {}) }).expect(201)).body.data.reference;
    const onDisk = await open('Disk is slow', disk.documentId);
    const other = await open('Invoice question');
    const staff = await staffLogin(app.strapi, app.server);
    const agent = await roleWith(['tickets.read', 'tickets.manage']);
    const clerk = await roleWith(['billing.read']);
    const agentId = (await agent.admin('get', '/admin/users/me').expect(200)).body.data.id;
    const clerkId = (await clerk.admin('get', '/admin/users/me').expect(200)).body.data.id;

    const assignees = (await staff.get('/tickets/assignees').expect(200)).body.data.map((a: any) => a.id);
    expect(assignees).toContain(agentId);
    expect(assignees).not.toContain(clerkId);
    await staff.put(`/tickets/${onDisk}/assignee`, { assignee: clerkId }).expect(400);
    expect((await staff.put(`/tickets/${onDisk}/assignee`, { assignee: agentId }).expect(200)).body.data.assignee).toMatchObject({ id: agentId });

    const refs = async (query: string) => (await agent.get(`/tickets?client=${world.client.documentId}&view=client&pageSize=100${query}`).expect(200)).body.data.map((t: any) => t.reference).sort();
    expect(await refs('&assignee=me')).toEqual([onDisk]);
    expect(await refs('&assignee=none')).toEqual([other]);
    expect(await refs(`&assignee=${agentId}`)).toEqual([onDisk]);
    expect(await refs(`&product=${disk.documentId}`)).toEqual([onDisk]);
    expect((await agent.get(`/tickets/${onDisk}`).expect(200)).body.data.assignee).toMatchObject({ id: agentId });

    // Waiting: no message for some days.
    await app.strapi.db.query(ca('ticket')).update({ where: { reference: other }, data: { lastMessageAt: new Date(Date.now() - 5 * 86_400_000) } });
    expect(await refs('&waitingDays=3')).toEqual([other]);
    expect(await refs('&waitingDays=7')).toEqual([]);

    // Category: the requester's.
    const category = await app.strapi.db.query(ca('user-category')).create({ data: { name: `Queue ${Math.random()}` } });
    const requester = await app.strapi.db.query(ca('ticket')).findOne({ where: { reference: onDisk }, populate: { requester: true } });
    await app.strapi.db.query(ca('contact')).update({ where: { id: requester.requester.id }, data: { categories: [category.id] } });
    expect(await refs(`&category=${category.documentId}`)).toEqual([onDisk, other].sort());

    // Words: the reference, the subject, the client's name, the requester's name or email; % and _ are themselves.
    const requesterEmail = requester.requester.email as string;
    await app.strapi.db.query(ca('contact')).update({ where: { id: requester.requester.id }, data: { firstName: 'Ursula', lastName: 'Quist' } });
    const clientName = (await app.strapi.db.query(ca('client')).findOne({ where: { id: world.client.id } })).name as string;
    expect(await refs('&q=slow')).toEqual([onDisk]);
    expect(await refs(`&q=${other.toLowerCase()}`)).toEqual([other]);
    expect(await refs(`&q=${encodeURIComponent(clientName.toUpperCase())}`)).toEqual([onDisk, other].sort());
    expect(await refs(`&q=${encodeURIComponent(requesterEmail)}`)).toEqual([onDisk, other].sort());
    expect(await refs('&q=ursula%20quist')).toEqual([onDisk, other].sort());
    expect(await refs('&q=%25')).toEqual([]);
    expect(await refs('&q=disk_is')).toEqual([]);
    expect(await refs('&q=slow&product=' + disk.documentId)).toEqual([onDisk]);

    await staff.put(`/tickets/${onDisk}/assignee`, { assignee: null }).expect(200);
    await staff.put(`/tickets/${onDisk}/assignee`, { assignee: 99_999_999_999 }).expect(400);
    await agent.get('/tickets?assignee=99999999999').expect(400);
    // Only a closed ticket reopens.
    expect((await staff.post(`/tickets/${onDisk}/reopen`).expect(400)).body.error.message).toBe('Only a closed ticket is reopened; this one is open');
    expect(await refs('&assignee=none')).toEqual([onDisk, other].sort());
    await agent.get('/tickets?assignee=somebody').expect(400);
    await agent.get('/tickets?product=nosuchproduct').expect(404);
    await (await roleWith(['tickets.read'])).put(`/tickets/${onDisk}/assignee`, { assignee: null }).expect(403);
    expect((await staff.get(`/audit?client=${world.client.documentId}&action=ticket.assigned`).expect(200)).body.meta.total).toBe(2);
  });
});

describe('Settings → Client Area', () => {
  const setting = (list: any[], path: string) => list.find((s) => s.path === path);

  it('lays saved settings over the app’s own configuration, applies them at once, checks them as a start would, and goes back on reset', async () => {
    const staff = await staffLogin(app.strapi, app.server);
    const config = (path: string) => app.strapi.plugin('client-area').config(path);
    const own = config('staffAddress');
    const before = (await staff.get('/settings').expect(200)).body.data;
    expect(setting(before, 'staffAddress')).toEqual({ path: 'staffAddress', value: own, default: own, changed: false });
    expect(setting(before, 'imap.password')).toMatchObject({ value: null, default: null, isSet: false });

    const saved = (await staff.put('/settings', { staffAddress: 'desk@client-area.test', 'imap.password': 'hunter2-secret' }).expect(200)).body.data;
    expect(setting(saved, 'staffAddress')).toMatchObject({ value: 'desk@client-area.test', default: own, changed: true });
    expect(setting(saved, 'imap.password')).toMatchObject({ value: null, isSet: true, changed: true });
    expect(JSON.stringify(saved)).not.toContain('hunter2');
    // Kept sealed under the plugin's secret, never in clear.
    const stored = await app.strapi.store({ type: 'plugin', name: 'client-area', key: 'settings' }).get({});
    expect(JSON.stringify(stored)).not.toContain('hunter2');
    expect(config('imap.password')).toBe('hunter2-secret');
    expect(config('staffAddress')).toBe('desk@client-area.test');

    // In force: a new ticket's notice goes to the saved address.
    const world = await clientWorld(app.strapi, app.server);
    const master = await world.master();
    const reference = (await master.post(`/clients/${world.client.documentId}/tickets`, { subject: 'Where does this go?', body: 'x' }).expect(201)).body.data.reference;
    const ticket = await app.strapi.db.query(ca('ticket')).findOne({ where: { reference } });
    const notice = await app.strapi.db.query(ca('mail-outbox')).findOne({ where: { kind: 'ticket-staff-notice', ticket: { id: ticket.id } } });
    expect(notice.toAddresses).toEqual(['desk@client-area.test']);

    // Checked as a start would: nothing is saved when anything is wrong.
    const refused = (await staff.put('/settings', { staffAddress: 'not an address', 'outbox.maxAgeHours': 2 }).expect(400)).body.error.message;
    expect(refused).toMatch(/staffAddress/);
    expect(setting((await staff.get('/settings').expect(200)).body.data, 'outbox.maxAgeHours').changed).toBe(false);
    await staff.put('/settings', { secret: 'x'.repeat(40) }).expect(400);
    await staff.put('/settings', { 'imap.port': 'many' }).expect(400);

    // The audit names what changed, never a secret.
    const audit = (await staff.get('/audit?action=settings.changed').expect(200)).body.data[0];
    expect(audit.details).toEqual({ staffAddress: 'desk@client-area.test', 'imap.password': '(changed)' });

    const reset = (await staff.put('/settings', { staffAddress: null, 'imap.password': null }).expect(200)).body.data;
    expect(setting(reset, 'staffAddress')).toMatchObject({ value: own, changed: false });
    expect(config('staffAddress')).toBe(own);

    // Two staff saving different settings at once both keep theirs, each audited.
    const [first, second] = await Promise.all([
      staff.put('/settings', { 'outbox.maxAgeHours': 5 }),
      (await staffLogin(app.strapi, app.server)).put('/settings', { 'intake.trustedAuthservId': 'mx.client-area.test' }),
    ]);
    expect([first.status, second.status]).toEqual([200, 200]);
    const both = (await staff.get('/settings').expect(200)).body.data;
    expect([setting(both, 'outbox.maxAgeHours').value, setting(both, 'intake.trustedAuthservId').value]).toEqual([5, 'mx.client-area.test']);
    await staff.put('/settings', { 'outbox.maxAgeHours': null, 'intake.trustedAuthservId': null }).expect(200);

    const reader = await roleWith(['settings.read']);
    await reader.get('/settings').expect(200);
    await reader.put('/settings', { staffAddress: 'x@y.test' }).expect(403);
    await (await roleWith(['mail.read'])).get('/settings').expect(403);
  });
});

describe('sections hidden from customers (Settings → Client Area)', () => {
  it('vanish from every customer, masters included, and refuse new grants; the grants held are kept and count again when shown', async () => {
    const world = await clientWorld(app.strapi, app.server);
    const master = await world.master();
    const sub = await enteredSubAccount(world, [{ section: 'billing' }, { section: 'tickets' }]);
    const staff = await staffLogin(app.strapi, app.server);
    const path = (rest = '') => `/clients/${world.client.documentId}${rest}`;
    const sectionsOf = async (customer: Customer) => (await customer.get(path()).expect(200)).body.data.sections;
    const held = async () => (await app.strapi.db.query(ca('grant')).findMany({ where: { membership: { id: sub.membership.id } }, select: ['section'] })).map((g: any) => g.section).sort();
    expect(await sectionsOf(sub.customer)).toEqual(['billing', 'tickets']);

    await staff.put('/settings', { hiddenSections: ['billing', 'orders'] }).expect(200);
    try {
      expect(await sectionsOf(sub.customer)).toEqual(['tickets']);
      expect(await sectionsOf(master)).not.toContain('billing');
      expect(await sectionsOf(master)).toContain('tickets');
      const listed = (await staff.get('/sections').expect(200)).body.data;
      expect(listed.filter((s: any) => s.hidden).map((s: any) => s.name)).toEqual(['billing', 'orders']);
      // The matrix has no billing column, and the member's own grants shown are the visible ones.
      const matrix = (await master.get(path('/access')).expect(200)).body.data;
      expect(matrix.sections.map((s: any) => s.name)).not.toContain('billing');
      expect(matrix.members.find((m: any) => m.documentId === sub.membership.documentId).grants).toEqual([{ section: 'tickets', product: null }]);
      // A new grant of it is refused in words; an edit of the others keeps it in the database.
      const refused = (await master.put(path(`/members/${sub.membership.documentId}/grants`), { grants: [{ section: 'billing' }] }).expect(400)).body.error.message;
      expect(refused).toBe('grants: the section "billing" is hidden from customers (Settings → Client Area)');
      await master.put(path(`/members/${sub.membership.documentId}/grants`), { grants: [{ section: 'tickets' }, { section: 'products' }] }).expect(200);
      expect(await held()).toEqual(['billing', 'products', 'tickets']);
      expect(await sectionsOf(sub.customer)).toEqual(['products', 'tickets']);
      // An unknown name is not saved.
      expect((await staff.put('/settings', { hiddenSections: ['domains'] }).expect(400)).body.error.message).toMatch(/no section "domains"/);
    } finally {
      await staff.put('/settings', { hiddenSections: null }).expect(200);
    }
    expect(await sectionsOf(sub.customer)).toEqual(['products', 'billing', 'tickets']);
  });
});

describe('the content manager and the audit log', () => {
  it('offers nobody, not even a super admin, a way to write audit entries', async () => {
    const staff = await staffLogin(app.strapi, app.server);
    const permissions = (await staff.admin('get', '/admin/users/me/permissions').expect(200)).body.data as Array<{ action: string; subject: string | null }>;
    const onAudit = permissions.filter((p) => p.subject === ca('audit-entry')).map((p) => p.action);
    expect(onAudit).toEqual(['plugin::content-manager.explorer.read']);
    await staff.admin('post', `/content-manager/collection-types/${ca('audit-entry')}`).send({ action: 'forged.entry', subjectType: 'client' }).expect(403);
  });
});

describe('transferring a client to another master', () => {
  it('is staff’s alone: the new master holds everything, the old one becomes a sub-account without grants under it (with a new relationship password, shown once), and the members it managed move under the new master', async () => {
    const world = await clientWorld(app.strapi, app.server);
    const heir = await enteredSubAccount(world, [{ section: 'billing' }]);
    const managed = await world.subAccount([{ section: 'tickets' }], { parent: world.masterMembership });
    const oldMaster = await world.master();
    const staff = await staffLogin(app.strapi, app.server);
    const path = (member: { documentId: string }) => `/clients/${world.client.documentId}/members/${member.documentId}/master`;

    await staff.post(path(world.masterMembership)).expect(400);
    await (await roleWith(['contacts.read'])).post(path(heir.membership)).expect(403);
    const answer = (await staff.post(path(heir.membership)).expect(200)).body.data;
    expect(answer).toMatchObject({ master: heir.membership.documentId, previousMaster: { documentId: world.masterMembership.documentId, relationshipPassword: expect.any(String) } });

    const matrix = (await staff.get(`/clients/${world.client.documentId}/access`).expect(200)).body.data.members;
    const row = (documentId: string) => matrix.find((m: any) => m.documentId === documentId);
    expect(row(heir.membership.documentId)).toMatchObject({ kind: 'master', parent: null, depth: 0 });
    expect(row(world.masterMembership.documentId)).toMatchObject({ kind: 'sub-account', parent: heir.membership.documentId, grants: [] });
    expect(row(managed.membership.documentId)).toMatchObject({ parent: heir.membership.documentId });

    // The heir acts as master on its very next request; the old master needs its new relationship password and holds nothing.
    await heir.customer.get(`/clients/${world.client.documentId}/contacts`).expect(200);
    await enter(oldMaster, world.client, answer.previousMaster.relationshipPassword);
    // With nothing granted, the client does not exist for it (as for anyone who reaches no section there).
    await oldMaster.get(`/clients/${world.client.documentId}/contacts`).expect(404);
    expect((await staff.get(`/audit?client=${world.client.documentId}&action=client.master-transferred`).expect(200)).body.meta.total).toBe(1);

    // A suspended member can't be made master.
    await staff.post(`/clients/${world.client.documentId}/members/${managed.membership.documentId}/suspend`).expect(200);
    await staff.post(path(managed.membership)).expect(400);
  });
});

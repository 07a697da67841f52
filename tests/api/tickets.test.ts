import { startApp, type TestApp } from '../support/strapi';
import { createSmtp, deliverAll, smtpEnv, type TestSmtp } from '../support/smtp';
import { clientWorld, enteredSubAccount, type Customer } from '../support/customers';
import { staffLogin } from '../support/staff';

let app: TestApp;
let smtp: TestSmtp;
beforeAll(async () => {
  smtp = await createSmtp();
  app = await startApp({ env: { ...smtpEnv(smtp), CLIENT_AREA_STAFF_ADDRESS: 'staff@client-area.test' } });
});
afterAll(async () => {
  await app?.stop();
  await smtp?.stop();
});
const deliver = () => deliverAll(app.strapi);
// Each test sees only the mail it caused.
beforeEach(async () => {
  await deliver();
  smtp.messages.length = 0;
});
const recipients = () => smtp.messages.map((m) => ({ subject: m.mail.subject, to: m.envelope.to.sort() }));
const references = async (customer: Customer, query = '') => (await customer.get(`/tickets${query}`).expect(200)).body.data.map((t: any) => t.reference).sort();

/** A client with two products; `member` makes a sub-account with a contact record (so it can open tickets), past its password. */
async function ticketWorld() {
  const world = await clientWorld(app.strapi, app.server);
  const p1 = await world.product('Product one');
  const p2 = await world.product('Product two');
  const member = (grants: any[]) => enteredSubAccount(world, grants, { withContact: true });
  return { world, p1, p2, member };
}

describe('tickets (rules 10-12)', () => {
  it('a member opens a ticket only where its tickets grant reaches, as its contact', async () => {
    const { world, p1, p2, member } = await ticketWorld();
    const noContact = await enteredSubAccount(world, [{ section: 'tickets', product: p1 }]);
    // No contact record in the client: it can't open a ticket.
    const refusedNoContact = await noContact.customer.post(`/clients/${world.client.documentId}/tickets`, { subject: 'Help', body: 'Please', product: p1.documentId }).expect(403);
    expect(refusedNoContact.body.error.message).toMatch(/no contact record/);
    const sub = await member([{ section: 'tickets', product: p1 }]);
    const opened = await sub.customer.post(`/clients/${world.client.documentId}/tickets`, { subject: 'Help', body: 'Please', product: p1.documentId }).expect(201);
    expect(opened.body.data).toMatchObject({ reference: expect.stringMatching(/^CA-\d+$/), status: 'open', product: { name: 'Product one' } });
    const refused = await sub.customer.post(`/clients/${world.client.documentId}/tickets`, { subject: 'Help', body: 'Please', product: p2.documentId }).expect(403);
    expect(refused.body.error.message).toMatch(/missing grant "tickets" on product/);
    await sub.customer.post(`/clients/${world.client.documentId}/tickets`, { subject: 'Help', body: 'Please' }).expect(403);
  });

  it('a ticket is visible to its requester, to members whose tickets grant covers it, and to nobody else; lists agree with single checks', async () => {
    const { world, p1, p2 } = await ticketWorld();
    const master = await world.master();
    const onP1 = (await master.post(`/clients/${world.client.documentId}/tickets`, { subject: 'P1 issue', body: 'x', product: p1.documentId }).expect(201)).body.data.reference;
    const onP2 = (await master.post(`/clients/${world.client.documentId}/tickets`, { subject: 'P2 issue', body: 'x', product: p2.documentId }).expect(201)).body.data.reference;
    const general = (await master.post(`/clients/${world.client.documentId}/tickets`, { subject: 'General', body: 'x' }).expect(201)).body.data.reference;

    const p2Reader = await enteredSubAccount(world, [{ section: 'tickets', product: p2 }]);
    const allReader = await enteredSubAccount(world, [{ section: 'tickets' }]);
    const noTickets = await enteredSubAccount(world, [{ section: 'billing' }]);
    const stranger = await (await clientWorld(app.strapi, app.server)).master();

    expect(await references(master)).toEqual([general, onP1, onP2].sort());
    expect(await references(master, '?view=mine')).toEqual([general, onP1, onP2].sort());
    expect(await references(p2Reader.customer)).toEqual([onP2]);
    expect(await references(allReader.customer, `?view=client&client=${world.client.documentId}`)).toEqual([general, onP1, onP2].sort());
    expect(await references(noTickets.customer)).toEqual([]);
    expect(await references(stranger)).toEqual([]);

    for (const [customer, visible] of [[p2Reader.customer, [onP2]], [noTickets.customer, []], [stranger, []]] as const) {
      for (const reference of [onP1, onP2, general]) {
        await customer.get(`/tickets/${reference}`).expect((visible as readonly string[]).includes(reference) ? 200 : 404);
      }
    }
    await p2Reader.customer.post(`/tickets/${onP1}/messages`, { body: 'sneaky' }).expect(404);
    await stranger.post(`/tickets/${onP1}/close`).expect(404);
  });

  it('a staff reply is mailed to the requester with the master in CC, and no other contact', async () => {
    const { world, p1, member } = await ticketWorld();
    const master = await world.master();
    const requester = await member([{ section: 'tickets' }]);
    const bystander = await member([{ section: 'tickets' }]);
    const opened = await requester.customer.post(`/clients/${world.client.documentId}/tickets`, { subject: 'Node down', body: 'It is down', product: p1.documentId }).expect(201);
    const reference = opened.body.data.reference;
    await deliver();
    expect(recipients()).toEqual([{ subject: `[#${reference}] Node down`, to: ['staff@client-area.test'] }]);
    smtp.messages.length = 0;

    // The master's CC goes to its login's own address, never to an editable contact field.
    await app.strapi.db.query('plugin::client-area.contact' as any).update({ where: { membership: { id: world.masterMembership.id } }, data: { email: 'attacker@evil.test' } });
    const staff = await staffLogin(app.strapi, app.server);
    await staff.post(`/tickets/${reference}/messages`, { body: 'Restarted it.' }).expect(201);
    await staff.post(`/tickets/${reference}/messages`, { body: 'Customer seems impatient', internal: true }).expect(201);
    await deliver();
    expect(JSON.stringify(smtp.messages.map((m) => m.envelope))).not.toContain('attacker@evil.test');
    expect(recipients()).toEqual([{ subject: `[#${reference}] Node down`, to: [master.identity.email, requester.customer.identity.email].sort() }]);
    const mail = smtp.messages[0].mail;
    expect(mail.to).toMatchObject({ value: [{ address: requester.customer.identity.email }] });
    expect(mail.cc).toMatchObject({ value: [{ address: master.identity.email }] });
    expect(mail.inReplyTo).toMatch(new RegExp(`^<ticket-${reference}\\.msg-\\d+@`));
    expect(mail.messageId).toMatch(new RegExp(`^<ticket-${reference}\\.msg-\\d+@`));
    expect(JSON.stringify(smtp.messages.map((m) => m.envelope))).not.toContain(bystander.customer.identity.email);

    // The bystander may read the ticket (it holds tickets), but the internal note is staff's only.
    const seen = await bystander.customer.get(`/tickets/${reference}`).expect(200);
    expect(seen.body.data.messages.map((m: any) => [m.authorType, m.body])).toEqual([
      ['customer', 'It is down'],
      ['staff', 'Restarted it.'],
    ]);
    const staffView = await staff.get(`/tickets/${reference}`).expect(200);
    expect(staffView.body.data.messages.map((m: any) => m.internal)).toEqual([false, false, true]);
  });

  it("a reply by the master to a sub-account's ticket reaches that sub-account", async () => {
    const { world, member } = await ticketWorld();
    const master = await world.master();
    const requester = await member([{ section: 'tickets' }]);
    const reference = (await requester.customer.post(`/clients/${world.client.documentId}/tickets`, { subject: 'Question', body: 'How?' }).expect(201)).body.data.reference;
    await deliver();
    smtp.messages.length = 0;
    await master.post(`/tickets/${reference}/messages`, { body: 'Like this.' }).expect(201);
    await deliver();
    expect(recipients()).toEqual(
      expect.arrayContaining([
        { subject: `[#${reference}] Question`, to: [requester.customer.identity.email] },
        { subject: `[#${reference}] Question`, to: ['staff@client-area.test'] },
      ]),
    );
    expect(smtp.messages).toHaveLength(2);
  });

  it('a group reader sees the tickets of its category across clients: group open, all and closed', async () => {
    const { world, member } = await ticketWorld();
    const other = await ticketWorld();
    const category = await app.strapi.db.query('plugin::client-area.user-category' as any).create({ data: { name: `Key accounts ${Math.random()}` } });
    const requester = await member([{ section: 'tickets' }]);
    await app.strapi.db.query('plugin::client-area.contact' as any).update({ where: { id: requester.contact!.id }, data: { categories: [category.id] } });
    const reader = await other.member([]);
    await app.strapi.db.query('plugin::client-area.contact' as any).update({ where: { id: reader.contact!.id }, data: { groupReadCategory: category.id } });
    const open = (await requester.customer.post(`/clients/${world.client.documentId}/tickets`, { subject: 'Open one', body: 'x' }).expect(201)).body.data.reference;
    const closed = (await requester.customer.post(`/clients/${world.client.documentId}/tickets`, { subject: 'Closed one', body: 'x' }).expect(201)).body.data.reference;
    await requester.customer.post(`/tickets/${closed}/close`).expect(200);

    const customer = reader.customer;
    expect(await references(customer, '?view=group-open')).toEqual([open]);
    expect(await references(customer, '?view=group-closed')).toEqual([closed]);
    expect(await references(customer, '?view=group-all')).toEqual([open, closed].sort());
    expect(await references(customer, '?view=mine')).toEqual([]);
    await customer.get(`/tickets/${open}`).expect(200);
    // It may update them too.
    await customer.post(`/tickets/${open}/messages`, { body: 'Following up for the group' }).expect(201);
  });

  it('pages newest first by page number or by cursor, the same tickets either way, ties broken by id; the total counts what the caller may see', async () => {
    const { world, p1 } = await ticketWorld();
    const master = await world.master();
    const opened: string[] = [];
    for (let i = 0; i < 7; i++) opened.push((await master.post(`/clients/${world.client.documentId}/tickets`, { subject: `T${i}`, body: 'x', product: i % 2 ? p1.documentId : null }).expect(201)).body.data.reference);
    // Three tickets share one lastMessageAt: the id decides between them, on both pagings.
    const same = new Date('2026-01-02T03:04:05.000Z');
    await app.strapi.db.query('plugin::client-area.ticket' as any).updateMany({ where: { reference: { $in: opened.slice(1, 4) } }, data: { lastMessageAt: same } });
    const other = await (await clientWorld(app.strapi, app.server)).master();
    await other.post(`/clients/${(await other.get('/clients').expect(200)).body.data[0].documentId}/tickets`, { subject: 'Not yours', body: 'x' }).expect(201);

    const byPage: string[] = [];
    for (let page = 1; page <= 3; page++) {
      const res = await master.get(`/tickets?pageSize=3&page=${page}`).expect(200);
      expect(res.body.meta.total).toBe(7);
      byPage.push(...res.body.data.map((t: any) => t.reference));
    }
    const byCursor: string[] = [];
    let cursor: string | null = null;
    do {
      const res: any = await master.get(`/tickets?pageSize=3${cursor ? `&cursor=${cursor}` : ''}`).expect(200);
      byCursor.push(...res.body.data.map((t: any) => t.reference));
      cursor = res.body.meta.nextCursor;
    } while (cursor);
    // Newest first: the four with fresh times in reverse order of opening, then the three older ones by id, highest first.
    const expected = [...opened.slice(4).reverse(), opened[0], ...opened.slice(1, 4).reverse()];
    expect(byPage).toEqual(expected);
    expect(byCursor).toEqual(expected);

    const staff = await staffLogin(app.strapi, app.server);
    const staffPage = await staff.get(`/tickets?view=client&client=${world.client.documentId}&pageSize=5`).expect(200);
    expect(staffPage.body.meta.total).toBe(7);
    const staffRest = await staff.get(`/tickets?view=client&client=${world.client.documentId}&pageSize=5&cursor=${staffPage.body.meta.nextCursor}`).expect(200);
    expect([...staffPage.body.data, ...staffRest.body.data].map((t: any) => t.reference)).toEqual(expected);
    expect(staffRest.body.meta.nextCursor).toBeNull();

    const refused = await master.get('/tickets?cursor=not-a-cursor').expect(400);
    expect(refused.body.error.message).toMatch(/cursor/);
    await master.get(`/tickets?pageSize=101`).expect(400);
  });

  it('answers bad input with a clear 4xx', async () => {
    const { world } = await ticketWorld();
    const master = await world.master();
    await master.get('/tickets?view=everything').expect(400);
    await master.get('/tickets?page=0').expect(400);
    await master.get('/tickets?view=client').expect(400);
    await master.get('/tickets?unknown=1').expect(400);
    await master.get('/tickets/CA-999999').expect(404);
    await master.get('/tickets/not-a-reference').expect(404);
    await master.post(`/clients/${world.client.documentId}/tickets`, { subject: '', body: 'x' }).expect(400);
    await master.post(`/clients/${world.client.documentId}/tickets`, { subject: 'x', body: 'x', product: 'nosuchproduct' }).expect(400);
  });
});

describe('a message mails as rule 12 says whoever writes it', () => {
  const MESSAGE = 'plugin::client-area.ticket-message';
  /** A ticket opened by a sub-account (so the master is CC of staff replies), and a colleague who may write on it. */
  async function openTicket() {
    const { world, member } = await ticketWorld();
    const master = await world.master();
    const requester = await member([{ section: 'tickets' }]);
    const colleague = await member([{ section: 'tickets' }]);
    const reference = (await requester.customer.post(`/clients/${world.client.documentId}/tickets`, { subject: 'Backup failed', body: 'Last night' }).expect(201)).body.data.reference;
    const ticket = await app.strapi.db.query('plugin::client-area.ticket' as any).findOne({ where: { reference } });
    await deliver();
    smtp.messages.length = 0;
    return { world, master, requester, colleague, reference, ticket };
  }
  const statusOf = async (id: number) => (await app.strapi.db.query('plugin::client-area.ticket' as any).findOne({ where: { id } })).ticketStatus;

  it('a staff reply written in the content manager is mailed to the requester with the master in CC and signed by its admin; an internal note mails nobody', async () => {
    const { master, requester, reference, ticket } = await openTicket();
    const staff = await staffLogin(app.strapi, app.server);
    const me = (await staff.admin('get', '/admin/users/me').expect(200)).body.data;
    const written = await staff
      .admin('post', `/content-manager/collection-types/${MESSAGE}`)
      // A Message-ID typed in (or copied by "Duplicate") is not the one it is mailed with.
      .send({ ticket: { connect: [{ documentId: ticket.documentId }] }, authorType: 'staff', body: 'Restored from yesterday.', internal: false, messageId: '<forged@example.test>' })
      .expect(201);
    await staff
      .admin('post', `/content-manager/collection-types/${MESSAGE}`)
      .send({ ticket: { connect: [{ documentId: ticket.documentId }] }, authorType: 'staff', body: 'Their disk is nearly full again', internal: true })
      .expect(201);
    await deliver();
    expect(recipients()).toEqual([{ subject: `[#${reference}] Backup failed`, to: [master.identity.email, requester.customer.identity.email].sort() }]);
    const mail = smtp.messages[0].mail;
    expect(mail.cc).toMatchObject({ value: [{ address: master.identity.email }] });
    expect(mail.text?.trim()).toBe('Restored from yesterday.');
    expect(mail.inReplyTo).toMatch(new RegExp(`^<ticket-${reference}\\.msg-\\d+@`));
    const saved = await app.strapi.db.query(MESSAGE as any).findOne({ where: { documentId: written.body.data.documentId }, populate: { authorStaff: true } });
    expect(saved.authorStaff?.id).toBe(me.id);
    expect(saved.messageId).toBe(mail.messageId);
    expect(mail.messageId).not.toBe('<forged@example.test>');
    expect(await statusOf(ticket.id)).toBe('answered');
    // The requester reads it in the thread, not the note.
    const thread = (await requester.customer.get(`/tickets/${reference}`).expect(200)).body.data.messages.map((m: any) => m.body);
    expect(thread).toEqual(['Last night', 'Restored from yesterday.']);
  });

  it("in the content manager a message is the admin's own: it can't be written, nor rewritten, in a customer's name", async () => {
    const { requester, colleague, ticket } = await openTicket();
    const staff = await staffLogin(app.strapi, app.server);
    const me = (await staff.admin('get', '/admin/users/me').expect(200)).body.data;
    const written = await staff
      .admin('post', `/content-manager/collection-types/${MESSAGE}`)
      .send({ ticket: { connect: [{ documentId: ticket.documentId }] }, authorType: 'customer', authorContact: { connect: [{ documentId: colleague.contact!.documentId }] }, fromAddress: 'bob@example.test', body: 'Please delete my data', internal: true })
      .expect(201);
    const authorship = async () =>
      app.strapi.db.query(MESSAGE as any).findOne({ where: { documentId: written.body.data.documentId }, populate: { authorStaff: true, authorContact: true } });
    expect(await authorship()).toMatchObject({ authorType: 'staff', authorStaff: { id: me.id }, authorContact: null, fromAddress: null });
    await staff
      .admin('put', `/content-manager/collection-types/${MESSAGE}/${written.body.data.documentId}`)
      .send({ authorType: 'customer', authorContact: { connect: [{ documentId: requester.contact!.documentId }] }, authorStaff: { disconnect: [{ id: me.id }] }, body: 'Please delete my data (typo fixed)' })
      .expect(200);
    expect(await authorship()).toMatchObject({ authorType: 'staff', authorStaff: { id: me.id }, authorContact: null, body: 'Please delete my data (typo fixed)' });
  });

  it("a customer's message written by another plugin through the document service tells staff and copies the requester", async () => {
    const { requester, colleague, reference, ticket } = await openTicket();
    await app.strapi.documents(MESSAGE as any).create({
      data: { ticket: ticket.documentId, authorType: 'customer', body: 'It failed again tonight.', authorContact: colleague.contact!.documentId },
    } as any);
    await deliver();
    expect(recipients().sort((a, b) => a.to[0].localeCompare(b.to[0]))).toEqual(
      [
        { subject: `[#${reference}] Backup failed`, to: [requester.customer.identity.email] },
        { subject: `[#${reference}] Backup failed`, to: ['staff@client-area.test'] },
      ].sort((a, b) => a.to[0].localeCompare(b.to[0])),
    );
    expect(await statusOf(ticket.id)).toBe('customer-reply');
  });

  it('a staff reply written through the query engine is mailed too, and a message written as history mails nobody', async () => {
    const { world, requester, reference, ticket } = await openTicket();
    // An import that opens tickets through the tickets service, as history: no mail either.
    await app.strapi
      .plugin('client-area')
      .service('tickets')
      .writeHistory(() => app.strapi.plugin('client-area').service('tickets').create({ clientId: world.client.id, requesterId: requester.contact!.id, subject: 'Imported', body: 'From 2019', productId: null, channel: 'email', identityId: null }));
    await app.strapi.db.query(MESSAGE as any).create({ data: { ticket: ticket.id, authorType: 'staff', body: 'Fixed by a script.', internal: false } });
    await app.strapi
      .plugin('client-area')
      .service('tickets')
      .writeHistory(() => app.strapi.db.query(MESSAGE as any).create({ data: { ticket: ticket.id, authorType: 'staff', body: 'An answer from the old helpdesk', internal: false } }));
    await deliver();
    expect(smtp.messages.map((m) => [m.mail.subject, m.mail.text?.trim()])).toEqual([[`[#${reference}] Backup failed`, 'Fixed by a script.']]);
    expect(smtp.messages[0].envelope.to).toContain(requester.customer.identity.email);
  });

  it('a message and its mails are saved together or not at all', async () => {
    const { ticket } = await openTicket();
    const outboxRows = () => app.strapi.db.query('plugin::client-area.mail-outbox' as any).count({ where: { ticket: { id: ticket.id } } });
    const before = await outboxRows();
    await expect(
      app.strapi.db.transaction(async () => {
        await app.strapi.documents(MESSAGE as any).create({ data: { ticket: ticket.documentId, authorType: 'staff', body: 'Never sent', internal: false } } as any);
        throw new Error('the caller changed its mind');
      }),
    ).rejects.toThrow('the caller changed its mind');
    expect(await app.strapi.db.query(MESSAGE as any).count({ where: { body: 'Never sent' } })).toBe(0);
    expect(await outboxRows()).toBe(before);
  });
});

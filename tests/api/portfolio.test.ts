import { startApp, type TestApp } from '../support/strapi';
import { login, type Customer } from '../support/customers';
import { fixtures } from '../support/fixtures';

let app: TestApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.stop();
});

/** A reseller: master of two clients, logged in. */
async function reseller() {
  const make = fixtures(app.strapi);
  const identity = await make.identity();
  const memberships = app.strapi.plugin('client-area').service('memberships');
  const initech = await make.client('Initech');
  const umbrella = await make.client('Umbrella');
  for (const client of [initech, umbrella]) await memberships.create({ client: client.documentId, identity: identity.documentId, kind: 'master' });
  return { identity, initech, umbrella, owner: await login(app.server, identity) };
}

const clientNames = async (customer: Customer) => (await customer.get('/clients').expect(200)).body.data.map((c: any) => [c.name, c.relation, c.sections]);

describe('security groups and secondary logons (rule 9)', () => {
  it('a secondary logon reaches only the clients in its groups, only with its sections', async () => {
    const { owner, umbrella } = await reseller();
    const groups = await owner.get('/security-groups').expect(200);
    expect(groups.body.data.map((g: any) => [g.name, g.clients.length])).toEqual([['Default', 2]]);
    const premium = (await owner.post('/security-groups', { name: 'Premium' }).expect(201)).body.data;
    await owner.put(`/security-groups/${premium.documentId}/clients`, { clients: [umbrella.documentId] }).expect(200);
    const after = (await owner.get('/security-groups').expect(200)).body.data;
    expect(after.map((g: any) => [g.name, g.clients.map((c: any) => c.name)])).toEqual([['Default', ['Initech']], ['Premium', ['Umbrella']]]);

    await owner
      .post('/secondary-logons', { newIdentity: { username: 'frankie', email: 'frankie@reseller.test', password: 'Secret-pass-1' }, securityGroups: [premium.documentId], sections: ['tickets', 'products'] })
      .expect(201);
    const frank = await login(app.server, { username: 'frankie' });
    expect(await clientNames(frank)).toEqual([['Umbrella', 'secondary-logon', ['products', 'tickets']]]);
    await frank.get(`/clients/${umbrella.documentId}/products`).expect(200);
    await frank.get(`/clients/${umbrella.documentId}/contacts`).expect(403);
  });

  it("a secondary logon with tickets opens a ticket on its owner's behalf: the owner's contact is the requester, the logon the recorded author", async () => {
    const { owner, identity, initech, umbrella } = await reseller();
    const make = fixtures(app.strapi);
    const ownerContact = await make.contact(umbrella, identity.email);
    await app.strapi.db.query('plugin::client-area.membership' as any).update({
      where: { client: { id: umbrella.id }, identity: { id: identity.id } },
      data: { contact: ownerContact.id },
    });
    const helper = await make.identity();
    const fallback = (await owner.get('/security-groups').expect(200)).body.data[0];
    await owner.post('/secondary-logons', { login: helper.username, securityGroups: [fallback.documentId], sections: ['tickets'] }).expect(201);
    const logon = await login(app.server, helper);

    const opened = (await logon.post(`/clients/${umbrella.documentId}/tickets`, { subject: 'Relay queue stuck', body: 'Since 9:00.' }).expect(201)).body.data;
    const ticket = await app.strapi.db.query('plugin::client-area.ticket' as any).findOne({
      where: { reference: opened.reference },
      populate: { requester: { select: ['id'] }, messages: { populate: { authorIdentity: { select: ['id'] }, authorContact: { select: ['id'] } } } },
    });
    expect(ticket.requester.id).toBe(ownerContact.id);
    expect(ticket.messages.map((m: any) => [m.authorIdentity?.id, m.authorContact?.id])).toEqual([[helper.id, ownerContact.id]]);
    // The logon reads it; so does its owner, whose ticket it is.
    await logon.get(`/tickets/${opened.reference}`).expect(200);
    await owner.get(`/tickets/${opened.reference}`).expect(200);

    // Where the owner has no contact, the logon is told so; without tickets there, refused before anything.
    const refused = await logon.post(`/clients/${initech.documentId}/tickets`, { subject: 'x', body: 'y' }).expect(403);
    expect(refused.body.error.message).toMatch(/owner of your secondary logon has no contact record/);
  });

  it('a secondary logon loses a client the moment the client leaves its groups', async () => {
    const { owner, umbrella } = await reseller();
    const premium = (await owner.post('/security-groups', { name: 'Premium' }).expect(201)).body.data;
    const fallback = (await owner.get('/security-groups').expect(200)).body.data.find((g: any) => g.isDefault);
    await owner.put(`/security-groups/${premium.documentId}/clients`, { clients: [umbrella.documentId] }).expect(200);
    const helper = await fixtures(app.strapi).identity();
    await owner.post('/secondary-logons', { login: helper.username, securityGroups: [premium.documentId], sections: ['tickets'] }).expect(201);
    const logon = await login(app.server, helper);
    await logon.get(`/clients/${umbrella.documentId}`).expect(200);
    await owner.put(`/security-groups/${fallback.documentId}/clients`, { clients: [umbrella.documentId] }).expect(200);
    await logon.get(`/clients/${umbrella.documentId}`).expect(404);
  });

  it('a secondary logon loses everything when it is cancelled, or when its owner loses the client or is blocked', async () => {
    const { owner, initech, umbrella, identity } = await reseller();
    const fallback = (await owner.get('/security-groups').expect(200)).body.data[0];
    const helper = await fixtures(app.strapi).identity();
    const created = (await owner.post('/secondary-logons', { login: helper.email, securityGroups: [fallback.documentId], sections: ['tickets'] }).expect(201)).body.data;
    const logon = await login(app.server, helper);
    expect((await clientNames(logon)).map(([name]: any) => name)).toEqual(['Initech', 'Umbrella']);

    // The owner stops being Initech's master: the logon loses Initech at once.
    const mastership = await app.strapi.db.query('plugin::client-area.membership' as any).findOne({ where: { identity: { id: identity.id }, client: { id: initech.id } } });
    await app.strapi.db.query('plugin::client-area.membership' as any).update({ where: { id: mastership.id }, data: { membershipStatus: 'suspended' } });
    expect((await clientNames(logon)).map(([name]: any) => name)).toEqual(['Umbrella']);

    await owner.post(`/secondary-logons/${created.documentId}/cancel`).expect(200);
    await logon.get(`/clients/${umbrella.documentId}`).expect(404);
  });

  it('a blocked owner\'s logons are cancelled, with audit, and stay cancelled when it is unblocked (finding 11)', async () => {
    const { owner, umbrella, identity } = await reseller();
    const fallback = (await owner.get('/security-groups').expect(200)).body.data[0];
    const helper = await fixtures(app.strapi).identity();
    const created = (await owner.post('/secondary-logons', { login: helper.email, securityGroups: [fallback.documentId], sections: ['tickets'] }).expect(201)).body.data;
    const logon = await login(app.server, helper);
    await logon.get(`/clients/${umbrella.documentId}`).expect(200);

    await app.strapi.db.query('plugin::users-permissions.user').update({ where: { id: identity.id }, data: { blocked: true } });
    await logon.get(`/clients/${umbrella.documentId}`).expect(404);
    await app.strapi.db.query('plugin::users-permissions.user').update({ where: { id: identity.id }, data: { blocked: false } });
    await logon.get(`/clients/${umbrella.documentId}`).expect(404);
    const row = await app.strapi.db.query('plugin::client-area.secondary-logon' as any).findOne({ where: { documentId: created.documentId } });
    expect(row.logonStatus).toBe('cancelled');
    const audit = await app.strapi.db.query('plugin::client-area.audit-entry' as any).findOne({ where: { action: 'secondary-logon.cancelled', subjectId: String(row.id) } });
    expect(audit.details).toMatchObject({ reason: 'the owner was blocked' });
  });

  it('an owner that is no longer the master of any client loses its logons for good', async () => {
    const { owner, initech, umbrella, identity } = await reseller();
    const fallback = (await owner.get('/security-groups').expect(200)).body.data[0];
    const helper = await fixtures(app.strapi).identity();
    const created = (await owner.post('/secondary-logons', { login: helper.email, securityGroups: [fallback.documentId], sections: ['tickets'] }).expect(201)).body.data;
    const byClient = (client: any) => app.strapi.db.query('plugin::client-area.membership' as any).findOne({ where: { identity: { id: identity.id }, client: { id: client.id } } });
    await app.strapi.db.query('plugin::client-area.membership' as any).update({ where: { id: (await byClient(initech)).id }, data: { membershipStatus: 'suspended' } });
    expect((await app.strapi.db.query('plugin::client-area.secondary-logon' as any).findOne({ where: { documentId: created.documentId } })).logonStatus).toBe('active');
    await app.strapi.db.query('plugin::client-area.membership' as any).update({ where: { id: (await byClient(umbrella)).id }, data: { membershipStatus: 'suspended' } });
    expect((await app.strapi.db.query('plugin::client-area.secondary-logon' as any).findOne({ where: { documentId: created.documentId } })).logonStatus).toBe('cancelled');
  });

  it("an owner can't touch another owner's groups or logons, nor group clients it is not master of", async () => {
    const first = await reseller();
    const second = await reseller();
    const group = (await first.owner.post('/security-groups', { name: 'Mine' }).expect(201)).body.data;
    await second.owner.put(`/security-groups/${group.documentId}`, { name: 'Stolen' }).expect(404);
    await second.owner.del(`/security-groups/${group.documentId}`).expect(404);
    const res = await first.owner.put(`/security-groups/${group.documentId}/clients`, { clients: [second.initech.documentId] }).expect(400);
    expect(res.body.error.message).toMatch(/not a client you are the master of/);
    await first.owner.post('/secondary-logons', { login: 'x', securityGroups: [], sections: ['teleport'] }).expect(400);
    await first.owner.post('/secondary-logons', { securityGroups: [], sections: [] }).expect(400);
  });
});

import request from 'supertest';
import { startApp, type TestApp } from '../support/strapi';
import { seedDemo } from '../../src/demo/seed';
import { DEMO_ADMIN } from '../../src/demo/data';

let app: TestApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.stop();
});

const PLUGIN_TABLES = [
  'ca_clients',
  'ca_contacts',
  'ca_memberships',
  'ca_grants',
  'ca_products',
  'ca_invoices',
  'ca_invoice_lines',
  'ca_security_groups',
  'ca_secondary_logons',
  'ca_user_categories',
  'ca_tickets',
  'ca_ticket_messages',
];

const rowCounts = async () => {
  const counts: Record<string, number> = {};
  for (const table of [...PLUGIN_TABLES, 'up_users', 'admin_users']) {
    const [{ count }] = await app.strapi.db.connection(table).count({ count: '*' });
    counts[table] = Number(count);
  }
  return counts;
};

const membershipsOf = (username: string) =>
  app.strapi.db.query('plugin::client-area.membership' as any).findMany({
    where: { identity: { username } },
    populate: { client: true, grants: { populate: { product: true } } },
  });

describe('the demo seed', () => {
  let first: Awaited<ReturnType<typeof seedDemo>>;

  beforeAll(async () => {
    first = await seedDemo(app.strapi);
  });

  it('creates the demo world and shows each relationship password once', async () => {
    expect(first.created).toBeGreaterThan(20);
    expect(first.relationshipPasswords.map((entry) => `${entry.username}@${entry.client}`).sort()).toEqual(
      ['bob@ACME', 'bob@GLOBEX', 'dave@ACME', 'grace@GLOBEX'].sort(),
    );
    const counts = await rowCounts();
    expect(counts.ca_clients).toBeGreaterThanOrEqual(3);
    for (const table of PLUGIN_TABLES) expect(counts[table]).toBeGreaterThan(0);
    // The demo's tickets are past conversations: nobody is mailed about them.
    expect(await app.strapi.db.query('plugin::client-area.mail-outbox' as any).count({ where: { kind: { $in: ['ticket-reply', 'ticket-staff-notice'] } } })).toBe(0);
  });

  it('changes nothing when run again', async () => {
    const before = await rowCounts();
    const second = await seedDemo(app.strapi);
    expect(second.created).toBe(0);
    expect(second.relationshipPasswords).toEqual([]);
    expect(await rowCounts()).toEqual(before);
  });

  it('has one identity that is a sub-account under two clients', async () => {
    const memberships = await membershipsOf('bob');
    expect(memberships.map((m: any) => [m.client.reference, m.kind]).sort()).toEqual([
      ['ACME', 'sub-account'],
      ['GLOBEX', 'sub-account'],
    ]);
  });

  it('has sub-accounts with differing grants, one of them per product', async () => {
    const [acme] = (await membershipsOf('bob')).filter((m: any) => m.client.reference === 'ACME');
    expect(acme.grants.map((g: any) => [g.section, g.product?.name]).sort()).toEqual([
      ['products', 'NATS installation #1'],
      ['tickets', 'NATS installation #1'],
    ]);
    const [dave] = await membershipsOf('dave');
    expect(dave.grants.map((g: any) => [g.section, g.product])).toEqual(expect.arrayContaining([['billing', null], ['contacts', null]]));
  });

  it('has a secondary logon, a security group and a group reader', async () => {
    const logon = await app.strapi.db.query('plugin::client-area.secondary-logon' as any).findOne({
      where: { logon: { username: 'frank' } },
      populate: { owner: true, securityGroups: { populate: { clients: true } } },
    });
    expect(logon.owner.username).toBe('erin');
    expect(logon.securityGroups[0].clients.map((c: any) => c.reference)).toEqual(['UMBRELLA']);
    const reader = await app.strapi.db.query('plugin::client-area.contact' as any).findOne({
      where: { email: 'grace@globex.test' },
      populate: { groupReadCategory: { populate: { contacts: true } } },
    });
    expect(reader.groupReadCategory.contacts.map((c: any) => c.email).sort()).toEqual(['alice@acme.test', 'carol@globex.test']);
  });

  it('lets the demo admin log in to the admin API', async () => {
    const res = await request(app.server).post('/admin/login').send({ email: DEMO_ADMIN.email, password: DEMO_ADMIN.password }).expect(200);
    expect(res.body.data.token).toEqual(expect.any(String));
  });

  it('lets a demo customer log in', async () => {
    const res = await request(app.server).post('/api/auth/local').send({ identifier: 'alice', password: first.identities[0].password }).expect(200);
    expect(res.body.user.username).toBe('alice');
  });
});

import crypto from 'crypto';
import request from 'supertest';
import { startApp, type TestApp } from '../support/strapi';
import { clientWorld, enteredSubAccount, login, type Customer } from '../support/customers';
import { fixtures } from '../support/fixtures';
import { staffLogin, staffLoginWithPermissions } from '../support/staff';
import contentApiRoutes from '../../plugins/client-area/server/src/routes/content-api';
import adminRoutes from '../../plugins/client-area/server/src/routes/admin';

/**
 * The BOLA matrix, second half (tests/api/bola.test.ts walks every /clients/:clientId
 * route against callers refused everywhere). Generated from the route tables:
 *
 * 1. every customer route outside /clients/:clientId (tickets, portfolio, public
 *    routes, /me, /clients, session) with another tenant's object ids;
 * 2. every /clients/:clientId route × the callers an attacker inside a client uses
 *    (the master, a parent, the member itself, a sibling, a child, a secondary logon,
 *    a member without the section, a member with another product's grant, staff),
 *    each entry ALLOWED (2xx, and it really happened) or REFUSED (403/404, and nothing
 *    changed), as the README and DESIGN rules say;
 * 3. every admin route × admins whose role lacks its plugin permission (a custom role
 *    with none, one with all the others, Strapi's Editor and Author) refused, and a super
 *    admin allowed.
 *
 * A route added to a table without a case here fails the coverage test by name.
 * The mail intake and the content manager as each caller are in mail-senders.test.ts
 * and content-manager.test.ts.
 */
/** The login session a customer's access token names: a relationship session is bound to it. */
const loginSessionOf = (customer: Customer): string | null => JSON.parse(Buffer.from(customer.jwt.split('.')[1], 'base64url').toString('utf8')).sessionId ?? null;
/** A request context in that login, for entering a client through the service directly. */
const inLogin = (customer: Customer) => ({ state: { session: { id: loginSessionOf(customer) } } });

let app: TestApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.stop();
});

const ca = (name: string) => `plugin::client-area.${name}` as any;
const hex = () => crypto.randomBytes(4).toString('hex');
type Method = 'get' | 'post' | 'put' | 'delete';
interface Route {
  method: string;
  path: string;
  handler: string;
  config: any;
}
const keyOf = (route: { method: string; path: string }) => `${route.method} ${route.path}`;
const runtimeRoutes = (type: 'content-api' | 'admin'): Route[] => (app.strapi.plugin('client-area').routes as any)[type].routes;
const fill = (path: string, params: Record<string, string>) =>
  path.replace(/:(\w+)/g, (_: string, name: string) => {
    if (params[name] === undefined) throw new Error(`no value for :${name} in ${path}`);
    return params[name];
  });

// ---------------------------------------------------------------------------------
// The people of every world: one identity each, logged in once, member of every world
// client in the same place (each world is a new client), so a world costs no login.
// ---------------------------------------------------------------------------------

/** Members of a world client, by their place in it. */
const MEMBERS = ['master', 'parent', 'target', 'sibling', 'child', 'noSection', 'otherProduct'] as const;
type MemberName = (typeof MEMBERS)[number];
/** Who acts: a member, the master's secondary logon, or staff (a super admin, through the admin API twin). */
type ActorName = MemberName | 'logon' | 'staff';
/** What is acted on: a member (its membership, contact, role, product), a contact that is nobody's login, or a new such contact made for the call. */
type TargetName = MemberName | 'plain' | 'fresh';

/**
 * - master
 * - parent: sub-account under the master; contacts, products, tickets, billing (client-wide)
 *   - target: child of parent; contacts, products, tickets
 *     - child: child of target; contacts, products, tickets
 *   - sibling: child of parent; contacts, products, tickets
 * - noSection: sub-account; orders only
 * - otherProduct: sub-account; products and tickets on P3 only
 * - logon: the master's secondary logon (Default group); contacts, products, tickets
 * Products: P1 distributed to parent, P2 distributed to target, P3; none owned.
 * Roles: one held by each of parent, target and child (the same grants they hold), and
 * "narrow" (tickets) held by nobody.
 */
const SHAPE: Record<Exclude<MemberName, 'master'>, { parent: MemberName | null; grants: (p: any[]) => Array<{ section: string; product?: any }> }> = {
  parent: { parent: null, grants: () => ['contacts', 'products', 'tickets', 'billing'].map((section) => ({ section })) },
  target: { parent: 'parent', grants: () => ['contacts', 'products', 'tickets'].map((section) => ({ section })) },
  sibling: { parent: 'parent', grants: () => ['contacts', 'products', 'tickets'].map((section) => ({ section })) },
  child: { parent: 'target', grants: () => ['contacts', 'products', 'tickets'].map((section) => ({ section })) },
  noSection: { parent: null, grants: () => [{ section: 'orders' }] },
  otherProduct: { parent: null, grants: (p) => [{ section: 'products', product: p[2] }, { section: 'tickets', product: p[2] }] },
};

interface People {
  customers: Record<MemberName | 'logon', Customer>;
  staff: Awaited<ReturnType<typeof staffLogin>>;
}
let peoplePromise: Promise<People> | null = null;
const people = () => (peoplePromise ??= makePeople());
async function makePeople(): Promise<People> {
  const make = fixtures(app.strapi);
  const customers = {} as People['customers'];
  for (const name of [...MEMBERS, 'logon'] as const) customers[name] = await login(app.server, await make.identity(`${name}-${hex()}`));
  // The master is master of another client too: suspending its membership in a world (to see who may restore it)
  // must not leave it master of nothing, which cancels its secondary logons for good (rule 9).
  await app.strapi.plugin('client-area').service('memberships').create({ client: (await make.client(`Anchor ${hex()}`)).documentId, identity: customers.master.identity.documentId, kind: 'master' });
  const staff = await staffLogin(app.strapi, app.server);
  return { customers, staff };
}
/** The secondary logon is made once the master is master of a client (its Default group holds every client of the master). */
let logonPromise: Promise<void> | null = null;
const ensureLogon = (p: People) =>
  (logonPromise ??= (async () => {
    const master = p.customers.master;
    const fallback = (await master.get('/security-groups').expect(200)).body.data.find((g: any) => g.isDefault);
    await master.post('/secondary-logons', { login: p.customers.logon.identity.username, securityGroups: [fallback.documentId], sections: ['contacts', 'products', 'tickets'] }).expect(201);
  })());

interface World {
  client: any;
  products: any[];
  members: Record<MemberName, any>;
  contacts: Record<MemberName | 'plain', any>;
  roles: Partial<Record<MemberName | 'narrow', any>>;
  /** The product distributed to a member, for "take". */
  distributed: Partial<Record<MemberName, any>>;
  /** An invoice with a line of P1 and one of P3. */
  invoice: any;
  /** A catalogue item, and a pending order of it placed by noSection (it holds orders). */
  item: any;
  order: any;
  tokens: Partial<Record<ActorName, string>>;
  people: People;
}

const grantKeys = (grants: Array<{ section: string; productId?: number | null; product?: { id: number } | null }>) =>
  JSON.stringify(grants.map((g) => `${g.section}:${g.productId ?? g.product?.id ?? '*'}`).sort());
const shapeGrants = (world: World, name: MemberName) =>
  name === 'master' ? [] : SHAPE[name].grants(world.products).map((g) => ({ section: g.section, productId: (g.product?.id as number | undefined) ?? null }));

/**
 * Puts a world back as makeWorld built it, writing only what differs: every member
 * active, under its parent, with its grants, its role (made again if deleted) and a
 * relationship session; products unowned and distributed as at first. An allowed
 * change is undone this way so the next entry starts from the same world.
 */
async function reset(world: World) {
  const { strapi } = app;
  const grantsService = strapi.plugin('client-area').service('grants');
  const passwords = strapi.plugin('client-area').service('relationship-passwords');
  for (const name of MEMBERS) {
    const id = world.members[name].id;
    const row = await strapi.db.query(ca('membership')).findOne({
      where: { id },
      populate: { parent: { select: ['id'] }, accessRole: { select: ['id'] }, suspendedBy: { select: ['id'] }, grants: { populate: { product: { select: ['id'] } } } },
    });
    let role = world.roles[name];
    if (role && !(await strapi.db.query(ca('access-role')).findOne({ where: { id: role.id } }))) {
      role = world.roles[name] = await strapi.db.query(ca('access-role')).create({ data: { name: `Role of ${name} ${hex()}`, client: world.client.id } });
      await grantsService.replace({ accessRole: role.id }, shapeGrants(world, name));
    }
    const shape = name === 'master' ? null : SHAPE[name];
    const parent = shape?.parent ? world.members[shape.parent].id : null;
    const data: Record<string, unknown> = {};
    if (row.membershipStatus !== 'active' || row.suspendedBy || row.suspendedByStaff) Object.assign(data, { membershipStatus: 'active', suspendedBy: null, suspendedByStaff: false });
    if ((row.parent?.id ?? null) !== parent) data.parent = parent;
    if ((row.accessRole?.id ?? null) !== (role?.id ?? null)) data.accessRole = role?.id ?? null;
    if (Object.keys(data).length) await strapi.db.query(ca('membership')).update({ where: { id }, data });
    if (grantKeys(row.grants ?? []) !== grantKeys(shapeGrants(world, name))) await grantsService.replace({ membership: id }, shapeGrants(world, name));
    const customer = world.people.customers[name];
    const claims = world.tokens[name] ? passwords.claimsOf(customer.identity.id, [world.tokens[name]], loginSessionOf(customer)) : [];
    const proved = (await strapi.plugin('client-area').service('access-facts').load(customer.identity.id, { passwordClaims: claims })).memberships.find((m: any) => m.id === id)?.passwordVerified;
    if (world.tokens[name] && !proved) {
      const password = await passwords.rotate(id, {});
      world.tokens[name] = (await passwords.enter({ identityId: customer.identity.id, clientId: world.client.id, password, ctx: inLogin(customer) })).token;
    }
  }
  // Members made by activations and invitations are removed again.
  const own = MEMBERS.map((name) => world.members[name].id);
  const extra = await strapi.db.query(ca('membership')).findMany({ where: { client: { id: world.client.id }, id: { $notIn: own }, membershipStatus: { $ne: 'removed' } }, select: ['id'] });
  for (const { id } of extra) await strapi.db.query(ca('membership')).update({ where: { id }, data: { membershipStatus: 'removed', parent: null } });
  // The company details as they were made (none).
  await strapi.db.query(ca('client')).update({ where: { id: world.client.id }, data: { address: null, country: null, vatNumber: null, phone: null, website: null } });
  // Orders placed since are gone again; the world's own order waits again.
  const placed = await strapi.db.query(ca('order')).findMany({ where: { client: { id: world.client.id } }, select: ['id'] });
  const since = placed.map((o: any) => o.id).filter((id: number) => id !== world.order.id);
  if (since.length) await strapi.db.query(ca('order')).deleteMany({ where: { id: { $in: since } } });
  await strapi.db.query(ca('order')).updateMany({ where: { id: world.order.id }, data: { orderStatus: 'pending', decidedAt: null } });
  const distributedTo: Record<number, number[]> = { 0: [world.members.parent.id], 1: [world.members.target.id], 2: [] };
  for (const [index, product] of world.products.entries()) {
    const row = await strapi.db.query(ca('product')).findOne({ where: { id: product.id }, populate: { owner: { select: ['id'] }, distributedTo: { select: ['id'] } } });
    const now = (row.distributedTo ?? []).map((m: any) => m.id).sort();
    if (row.owner || JSON.stringify(now) !== JSON.stringify(distributedTo[index])) {
      await strapi.db.query(ca('product')).update({ where: { id: product.id }, data: { owner: null, distributedTo: { set: distributedTo[index] } } });
    }
  }
}

async function makeWorld(name = `World ${hex()}`): Promise<World> {
  const p = await people();
  const { strapi } = app;
  const make = fixtures(strapi);
  const memberships = strapi.plugin('client-area').service('memberships');
  const client = await make.client(name);
  const products = [await make.product(client, `P1 ${hex()}`), await make.product(client, `P2 ${hex()}`), await make.product(client, `P3 ${hex()}`)];
  const members = {} as World['members'];
  const contacts = {} as World['contacts'];
  const tokens: World['tokens'] = {};
  const passwords: Record<string, string> = {};
  for (const member of MEMBERS) {
    const identity = p.customers[member].identity;
    contacts[member] = await make.contact(client, identity.email);
    const shape = member === 'master' ? null : SHAPE[member];
    const { membership, relationshipPassword } = await memberships.create({
      client: client.documentId,
      identity: identity.documentId,
      kind: member === 'master' ? 'master' : 'sub-account',
      contact: contacts[member].documentId,
      parent: shape?.parent ? members[shape.parent].documentId : null,
      grants: (shape?.grants(products) ?? []).map((g) => ({ section: g.section, product: g.product?.documentId ?? null })),
    });
    members[member] = membership;
    if (relationshipPassword) passwords[member] = relationshipPassword;
  }
  const passwordsService = strapi.plugin('client-area').service('relationship-passwords');
  for (const [member, password] of Object.entries(passwords)) {
    const customer = p.customers[member as MemberName];
    tokens[member as MemberName] = (await passwordsService.enter({ identityId: customer.identity.id, clientId: client.id, password, ctx: inLogin(customer) })).token;
  }
  contacts.plain = await make.contact(client, `plain-${hex()}@matrix.test`);
  for (const [member, product] of [['parent', products[0]], ['target', products[1]]] as const) {
    await strapi.db.query(ca('product')).update({ where: { id: product.id }, data: { distributedTo: { connect: [members[member].id] } } });
  }
  const grantsService = strapi.plugin('client-area').service('grants');
  const roles: World['roles'] = {};
  for (const holder of ['parent', 'target', 'child'] as const) {
    const role = await strapi.db.query(ca('access-role')).create({ data: { name: `Role of ${holder} ${hex()}`, client: client.id } });
    await grantsService.replace({ accessRole: role.id }, SHAPE[holder].grants(products).map((g) => ({ section: g.section, productId: g.product?.id ?? null })));
    await strapi.db.query(ca('membership')).update({ where: { id: members[holder].id }, data: { accessRole: role.id } });
    roles[holder] = role;
  }
  const narrow = await strapi.db.query(ca('access-role')).create({ data: { name: `Narrow ${hex()}`, client: client.id } });
  await grantsService.replace({ accessRole: narrow.id }, [{ section: 'tickets', productId: null }]);
  roles.narrow = narrow;
  const invoice = await strapi.db.query(ca('invoice')).create({ data: { number: `INV-${hex()}`, client: client.id, issuedOn: '2026-11-01', total: 20, currency: 'EUR' } });
  for (const product of [products[0], products[2]]) {
    await strapi.db.query(ca('invoice-line')).create({ data: { invoice: invoice.id, product: product.id, description: `Line of ${product.name}`, amount: 10 } });
  }
  const item = await strapi.db.query(ca('catalogue-item')).create({ data: { name: `Item ${hex()}`, price: 10, currency: 'EUR', billingCycle: 'monthly', available: true } });
  const order = await pendingOrder(Number(client.id), members.noSection.id, p.customers.noSection.identity.id);
  await ensureLogon(p);
  return { client, products, members, contacts, roles, distributed: { parent: products[0], target: products[1] }, invoice, item, order, tokens, people: p };
}
/** A pending order of a client, placed by a member for itself, written straight into the database. */
async function pendingOrder(clientId: number, membershipId: number, identityId: number) {
  const order = await app.strapi.db.query(ca('order')).create({
    data: { client: clientId, itemName: `Ordered ${hex()}`, quantity: 1, unitPrice: 10, currency: 'EUR', orderStatus: 'pending', orderedBy: membershipId, placedBy: identityId, placedAt: new Date() },
  });
  return app.strapi.db.query(ca('order')).update({ where: { id: order.id }, data: { reference: `ORD-T${order.id}` } });
}

/** One request as an actor of a world: a customer with only that world's relationship token, or staff on the admin twin. */
function send(world: World, actor: ActorName | 'anonymous', method: Method, path: string, body?: object) {
  let test: request.Test;
  if (actor === 'staff') {
    test = (request(app.server) as any)[method](`/client-area${path}`).set('Authorization', `Bearer ${world.people.staff.token}`);
  } else {
    test = (request(app.server) as any)[method](`/api/client-area${path}`);
    if (actor !== 'anonymous') {
      test.set('Authorization', `Bearer ${world.people.customers[actor].jwt}`);
      const token = world.tokens[actor as MemberName];
      if (token) test.set('X-Relationship-Token', token);
    }
  }
  return method === 'post' || method === 'put' ? test.send(body ?? {}) : test;
}

/** Everything of a world client that an access change could touch, to prove a refusal changed nothing. */
async function snapshot(world: World) {
  const { strapi } = app;
  const memberships = await strapi.db.query(ca('membership')).findMany({
    where: { client: { id: world.client.id } },
    populate: { parent: { select: ['id'] }, accessRole: { select: ['id'] }, grants: { populate: { product: { select: ['id'] } } } },
    orderBy: { id: 'asc' },
  });
  const contacts = await strapi.db.query(ca('contact')).findMany({ where: { client: { id: world.client.id } }, orderBy: { id: 'asc' } });
  const roles = await strapi.db.query(ca('access-role')).findMany({ where: { client: { id: world.client.id } }, populate: { grants: { populate: { product: { select: ['id'] } } } }, orderBy: { id: 'asc' } });
  const products = await strapi.db.query(ca('product')).findMany({ where: { client: { id: world.client.id } }, populate: { owner: { select: ['id'] }, distributedTo: { select: ['id'] } }, orderBy: { id: 'asc' } });
  const orders = await strapi.db.query(ca('order')).findMany({ where: { client: { id: world.client.id } }, orderBy: { id: 'asc' } });
  const details = await strapi.db.query(ca('client')).findOne({ where: { id: world.client.id }, select: ['name', 'address', 'country', 'vatNumber', 'phone', 'website'] });
  const grantsOf = (row: any) => (row.grants ?? []).map((g: any) => `${g.section}:${g.product?.id ?? '*'}`).sort();
  return JSON.stringify({
    orders: orders.map((o: any) => [o.id, o.orderStatus]),
    details,
    memberships: memberships.map((m: any) => [m.id, m.kind, m.membershipStatus, m.parent?.id ?? null, m.accessRole?.id ?? null, m.relationshipPasswordHash, grantsOf(m)]),
    contacts: contacts.map((c: any) => [c.id, c.email, c.pendingEmail, c.phone, c.firstName, c.lastName]),
    roles: roles.map((r: any) => [r.id, r.name, r.description, grantsOf(r)]),
    products: products.map((p: any) => [p.id, p.owner?.id ?? null, (p.distributedTo ?? []).map((d: any) => d.id).sort()]),
  });
}

// ---------------------------------------------------------------------------------
// 2. Within a client: every /clients/:clientId route, who is allowed and who refused.
// ---------------------------------------------------------------------------------

type Expectation = 'allow' | 'refuse';
type Entry = [ActorName, TargetName, Expectation];
const ON_TARGET: ActorName[] = ['master', 'parent', 'target', 'sibling', 'child', 'logon', 'noSection', 'otherProduct'];
/** Every member kind and the logon acting on `on` (default: target), allowed when listed; plus extra entries. */
const entries = (allowed: ActorName[], extra: Entry[] = [], on: TargetName = 'target'): Entry[] => [
  ...ON_TARGET.map((actor): Entry => [actor, on, allowed.includes(actor) ? 'allow' : 'refuse']),
  ...extra,
];
/** Those holding `contacts` in the client: every member but noSection and otherProduct, and the logon. */
const CONTACTS_HOLDERS: ActorName[] = ['master', 'parent', 'target', 'sibling', 'child', 'logon'];

interface WithinCase {
  entries: Entry[];
  /** Staff (a super admin) on the admin twin, when the route has one; default allow, on `staffOn` (default target). */
  staff?: Expectation;
  staffOn?: TargetName;
  body?: (world: World, target: TargetName) => object | Promise<object>;
  query?: string;
  /** Path parameters other than the defaults (see paramsFor). */
  params?: (world: World, target: TargetName) => Record<string, string>;
  /** An allowed call changes what later calls see: each allowed entry gets a fresh world. */
  mutates?: boolean;
  /** State the target must be in first (e.g. suspended for restore); gives the route its own world. */
  prepare?: (world: World, target: TargetName) => Promise<void>;
  /** Statuses that count as refused; default 403 and 404. */
  refusal?: number[];
}

const contactOf = async (world: World, target: TargetName) => {
  if (target === 'fresh') return fixtures(app.strapi).contact(world.client, `fresh-${hex()}@matrix.test`);
  return world.contacts[target];
};
async function paramsFor(world: World, path: string, target: TargetName, overrides: Record<string, string> = {}) {
  const params: Record<string, string> = { clientId: world.client.documentId };
  const member = target === 'plain' || target === 'fresh' ? null : target;
  if (path.includes(':memberId') && member) params.memberId = world.members[member].documentId;
  if (path.includes(':contactId')) params.contactId = (await contactOf(world, target)).documentId;
  if (path.includes(':roleId') && member && world.roles[member]) params.roleId = world.roles[member].documentId;
  if (path.includes(':productId') && member && world.distributed[member]) params.productId = world.distributed[member].documentId;
  return { ...params, ...overrides };
}

const READ = { entries: entries(CONTACTS_HOLDERS) };
const SUSPENDED_BY_PARENT = async (world: World, target: TargetName) => {
  if (target === 'master') {
    // Only staff suspend a master; the parent then tries to restore it.
    await app.strapi.db.query(ca('membership')).update({ where: { id: world.members.master.id }, data: { membershipStatus: 'suspended', suspendedByStaff: true } });
    return;
  }
  await send(world, 'parent', 'post', `/clients/${world.client.documentId}/members/${world.members[target as MemberName].documentId}/suspend`).expect(200);
};

const WITHIN: Record<string, WithinCase> = {
  'GET /clients/:clientId': { entries: entries([...ON_TARGET]) },
  // The logon holds `tickets`: it opens the ticket on its owner's (the master's) behalf, as the master's contact.
  'POST /clients/:clientId/tickets': { entries: entries(['master', 'parent', 'target', 'sibling', 'child', 'logon']), body: () => ({ subject: 'Matrix ticket', body: 'Opened by the matrix' }) },

  'GET /clients/:clientId/contacts': READ,
  'POST /clients/:clientId/contacts': { entries: entries(CONTACTS_HOLDERS), body: () => ({ email: `made-${hex()}@matrix.test` }) },
  'GET /clients/:clientId/contacts/:contactId': READ,
  // A login's contact is edited by itself, a member above it, the master or staff; a contact that is nobody's login by any contacts holder.
  'PUT /clients/:clientId/contacts/:contactId': {
    entries: entries(['master', 'parent', 'target'], [
      ['parent', 'master', 'refuse'],
      ['child', 'child', 'allow'],
      ['sibling', 'plain', 'allow'],
      ['logon', 'plain', 'allow'],
      ['noSection', 'plain', 'refuse'],
      ['staff', 'master', 'allow'],
    ]),
    body: () => ({ phone: `+1 555 ${Math.floor(Math.random() * 10000)}` }),
  },
  // A login's contact is deleted by nobody (400: remove the sub-account first); one that is nobody's login by any contacts holder.
  'DELETE /clients/:clientId/contacts/:contactId': {
    entries: entries([], [
      ['master', 'fresh', 'allow'],
      ['sibling', 'fresh', 'allow'],
      ['logon', 'fresh', 'allow'],
      ['noSection', 'fresh', 'refuse'],
      ['otherProduct', 'fresh', 'refuse'],
      ['staff', 'fresh', 'allow'],
    ]),
    staff: 'refuse',
    refusal: [400, 403, 404],
  },
  // Activation and invitation make a child of the caller; a secondary logon manages nothing.
  'POST /clients/:clientId/contacts/:contactId/sub-account': {
    entries: entries(['master', 'parent', 'target', 'sibling', 'child'], [], 'fresh'),
    staffOn: 'fresh',
    mutates: true,
    body: async () => ({ login: (await fixtures(app.strapi).identity(`activated-${hex()}`)).username }),
  },
  'POST /clients/:clientId/contacts/:contactId/invitation': { entries: entries(['master', 'parent', 'target', 'sibling', 'child'], [], 'fresh'), staffOn: 'fresh', mutates: true },

  'GET /clients/:clientId/members': READ,
  'GET /clients/:clientId/access': READ,
  'GET /clients/:clientId/members/:memberId': READ,
  'GET /clients/:clientId/members/:memberId/grants': READ,
  // A sub-account manages only members below it while holding contacts: never itself, its parent, a sibling or the master.
  'PUT /clients/:clientId/members/:memberId/grants': {
    entries: entries(['master', 'parent'], [['parent', 'master', 'refuse'], ['target', 'child', 'allow']]),
    body: () => ({ grants: [{ section: 'tickets' }] }),
    mutates: true,
  },
  'PUT /clients/:clientId/members/:memberId/parent': {
    entries: entries(['master', 'parent'], [['parent', 'master', 'refuse']]),
    body: (world) => ({ parent: world.members.sibling.documentId }),
    mutates: true,
  },
  'POST /clients/:clientId/members/:memberId/suspend': {
    entries: entries(['master', 'parent'], [['parent', 'master', 'refuse'], ['target', 'child', 'allow']]),
    mutates: true,
  },
  // The target was suspended by the parent: the parent, the master and staff restore it (the member itself and its child no longer stand).
  'POST /clients/:clientId/members/:memberId/restore': {
    entries: entries(['master', 'parent'], [['parent', 'master', 'refuse']]),
    prepare: SUSPENDED_BY_PARENT,
    mutates: true,
  },
  // The target manages the child: only the master and staff take it over; a sub-account removes a leaf below it.
  'DELETE /clients/:clientId/members/:memberId': {
    entries: entries(['master'], [['parent', 'child', 'allow'], ['target', 'child', 'allow'], ['sibling', 'child', 'refuse'], ['parent', 'master', 'refuse']]),
    query: '?takeOver=true',
    mutates: true,
  },
  // Only the master (and staff) rotate relationship passwords.
  'POST /clients/:clientId/members/:memberId/relationship-password': {
    entries: entries(['master'], [['parent', 'child', 'refuse'], ['parent', 'master', 'refuse']]),
    mutates: true,
  },

  'GET /clients/:clientId/roles': READ,
  'POST /clients/:clientId/roles': { entries: entries(['master', 'parent', 'target', 'sibling', 'child']), body: () => ({ name: `Made ${hex()}`, grants: [{ section: 'tickets' }] }) },
  'GET /clients/:clientId/roles/:roleId': READ,
  // A role edit is a grant change on every holder: roleId is the role the target holds.
  'PUT /clients/:clientId/roles/:roleId': {
    entries: entries(['master', 'parent'], [['parent', 'parent', 'refuse'], ['target', 'child', 'allow'], ['sibling', 'child', 'refuse']]),
    body: () => ({ name: `Renamed ${hex()}` }),
  },
  'DELETE /clients/:clientId/roles/:roleId': {
    entries: entries(['master', 'parent'], [['parent', 'parent', 'refuse'], ['target', 'child', 'allow']]),
    mutates: true,
  },
  'PUT /clients/:clientId/members/:memberId/role': {
    entries: entries(['master', 'parent'], [['parent', 'master', 'refuse'], ['target', 'child', 'allow']]),
    body: (world) => ({ role: world.roles.narrow.documentId }),
    mutates: true,
  },

  'GET /clients/:clientId/products': { entries: entries([...CONTACTS_HOLDERS, 'otherProduct']) },
  // productId is the product distributed to the target: the master, staff and the member it is distributed to take it.
  'POST /clients/:clientId/products/:productId/take': {
    entries: entries(['master', 'target'], [['parent', 'parent', 'allow']]),
    mutates: true,
  },
  // P1 is unowned and distributed to the parent: the parent distributes it to members below it.
  'POST /clients/:clientId/products/:productId/distribute': {
    entries: entries(['master', 'parent'], [['parent', 'master', 'refuse'], ['sibling', 'child', 'refuse']]),
    params: (world) => ({ productId: world.products[0].documentId }),
    body: (world, target) => ({ member: world.members[target as MemberName].documentId }),
  },

  // P2 is distributed to the target, which owns it first: only it, the master and staff release it.
  'POST /clients/:clientId/products/:productId/release': {
    entries: entries(['master', 'target']),
    prepare: async (world, target) => {
      const product = world.distributed[target as 'target'];
      if (product) await app.strapi.db.query(ca('product')).update({ where: { id: product.id }, data: { owner: world.members[target as MemberName].id } });
    },
    mutates: true,
  },
  // P2 is unowned and distributed to the target; the parent does not see it, so only the master (and staff) take it back.
  'POST /clients/:clientId/products/:productId/undistribute': {
    entries: entries(['master']),
    body: (world, target) => ({ member: world.members[target as MemberName].documentId }),
    mutates: true,
  },

  // Billing: the parent holds it client-wide; otherProduct holds P3 (a line of the invoice) but not billing.
  'GET /clients/:clientId/invoices': { entries: entries(['master', 'parent']) },
  'GET /clients/:clientId/invoices/:invoiceId': { entries: entries(['master', 'parent']), params: (world) => ({ invoiceId: world.invoice.documentId }) },
  'GET /clients/:clientId/invoices/:invoiceId/pdf': { entries: entries(['master', 'parent']), params: (world) => ({ invoiceId: world.invoice.documentId }) },
  'GET /clients/:clientId/invoices/:invoiceId/payment-options': { entries: entries(['master', 'parent']), params: (world) => ({ invoiceId: world.invoice.documentId }) },
  // Staff set invoices paid; they don't pay for customers.
  'POST /clients/:clientId/invoices/:invoiceId/payments': {
    entries: entries(['master', 'parent']),
    params: (world) => ({ invoiceId: world.invoice.documentId }),
    body: () => ({ provider: 'bank-transfer' }),
    staff: 'refuse',
  },

  // The company details: nobody but the master holds profile here.
  'GET /clients/:clientId/profile': { entries: entries(['master']) },
  'PUT /clients/:clientId/profile': { entries: entries(['master']), body: () => ({ phone: '+49 30 1234567' }), mutates: true },

  // Orders: noSection holds orders (and nothing else); its pending order is withdrawn by it, by the master and by staff.
  'GET /clients/:clientId/catalogue': { entries: entries(['master', 'noSection']) },
  'GET /clients/:clientId/orders': { entries: entries(['master', 'noSection']) },
  // Staff accept orders; they don't place them for customers.
  'POST /clients/:clientId/orders': { entries: entries(['master', 'noSection']), body: (world) => ({ item: world.item.documentId }), staff: 'refuse', mutates: true },
  'POST /clients/:clientId/orders/:orderId/cancel': { entries: entries(['master', 'noSection']), params: (world) => ({ orderId: world.order.documentId }), mutates: true },

  'GET /clients/:clientId/audit': { entries: entries(['master']) },
};

/** The content-api routes that have a staff twin in the admin API. */
const twinKeys = () => new Set(runtimeRoutes('admin').filter((r) => r.path.startsWith('/clients/:clientId')).map(keyOf));
const withinEntries = (key: string): Entry[] => {
  const spec = WITHIN[key];
  const staffGiven = spec.entries.some(([actor]) => actor === 'staff');
  const twin = twinKeys().has(key);
  if (staffGiven && !twin) throw new Error(`${key}: a staff entry, but the route has no staff twin`);
  return twin ? [...spec.entries, ['staff', spec.staffOn ?? 'target', spec.staff ?? 'allow']] : spec.entries;
};

let sharedWorld: Promise<World> | null = null;
const shared = () => (sharedWorld ??= makeWorld('Shared world'));

const WITHIN_KEYS = contentApiRoutes.routes.filter((r) => r.path.startsWith('/clients/:clientId') && !r.path.endsWith('/session')).map(keyOf);

describe('the matrix covers every route of both tables', () => {
  it('every customer route and every admin route has a case here', () => {
    const customer = runtimeRoutes('content-api').map(keyOf);
    const admin = runtimeRoutes('admin');
    expect(customer.sort()).toEqual(contentApiRoutes.routes.map(keyOf).sort());
    expect(admin.map(keyOf).sort()).toEqual(adminRoutes.routes.map(keyOf).sort());
    const missing = [
      ...customer.filter((key) => !WITHIN[key] && !OUTSIDE[key]).map((key) => `customer route ${key}: add a case to WITHIN or OUTSIDE in tests/api/bola-within.test.ts`),
      ...admin
        .filter((route) => !(route.path.startsWith('/clients/:clientId') && WITHIN[keyOf(route)]) && !ADMIN_ONLY[keyOf(route)])
        .map((route) => `admin route ${keyOf(route)}: add a case to ADMIN_ONLY (or WITHIN for a staff twin) in tests/api/bola-within.test.ts`),
      ...Object.keys(WITHIN).filter((key) => !customer.includes(key)).map((key) => `WITHIN names ${key}, which is not a route`),
      ...Object.keys(OUTSIDE).filter((key) => !customer.includes(key)).map((key) => `OUTSIDE names ${key}, which is not a route`),
      ...Object.keys(ADMIN_ONLY).filter((key) => !admin.map(keyOf).includes(key)).map((key) => `ADMIN_ONLY names ${key}, which is not an admin route`),
    ];
    expect(missing).toEqual([]);
    for (const key of WITHIN_KEYS) expect([key, withinEntries(key).length]).not.toEqual([key, 0]);
    if (process.env.BOLA_COUNTS) {
      const within = WITHIN_KEYS.flatMap(withinEntries);
      console.log(`within: ${WITHIN_KEYS.length} routes, ${within.length} entries, ${within.filter((e) => e[2] === 'allow').length} allowed, ${within.filter((e) => e[2] === 'refuse').length} refused; outside: ${OUTSIDE_KEYS.length} routes; admin: ${admin.length} routes`);
    }
  });
});

describe('within a client: every /clients/:clientId route, who is allowed and who is refused', () => {
  it.each(WITHIN_KEYS)('%s', async (key) => {
    const spec = WITHIN[key];
    const [methodName, path] = key.split(' ');
    const method = methodName.toLowerCase() as Method;
    const all = withinEntries(key);
    const refusal = spec.refusal ?? [403, 404];
    const failures: string[] = [];

    /** Parameters and body first (a fresh contact is made here), so the snapshot taken after sees them. */
    const resolve = async (world: World, [, target]: Entry) => {
      const params = await paramsFor(world, path, target, spec.params?.(world, target));
      return { url: `${fill(path, params)}${spec.query ?? ''}`, body: spec.body ? await spec.body(world, target) : undefined };
    };
    const attempt = async (world: World, [actor, target, expected]: Entry, call: { url: string; body?: object }) => {
      const res = await send(world, actor, method, call.url, call.body);
      const ok = res.status >= 200 && res.status <= 299;
      const label = `${actor} → ${target}: ${res.status}`;
      if (expected === 'allow' && (res.status < 200 || res.status > 299)) failures.push(`${label}, expected 2xx (${JSON.stringify(res.body?.error?.message ?? res.body)})`);
      if (expected === 'refuse' && !refusal.includes(res.status)) failures.push(`${label}, expected ${refusal.join('/')}`);
      return ok;
    };
    const changed = (before: string, after: string) => {
      const [a, b] = [JSON.parse(before), JSON.parse(after)];
      return Object.keys(a).filter((part) => JSON.stringify(a[part]) !== JSON.stringify(b[part]));
    };

    // One world for the whole matrix; whatever a route's entries change is undone (reset) before the next.
    const world = await shared();
    const refused = all.filter(([, , expected]) => expected === 'refuse');
    if (refused.length) {
      if (spec.prepare) for (const target of new Set(refused.map(([, t]) => t))) await spec.prepare(world, target);
      const calls: Array<{ url: string; body?: object }> = [];
      for (const entry of refused) calls.push(await resolve(world, entry));
      const before = await snapshot(world);
      for (const [i, entry] of refused.entries()) await attempt(world, entry, calls[i]);
      const parts = changed(before, await snapshot(world));
      if (parts.length) failures.push(`a refused call changed the client's ${parts.join(', ')}`);
      if (spec.prepare || parts.length) await reset(world);
    }
    for (const entry of all.filter(([, , expected]) => expected === 'allow')) {
      if (spec.prepare) await spec.prepare(world, entry[1]);
      const call = await resolve(world, entry);
      const before = spec.mutates ? await snapshot(world) : null;
      const ok = await attempt(world, entry, call);
      if (before !== null) {
        if (ok && changed(before, await snapshot(world)).length === 0) failures.push(`${entry[0]} → ${entry[1]}: answered 2xx but changed nothing`);
        await reset(world);
      }
    }
    expect(failures).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------
// 1. Outside /clients/:clientId: another tenant's objects.
// ---------------------------------------------------------------------------------

type OutsiderName = 'anonymous' | 'otherMaster' | 'otherSub' | 'noSection' | 'otherProduct' | 'parent';
interface Attempt {
  caller: OutsiderName;
  method: Method;
  path: string;
  body?: object;
  expect: number[];
}
interface Victim {
  world: World;
  other: { master: Customer; sub: Customer; ticket: string; file: number; group: any };
  ticket: string;
  file: number;
  group: any;
  logon: any;
  secrets: string[];
  /** Secrets a member of the victim client without the ticket's grant must not see. */
  ticketSecrets: string[];
}

let victimPromise: Promise<Victim> | null = null;
const victim = () => (victimPromise ??= makeVictim());
const attach = (customer: Customer, token: string | undefined, reference: string, name: string, content: string) => {
  const test = request(app.server).post(`/api/client-area/tickets/${reference}/messages`).set('Authorization', `Bearer ${customer.jwt}`);
  if (token) test.set('X-Relationship-Token', token);
  return test.field('body', 'See attached').attach('attachments', Buffer.from(content), { filename: name, contentType: 'text/plain' }).expect(201);
};
async function makeVictim(): Promise<Victim> {
  const tag = hex();
  const world = await makeWorld(`Victim Ltd ${tag}`);
  const subject = `Victim outage ${tag}`;
  const ticket = (await send(world, 'target', 'post', `/clients/${world.client.documentId}/tickets`, { subject, body: `Victim body ${tag}` }).expect(201)).body.data.reference;
  await attach(world.people.customers.target, world.tokens.target, ticket, `victim-${tag}.txt`, `VICTIM-ATTACHMENT-${tag}`);
  const file = (await send(world, 'target', 'get', `/tickets/${ticket}`).expect(200)).body.data.messages[1].attachments[0].id;
  const group = (await world.people.customers.master.post('/security-groups', { name: `Victim group ${tag}` }).expect(201)).body.data;
  const logon = (await world.people.customers.master.get('/secondary-logons').expect(200)).body.data[0];

  const otherWorld = await clientWorld(app.strapi, app.server);
  const otherMaster = await otherWorld.master();
  const otherSub = await enteredSubAccount(otherWorld, ['contacts', 'products', 'tickets', 'billing', 'orders', 'profile', 'product-management'].map((section) => ({ section })), { withContact: true });
  const otherTicket = (await otherMaster.post(`/clients/${otherWorld.client.documentId}/tickets`, { subject: 'Own ticket', body: 'x' }).expect(201)).body.data.reference;
  await attach(otherMaster, undefined, otherTicket, 'own.txt', 'own');
  const otherFile = (await otherMaster.get(`/tickets/${otherTicket}`).expect(200)).body.data.messages[1].attachments[0].id;
  const otherGroup = (await otherMaster.post('/security-groups', { name: 'Own group' }).expect(201)).body.data;
  const ticketSecrets = [subject, `Victim body ${tag}`, `victim-${tag}.txt`, `VICTIM-ATTACHMENT-${tag}`];
  return {
    world,
    other: { master: otherMaster, sub: otherSub.customer, ticket: otherTicket, file: otherFile, group: otherGroup },
    ticket,
    file,
    group,
    logon,
    ticketSecrets,
    secrets: [
      ...ticketSecrets,
      world.client.name,
      world.client.reference,
      `Victim group ${tag}`,
      world.people.customers.logon.identity.username,
      ...MEMBERS.map((m) => world.people.customers[m].identity.username),
    ],
  };
}

const TICKET_CALLERS: OutsiderName[] = ['anonymous', 'otherMaster', 'otherSub', 'noSection', 'otherProduct'];
const OUTSIDERS: OutsiderName[] = ['anonymous', 'otherMaster', 'otherSub'];
const fakeToken = () => crypto.randomBytes(32).toString('base64url');
/** Anonymous is refused before any handler on every route that needs a login (users-permissions answers 403 for the public role). */
const each = (callers: OutsiderName[], make: (caller: OutsiderName) => Omit<Attempt, 'caller' | 'expect'>, loggedIn: number[]): Attempt[] =>
  callers.map((caller) => ({ caller, ...make(caller), expect: caller === 'anonymous' ? [401, 403] : loggedIn }));

const OUTSIDE: Record<string, (v: Victim) => Attempt[]> = {
  'GET /health': () => each(OUTSIDERS, () => ({ method: 'get', path: '/health' }), [200]).map((a) => ({ ...a, expect: [200] })),
  'POST /invitations/describe': () => OUTSIDERS.map((caller) => ({ caller, method: 'post', path: '/invitations/describe', body: { token: fakeToken() }, expect: [400] })),
  'POST /invitations/accept': () => OUTSIDERS.map((caller) => ({ caller, method: 'post', path: '/invitations/accept', body: { token: fakeToken(), password: 'Another-pass-9' }, expect: [400] })),
  'POST /contacts/email-confirmation': () => OUTSIDERS.map((caller) => ({ caller, method: 'post', path: '/contacts/email-confirmation', body: { token: fakeToken() }, expect: [400] })),
  'GET /me': () => each(OUTSIDERS, () => ({ method: 'get', path: '/me' }), [200]),
  // The registry's labels, the same for everyone: no customer data.
  'GET /sections': () => each(OUTSIDERS, () => ({ method: 'get', path: '/sections' }), [200]),
  'GET /clients': () => each(OUTSIDERS, () => ({ method: 'get', path: '/clients' }), [200]),
  // A person's own profile: its own contacts only; another client's preferences are not found.
  'GET /profile': () => each(OUTSIDERS, () => ({ method: 'get', path: '/profile' }), [200]),
  'PUT /profile': () => each(OUTSIDERS, () => ({ method: 'put', path: '/profile', body: { phone: '+1 555 0100' } }), [200]),
  'PUT /profile/clients/:clientId/email-preferences': (v) =>
    each(OUTSIDERS, () => ({ method: 'put', path: `/profile/clients/${v.world.client.documentId}/email-preferences`, body: { general: false } }), [404]),
  'POST /clients/:clientId/session': (v) =>
    each(OUTSIDERS, () => ({ method: 'post', path: `/clients/${v.world.client.documentId}/session`, body: { relationshipPassword: 'guess' } }), [404]),

  'GET /security-groups': () => each(OUTSIDERS, () => ({ method: 'get', path: '/security-groups' }), [200]),
  'POST /security-groups': () => each(OUTSIDERS, () => ({ method: 'post', path: '/security-groups', body: { name: `Mine ${hex()}` } }), [201]),
  'PUT /security-groups/:groupId': (v) => each(OUTSIDERS, () => ({ method: 'put', path: `/security-groups/${v.group.documentId}`, body: { name: 'Stolen' } }), [404]),
  'DELETE /security-groups/:groupId': (v) => each(OUTSIDERS, () => ({ method: 'delete', path: `/security-groups/${v.group.documentId}` }), [404]),
  'PUT /security-groups/:groupId/clients': (v) => [
    ...each(OUTSIDERS, () => ({ method: 'put', path: `/security-groups/${v.group.documentId}/clients`, body: { clients: [v.world.client.documentId] } }), [404]),
    // Its own group, the victim's client: not a client it is master of (another tenant, or a sub-account of the victim).
    { caller: 'otherMaster', method: 'put', path: `/security-groups/${v.other.group.documentId}/clients`, body: { clients: [v.world.client.documentId] }, expect: [400] },
  ],
  'GET /secondary-logons': () => each(OUTSIDERS, () => ({ method: 'get', path: '/secondary-logons' }), [200]),
  'POST /secondary-logons': (v) =>
    each(OUTSIDERS, () => ({ method: 'post', path: '/secondary-logons', body: { login: v.world.people.customers.noSection.identity.username, securityGroups: [v.group.documentId], sections: ['contacts'] } }), [400]),
  'PUT /secondary-logons/:logonId': (v) => each(OUTSIDERS, () => ({ method: 'put', path: `/secondary-logons/${v.logon.documentId}`, body: { sections: ['contacts', 'billing'] } }), [404]),
  'POST /secondary-logons/:logonId/cancel': (v) => each(OUTSIDERS, () => ({ method: 'post', path: `/secondary-logons/${v.logon.documentId}/cancel` }), [404]),

  'GET /tickets': (v) =>
    ['', '?view=all', '?view=mine', `?view=client&client=${v.world.client.documentId}`, '?view=group-open', '?view=group-all', '?view=group-closed'].flatMap((query) =>
      each(TICKET_CALLERS, () => ({ method: 'get', path: `/tickets${query}` }), [200, 403, 404]),
    ),
  'GET /tickets/:reference': (v) => each(TICKET_CALLERS, () => ({ method: 'get', path: `/tickets/${v.ticket}` }), [404]),
  'POST /tickets/:reference/messages': (v) => each(TICKET_CALLERS, () => ({ method: 'post', path: `/tickets/${v.ticket}/messages`, body: { body: 'Injected' } }), [404]),
  'GET /tickets/:reference/attachments/:fileId': (v) => [
    ...each(TICKET_CALLERS, () => ({ method: 'get', path: `/tickets/${v.ticket}/attachments/${v.file}` }), [404]),
    // Its own ticket, the victim's file.
    { caller: 'otherMaster', method: 'get', path: `/tickets/${v.other.ticket}/attachments/${v.file}`, expect: [404] },
  ],
  'POST /tickets/:reference/close': (v) => each(TICKET_CALLERS, () => ({ method: 'post', path: `/tickets/${v.ticket}/close` }), [404]),
  'POST /tickets/:reference/reopen': (v) => each(TICKET_CALLERS, () => ({ method: 'post', path: `/tickets/${v.ticket}/reopen` }), [404]),
};

/** What another tenant's calls must leave as they were. */
async function victimState(v: Victim) {
  const { strapi } = app;
  const ticket = await strapi.db.query(ca('ticket')).findOne({ where: { reference: v.ticket } });
  const messages = await strapi.db.query(ca('ticket-message')).count({ where: { ticket: { id: ticket.id } } });
  const group = await strapi.db.query(ca('security-group')).findOne({ where: { documentId: v.group.documentId } });
  const logon = await strapi.db.query(ca('secondary-logon')).findOne({ where: { documentId: v.logon.documentId }, populate: { securityGroups: { select: ['id'] } } });
  const client = await strapi.db.query(ca('client')).findOne({ where: { id: v.world.client.id }, populate: { securityGroup: { select: ['id'] } } });
  return JSON.stringify({ ticket: [ticket.ticketStatus, messages], group: group && [group.name, group.description], logon: [logon.logonStatus, logon.sections, logon.securityGroups.map((g: any) => g.id)], client: client.securityGroup?.id ?? null, world: await snapshot(v.world) });
}

const OUTSIDE_KEYS = contentApiRoutes.routes.map(keyOf).filter((key) => !WITHIN_KEYS.includes(key));

describe("outside /clients/:clientId: another tenant's tickets, attachments, groups, logons and clients", () => {
  it.each(OUTSIDE_KEYS)('%s', async (key) => {
    const v = await victim();
    const [methodName] = key.split(' ');
    const failures: string[] = [];
    const before = await victimState(v);
    for (const attempt of OUTSIDE[key](v)) {
      if (attempt.method !== methodName.toLowerCase()) throw new Error(`${key}: an attempt uses ${attempt.method}`);
      let test: request.Test = (request(app.server) as any)[attempt.method](`/api/client-area${attempt.path}`);
      const customer =
        attempt.caller === 'otherMaster' ? v.other.master : attempt.caller === 'otherSub' ? v.other.sub : attempt.caller === 'anonymous' ? null : v.world.people.customers[attempt.caller];
      if (customer) {
        test = test.set('Authorization', `Bearer ${customer.jwt}`);
        const token = attempt.caller === 'otherSub' ? Object.values(customer.tokens)[0] : v.world.tokens[attempt.caller as MemberName];
        if (token) test = test.set('X-Relationship-Token', token);
      }
      const res = attempt.method === 'post' || attempt.method === 'put' ? await test.send(attempt.body ?? {}) : await test;
      const label = `${attempt.caller} → ${attempt.method.toUpperCase()} ${attempt.path}`;
      if (!attempt.expect.includes(res.status)) failures.push(`${label}: ${res.status}, expected ${attempt.expect.join('/')}`);
      const seen = `${JSON.stringify(res.body ?? '')} ${res.text ?? ''}`;
      const secrets = OUTSIDERS.includes(attempt.caller) ? v.secrets : v.ticketSecrets;
      for (const secret of secrets) if (seen.includes(secret)) failures.push(`${label}: leaks "${secret}"`);
    }
    if ((await victimState(v)) !== before) failures.push("the victim's tickets, groups, logons or access changed");
    expect(failures).toEqual([]);
  });

  it("a sub-account's own portfolio reaches none of the clients it is only a sub-account of", async () => {
    const v = await victim();
    const parent = v.world.people.customers.parent;
    const token = v.world.tokens.parent!;
    const group = (await parent.post('/security-groups', { name: 'Grab' }).expect(201)).body.data;
    await request(app.server)
      .put(`/api/client-area/security-groups/${group.documentId}/clients`)
      .set('Authorization', `Bearer ${parent.jwt}`)
      .set('X-Relationship-Token', token)
      .send({ clients: [v.world.client.documentId] })
      .expect(400);
    const helper = await fixtures(app.strapi).identity();
    const fallback = (await parent.get('/security-groups').expect(200)).body.data.find((g: any) => g.isDefault);
    await parent.post('/secondary-logons', { login: helper.username, securityGroups: [fallback.documentId, group.documentId], sections: ['contacts', 'tickets'] }).expect(201);
    const logon = await login(app.server, helper);
    await logon.get(`/clients/${v.world.client.documentId}`).expect(404);
    await logon.get(`/tickets/${v.ticket}`).expect(404);
    expect((await logon.get('/clients').expect(200)).body.data).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------
// 3. Staff: every admin route, by the permission its policies name.
// ---------------------------------------------------------------------------------

/** Admin routes that are not staff twins: how a super admin calls each one successfully. */
interface AdminOnlyCase {
  /** The permission the README gives the route (null: any admin). */
  action: string | null;
  path: (v: Victim) => Promise<string> | string;
  body?: object;
  status: number;
}
const ADMIN_ONLY: Record<string, AdminOnlyCase> = {
  'GET /sections': { action: null, path: () => '/sections', status: 200 },
  'POST /clients/:clientId/members/:memberId/unlock': { action: 'plugin::client-area.contacts.manage', path: (v) => `/clients/${v.world.client.documentId}/members/${v.world.members.target.documentId}/unlock`, status: 200 },
  'GET /tickets': { action: 'plugin::client-area.tickets.read', path: () => '/tickets', status: 200 },
  'GET /tickets/:reference': { action: 'plugin::client-area.tickets.read', path: (v) => `/tickets/${v.ticket}`, status: 200 },
  'POST /tickets/:reference/messages': { action: 'plugin::client-area.tickets.manage', path: (v) => `/tickets/${v.ticket}/messages`, body: { body: 'From staff', internal: true }, status: 201 },
  'GET /tickets/:reference/attachments/:fileId': { action: 'plugin::client-area.tickets.read', path: (v) => `/tickets/${v.ticket}/attachments/${v.file}`, status: 200 },
  'POST /tickets/:reference/close': { action: 'plugin::client-area.tickets.manage', path: (v) => `/tickets/${v.ticket}/close`, status: 200 },
  'POST /tickets/:reference/reopen': { action: 'plugin::client-area.tickets.manage', path: (v) => `/tickets/${v.ticket}/reopen`, status: 200 },
  'GET /tickets/assignees': { action: 'plugin::client-area.tickets.read', path: () => '/tickets/assignees', status: 200 },
  'PUT /tickets/:reference/assignee': { action: 'plugin::client-area.tickets.manage', path: (v) => `/tickets/${v.ticket}/assignee`, body: { assignee: null }, status: 200 },
  'GET /tickets/:reference/recipients': { action: 'plugin::client-area.tickets.read', path: (v) => `/tickets/${v.ticket}/recipients`, status: 200 },
  'GET /tickets/:reference/visibility': { action: 'plugin::client-area.tickets.read', path: (v) => `/tickets/${v.ticket}/visibility`, status: 200 },
  'GET /products/:productId/visibility': { action: 'plugin::client-area.products.read', path: (v) => `/products/${v.world.products[0].documentId}/visibility`, status: 200 },
  'GET /invoices/:invoiceId/visibility': { action: 'plugin::client-area.billing.read',
    path: async (v) => {
      const invoice = await app.strapi.db.query(ca('invoice')).create({ data: { number: `INV-${hex()}`, client: v.world.client.id, issuedOn: '2026-11-01', total: 10, currency: 'EUR' } });
      return `/invoices/${invoice.documentId}/visibility`;
    },
    status: 200,
  },
  // Staff's own client search and client page: the profile area (a customer's client page is a WITHIN case).
  'POST /clients/:clientId/members/:memberId/master': { action: 'plugin::client-area.contacts.manage', path: (v) => `/clients/${v.world.client.documentId}/members/${v.world.members.master.documentId}/master`, status: 400 },
  'GET /clients': { action: 'plugin::client-area.profile.read', path: () => '/clients', status: 200 },
  'GET /clients/:clientId': { action: 'plugin::client-area.profile.read', path: (v) => `/clients/${v.world.client.documentId}`, status: 200 },
  'GET /settings': { action: 'plugin::client-area.settings.read', path: () => '/settings', status: 200 },
  'PUT /settings': { action: 'plugin::client-area.settings.manage', path: () => '/settings', body: {}, status: 200 },
  'GET /audit': { action: 'plugin::client-area.audit.read', path: () => '/audit', status: 200 },
  'GET /user-categories': { action: 'plugin::client-area.categories.read', path: () => '/user-categories', status: 200 },
  'GET /user-categories/:categoryId': { action: 'plugin::client-area.categories.read',
    path: async () => `/user-categories/${(await app.strapi.db.query(ca('user-category')).create({ data: { name: `Category ${hex()}` } })).documentId}`,
    status: 200,
  },
  'GET /orders': { action: 'plugin::client-area.orders.read', path: () => '/orders', status: 200 },
  'GET /orders/:orderId': { action: 'plugin::client-area.orders.read', path: (v) => `/orders/${v.world.order.documentId}`, status: 200 },
  'POST /orders/:orderId/accept': {
    action: 'plugin::client-area.orders.manage',
    path: async (v) => `/orders/${(await pendingOrder(v.world.client.id, v.world.members.noSection.id, v.world.people.customers.noSection.identity.id)).documentId}/accept`,
    body: {},
    status: 200,
  },
  'POST /orders/:orderId/decline': {
    action: 'plugin::client-area.orders.manage',
    path: async (v) => `/orders/${(await pendingOrder(v.world.client.id, v.world.members.noSection.id, v.world.people.customers.noSection.identity.id)).documentId}/decline`,
    body: { reason: 'Sold out' },
    status: 200,
  },
  'GET /outbox': { action: 'plugin::client-area.mail.read', path: () => '/outbox', status: 200 },
  'GET /intake': { action: 'plugin::client-area.mail.read', path: () => '/intake', status: 200 },
  'GET /intake/:intakeId/raw': { action: 'plugin::client-area.mail.manage', path: async () => `/intake/${await heldMail()}/raw`, status: 200 },
  'POST /intake/:intakeId/reprocess': { action: 'plugin::client-area.mail.manage', path: async () => `/intake/${await heldMail()}/reprocess`, status: 400 },
  'GET /triage': { action: 'plugin::client-area.triage.read', path: () => '/triage', status: 200 },
  'GET /triage/clients': { action: 'plugin::client-area.triage.manage', path: () => '/triage/clients?q=a', status: 200 },
  'GET /triage/:mailId': { action: 'plugin::client-area.triage.read', path: async () => `/triage/${await heldMail()}`, status: 200 },
  'POST /triage/:mailId/assign': { action: 'plugin::client-area.triage.manage', path: async () => `/triage/${await heldMail()}/assign`, body: {}, status: 400 },
  'POST /triage/:mailId/reject': { action: 'plugin::client-area.triage.manage', path: async () => `/triage/${await heldMail()}/reject`, status: 200 },
  'POST /invoices/:invoiceId/send': { action: 'plugin::client-area.billing.manage',
    path: async (v) => {
      await app.strapi.db.query(ca('contact')).update({ where: { id: v.world.contacts.plain.id }, data: { emailInvoices: true } });
      const invoice = await app.strapi.db.query(ca('invoice')).create({ data: { number: `INV-${hex()}`, client: v.world.client.id, issuedOn: '2026-11-01', total: 10, currency: 'EUR' } });
      return `/invoices/${invoice.documentId}/send`;
    },
    status: 202,
  },
  'POST /user-categories/:categoryId/mail': { action: 'plugin::client-area.categories.manage',
    path: async (v) => {
      const category = await app.strapi.db.query(ca('user-category')).create({ data: { name: `Category ${hex()}` } });
      await app.strapi.db.query(ca('contact')).update({ where: { id: v.world.contacts.plain.id }, data: { categories: [category.id], emailGeneral: true } });
      return `/user-categories/${category.documentId}/mail`;
    },
    body: { subject: 'Hello', body: 'World' },
    status: 202,
  },
  'POST /outbox/:mailId/requeue': { action: 'plugin::client-area.mail.manage',
    path: async () => {
      const mail = await app.strapi.db.query(ca('mail-outbox')).create({
        data: { messageId: `<${hex()}@matrix.test>`, kind: 'test', toAddresses: ['someone@example.test'], subject: 'Failed', text: 'x', deliveryStatus: 'failed', attempts: 3, lastError: '554 refused' },
      });
      return `/outbox/${mail.documentId}/requeue`;
    },
    status: 200,
  },
};
/** A mail from an unknown sender, held for staff: its record's documentId. */
async function heldMail() {
  const uid = Math.floor(Math.random() * 1e9);
  const raw = Buffer.from(`From: <stranger-${hex()}@outside.test>\r\nSubject: Hello\r\nMessage-ID: <${hex()}@outside.test>\r\n\r\nHi\r\n`);
  await app.strapi.plugin('client-area').service('mail-intake').take(raw, { mailbox: 'INBOX', uidValidity: 1, uid });
  return (await app.strapi.db.query(ca('mail-intake')).findOne({ where: { uid: String(uid) } })).documentId;
}
/** Routes any admin may call: they name no plugin permission and serve no customer data. */
const NO_PERMISSION = new Set(['GET /sections']);
/** The staff permissions the README lists, area by area. */
const PLUGIN_ACTIONS = [
  ...['profile', 'contacts', 'products', 'billing', 'orders', 'tickets', 'triage', 'categories', 'mail', 'settings'].flatMap((area) => [
    `plugin::client-area.${area}.read`,
    `plugin::client-area.${area}.manage`,
  ]),
  'plugin::client-area.audit.read',
];
/** The README's area of each staff twin: the customer section that guards the route, by path; the audit log its own. */
const TWIN_AREAS: Array<[RegExp, string]> = [
  [/\/audit$/, 'audit'],
  [/^\/clients\/:clientId\/products/, 'products'],
  [/^\/clients\/:clientId\/invoices/, 'billing'],
  [/^\/clients\/:clientId\/(orders|catalogue)/, 'orders'],
  [/^\/clients\/:clientId\/profile$/, 'profile'],
];
const twinArea = (path: string) => TWIN_AREAS.find(([pattern]) => pattern.test(path))?.[1] ?? 'contacts';
const actionsOf = (route: Route): string[] =>
  (route.config?.policies ?? []).flatMap((p: any) => (typeof p === 'object' && p.name === 'admin::hasPermissions' ? p.config.actions : []));

describe('staff: every admin route refuses an admin without its permission and serves a super admin', () => {
  it('each admin route × no permissions, all the other permissions, Editor, Author, a customer, anonymous: refused; super admin: allowed', async () => {
    const v = await victim();
    const withActions = (name: string, actions: string[]) => staffLoginWithPermissions(app.strapi, app.server, name, actions);
    const fixed = {
      'no plugin permission': await withActions('None', []),
      Editor: await staffLogin(app.strapi, app.server, 'strapi-editor'),
      Author: await staffLogin(app.strapi, app.server, 'strapi-author'),
    };
    const allBut: Record<string, Awaited<ReturnType<typeof withActions>>> = {};
    for (const action of PLUGIN_ACTIONS) allBut[action] = await withActions(`All but ${action}`, PLUGIN_ACTIONS.filter((a) => a !== action));

    const failures: string[] = [];
    let refusals = 0;
    for (const route of runtimeRoutes('admin')) {
      const key = keyOf(route);
      const method = route.method.toLowerCase() as Method;
      const actions = actionsOf(route);
      const only = ADMIN_ONLY[key];
      const path = only ? await only.path(v) : fill(route.path, await paramsFor(v.world, route.path, 'target', WITHIN[key]?.params?.(v.world, 'target')));
      const body = only ? only.body : WITHIN[key]?.body ? await WITHIN[key].body!(v.world, 'target') : undefined;
      const call = (token: string | null) => {
        const test: request.Test = (request(app.server) as any)[method](`/client-area${path}`);
        if (token) test.set('Authorization', `Bearer ${token}`);
        return method === 'post' || method === 'put' ? test.send(body ?? {}) : test;
      };
      const expectStatus = async (who: string, token: string | null, statuses: number[]) => {
        const res = await call(token);
        refusals += 1;
        if (!statuses.includes(res.status)) failures.push(`${who} → ${key}: ${res.status}, expected ${statuses.join('/')}`);
        for (const secret of v.secrets) if (JSON.stringify(res.body ?? '').includes(secret)) failures.push(`${who} → ${key}: leaks "${secret}"`);
      };
      // The permission the README names: a staff twin reads with its area's "read" and changes with its "manage".
      const expected = only ? only.action : `plugin::client-area.${twinArea(route.path)}.${route.method === 'GET' ? 'read' : 'manage'}`;
      if (JSON.stringify(actions) !== JSON.stringify(expected ? [expected] : [])) failures.push(`${key} asks for ${JSON.stringify(actions)}, the README says ${expected ?? 'none'}`);
      if (expected && !actions.includes(expected)) actions.push(expected);
      await expectStatus('anonymous', null, [401]);
      await expectStatus('a customer', v.world.people.customers.master.jwt, [401]);
      if (actions.length === 0) {
        if (!NO_PERMISSION.has(key)) failures.push(`${key} names no plugin permission: give it one, or list it in NO_PERMISSION with a reason`);
        continue;
      }
      for (const action of actions) if (!PLUGIN_ACTIONS.includes(action)) failures.push(`${key} needs ${action}, which the matrix does not know`);
      for (const [who, staff] of Object.entries(fixed)) await expectStatus(who, staff.token, [403]);
      for (const action of actions) await expectStatus(`all permissions but ${action}`, allBut[action]?.token ?? null, [403]);
    }
    // Super admin: the admin-only routes here; the staff twins are the "staff" entries of the within-client matrix.
    for (const [key, only] of Object.entries(ADMIN_ONLY)) {
      const method = key.split(' ')[0].toLowerCase() as Method;
      const test: request.Test = (request(app.server) as any)[method](`/client-area${await only.path(v)}`).set('Authorization', `Bearer ${v.world.people.staff.token}`);
      const res = method === 'post' || method === 'put' ? await test.send(only.body ?? {}) : await test;
      if (res.status !== only.status) failures.push(`super admin → ${key}: ${res.status}, expected ${only.status} (${JSON.stringify(res.body?.error?.message ?? '')})`);
    }
    for (const key of NO_PERMISSION) {
      const res = await (request(app.server) as any).get(`/client-area${key.split(' ')[1]}`).set('Authorization', `Bearer ${fixed.Editor.token}`);
      if (res.status !== 200) failures.push(`Editor → ${key}: ${res.status}, expected 200 (it needs no plugin permission)`);
    }
    expect(failures).toEqual([]);
    expect(refusals).toBeGreaterThan(runtimeRoutes('admin').length * 5);
  });
});

/**
 * SpiceDB-style consistency through the real database: random worlds (the reference's
 * operation logs) are written to a booted Strapi, and every way of asking must agree with
 * the brute-force reference model — the engine on the facts the real loader reads, the
 * SQL list filters, and the HTTP answers. The pure engine is tested against the same
 * model in plugins/client-area/server/src/access/__tests__/differential.test.ts; this
 * file covers the shell around it: `access-facts`, the ticket and invoice list queries (`queries/tickets.ts`,
 * `queries/invoices.ts`) and the list endpoints.
 *
 * Each world is its final state written row by row (not the log replayed through the
 * API, whose own checks would refuse half of a random log), into fresh rows of one app.
 * `CONSISTENCY_RUNS` sets the number of worlds (default 10).
 */
import crypto from 'crypto';
import fc from 'fast-check';
import type { Core } from '@strapi/strapi';
import { startApp, type TestApp } from '../support/strapi';
import { fixtures } from '../support/fixtures';
import { enter, login } from '../support/customers';
import { can, canSeeTicket, effectiveGrants, type AccessFacts, type TicketFact } from '../../plugins/client-area/server/src/access';
import { ModelAccess, type Target } from '../../plugins/client-area/server/src/access/__tests__/reference/model';
import { grantPicks, n, replay, worldLog, type WorldLog } from '../../plugins/client-area/server/src/access/__tests__/reference/random-worlds';
import { apply, MODEL_SECTIONS, type GrantPick, type MembershipRow, type WorldState } from '../../plugins/client-area/server/src/access/__tests__/reference/world-state';

const RUNS = Number(process.env.CONSISTENCY_RUNS ?? 10);
const CATEGORIES = [1, 2, 3];
const ca = (name: string) => `plugin::client-area.${name}` as any;
const ID = { select: ['id'] };
const byNumber = (a: number, b: number) => a - b;

let app: TestApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.stop();
});

/** What the random world does not say: its tickets, and the user categories of each contact. */
interface TicketPick {
  client: number;
  product: number | null;
  /** Among the client's memberships' contacts and one contact with no login. */
  requester: number;
}
interface ScenePicks {
  picks: number[];
  roleGrants: GrantPick[];
  logonSections: number[];
}
/** An invoice of a client: each line about one of its products (picked among them) or none. */
interface InvoicePick {
  client: number;
  lines: Array<number | null>;
}
interface Fixture {
  world: WorldLog;
  scenes: ScenePicks;
  tickets: TicketPick[];
  invoices: InvoicePick[];
  /** Per contact, in order: the categories it is in. */
  categories: number[][];
}

const fixture: fc.Arbitrary<Fixture> = fc.record({
  world: worldLog(),
  scenes: fc.record({ picks: fc.array(n, { minLength: 8, maxLength: 8 }), roleGrants: grantPicks, logonSections: fc.array(n, { minLength: 1, maxLength: 4 }) }),
  tickets: fc.array(fc.record({ client: n, product: fc.option(n, { freq: 3 }), requester: n }), { minLength: 5, maxLength: 15 }),
  invoices: fc.array(fc.record({ client: n, lines: fc.array(fc.option(n, { freq: 3 }), { maxLength: 3 }) }), { minLength: 3, maxLength: 8 }),
  categories: fc.array(fc.subarray(CATEGORIES, { maxLength: 2 }), { minLength: 40, maxLength: 40 }),
});

const TICKETS = MODEL_SECTIONS.findIndex((s) => s.name === 'tickets');
const pick = <T>(items: T[], k: number): T | undefined => items[k % items.length];

/**
 * A random log seldom builds the paths a shell bug hides in (a few worlds are all we can
 * afford here), so each world also gets operations aimed at its state, through the same
 * `apply`: a per-product `tickets` grant on a sub-account's own client, a role held by a
 * sub-account, a group reader, and a client in a security group of its master that a
 * secondary logon of that master holds (or only the master's Default group).
 */
function withScenes(state: WorldState, { picks: p, roleGrants, logonSections }: ScenePicks): void {
  const subs = () => state.memberships.filter((m) => m.kind === 'sub-account');
  const granted = pick(subs(), p[0]);
  if (granted) {
    const products = state.products.filter((x) => x.client === granted.client);
    const product = pick(products, p[1]);
    if (product) apply(state, { op: 'grant', member: subs().indexOf(granted), grant: { section: TICKETS, product: state.products.indexOf(product) } });
    apply(state, { op: 'verify', member: state.memberships.indexOf(granted), verified: true });
  }
  const holder = pick(subs(), p[2]);
  if (holder) {
    apply(state, { op: 'create-role', client: state.clients.findIndex((c) => c.id === holder.client), grants: roleGrants });
    apply(state, { op: 'assign-role', member: subs().indexOf(holder), role: state.roles.filter((r) => r.client === holder.client).length - 1 });
  }
  apply(state, { op: 'set-group-read', member: p[3], category: CATEGORIES[p[4] % CATEGORIES.length] });
  const client = pick(state.clients, p[5])!;
  const owner = state.identities.indexOf(state.memberships.find((m) => m.client === client.id && m.kind === 'master')!.identity);
  apply(state, { op: 'create-group', owner });
  apply(state, { op: 'move-client', client: state.clients.indexOf(client), group: state.groups.length - 1 });
  const logon = owner === p[6] % state.identities.length ? owner + 1 : p[6];
  apply(state, { op: 'create-logon', owner, logon, groups: [p[7]], sections: logonSections });
}

interface Row {
  id: number;
  documentId: string;
}
interface WrittenTicket {
  id: number;
  reference: string;
  client: number;
  product: number | null;
  /** The membership whose contact requested it; null: a contact with no login. */
  requester: number | null;
  categories: number[];
}

/** A world as written: the reference's ids mapped to the database's rows. */
interface Written {
  state: WorldState;
  identities: Map<number, Row & { username: string }>;
  clients: Map<number, Row>;
  products: Map<number, Row>;
  memberships: Map<number, Row>;
  /** Relationship passwords of the sub-account memberships. */
  passwords: Map<number, string>;
  categories: Map<number, Row>;
  tickets: WrittenTicket[];
  invoices: WrittenInvoice[];
}

interface WrittenInvoice {
  documentId: string;
  client: number;
  /** Each line's product (the reference's id), or null. */
  lines: Array<number | null>;
}

let worldCount = 0;

async function write(strapi: Core.Strapi, { world, scenes, tickets, invoices, categories }: Fixture): Promise<Written> {
  const state = replay(world);
  withScenes(state, scenes);
  const tag = `${crypto.randomBytes(3).toString('hex')}${++worldCount}`;
  const make = fixtures(strapi);
  const docs = (name: string) => strapi.documents(ca(name));
  const documentIdOf = (rows: Map<number, Row>, ref: number | null) => (ref === null ? null : rows.get(ref)!.documentId);
  const w: Written = {
    state, identities: new Map(), clients: new Map(), products: new Map(), memberships: new Map(), passwords: new Map(), categories: new Map(), tickets: [], invoices: [],
  };

  for (const i of state.identities) w.identities.set(i, (await make.identity(`cw${tag}i${i}`)) as any);
  const groups = new Map<number, Row>();
  for (const g of state.groups) {
    const data = { name: g.isDefault ? 'Default' : `Group ${g.id}`, owner: w.identities.get(g.owner)!.documentId, isDefault: g.isDefault };
    groups.set(g.id, (await docs('security-group').create({ data } as any)) as any);
  }
  for (const c of state.clients) {
    const data = { name: `World ${tag} client ${c.id}`, reference: `CW-${tag}-${c.id}`, securityGroup: documentIdOf(groups, c.group) };
    w.clients.set(c.id, (await docs('client').create({ data } as any)) as any);
  }
  for (const p of state.products) {
    w.products.set(p.id, (await docs('product').create({ data: { client: w.clients.get(p.client)!.documentId, name: `Product ${p.id}` } } as any)) as any);
  }
  for (const k of CATEGORIES) w.categories.set(k, (await docs('user-category').create({ data: { name: `Category ${tag}-${k}` } } as any)) as any);

  // One contact per membership (the reference gives each its own), and one with no login per client.
  const contacts = new Map<string, Row & { categories: number[] }>();
  const contact = async (key: string, client: number, groupRead: number | null) => {
    const inCategories = categories[contacts.size % categories.length];
    const data = {
      client: w.clients.get(client)!.documentId,
      email: `${key}-${tag}@example.test`,
      categories: inCategories.map((k) => w.categories.get(k)!.documentId),
      groupReadCategory: documentIdOf(w.categories, groupRead),
    };
    const row: any = await docs('contact').create({ data } as any);
    contacts.set(key, { id: row.id, documentId: row.documentId, categories: inCategories });
  };
  for (const m of state.memberships) await contact(`m${m.id}`, m.client, m.groupRead);
  for (const c of state.clients) await contact(`c${c.id}`, c.id, null);

  // A grant may name another client's product (the reference draws such bad grants, which
  // the engine must ignore): the document service writes it as the content manager would.
  const grantData = (g: { section: string; product: number | null }) => ({ section: g.section, product: documentIdOf(w.products, g.product) });
  const roles = new Map<number, Row>();
  for (const r of state.roles) {
    const role: any = await docs('access-role').create({ data: { name: `Role ${r.id}`, client: w.clients.get(r.client)!.documentId } } as any);
    for (const g of r.grants) await docs('grant').create({ data: { accessRole: role.documentId, ...grantData(g) } } as any);
    roles.set(r.id, role);
  }

  // Memberships first, then what points at other memberships (parents may come later in the log).
  const memberships = strapi.plugin('client-area').service('memberships');
  for (const m of state.memberships) {
    const { membership, relationshipPassword } = await memberships.create({
      client: w.clients.get(m.client)!.documentId,
      identity: w.identities.get(m.identity)!.documentId,
      kind: m.kind,
      contact: contacts.get(`m${m.id}`)!.documentId,
      // A membership holding a role keeps its own grants too: the loader must read the role's.
      grants: m.grants.map(grantData),
    });
    w.memberships.set(m.id, membership);
    if (relationshipPassword) w.passwords.set(m.id, relationshipPassword);
  }
  for (const m of state.memberships) {
    const data: Record<string, unknown> = {};
    if (m.status !== 'active') data.membershipStatus = m.status;
    if (m.parent !== null) data.parent = documentIdOf(w.memberships, m.parent);
    if (m.role !== null) data.accessRole = documentIdOf(roles, m.role);
    if (Object.keys(data).length) await docs('membership').update({ documentId: w.memberships.get(m.id)!.documentId, data } as any);
  }
  for (const p of state.products) {
    if (p.owner === null && p.distributedTo.length === 0) continue;
    const data = { owner: documentIdOf(w.memberships, p.owner), distributedTo: p.distributedTo.map((id) => documentIdOf(w.memberships, id)) };
    await docs('product').update({ documentId: w.products.get(p.id)!.documentId, data } as any);
  }
  // Logons last: the shell cancels an owner's logons when its mastership ends (rule 9), which
  // the reference does not model; written after the memberships, a logon keeps the status of
  // the log, and the engine still refuses a logon whose owner is not the active master.
  for (const l of state.logons) {
    const data = {
      owner: w.identities.get(l.owner)!.documentId,
      logon: w.identities.get(l.logon)!.documentId,
      securityGroups: l.groups.map((g) => documentIdOf(groups, g)),
      sections: l.sections,
      logonStatus: l.status,
    };
    await docs('secondary-logon').create({ data } as any);
  }

  const service = strapi.plugin('client-area').service('tickets');
  for (const pick of tickets) {
    const client = state.clients[pick.client % state.clients.length].id;
    const products = state.products.filter((p) => p.client === client);
    const product = pick.product === null || products.length === 0 ? null : products[pick.product % products.length].id;
    const candidates = state.memberships.filter((m) => m.client === client);
    const requester = candidates[pick.requester % (candidates.length + 1)] ?? null;
    const requesterContact = contacts.get(requester ? `m${requester.id}` : `c${client}`)!;
    const ticket = await service.create({
      clientId: w.clients.get(client)!.id, requesterId: requesterContact.id, subject: 'Consistency', body: 'A ticket of a random world',
      productId: product === null ? null : w.products.get(product)!.id, channel: 'portal', identityId: null,
    });
    w.tickets.push({ id: ticket.id, reference: ticket.reference, client, product, requester: requester?.id ?? null, categories: requesterContact.categories });
  }
  for (const [k, pick] of invoices.entries()) {
    const client = state.clients[pick.client % state.clients.length].id;
    const products = state.products.filter((p) => p.client === client);
    const lines = pick.lines.map((line) => (line === null || products.length === 0 ? null : products[line % products.length].id));
    const invoice: any = await docs('invoice').create({ data: { number: `INV-${tag}-${k}`, client: w.clients.get(client)!.documentId, issuedOn: '2026-11-01', total: lines.length } } as any);
    for (const product of lines) {
      await docs('invoice-line').create({ data: { invoice: invoice.documentId, product: documentIdOf(w.products, product), description: `Line of ${product ?? 'no product'}`, amount: 1 } } as any);
    }
    w.invoices.push({ documentId: invoice.documentId, client, lines });
  }
  return w;
}

/** Rules 10 and 11 from the model, as the differential test reads them. */
function modelSeesTicket(model: ModelAccess, state: WorldState, identity: number, t: WrittenTicket): boolean {
  const requester = state.memberships.find((m) => m.id === t.requester);
  const byRequester = requester?.identity === identity && model.acts(identity, requester.client) !== undefined;
  const byGroup = state.memberships.some(
    (m) => m.identity === identity && m.groupRead !== null && t.categories.includes(m.groupRead) && model.acts(identity, m.client) !== undefined,
  );
  return byRequester || byGroup || model.can(identity, 'tickets', t.client, t.product);
}

/** The caller's menu in a client by the model: the sections it reaches client-wide or on some product. */
const modelSections = (model: ModelAccess, state: WorldState, identity: number, client: number): string[] =>
  MODEL_SECTIONS.filter((s) => [null, ...state.products.filter((p) => p.client === client).map((p) => p.id)].some((t) => model.can(identity, s.name, client, t)))
    .map((s) => s.name)
    .sort();

/**
 * The clients whose memberships the loader must read: those of the identity's own
 * memberships (a removed one is history and loads nothing) and those its secondary
 * logons' owners are master of. `effectiveGrants` is compared on every membership of them.
 */
function loadedClients(state: WorldState, identity: number): Set<number> {
  const owners = new Set(state.logons.filter((l) => l.logon === identity).map((l) => l.owner));
  return new Set(
    state.memberships
      .filter((m) => (m.identity === identity && m.status !== 'removed') || (m.kind === 'master' && owners.has(m.identity)))
      .map((m) => m.client),
  );
}

/** Counts of what was compared, so that a run that compares nothing fails. */
const seen = { worlds: 0, identities: 0, checks: 0, allowed: 0, bySubAccount: 0, byLogon: 0, visibleTickets: 0, hiddenTickets: 0, listedProducts: 0, listedInvoices: 0, partialInvoices: 0, http: 0 };

async function check(w: Written): Promise<string[]> {
  const { state } = w;
  const strapi = app.strapi;
  const model = new ModelAccess(state);
  const out: string[] = [];
  const productRef = new Map([...w.products].map(([ref, row]) => [row.id, ref]));
  const clientRef = new Map([...w.clients].map(([ref, row]) => [row.documentId, ref]));
  const productDocRef = new Map([...w.products].map(([ref, row]) => [row.documentId, ref]));
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const rows = await strapi.db.query(ca('ticket')).findMany({
    where: { id: { $in: w.tickets.map((t) => t.id) } },
    populate: { client: ID, product: ID, requester: { select: ['id'], populate: { categories: ID } } },
  });
  const ticketFacts = new Map<number, TicketFact>(
    rows.map((row: any) => [row.id, {
      clientId: row.client?.id, productId: row.product?.id ?? null, requesterContactId: row.requester?.id ?? -1,
      requesterCategoryIds: (row.requester?.categories ?? []).map((c: any) => c.id),
    }]),
  );

  for (const identity of state.identities) {
    seen.identities++;
    const user = w.identities.get(identity)!;
    const at = (what: string) => `identity ${identity} (user ${user.id} ${user.username}): ${what}`;
    const own = state.memberships.filter((m) => m.identity === identity);
    // The relationship passwords the world says were given: a session proves them, as the policy's tokens do.
    const verified = own.filter((m) => m.verified).map((m) => w.memberships.get(m.id)!.id);
    const facts: AccessFacts = await strapi.plugin('client-area').service('access-facts').load(user.id, { verifiedMembershipIds: verified });
    if (!same(facts.sections.map((s) => s.name).sort(), MODEL_SECTIONS.map((s) => s.name).sort())) out.push(at(`sections registry differs from the model's: ${facts.sections.map((s) => s.name)}`));

    // One check: can, for every section × client × product (a foreign product included).
    for (const { name: section } of MODEL_SECTIONS) {
      for (const client of state.clients) {
        for (const target of [null, ...state.products.map((p) => p.id)] as Target[]) {
          seen.checks++;
          const expected = model.can(identity, section, client.id, target);
          const decision = can(facts, { section, clientId: w.clients.get(client.id)!.id, productId: target === null ? null : w.products.get(target)!.id });
          if (decision.allowed) seen.allowed++;
          if (expected && model.byLogon(identity, section, client.id)) seen.byLogon++;
          else if (expected && own.some((m) => m.client === client.id && m.kind === 'sub-account')) seen.bySubAccount++;
          if (decision.allowed !== expected) out.push(at(`can ${section} in client ${client.id} on product ${target ?? '-'}: model ${expected}, engine on the loaded facts ${decision.allowed} (${decision.reason})`));
        }
      }
    }

    // Effective grants (rule 6) of every membership of the clients the facts cover.
    const loaded = loadedClients(state, identity);
    for (const m of state.memberships.filter((x) => loaded.has(x.client))) {
      const got = effectiveGrants(facts, w.memberships.get(m.id)!.id)
        .map((g) => `${g.section}@${g.productId === null ? '*' : (productRef.get(g.productId) ?? `db${g.productId}`)}`)
        .sort();
      const expected = model.tuplesOf(m.id);
      if (!same(got, expected)) out.push(at(`effectiveGrants of membership ${m.id}: model [${expected}], engine on the loaded facts [${got}]`));
    }

    // Tickets: the single check, the SQL filter over every ticket of the database, and the API.
    const expectedTickets = w.tickets.filter((t) => modelSeesTicket(model, state, identity, t));
    seen.visibleTickets += expectedTickets.length;
    seen.hiddenTickets += w.tickets.length - expectedTickets.length;
    for (const t of w.tickets) {
      const expected = expectedTickets.includes(t);
      const decision = canSeeTicket(facts, ticketFacts.get(t.id)!);
      if (decision.allowed !== expected) out.push(at(`canSeeTicket ${t.reference} (client ${t.client}, product ${t.product ?? '-'}, requester ${t.requester ?? 'no login'}, categories [${t.categories}]): model ${expected}, engine ${decision.allowed} (${decision.reason})`));
    }
    const expectedIds = expectedTickets.map((t) => t.id).sort(byNumber);
    const listedIds = [...new Set<number>(await strapi.plugin('client-area').service('tickets').visibleIds(facts))].sort(byNumber);
    if (!same(listedIds, expectedIds)) out.push(at(`tickets in the list's id union [${listedIds}], the model allows [${expectedIds}]`));

    out.push(...(await checkHttp(w, model, identity, at, expectedTickets.map((t) => t.reference).sort(), { clientRef, productDocRef })));
  }
  return out;
}

/**
 * The same identity over HTTP: it logs in and gives the relationship password of each
 * sub-account membership the world says it gave. A suspended or removed membership
 * can't be entered (404); the model gives such a membership nothing, verified or not.
 */
async function checkHttp(
  w: Written,
  model: ModelAccess,
  identity: number,
  at: (what: string) => string,
  expectedReferences: string[],
  { clientRef, productDocRef }: { clientRef: Map<string, number>; productDocRef: Map<string, number> },
): Promise<string[]> {
  const { state } = w;
  const out: string[] = [];
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const customer = await login(app.server, w.identities.get(identity)!);
  const ownIn = (client: number): MembershipRow | undefined => state.memberships.find((m) => m.identity === identity && m.client === client && m.status !== 'removed');
  for (const m of state.memberships.filter((x) => x.identity === identity && x.kind === 'sub-account' && x.verified && x.status === 'active')) {
    await enter(customer, w.clients.get(m.client)!, w.passwords.get(m.id)!);
  }
  const entered = (m: MembershipRow) => m.kind === 'sub-account' && m.verified && m.status === 'active';
  seen.http++;

  const tickets = await customer.get('/tickets?view=all&pageSize=100');
  const references = (tickets.body.data ?? []).map((t: any) => t.reference).sort();
  if (tickets.status !== 200 || !same(references, expectedReferences)) out.push(at(`GET /tickets?view=all: ${tickets.status} [${references}], the model allows [${expectedReferences}]`));

  // The menu of clients: its own (not removed) and those it reaches, with its sections there.
  const expectedClients = state.clients
    .filter((c) => ownIn(c.id) || modelSections(model, state, identity, c.id).length > 0)
    .map((c) => {
      const own = ownIn(c.id);
      return {
        client: c.id,
        relation: own?.kind ?? 'secondary-logon',
        relationshipPasswordRequired: own ? own.kind !== 'master' && !entered(own) : false,
        sections: modelSections(model, state, identity, c.id),
      };
    });
  const clients = await customer.get('/clients');
  const gotClients = (clients.body.data ?? [])
    .map((c: any) => ({ client: clientRef.get(c.documentId) ?? c.documentId, relation: c.relation, relationshipPasswordRequired: c.relationshipPasswordRequired, sections: [...c.sections].sort() }))
    .sort((a: any, b: any) => a.client - b.client);
  if (clients.status !== 200 || !same(gotClients, expectedClients)) out.push(at(`GET /clients: ${clients.status} ${JSON.stringify(gotClients)}, the model says ${JSON.stringify(expectedClients)}`));

  for (const c of state.clients) {
    const documentId = w.clients.get(c.id)!.documentId;
    const sections = modelSections(model, state, identity, c.id);
    const own = ownIn(c.id);
    // The policy's refusal when nothing is reachable: the password prompt for a standing sub-account that did not give it, else nothing.
    const refusal = own && own.status === 'active' && own.kind === 'sub-account' && !entered(own) ? 403 : 404;
    const products = state.products.filter((p) => p.client === c.id);

    const show = await customer.get(`/clients/${documentId}`);
    if (sections.length === 0) {
      if (show.status !== refusal) out.push(at(`GET /clients/${c.id}: ${show.status}, expected ${refusal} (the model gives no section)`));
    } else {
      const expectedProducts = products
        .map((p) => ({ product: p.id, sections: MODEL_SECTIONS.filter((s) => s.productScoped && model.can(identity, s.name, c.id, p.id)).map((s) => s.name).sort() }))
        .filter((p) => p.sections.length > 0);
      const got = show.status === 200
        ? {
            sections: [...show.body.data.sections].sort(),
            products: show.body.data.products.map((p: any) => ({ product: productDocRef.get(p.documentId), sections: [...p.sections].sort() })).sort((a: any, b: any) => a.product - b.product),
          }
        : show.status;
      if (!same(got, { sections, products: expectedProducts })) out.push(at(`GET /clients/${c.id}: ${JSON.stringify(got)}, the model says ${JSON.stringify({ sections, products: expectedProducts })}`));
    }

    const list = await customer.get(`/clients/${documentId}/products`);
    const expectedStatus = sections.length === 0 ? refusal : sections.includes('products') ? 200 : 403;
    const expectedList = expectedStatus === 200 ? products.filter((p) => model.can(identity, 'products', c.id, p.id)).map((p) => p.id) : [];
    const gotList = list.status === 200 ? list.body.data.map((p: any) => productDocRef.get(p.documentId) ?? p.documentId).sort(byNumber) : [];
    seen.listedProducts += gotList.length;
    if (list.status !== expectedStatus || !same(gotList, expectedList)) out.push(at(`GET /clients/${c.id}/products: ${list.status} [${gotList}], the model says ${expectedStatus} [${expectedList}]`));

    // Invoices (rule 4): listed when one of its lines is of a product the caller holds billing on (a line
    // of no product, or no lines at all: billing client-wide), with exactly those lines; the SQL count agrees.
    const billing = await customer.get(`/clients/${documentId}/invoices?pageSize=100`);
    const billingStatus = sections.length === 0 ? refusal : sections.includes('billing') ? 200 : 403;
    const lineShown = (product: number | null) => model.can(identity, 'billing', c.id, product);
    const expectedInvoices = billingStatus === 200
      ? w.invoices
          .filter((i) => i.client === c.id && (i.lines.length === 0 ? lineShown(null) : i.lines.some(lineShown)))
          .map((i) => ({ invoice: i.documentId, lines: i.lines.filter(lineShown).map((p) => (p === null ? 'none' : `Line of ${p}`)).sort() }))
          .sort((a, b) => a.invoice.localeCompare(b.invoice))
      : [];
    const gotInvoices = billing.status === 200
      ? billing.body.data.map((i: any) => ({ invoice: i.documentId, lines: i.lines.map((l: any) => (l.product === null ? 'none' : `Line of ${productDocRef.get(l.product.documentId)}`)).sort() })).sort((a: any, b: any) => a.invoice.localeCompare(b.invoice))
      : [];
    const counted = billing.status === 200 ? billing.body.meta.total : 0;
    seen.listedInvoices += gotInvoices.length;
    seen.partialInvoices += billing.status === 200 ? billing.body.data.filter((i: any) => i.total === null).length : 0;
    if (billing.status !== billingStatus || !same(gotInvoices, expectedInvoices) || counted !== expectedInvoices.length) {
      out.push(at(`GET /clients/${c.id}/invoices: ${billing.status} ${JSON.stringify(gotInvoices)} (total ${counted}), the model says ${billingStatus} ${JSON.stringify(expectedInvoices)}`));
    }
  }
  return out;
}

describe('consistency: the loader, the SQL filters and the API agree with the reference model on random worlds in the database', () => {
  it('every identity of every world: can, effectiveGrants, canSeeTicket, the ticket, product and invoice lists, the client menus', async () => {
    await fc.assert(
      fc.asyncProperty(fixture, async (f) => {
        const w = await write(app.strapi, f);
        seen.worlds++;
        const disagreements = await check(w);
        if (disagreements.length) {
          throw new Error(`${disagreements.length} disagreements in world ${seen.worlds}:\n${disagreements.slice(0, 40).join('\n')}\nworld: ${JSON.stringify(w.state)}`);
        }
      }),
      // A world takes seconds to write: no shrinking, the failing world is printed whole.
      { numRuns: RUNS, endOnFailure: true },
    );
    process.stdout.write(`[consistency] ${JSON.stringify(seen)}\n`);
    // A run that compares only refusals proves nothing.
    expect(seen.worlds).toBe(RUNS);
    expect({ allowed: seen.bySubAccount > 0, denied: seen.allowed < seen.checks, visible: seen.visibleTickets > 0, hidden: seen.hiddenTickets > 0, products: seen.listedProducts > 0, invoices: seen.listedInvoices > 0 }).toEqual({
      allowed: true, denied: true, visible: true, hidden: true, products: true, invoices: true,
    });
  }, 30 * 60_000);
});

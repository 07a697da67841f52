'use strict';
/**
 * The benchmark's tenant set, as plain numbers (ids are assigned here), and the
 * customers it measures. Client 1 is the bench client: a master (u1), a chain of
 * sub-accounts u2 → u5 (u5 at depth 5) holding `tickets` on product 2, a per-product
 * sub-account holding `tickets` on product 1, and a secondary logon of u1 holding
 * `tickets`. Client 2's master reads user category 1 (group read). Their tickets are
 * FIXED; every other ticket goes to clients past 12, to requesters of other categories.
 */
const BENCH_PASSWORD = 'Bench-pass-2026';

const PER_CLIENT = 5; // a master and four sub-accounts, each the parent of the next
const CONTACTS_PER_CLIENT = 8;
const GROUP_CATEGORY = 1;
const GROUP_CLIENTS = [3, 4, 5, 6, 7, 8, 9, 10, 11, 12]; // their requesters are in the group category
const FIXED = { benchClient: 2002, perGroupClient: 50, get tickets() { return this.benchClient + GROUP_CLIENTS.length * this.perGroupClient; } };

function layout({ tickets, scale }) {
  const clientCount = Math.max(20, Math.round(10_000 * scale));
  const productCount = Math.max(8, Math.round(5_000 * scale));
  const categoryCount = Math.max(4, Math.round(200 * scale));
  const clients = Array.from({ length: clientCount }, (_, i) => ({ id: i + 1 }));
  const membershipId = (client, depth) => (client - 1) * PER_CLIENT + depth + 1; // depth 0 = master
  const contactId = (client, k) => (client - 1) * CONTACTS_PER_CLIENT + k + 1;
  const extra = { membership: clientCount * PER_CLIENT + 1, contact: clientCount * CONTACTS_PER_CLIENT + 1, identity: clientCount * PER_CLIENT + 1 };

  const memberships = [];
  for (const { id: client } of clients) {
    for (let depth = 0; depth < PER_CLIENT; depth++) {
      const id = membershipId(client, depth);
      memberships.push({ id, client, identity: id, parent: depth ? membershipId(client, depth - 1) : null, contact: contactId(client, depth) });
    }
  }
  // The bench client's per-product sub-account, directly under its master.
  memberships.push({ id: extra.membership, client: 1, identity: extra.identity, parent: membershipId(1, 0), contact: extra.contact });

  const categoryOf = (client, k) => (client === 1 || GROUP_CLIENTS.includes(client) ? GROUP_CATEGORY : 2 + ((client * CONTACTS_PER_CLIENT + k) % (categoryCount - 1)));
  const contacts = [];
  for (const { id: client } of clients) {
    for (let k = 0; k < CONTACTS_PER_CLIENT; k++) {
      contacts.push({ id: contactId(client, k), client, category: categoryOf(client, k), groupRead: client === 2 && k === 0 ? GROUP_CATEGORY : null });
    }
  }
  contacts.push({ id: extra.contact, client: 1, category: GROUP_CATEGORY, groupRead: null });

  // Four products of the bench client; one product each for clients 13, 14, … after that.
  const products = [1, 2, 3, 4].map((id) => ({ id, client: 1 }));
  for (let id = 5; id <= productCount; id++) products.push({ id, client: 13 + ((id - 5) % (clientCount - 12)) });

  const grants = [];
  const grant = (membership, section, product) => grants.push({ id: grants.length + 1, membership, section, product });
  for (let depth = 1; depth < PER_CLIENT; depth++) grant(membershipId(1, depth), 'tickets', 2);
  grant(membershipId(1, 1), 'billing', null);
  grant(extra.membership, 'tickets', 1);
  for (const product of products.slice(4)) {
    for (let depth = 1; depth < PER_CLIENT; depth++) grant(membershipId(product.client, depth), 'tickets', product.id);
    grant(membershipId(product.client, 1), 'products', product.id);
  }

  // Tickets: the fixed ones first, then the growth, newest spread over a year.
  const ticketRows = [];
  const ticket = (client, product, requester) => ticketRows.push({ id: ticketRows.length + 1, client, product, requester, closed: ticketRows.length % 5 === 0, age: 0 });
  for (let i = 0; i < FIXED.benchClient; i++) ticket(1, i < 2 ? null : 1 + ((i - 2) % 4), i % 7 === 0 ? extra.contact : contactId(1, i % CONTACTS_PER_CLIENT));
  for (const client of GROUP_CLIENTS) for (let i = 0; i < FIXED.perGroupClient; i++) ticket(client, null, contactId(client, i % CONTACTS_PER_CLIENT));
  const growthClients = clientCount - 12;
  const productsOf = new Map();
  for (const product of products.slice(4)) productsOf.set(product.client, [...(productsOf.get(product.client) ?? []), product.id]);
  for (let i = 0; ticketRows.length < tickets; i++) {
    const client = 13 + (i % growthClients);
    const own = productsOf.get(client);
    ticket(client, own && i % 2 ? own[i % own.length] : null, contactId(client, i % CONTACTS_PER_CLIENT));
  }
  // Interleave ages so the measured customers' tickets are spread through the whole list, not at its head.
  const span = 365 * 24 * 3600;
  for (const t of ticketRows) t.age = Math.floor(((t.id * 2654435761) % 2 ** 32) / 2 ** 32 * span);

  const users = [...memberships.map((m) => m.identity), extra.identity + 1];
  const logon = { owner: 1, identity: extra.identity + 1, sections: ['tickets'] };
  const rows =
    users.length * 2 + clients.length + categoryCount + contacts.length * 2 + 1 + memberships.length * 4 + products.length * 2 +
    grants.length * 2 + 7 + ticketRows.length * 4 + ticketRows.length * 3 * 2 + ticketRows.length * 2;
  // The customers measured; `enters` names the client whose relationship password it gives.
  const subjects = [
    { name: 'master', login: 'u1' },
    { name: 'per-product sub-account', login: `u${extra.identity}`, enters: 1 },
    { name: 'depth-5 sub-account', login: `u${membershipId(1, 4)}`, enters: 1 },
    { name: 'secondary logon', login: `u${logon.identity}` },
    { name: 'group reader', login: `u${membershipId(2, 0)}` },
  ];
  return {
    subjects,
    users, clients, categories: Array.from({ length: categoryCount }, (_, i) => i + 1), contacts, memberships, products, grants, logon, tickets: ticketRows, rows,
    summary: `${clients.length} clients, ${memberships.length} memberships, ${products.length} products, ${categoryCount} categories, ${contacts.length} contacts, ${ticketRows.length} tickets, ${ticketRows.length * 3} messages`,
  };
}

module.exports = { BENCH_PASSWORD, FIXED, layout };

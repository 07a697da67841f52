/** The demo world: who is who, and what each person may do. */
export const DEMO_PASSWORD = 'Demo-pass-2026';

export const DEMO_ADMIN = {
  email: 'admin@client-area.test',
  password: 'Demo-Admin-2026',
  firstname: 'Demo',
  lastname: 'Admin',
};

export const IDENTITIES = [
  { username: 'alice', email: 'alice@acme.test', note: 'master of Acme Hosting' },
  { username: 'carol', email: 'carol@globex.test', note: 'master of Globex' },
  { username: 'bob', email: 'bob@example.test', note: 'sub-account of Acme (tickets on NATS #1 only) and of Globex (billing)' },
  { username: 'dave', email: 'dave@acme.test', note: 'sub-account of Acme (billing, orders, contacts)' },
  { username: 'grace', email: 'grace@globex.test', note: 'sub-account of Globex (tickets); group reader of "Key accounts"' },
  { username: 'erin', email: 'erin@reseller.test', note: 'reseller: master of Initech and Umbrella' },
  { username: 'frank', email: 'frank@reseller.test', note: 'secondary logon of erin (group "Premium": tickets, products)' },
] as const;

export type Username = (typeof IDENTITIES)[number]['username'];

export const CLIENTS = [
  { reference: 'ACME', name: 'Acme Hosting', products: ['NATS installation #1', 'NATS installation #2'] },
  { reference: 'GLOBEX', name: 'Globex Corporation', products: ['Managed PostgreSQL'] },
  { reference: 'INITECH', name: 'Initech', products: ['Web hosting'] },
  { reference: 'UMBRELLA', name: 'Umbrella Ltd', products: ['Mail relay'] },
] as const;

export type ClientRef = (typeof CLIENTS)[number]['reference'];

export interface DemoMembership {
  client: ClientRef;
  username: Username;
  kind: 'master' | 'sub-account';
  grants?: Array<{ section: string; product?: string }>;
}

export const MEMBERSHIPS: DemoMembership[] = [
  { client: 'ACME', username: 'alice', kind: 'master' },
  { client: 'GLOBEX', username: 'carol', kind: 'master' },
  { client: 'INITECH', username: 'erin', kind: 'master' },
  { client: 'UMBRELLA', username: 'erin', kind: 'master' },
  { client: 'ACME', username: 'bob', kind: 'sub-account', grants: [{ section: 'tickets', product: 'NATS installation #1' }, { section: 'products', product: 'NATS installation #1' }] },
  { client: 'GLOBEX', username: 'bob', kind: 'sub-account', grants: [{ section: 'billing' }] },
  { client: 'ACME', username: 'dave', kind: 'sub-account', grants: [{ section: 'billing' }, { section: 'orders' }, { section: 'contacts' }, { section: 'profile' }] },
  { client: 'GLOBEX', username: 'grace', kind: 'sub-account', grants: [{ section: 'tickets' }] },
];

export const CATEGORY = { name: 'Key accounts', description: 'Contacts whose tickets the key-account lead follows', members: ['alice', 'carol'] as Username[], reader: 'grace' as Username };

export const SECURITY_GROUP = { owner: 'erin' as Username, name: 'Premium', clients: ['UMBRELLA'] as ClientRef[] };
export const SECONDARY_LOGON = { owner: 'erin' as Username, logon: 'frank' as Username, groups: ['Premium'], sections: ['tickets', 'products'] };

export const INVOICES = [
  { number: 'INV-2026-0001', client: 'ACME' as ClientRef, status: 'unpaid', issuedOn: '2026-11-01', lines: [['NATS installation #1', 'NATS support, November', 1, 250], ['NATS installation #2', 'NATS support, November', 1, 250]] },
  { number: 'INV-2026-0002', client: 'GLOBEX' as ClientRef, status: 'paid', issuedOn: '2026-11-01', lines: [['Managed PostgreSQL', 'Managed PostgreSQL, November', 1, 480]] },
  { number: 'INV-2026-0003', client: 'UMBRELLA' as ClientRef, status: 'unpaid', issuedOn: '2026-11-01', lines: [['Mail relay', 'Mail relay, November', 1, 90]] },
  // A line of no product: only billing held client-wide shows it.
  { number: 'INV-2026-0004', client: 'ACME' as ClientRef, status: 'paid', issuedOn: '2026-10-01', lines: [['NATS installation #1', 'NATS support, October', 1, 250], [null, 'Onboarding workshop (one-off)', 2, 200]] },
] as const;

/** What customers can order; staff keep it in the content manager (Catalogue item). */
export const CATALOGUE = [
  { name: 'Managed NATS cluster', summary: 'A three-node NATS cluster with JetStream, monitored around the clock.', productType: 'managed-service', price: 250, billingCycle: 'monthly' },
  { name: 'Managed PostgreSQL', summary: 'A PostgreSQL primary with a standby and daily backups kept for 30 days.', productType: 'managed-service', price: 480, billingCycle: 'monthly' },
  { name: 'Mail relay', summary: 'Outgoing mail relay with SPF, DKIM and bounce handling.', productType: 'managed-service', price: 90, billingCycle: 'monthly' },
  { name: 'Onboarding workshop', summary: 'Half a day with one of our engineers, remote or on site.', productType: 'service', price: 400, billingCycle: 'one-time' },
] as const;

export const TICKETS = [
  {
    reference: 'CA-1001', client: 'ACME' as ClientRef, product: 'NATS installation #1', requester: 'bob' as Username, subject: 'Cluster node 3 will not rejoin',
    messages: [['customer', 'Since the upgrade node 3 keeps leaving the cluster. Logs attached soon.'], ['staff', 'Thanks Bob, we are looking at the route configuration now.']],
  },
  {
    reference: 'CA-1002', client: 'ACME' as ClientRef, product: 'NATS installation #2', requester: 'alice' as Username, subject: 'Plan the upgrade to 2.11',
    messages: [['customer', 'Could we schedule the upgrade for next Tuesday night?']],
  },
  {
    reference: 'CA-1003', client: 'GLOBEX' as ClientRef, product: 'Managed PostgreSQL', requester: 'carol' as Username, subject: 'Restore yesterday\'s backup to staging',
    messages: [['customer', 'Please restore the backup of 22 November to the staging database.'], ['staff', 'Restored. Please check and close the ticket if all is well.']],
  },
  {
    reference: 'CA-1004', client: 'UMBRELLA' as ClientRef, product: 'Mail relay', requester: 'erin' as Username, subject: 'SPF record for the relay',
    messages: [['customer', 'Which include should we add to our SPF record?']],
  },
] as const;

import zlib from 'zlib';
import type { Core } from '@strapi/strapi';
import { startApp, type TestApp } from '../support/strapi';
import { clientWorld, enteredSubAccount } from '../support/customers';
import { staffLoginWithPermissions } from '../support/staff';

/**
 * A client's invoices (billing section, rule 4): a line belongs to its product, so
 * `billing` on P shows P's lines and hides the rest, and the invoice's total with them;
 * a line of no product needs `billing` client-wide. Customers never see drafts; staff
 * with billing.read see everything through the staff twin of the same route.
 */
let app: TestApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.stop();
});

type World = Awaited<ReturnType<typeof clientWorld>>;
const ca = (name: string) => `plugin::client-area.${name}` as any;

async function invoice(strapi: Core.Strapi, world: World, number: string, lines: Array<[{ documentId: string } | null, string, number]>, extra: Record<string, unknown> = {}) {
  const total = lines.reduce((sum, [, , amount]) => sum + amount, 0);
  const row: any = await strapi.documents(ca('invoice')).create({ data: { number, client: world.client.documentId, issuedOn: '2026-11-01', dueOn: '2026-11-30', total, ...extra } } as any);
  for (const [product, description, amount] of lines) {
    await strapi.documents(ca('invoice-line')).create({ data: { invoice: row.documentId, product: product?.documentId ?? null, description, quantity: 1, unitPrice: amount, amount } } as any);
  }
  return row as { documentId: string; number: string };
}

/** A client with two products and three invoices: one per product line plus a line of no product, one of NATS #2 alone, one draft. */
async function billedClient() {
  const world = await clientWorld(app.strapi, app.server);
  const nats1 = await world.product('NATS #1');
  const nats2 = await world.product('NATS #2');
  const suffix = world.client.documentId.slice(0, 8);
  const mixed = await invoice(app.strapi, world, `M-${suffix}`, [[nats1, 'NATS #1 support', 250], [nats2, 'NATS #2 support', 150], [null, 'Onboarding', 400]], { issuedOn: '2026-11-02' });
  const second = await invoice(app.strapi, world, `S-${suffix}`, [[nats2, 'NATS #2 support', 150]], { issuedOn: '2026-10-01', invoiceStatus: 'paid' });
  const draft = await invoice(app.strapi, world, `D-${suffix}`, [[nats1, 'Next month', 250]], { invoiceStatus: 'draft', issuedOn: '2026-12-01' });
  return { world, nats1, nats2, mixed, second, draft };
}

const path = (world: World, rest = '') => `/clients/${world.client.documentId}${rest}`;

describe('invoices of a client (billing)', () => {
  it('the master sees every invoice but drafts, newest first, whole, with lines and products', async () => {
    const { world, mixed, second } = await billedClient();
    const master = await world.master();
    const res = await master.get(path(world, '/invoices')).expect(200);
    expect(res.body.data.map((i: any) => i.number)).toEqual([mixed.number, second.number]);
    expect(res.body.meta).toEqual({ page: 1, pageSize: 25, total: 2 });
    expect(res.body.data[0]).toMatchObject({ invoiceStatus: 'unpaid', issuedOn: '2026-11-02', dueOn: '2026-11-30', currency: 'EUR', total: 800, shownAmount: 800, linesShown: 3, linesTotal: 3 });
    expect(res.body.data[0].lines.map((l: any) => [l.description, l.product?.name ?? null, l.amount])).toEqual([['NATS #1 support', 'NATS #1', 250], ['NATS #2 support', 'NATS #2', 150], ['Onboarding', null, 400]]);
    const paid = await master.get(path(world, '/invoices?status=paid')).expect(200);
    expect(paid.body.data.map((i: any) => i.number)).toEqual([second.number]);
  });

  it("billing on one product shows its lines only, no total, and no invoice without one of its lines", async () => {
    const { world, nats1, mixed, second } = await billedClient();
    const { customer } = await enteredSubAccount(world, [{ section: 'billing', product: nats1 }]);
    const res = await customer.get(path(world, '/invoices')).expect(200);
    expect(res.body.data.map((i: any) => i.number)).toEqual([mixed.number]);
    expect(res.body.meta.total).toBe(1);
    expect(res.body.data[0]).toMatchObject({ total: null, shownAmount: 250, linesShown: 1, linesTotal: 3 });
    expect(res.body.data[0].lines.map((l: any) => l.description)).toEqual(['NATS #1 support']);
    // The single invoice agrees with the list; the other is refused with the missing grant named.
    const one = await customer.get(path(world, `/invoices/${mixed.documentId}`)).expect(200);
    expect(one.body.data.lines.map((l: any) => l.description)).toEqual(['NATS #1 support']);
    const refused = await customer.get(path(world, `/invoices/${second.documentId}`)).expect(403);
    expect(refused.body.error.message).toMatch(/missing grant "billing" on product/);
  });

  it('the PDF holds what its reader may see: every line and the total for the master, its own lines and no total for billing on one product', async () => {
    const { world, nats1, mixed, second } = await billedClient();
    const master = await world.master();
    const pdf = (customer: any, invoice: { documentId: string }) =>
      customer.get(path(world, `/invoices/${invoice.documentId}/pdf`)).buffer(true).parse((res: any, done: any) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    // The company's details, as its profile keeps them, are on the invoice.
    await master.put(path(world, '/profile'), { address: '1 Harbour Road\nBristol', country: 'GB', vatNumber: 'GB123456789' }).expect(200);
    const whole = await pdf(master, mixed).expect(200);
    expect(whole.headers['content-type']).toBe('application/pdf');
    expect(whole.headers['content-disposition']).toBe(`attachment; filename="invoice-${mixed.number}.pdf"`);
    expect(whole.body.subarray(0, 5).toString()).toBe('%PDF-');
    const masterText = pdfText(whole.body);
    for (const text of [`Invoice ${mixed.number}`, '1 Harbour Road', 'Bristol', 'VAT number: GB123456789', 'NATS #1 support', 'NATS #2 support', 'Onboarding', 'Not tied to a product', 'Total: €800.00']) expect([text, masterText.includes(text)]).toEqual([text, true]);

    const { customer } = await enteredSubAccount(world, [{ section: 'billing', product: nats1 }]);
    const partText = pdfText((await pdf(customer, mixed).expect(200)).body);
    expect(partText).toContain('NATS #1 support');
    expect(partText).toContain('Your lines: €250.00');
    for (const hidden of ['NATS #2 support', 'Onboarding', 'Total:', '800']) expect([hidden, partText.includes(hidden)]).toEqual([hidden, false]);
    await customer.get(path(world, `/invoices/${second.documentId}/pdf`)).expect(403);
    const { customer: noBilling } = await enteredSubAccount(world, [{ section: 'tickets' }]);
    await noBilling.get(path(world, `/invoices/${mixed.documentId}/pdf`)).expect(403);
  });

  it('paying: the ways to pay, a bank transfer announced for staff with instructions, and only by who sees the whole unpaid invoice', async () => {
    const { world, nats1, mixed, second } = await billedClient();
    const { customer: wide } = await enteredSubAccount(world, [{ section: 'billing' }]);
    const options = (await wide.get(path(world, `/invoices/${mixed.documentId}/payment-options`)).expect(200)).body.data;
    expect(options).toMatchObject({ payable: true, requested: null });
    expect(options.providers.map((p: any) => p.name)).toEqual(['bank-transfer']);

    const started = (await wide.post(path(world, `/invoices/${mixed.documentId}/payments`), { provider: 'bank-transfer' }).expect(201)).body.data;
    expect(started.instructions).toBe(`Transfer €800.00 by 2026-11-30 to the account on the invoice, with ${mixed.number} as the reference. We mark the invoice paid when the money arrives; nothing is charged here.`);
    const row = await app.strapi.db.query(ca('invoice')).findOne({ where: { documentId: mixed.documentId }, populate: { paymentRequestedBy: { select: ['id'] } } });
    expect([row.paymentProvider, row.paymentRequestedBy.id, row.invoiceStatus]).toEqual(['bank-transfer', wide.identity.id, 'unpaid']);
    const audit = await app.strapi.db.query(ca('audit-entry')).findOne({ where: { action: 'invoice.payment-requested', client: { id: world.client.id } } });
    expect(audit).toMatchObject({ subjectType: 'invoice', details: { number: mixed.number, provider: 'bank-transfer' } });
    expect((await wide.get(path(world, `/invoices/${mixed.documentId}/payment-options`)).expect(200)).body.data.requested).toMatchObject({ provider: 'bank-transfer' });

    // A paid invoice, an unknown way, a bad body: 400s that say what is wrong.
    expect((await wide.post(path(world, `/invoices/${second.documentId}/payments`), { provider: 'bank-transfer' }).expect(400)).body.error.message).toBe(`Invoice ${second.number} is paid: only an unpaid invoice is paid`);
    expect((await wide.post(path(world, `/invoices/${mixed.documentId}/payments`), { provider: 'gold-bars' }).expect(400)).body.error.message).toMatch(/^provider: no way to pay called "gold-bars"/);
    await wide.post(path(world, `/invoices/${mixed.documentId}/payments`), { provider: 'bank-transfer', amount: 1 }).expect(400);
    await wide.post(path(world, `/invoices/${mixed.documentId}/payments`), {}).expect(400);

    // Billing on one product: it sees one line of three, so it doesn't pay the invoice, and is told who does.
    const { customer: partial } = await enteredSubAccount(world, [{ section: 'billing', product: nats1 }]);
    const refused = await partial.post(path(world, `/invoices/${mixed.documentId}/payments`), { provider: 'bank-transfer' }).expect(403);
    expect(refused.body.error.message).toBe("2 of the invoice's 3 lines are not yours to see: whoever holds billing for the whole invoice pays it");
    await partial.get(path(world, `/invoices/${mixed.documentId}/payment-options`)).expect(403);
    // Staff don't pay for customers; a draft is nobody's to pay.
    const staff = await staffLoginWithPermissions(app.strapi, app.server, 'Billing manager', ['plugin::client-area.billing.read', 'plugin::client-area.billing.manage']);
    await staff.post(`/clients/${world.client.documentId}/invoices/${mixed.documentId}/payments`, { provider: 'bank-transfer' }).expect(403);
    const draft = (await billedClient()).draft;
    await wide.post(path(world, `/invoices/${draft.documentId}/payments`), { provider: 'bank-transfer' }).expect(404);
  });

  it('billing client-wide shows every line, the one of no product included', async () => {
    const { world, mixed } = await billedClient();
    const { customer } = await enteredSubAccount(world, [{ section: 'billing' }]);
    const res = await customer.get(path(world, `/invoices/${mixed.documentId}`)).expect(200);
    expect(res.body.data).toMatchObject({ total: 800, linesShown: 3 });
  });

  it('without billing: 403 naming it; drafts, other clients\' invoices and bad ids are 404; bad queries 400', async () => {
    const { world, draft } = await billedClient();
    const other = await billedClient();
    const { customer } = await enteredSubAccount(world, [{ section: 'tickets' }]);
    const refused = await customer.get(path(world, '/invoices')).expect(403);
    expect(refused.body.error.message).toMatch(/billing/);
    const master = await world.master();
    await master.get(path(world, `/invoices/${draft.documentId}`)).expect(404);
    await master.get(path(world, `/invoices/${other.mixed.documentId}`)).expect(404);
    await master.get(path(world, '/invoices/not-an-id!')).expect(404);
    expect((await master.get(path(world, '/invoices?status=lost')).expect(400)).body.error.message).toMatch(/^status: /);
    expect((await master.get(path(world, '/invoices?pageSize=1000')).expect(400)).body.error.message).toMatch(/^pageSize: /);
    expect((await master.get(path(world, '/invoices?client=x')).expect(400)).body.error.message).toMatch(/unrecognized key/i);
  });

  it('staff with billing.read see every invoice of the client, drafts included; without it, 403', async () => {
    const { world, draft } = await billedClient();
    const clerk = await staffLoginWithPermissions(app.strapi, app.server, 'Billing clerk', ['plugin::client-area.billing.read', 'plugin::client-area.profile.read']);
    const res = await clerk.get(path(world, '/invoices')).expect(200);
    expect(res.body.data.map((i: any) => i.number)).toEqual([draft.number, `M-${world.client.documentId.slice(0, 8)}`, `S-${world.client.documentId.slice(0, 8)}`]);
    expect(res.body.data.every((i: any) => i.linesShown === i.linesTotal)).toBe(true);
    const agent = await staffLoginWithPermissions(app.strapi, app.server, 'Support agent', ['plugin::client-area.tickets.read', 'plugin::client-area.profile.read']);
    await agent.get(path(world, '/invoices')).expect(403);
  });

  it('"who can see this invoice" follows its lines: a member with billing on one of its products sees it', async () => {
    const { world, nats1, nats2, second } = await billedClient();
    const onNats1 = await enteredSubAccount(world, [{ section: 'billing', product: nats1 }]);
    const onNats2 = await enteredSubAccount(world, [{ section: 'billing', product: nats2 }]);
    const clerk = await staffLoginWithPermissions(app.strapi, app.server, 'Billing clerk', ['plugin::client-area.billing.read']);
    const res = await clerk.get(`/invoices/${second.documentId}/visibility`).expect(200);
    const allowed = (membership: any) => res.body.data.people.find((p: any) => p.membership?.documentId === membership.documentId)?.allowed;
    expect([allowed(world.masterMembership), allowed(onNats1.membership), allowed(onNats2.membership)]).toEqual([true, false, true]);
  });
});

/** The text a PDF shows: each content stream inflated, the strings of its TJ arrays joined (kerning splits words into pieces). */
function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const texts: string[] = [];
  for (const match of raw.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    let content: string;
    try {
      content = zlib.inflateSync(Buffer.from(match[1], 'latin1')).toString('latin1');
    } catch {
      content = match[1];
    }
    for (const tj of content.matchAll(/\[([^\]]*)\]\s*TJ/g)) {
      texts.push([...tj[1].matchAll(/<([0-9a-fA-F]*)>/g)].map((hex) => Buffer.from(hex[1], 'hex').toString('latin1')).join(''));
    }
  }
  // WinAnsi, the standard fonts' encoding, is latin1 but for a few signs such as the euro's.
  return texts.join('\n').replace(/\x80/g, '€');
}

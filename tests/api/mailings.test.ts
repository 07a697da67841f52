import { startApp, type TestApp } from '../support/strapi';
import { createSmtp, deliverAll, smtpEnv, type TestSmtp } from '../support/smtp';
import { fixtures } from '../support/fixtures';
import { staffLogin } from '../support/staff';

let app: TestApp;
let smtp: TestSmtp;
beforeAll(async () => {
  smtp = await createSmtp();
  app = await startApp({ env: smtpEnv(smtp) });
});
afterAll(async () => {
  await app?.stop();
  await smtp?.stop();
});

const deliver = () => deliverAll(app.strapi);
const ca = (name: string) => `plugin::client-area.${name}` as any;

describe('mail staff send (rule 12)', () => {
  it('an invoice goes to every contact with invoices on, one mail each, and to nobody else', async () => {
    const make = fixtures(app.strapi);
    const client = await make.client();
    const accounting = await make.contact(client, 'accounting@example.test');
    const boss = await make.contact(client, 'boss@example.test');
    await make.contact(client, 'tech@example.test');
    for (const contact of [accounting, boss]) await app.strapi.db.query(ca('contact')).update({ where: { id: contact.id }, data: { emailInvoices: true } });
    const invoice = await app.strapi.db.query(ca('invoice')).create({ data: { number: `INV-${Date.now()}`, client: client.id, issuedOn: '2026-11-01', total: 120, currency: 'EUR' } });
    const staff = await staffLogin(app.strapi, app.server);
    const res = await staff.post(`/invoices/${invoice.documentId}/send`).expect(202);
    expect(res.body.data.recipients).toBe(2);
    await deliver();
    expect(smtp.messages.map((m) => m.envelope.to).sort()).toEqual([['accounting@example.test'], ['boss@example.test']]);
    expect(smtp.messages[0].mail.text).toMatch(/Total: 120.00 EUR/);
    await staff.post('/invoices/nosuchinvoice/send').expect(404);
  });

  it('staff mail a whole user category, across clients, honouring the general preference', async () => {
    smtp.messages.length = 0;
    const make = fixtures(app.strapi);
    const category = await app.strapi.db.query(ca('user-category')).create({ data: { name: `District ${Math.random()}` } });
    const a = await make.contact(await make.client(), 'head.a@school.test');
    const b = await make.contact(await make.client(), 'head.b@school.test');
    const quiet = await make.contact(await make.client(), 'quiet@school.test');
    for (const contact of [a, b, quiet]) await app.strapi.db.query(ca('contact')).update({ where: { id: contact.id }, data: { categories: [category.id] } });
    await app.strapi.db.query(ca('contact')).update({ where: { id: quiet.id }, data: { emailGeneral: false } });
    const staff = await staffLogin(app.strapi, app.server);
    await staff.post(`/user-categories/${category.documentId}/mail`, { subject: 'Maintenance tonight', body: 'Expect a short outage.' }).expect(202);
    await deliver();
    expect(smtp.messages.map((m) => m.envelope.to[0]).sort()).toEqual(['head.a@school.test', 'head.b@school.test']);
    await staff.post(`/user-categories/${category.documentId}/mail`, { subject: '' }).expect(400);
    // The preview staff see before sending is who it went to.
    expect((await staff.get(`/user-categories/${category.documentId}`).expect(200)).body.data.recipients).toEqual(['head.a@school.test', 'head.b@school.test']);
    // A category nobody in it takes general mail from is refused, with a reason.
    const silent = await app.strapi.db.query(ca('user-category')).create({ data: { name: `Silent ${Math.random()}` } });
    await app.strapi.db.query(ca('contact')).update({ where: { id: quiet.id }, data: { categories: [category.id, silent.id] } });
    const refused = (await staff.post(`/user-categories/${silent.documentId}/mail`, { subject: 'x', body: 'y' }).expect(400)).body.error.message;
    expect(refused).toBe('Nobody in this category takes general mail');
    const editor = await staffLogin(app.strapi, app.server, 'strapi-editor');
    await editor.post(`/user-categories/${category.documentId}/mail`, { subject: 'x', body: 'y' }).expect(403);
  });
});

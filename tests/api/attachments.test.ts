import fs from 'fs';
import path from 'path';
import request from 'supertest';
import { startApp, type TestApp } from '../support/strapi';
import { clientWorld, enteredSubAccount, type Customer } from '../support/customers';

let app: TestApp;
beforeAll(async () => {
  app = await startApp({ env: { CLIENT_AREA_ATTACHMENT_MAX_BYTES: String(64 * 1024), CLIENT_AREA_ATTACHMENT_MAX_FILES: '2' } });
});
afterAll(async () => {
  await app?.stop();
});

/** A multipart reply carrying the customer's login and relationship tokens. */
const replyWith = (customer: Customer, reference: string) => {
  const test = request(app.server).post(`/api/client-area/tickets/${reference}/messages`).set('Authorization', `Bearer ${customer.jwt}`);
  const tokens = Object.values(customer.tokens);
  return tokens.length ? test.set('X-Relationship-Token', tokens.join(',')) : test;
};
const download = (customer: Customer, url: string) => {
  const test = request(app.server).get(url).set('Authorization', `Bearer ${customer.jwt}`).buffer(true).parse((res, done) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => done(null, Buffer.concat(chunks)));
  });
  const tokens = Object.values(customer.tokens);
  return tokens.length ? test.set('X-Relationship-Token', tokens.join(',')) : test;
};

describe('ticket attachments', () => {
  it('a reply carries files through the upload plugin; only those who see the ticket can download them', async () => {
    const world = await clientWorld(app.strapi, app.server);
    const master = await world.master();
    const reference = (await master.post(`/clients/${world.client.documentId}/tickets`, { subject: 'Logs', body: 'See attached' }).expect(201)).body.data.reference;
    const log = Buffer.from('ERROR route to node-3 refused\n');
    await replyWith(master, reference).field('body', 'Here are the logs').attach('attachments', log, { filename: 'server.log', contentType: 'text/plain' }).expect(201);

    const ticket = await master.get(`/tickets/${reference}`).expect(200);
    const [file] = ticket.body.data.messages[1].attachments;
    expect(file).toMatchObject({ name: 'server.log', mime: 'text/plain', url: `/api/client-area/tickets/${reference}/attachments/${file.id}` });
    const res = await download(master, file.url).expect(200);
    expect(res.body.toString()).toBe(log.toString());
    expect(res.headers['content-disposition']).toContain('attachment');

    // Nothing of it is left where Strapi serves files to anyone.
    const stored = await app.strapi.db.query('plugin::upload.file').findOne({ where: { id: file.id } });
    expect(stored.url).toMatch(/^private:\/\/client-area-attachments\//);
    const name = stored.url.split('/').pop();
    expect(fs.existsSync(path.join(app.strapi.dirs.static.public, 'uploads', name))).toBe(false);
    await request(app.server).get(`/uploads/${name}`).expect(404);

    const outsider = await (await clientWorld(app.strapi, app.server)).master();
    await download(outsider, file.url).expect(404);
    const billingOnly = await enteredSubAccount(world, [{ section: 'billing' }]);
    await download(billingOnly.customer, file.url).expect(404);
  });

  it('a ticket opened as a form carries its files on its first message; a refused one keeps none', async () => {
    const world = await clientWorld(app.strapi, app.server);
    const master = await world.master();
    const disk = await world.product('Disk');
    const openWith = (customer: Customer) => {
      const test = request(app.server).post(`/api/client-area/clients/${world.client.documentId}/tickets`).set('Authorization', `Bearer ${customer.jwt}`);
      const tokens = Object.values(customer.tokens);
      return tokens.length ? test.set('X-Relationship-Token', tokens.join(',')) : test;
    };
    const opened = await openWith(master)
      .field('subject', 'Disk full')
      .field('body', 'See the graph')
      .field('product', disk.documentId)
      .field('priority', 'high')
      .attach('attachments', Buffer.from('disk 99%'), { filename: 'df.txt', contentType: 'text/plain' })
      .expect(201);
    const ticket = (await master.get(`/tickets/${opened.body.data.reference}`).expect(200)).body.data;
    expect([ticket.product?.name, ticket.priority, ticket.messages.length, ticket.messages[0].attachments.map((f: any) => f.name)]).toEqual(['Disk', 'high', 1, ['df.txt']]);
    // An empty product field is no product.
    await openWith(master).field('subject', 'General').field('body', 'x').field('product', '').attach('attachments', Buffer.from('a'), { filename: 'a.txt', contentType: 'text/plain' }).expect(201);

    // Tickets on another product only: refused before any file is kept.
    const other = await world.product('Other');
    const narrow = await enteredSubAccount(world, [{ section: 'tickets', product: other }]);
    const files = await app.strapi.db.query('plugin::upload.file').count();
    await openWith(narrow.customer).field('subject', 'x').field('body', 'x').field('product', disk.documentId).attach('attachments', Buffer.from('a'), { filename: 'a.txt', contentType: 'text/plain' }).expect(403);
    await openWith(narrow.customer).field('subject', 'x').field('body', 'x').attach('attachments', Buffer.from('a'), { filename: 'a.txt', contentType: 'text/plain' }).expect(403);
    expect(await app.strapi.db.query('plugin::upload.file').count()).toBe(files);
  });

  it('downloads a file whose name is not ASCII, with an RFC 6266 header', async () => {
    const world = await clientWorld(app.strapi, app.server);
    const master = await world.master();
    const reference = (await master.post(`/clients/${world.client.documentId}/tickets`, { subject: 'Rechnung', body: 'Anbei' }).expect(201)).body.data.reference;
    await replyWith(master, reference).field('body', 'Anbei').attach('attachments', Buffer.from('Grüße'), { filename: 'Übersicht Q4 日本.txt', contentType: 'text/plain' }).expect(201);
    const [file] = (await master.get(`/tickets/${reference}`).expect(200)).body.data.messages[1].attachments;
    const res = await download(master, file.url).expect(200);
    expect(res.body.toString()).toBe('Grüße');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="[^"]+"; filename\*=UTF-8''/);
    expect(decodeURIComponent(res.headers['content-disposition'].split("UTF-8''")[1])).toBe(file.name);
  });

  it('answers a multipart body that does not parse with a 400, never a 500', async () => {
    const world = await clientWorld(app.strapi, app.server);
    const master = await world.master();
    const reference = (await master.post(`/clients/${world.client.documentId}/tickets`, { subject: 'Broken', body: 'x' }).expect(201)).body.data.reference;
    const broken = '--BBB\r\nContent-Disposition: form-data; name="body"\r\n\r\nhello\r\n--BBB--\r\n';
    for (const contentType of ['multipart/form-data; boundary=AAA', 'multipart/form-data']) {
      const res = await request(app.server)
        .post(`/api/client-area/tickets/${reference}/messages`)
        .set('Authorization', `Bearer ${master.jwt}`)
        .set('Content-Type', contentType)
        .send(broken);
      expect([contentType, res.status]).toEqual([contentType, 400]);
      expect(res.body.error.message).toMatch(/multipart/i);
    }
  });

  it('refuses files of types we do not take, disguised names, too many and too big ones', async () => {
    const world = await clientWorld(app.strapi, app.server);
    const master = await world.master();
    const reference = (await master.post(`/clients/${world.client.documentId}/tickets`, { subject: 'Files', body: 'x' }).expect(201)).body.data.reference;
    const before = await app.strapi.db.query('plugin::upload.file').count();
    const html = await replyWith(master, reference).field('body', 'x').attach('attachments', Buffer.from('<script>alert(1)</script>'), { filename: 'page.html', contentType: 'text/html' }).expect(400);
    expect(html.body.error.message).toMatch(/type we don't take/);
    await replyWith(master, reference).field('body', 'x').attach('attachments', Buffer.from('<script>'), { filename: 'photo.html', contentType: 'image/png' }).expect(400);
    await replyWith(master, reference)
      .field('body', 'x')
      .attach('attachments', Buffer.from('a'), { filename: 'a.txt', contentType: 'text/plain' })
      .attach('attachments', Buffer.from('b'), { filename: 'b.txt', contentType: 'text/plain' })
      .attach('attachments', Buffer.from('c'), { filename: 'c.txt', contentType: 'text/plain' })
      .expect(400);
    await replyWith(master, reference).field('body', 'x').attach('attachments', Buffer.alloc(65 * 1024, 97), { filename: 'big.txt', contentType: 'text/plain' }).expect(413);
    // Nothing was stored, and no message was written.
    expect(await app.strapi.db.query('plugin::upload.file').count()).toBe(before);
    expect((await master.get(`/tickets/${reference}`).expect(200)).body.data.messages).toHaveLength(1);
  });
});

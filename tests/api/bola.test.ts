import request from 'supertest';
import { startApp, type TestApp } from '../support/strapi';
import { clientWorld, enter, enteredSubAccount, type Customer } from '../support/customers';

/**
 * The BOLA matrix: every customer route under /clients/:clientId, walked from the
 * route table itself, against every kind of caller that must be refused. Each gets
 * 401/403/404 and an answer that names nothing of the client.
 */
let app: TestApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.stop();
});

interface Caller {
  name: string;
  customer: Customer | null;
  /** Refused on every route, or only on routes of sections it lacks. */
  refusedEverywhere: boolean;
  sections?: string[];
}

describe('broken object level authorisation', () => {
  it('no caller reaches a client it must not, on any route, nor learns anything of it', async () => {
    const victim = await clientWorld(app.strapi, app.server);
    const other = await clientWorld(app.strapi, app.server);
    const p1 = await victim.product('Secret installation one');
    const p2 = await victim.product('Secret installation two');
    const master = await victim.master();
    const contact = await master.post(`/clients/${victim.client.documentId}/contacts`, { email: 'hidden.person@victim.test', lastName: 'Hiddenname' }).expect(201);

    const role = await master.post(`/clients/${victim.client.documentId}/roles`, { name: 'Secret role', grants: [{ section: 'tickets' }] }).expect(201);

    const enteredSub = (grants: any[], options: any = {}) => enteredSubAccount(victim, grants, options);
    const withoutSections = await enteredSub([{ section: 'orders' }]);
    const otherProduct = await enteredSub([{ section: 'products', product: p2 }, { section: 'tickets', product: p2 }]);
    const suspended = await enteredSub([{ section: 'contacts' }, { section: 'products' }]);
    const parent = await enteredSub([{ section: 'contacts' }, { section: 'products' }]);
    const childOfSuspended = await enteredSub([{ section: 'contacts' }, { section: 'products' }], { parent: parent.membership });
    const noPassword = await victim.subAccount([{ section: 'contacts' }, { section: 'products' }]);
    await master.post(`/clients/${victim.client.documentId}/members/${suspended.membership.documentId}/suspend`).expect(200);
    await master.post(`/clients/${victim.client.documentId}/members/${parent.membership.documentId}/suspend`).expect(200);

    const callers: Caller[] = [
      { name: 'anonymous', customer: null, refusedEverywhere: true },
      { name: 'master of another client', customer: await other.master(), refusedEverywhere: true },
      { name: 'sub-account without the section', customer: withoutSections.customer, refusedEverywhere: false, sections: ['orders'] },
      { name: "sub-account with another product's grant", customer: otherProduct.customer, refusedEverywhere: false, sections: ['products', 'tickets'] },
      { name: 'suspended member', customer: suspended.customer, refusedEverywhere: true },
      { name: 'child of a suspended parent', customer: childOfSuspended.customer, refusedEverywhere: true },
      { name: 'sub-account without its relationship password', customer: noPassword.customer, refusedEverywhere: true },
    ];

    const params: Record<string, string> = {
      clientId: victim.client.documentId,
      contactId: contact.body.data.documentId,
      memberId: withoutSections.membership.documentId,
      productId: p1.documentId,
      roleId: role.body.data.documentId,
    };
    const routes = ((app.strapi.plugin('client-area').routes as any)['content-api'].routes as any[]).filter(
      (route) => route.path.startsWith('/clients/:clientId') && !route.path.endsWith('/session'),
    );
    const secrets = [victim.client.name, victim.client.reference, 'hidden.person@victim.test', 'Hiddenname', 'Secret installation', 'Secret role', withoutSections.customer.identity.username];

    const failures: string[] = [];
    let checked = 0;
    for (const route of routes) {
      const url = `/api/client-area${route.path.replace(/:(\w+)/g, (_: string, name: string) => params[name])}`;
      const section: string | undefined = route.config.policies[0].config?.section;
      for (const caller of callers) {
        const mustRefuse = caller.refusedEverywhere || (section !== undefined && !caller.sections!.includes(section));
        if (!mustRefuse) continue;
        const method = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'delete';
        let test = request(app.server)[method](url);
        if (caller.customer) {
          test = test.set('Authorization', `Bearer ${caller.customer.jwt}`);
          const tokens = Object.values(caller.customer.tokens);
          if (tokens.length) test = test.set('X-Relationship-Token', tokens.join(','));
        }
        const res = ['post', 'put'].includes(method) ? await test.send({}) : await test;
        checked += 1;
        const body = JSON.stringify(res.body ?? '');
        if (![401, 403, 404].includes(res.status)) failures.push(`${caller.name} → ${route.method} ${route.path}: ${res.status}`);
        for (const secret of secrets) if (body.includes(secret)) failures.push(`${caller.name} → ${route.method} ${route.path}: leaks "${secret}"`);
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(80);
  });

  it("a product list returns exactly the products the single check allows", async () => {
    const world = await clientWorld(app.strapi, app.server);
    const p1 = await world.product('Alpha');
    await world.product('Beta');
    const p3 = await world.product('Gamma');
    const sub = await world.subAccount([{ section: 'products', product: p1 }, { section: 'products', product: p3 }]);
    await enter(sub.customer, world.client, sub.relationshipPassword);
    const list = await sub.customer.get(`/clients/${world.client.documentId}/products`).expect(200);
    const shown = await sub.customer.get(`/clients/${world.client.documentId}`).expect(200);
    expect(list.body.data.map((p: any) => p.name)).toEqual(['Alpha', 'Gamma']);
    expect(shown.body.data.products.map((p: any) => p.name)).toEqual(['Alpha', 'Gamma']);
  });
});

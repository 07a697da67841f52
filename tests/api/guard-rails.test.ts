import { startApp, type TestApp } from '../support/strapi';
import { cancellable } from '../../plugins/client-area/server/src/queries/links';

/**
 * The guard rails of request queries: on PostgreSQL a customer's read statements are
 * cancelled when the client hangs up, and the pool stays healthy. (SQLite's driver
 * runs a statement to its end in the calling thread: nothing to cancel there.)
 */
let app: TestApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.stop();
});

const TAG = 'client-area-cancel-test';

async function running(): Promise<number> {
  const db = app.strapi.db.connection;
  const result: any = await db.raw(`select count(*) as n from pg_stat_activity where state = 'active' and query like ?`, [`%${TAG}%pg_sleep%`]);
  return Number(result.rows[0].n);
}

describe('a request that goes away', () => {
  it('has its running statement cancelled on PostgreSQL, and the pool serves the next request', async () => {
    const db = app.strapi.db.connection;
    const controller = new AbortController();
    const slow = db.raw(`select '${TAG}' as tag, pg_sleep(30)`);
    if (app.strapi.db.dialect.client !== 'postgres') {
      // SQLite: the statement simply runs (no sleep function there, so a quick one).
      await expect(cancellable(app.strapi, db, db.raw('select 1 as one'), controller.signal)).resolves.toBeTruthy();
      return;
    }
    const query = cancellable(app.strapi, db, slow, controller.signal);
    const outcome = query.then(
      () => 'finished',
      (error: Error) => error.message,
    );
    for (let i = 0; i < 100 && (await running()) === 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(await running()).toBe(1);
    controller.abort();
    expect(await outcome).toMatch(/client went away/);
    expect(await running()).toBe(0);
    // The pool still answers, and an already-gone request runs nothing.
    expect((await db.raw('select 1 as one')).rows[0].one).toBe(1);
    await expect(cancellable(app.strapi, db, db.raw(`select '${TAG}' as tag`), controller.signal)).rejects.toThrow(/client went away/);
  });
});

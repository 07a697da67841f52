import fs from 'fs';
import path from 'path';
import { parse } from 'csv-parse/sync';
import { startApp, type TestApp } from '../support/strapi';
import { createTestDatabase } from '../support/database';
import { fixtures } from '../support/fixtures';
import { login, enter } from '../support/customers';
import { runCommand } from '../support/command';

let app: TestApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.stop();
});

const FIXTURES = path.resolve(__dirname, '../fixtures/legacy');
const records = (file: string) => parse(fs.readFileSync(path.join(FIXTURES, file)), { columns: true, skip_empty_lines: true, trim: true });
const importer = () => app.strapi.plugin('client-area').service('legacy-import');
const memberships = () =>
  app.strapi.db.query('plugin::client-area.membership' as any).findMany({
    populate: { client: { select: ['reference'] }, identity: { select: ['username'] }, grants: true },
  });

describe('the legacy import (rule 16)', () => {
  it('refuses to make an account whose login holds an @ (the email is the other way to log in)', async () => {
    const report = await importer().run([{ client: 'ATLOGIN', login: 'ann@atlogin.test', email: 'ann@atlogin.test', 'is-master': 'yes' }], { dryRun: true });
    expect(report.errors).toEqual([{ line: 2, message: expect.stringMatching(/login ann@atlogin\.test: a username may not contain @/) }]);
  });

  it('a dry run reports what would happen and writes nothing', async () => {
    const report = await importer().run(records('clients.csv'), { dryRun: true });
    expect(report).toMatchObject({ dryRun: true, clientsCreated: 2, mastersCreated: 2, subAccountsCreated: 3, errors: [] });
    expect(report.relationshipPasswords).toEqual([]);
    expect(await memberships()).toEqual([]);
  });

  it('makes the designated login the master and the others sub-accounts with no grants, reusing known identities; twice changes nothing', async () => {
    const monica = await fixtures(app.strapi).identity('monica');
    const first = await importer().run(records('clients.csv'));
    expect(first).toMatchObject({ clientsCreated: 2, identitiesCreated: 3, identitiesReused: 2, mastersCreated: 2, subAccountsCreated: 3, errors: [] });
    const rows = await memberships();
    expect(rows.map((m: any) => [m.client.reference, m.identity.username, m.kind, m.grants.length]).sort()).toEqual([
      ['HOOLI', 'gavin', 'master', 0],
      ['HOOLI', 'jared', 'sub-account', 0],
      ['HOOLI', 'monica', 'sub-account', 0],
      ['PIEDPIPER', 'monica', 'sub-account', 0],
      ['PIEDPIPER', 'richard', 'master', 0],
    ]);

    // Monica's one login now works for both clients, each with its relationship password.
    const customer = await login(app.server, monica);
    const clients = (await customer.get('/clients').expect(200)).body.data;
    expect(clients.map((c: any) => [c.reference, c.relation, c.sections]).sort()).toEqual([
      ['HOOLI', 'sub-account', []],
      ['PIEDPIPER', 'sub-account', []],
    ]);
    const hooli = clients.find((c: any) => c.reference === 'HOOLI');
    const password = first.relationshipPasswords.find((p: any) => p.client === 'HOOLI' && p.login === 'monica').password;
    await enter(customer, hooli, password);

    const second = await importer().run(records('clients.csv'));
    expect(second).toMatchObject({ clientsCreated: 0, identitiesCreated: 0, mastersCreated: 0, subAccountsCreated: 0, unchanged: 5, errors: [] });
    expect((await memberships()).length).toBe(5);
  });

  it('refuses a file with bad lines as a whole, naming each line', async () => {
    const before = (await memberships()).length;
    const report = await importer().run(records('broken.csv'));
    expect(report.errors.map((e: any) => e.line)).toEqual([3, 4, 5]);
    expect((await memberships()).length).toBe(before);
    // A line only the account service refuses (a username too short) is named too.
    const valid = records('broken.csv').filter((r: any) => ['gavin', 'xy'].includes(r.login));
    const refused = await importer().run(valid);
    expect(refused.errors).toEqual([{ line: 3, message: expect.stringMatching(/username/i) }]);
    expect(report.errors[0].message).toMatch(/email/);
    expect(report.errors[2].message).toMatch(/already has its master on line 2/);
    expect((await memberships()).length).toBe(before);
  });

  it('runs as a command on the configured database', async () => {
    const database = await createTestDatabase();
    try {
      const result = await runCommand(process.execPath, [path.resolve(__dirname, '../../scripts/import-legacy.js'), path.join(FIXTURES, 'clients.csv')], {
        env: { ...process.env, ...database.env },
      });
      expect(result.stderr).not.toMatch(/Error/);
      expect(result.status).toBe(0);
      expect(result.stdout).toMatch(/masters created 2, sub-accounts created 3/);
      expect(result.stdout.match(/^ {2}(HOOLI|PIEDPIPER)\t\w+\t[A-Za-z0-9_-]{24}$/gm)).toHaveLength(3);
    } finally {
      await database.drop();
    }
  }, 360_000);

  it('refuses a new client that comes without its master line', async () => {
    const before = (await memberships()).length;
    const report = await importer().run([
      { client: 'ORPHAN', login: 'orphan-one', email: 'one@orphan.test', 'is-master': 'no' },
      { client: 'ORPHAN', login: 'orphan-two', email: 'two@orphan.test', 'is-master': 'no' },
    ]);
    expect(report.errors).toEqual([
      { line: 2, message: 'client ORPHAN is new and the file has no master line for it (is-master yes)' },
      { line: 3, message: 'client ORPHAN is new and the file has no master line for it (is-master yes)' },
    ]);
    expect((await memberships()).length).toBe(before);
    expect(await app.strapi.db.query('plugin::client-area.client' as any).count({ where: { reference: 'ORPHAN' } })).toBe(0);
  });
});

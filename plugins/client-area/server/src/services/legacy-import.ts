import crypto from 'crypto';
import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import { errors } from '@strapi/utils';
import { usernameProblem } from '../validation/login-names';

/**
 * Rule 16, the transition: legacy logins imported per client. The designated
 * login becomes the master, the others sub-accounts with no grants; existing
 * identities (same username or email) are reused; running it again changes
 * nothing. A dry run does the whole import in a transaction and rolls it back,
 * so it reports exactly what a real run would do.
 */
const CLIENT = 'plugin::client-area.client' as any;
const MEMBERSHIP = 'plugin::client-area.membership' as any;
const CONTACT = 'plugin::client-area.contact' as any;
const IDENTITY = 'plugin::users-permissions.user';

const truthy = z
  .string()
  .trim()
  .toLowerCase()
  .refine((v) => ['yes', 'no', 'true', 'false', '1', '0', 'y', 'n', ''].includes(v), 'is-master must be yes/no')
  .transform((v) => ['yes', 'true', '1', 'y'].includes(v));

export const legacyRow = z.object({
  client: z.string().trim().min(1, 'client is empty').max(64),
  login: z.string().trim().min(1, 'login is empty').max(100),
  email: z.string().trim().toLowerCase().email('email is not an address').max(254),
  'is-master': truthy,
});

export type LegacyRow = z.infer<typeof legacyRow>;

export interface ImportReport {
  dryRun: boolean;
  rows: number;
  clientsCreated: number;
  identitiesCreated: number;
  identitiesReused: number;
  mastersCreated: number;
  subAccountsCreated: number;
  unchanged: number;
  errors: Array<{ line: number; message: string }>;
  /** Shown once: the relationship passwords of the new sub-accounts. */
  relationshipPasswords: Array<{ client: string; login: string; password: string }>;
}

class DryRunRollback extends Error {}

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** Validates raw CSV records (objects keyed by header); line numbers count the header as line 1. */
  validate(records: Array<Record<string, string>>) {
    const rows: Array<{ line: number; row: LegacyRow }> = [];
    const errors: ImportReport['errors'] = [];
    records.forEach((record, index) => {
      const parsed = legacyRow.safeParse(record);
      if (parsed.success) rows.push({ line: index + 2, row: parsed.data });
      else errors.push({ line: index + 2, message: parsed.error.issues.map((i) => i.message).join('; ') });
    });
    const masters = new Map<string, number>();
    for (const { line, row } of rows) {
      if (!row['is-master']) continue;
      if (masters.has(row.client)) errors.push({ line, message: `client ${row.client} already has its master on line ${masters.get(row.client)}` });
      else masters.set(row.client, line);
    }
    return { rows, errors };
  },

  async run(records: Array<Record<string, string>>, { dryRun = false, onProgress }: { dryRun?: boolean; onProgress?: (done: number) => void } = {}): Promise<ImportReport> {
    const { rows, errors: invalid } = this.validate(records);
    const report: ImportReport = {
      dryRun,
      rows: records.length,
      clientsCreated: 0,
      identitiesCreated: 0,
      identitiesReused: 0,
      mastersCreated: 0,
      subAccountsCreated: 0,
      unchanged: 0,
      errors: invalid,
      relationshipPasswords: [],
    };
    if (invalid.length) return report;
    // Masters first, so every client has its master before its sub-accounts.
    const ordered = [...rows].sort((a, b) => Number(b.row['is-master']) - Number(a.row['is-master']));
    try {
      await strapi.db.transaction(async () => {
        let done = 0;
        for (const { line, row } of ordered) {
          try {
            await this.importRow(row, line, report);
          } catch (error) {
            // Refusals raised before any write (e.g. users-permissions' validation) name the line.
            if (!(error instanceof errors.ApplicationError)) throw error;
            report.errors.push({ line, message: error.message });
          }
          onProgress?.(++done);
        }
        if (report.errors.length) throw new DryRunRollback('errors');
        if (dryRun) throw new DryRunRollback('dry run');
      });
    } catch (error) {
      if (!(error instanceof DryRunRollback)) throw error;
    }
    if (dryRun || report.errors.length) report.relationshipPasswords = [];
    return report;
  },

  async importRow(row: LegacyRow, line: number, report: ImportReport) {
    let client = await strapi.db.query(CLIENT).findOne({ where: { reference: row.client } });
    if (!client && !row['is-master']) {
      // Rule 16: a client comes in with its master; a new client without one would have nobody in charge.
      report.errors.push({ line, message: `client ${row.client} is new and the file has no master line for it (is-master yes)` });
      return;
    }
    if (!client) {
      client = await strapi.db.query(CLIENT).create({ data: { reference: row.client, name: row.client } });
      report.clientsCreated += 1;
    }
    let identity = await strapi.db.query(IDENTITY).findOne({ where: { $or: [{ username: row.login }, { email: row.email }] } });
    if (identity && identity.username !== row.login && identity.email === row.email) {
      report.errors.push({ line, message: `email ${row.email} belongs to login ${identity.username}, not ${row.login}` });
      return;
    }
    if (!identity) {
      const problem = usernameProblem(row.login);
      if (problem) {
        report.errors.push({ line, message: `login ${row.login}: ${problem} (the email is the other way to log in)` });
        return;
      }
      const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'authenticated' } });
      // A random password: the person sets their own through "forgot password".
      identity = await strapi.plugin('users-permissions').service('user').add({
        username: row.login,
        email: row.email,
        password: crypto.randomBytes(24).toString('base64url'),
        provider: 'local',
        confirmed: true,
        blocked: false,
        role: role.id,
      });
      report.identitiesCreated += 1;
    } else {
      report.identitiesReused += 1;
    }

    const existing = await strapi.db.query(MEMBERSHIP).findOne({ where: { client: { id: client.id }, identity: { id: identity.id }, membershipStatus: { $ne: 'removed' } } });
    if (existing) {
      if (row['is-master'] && existing.kind !== 'master') report.errors.push({ line, message: `${row.login} is already a sub-account of ${row.client}` });
      else report.unchanged += 1;
      return;
    }
    if (row['is-master']) {
      const master = await strapi.db.query(MEMBERSHIP).findOne({ where: { client: { id: client.id }, kind: 'master' }, populate: { identity: { select: ['username'] } } });
      if (master) {
        report.errors.push({ line, message: `${row.client} already has the master ${master.identity?.username}` });
        return;
      }
    }
    let contact = await strapi.db.query(CONTACT).findOne({ where: { client: { id: client.id }, emailNormalized: row.email } });
    if (!contact) contact = await strapi.db.query(CONTACT).create({ data: { client: client.id, email: row.email, emailInvoices: row['is-master'] } });
    const { relationshipPassword } = await strapi.plugin('client-area').service('memberships').create({
      client: client.documentId,
      identity: identity.documentId,
      kind: row['is-master'] ? 'master' : 'sub-account',
      contact: contact.documentId,
      grants: [],
    });
    if (row['is-master']) report.mastersCreated += 1;
    else {
      report.subAccountsCreated += 1;
      report.relationshipPasswords.push({ client: row.client, login: row.login, password: relationshipPassword });
    }
    await strapi.plugin('client-area').service('audit').record({
      action: 'membership.imported',
      clientId: client.id,
      subjectType: 'membership',
      subjectId: null,
      details: { login: row.login, master: row['is-master'] },
    });
  },
});

import type { Core } from '@strapi/strapi';
import { ImapFlow } from 'imapflow';
import { periodic } from '../periodic';
import { independent, mailKeyOf } from '../mail/batch';

/** A message of the mailbox as fetched: its source, or null when it is over the size limit. */
interface Fetched {
  uid: number;
  raw: Buffer | null;
  size: number;
}

/**
 * Reads the support mailbox (rule 13). Each poll takes every message not yet
 * marked with our keyword, in UID order, through the intake (which records it
 * exactly once), then marks it. On PostgreSQL a batch of up to 8 mails that share
 * nothing (mail/batch.ts: senders, tickets, threads) is taken at once. A crash between the two leaves the message
 * unmarked: the next poll finds its record and only marks it. A message whose
 * taking throws is recorded as failed with the reason, then marked: it is not
 * tried again, and staff see why. Only one instance
 * polls at a time: a PostgreSQL advisory lock across instances, and a flag within
 * one process (SQLite serves one process).
 */
export const TAKEN_KEYWORD = '$ClientAreaTaken';
const LOCK_KEY = 7_401_113_337;

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const plugin = () => strapi.plugin('client-area');
  const settings = () => plugin().config('imap') as { host: string; port: number; secure: boolean; user: string; password: string; mailbox: string; pollIntervalMs: number };
  let pollingHere = false;
  /** How many independent mails are taken at once: PostgreSQL takes several; SQLite has one connection. */
  const batchSize = () => (strapi.db.dialect.client === 'postgres' ? 8 : 1);

  /** Runs `work` holding the mailbox lock; returns null when another poller holds it. */
  async function exclusively<T>(work: () => Promise<T>): Promise<T | null> {
    if (pollingHere) return null;
    pollingHere = true;
    try {
      return await acrossInstances(work);
    } finally {
      pollingHere = false;
    }
  }

  async function acrossInstances<T>(work: () => Promise<T>): Promise<T | null> {
    if (strapi.db.dialect.client !== 'postgres') return work();
    const knex = strapi.db.connection;
    const connection = await knex.client.acquireConnection();
    try {
      const { rows } = await connection.query('select pg_try_advisory_lock($1) as locked', [LOCK_KEY]);
      if (!rows[0].locked) return null;
      try {
        return await work();
      } finally {
        await connection.query('select pg_advisory_unlock($1)', [LOCK_KEY]);
      }
    } finally {
      await knex.client.releaseConnection(connection);
    }
  }

  async function poll(): Promise<Record<string, number> | null> {
    const { host, port, secure, user, password, mailbox } = settings();
    return exclusively(async () => {
      const client = new ImapFlow({ host, port, secure, auth: { user, pass: password }, logger: false, doSTARTTLS: secure ? undefined : false } as any);
      const counts: Record<string, number> = {};
      await client.connect();
      try {
        const lock = await client.getMailboxLock(mailbox);
        try {
          const uidValidity = String((client.mailbox as any).uidValidity);
          const uids = ((await client.search({ unKeyword: TAKEN_KEYWORD } as any, { uid: true })) || []) as number[];
          const intake = plugin().service('mail-intake');
          const maxBytes = (plugin().config('intake') as any).maxBytes as number;

          /** Takes one fetched message through the intake; a message that throws is recorded as failed. */
          const takeOne = async ({ uid, raw, size }: Fetched): Promise<string | null> => {
            const source = { mailbox, uidValidity, uid };
            if (raw === null) return intake.recordOversized(source, size);
            try {
              return await intake.take(raw, source);
            } catch (error) {
              // Never stop the poller for one message, nor try it again on every poll: its
              // transaction was rolled back, so record it as failed with the reason on its own.
              const reason = `could not be taken: ${(error as Error)?.message ?? error}`.slice(0, 2000);
              strapi.log.error(`client-area intake: ${mailbox} uid ${uid}: ${reason}`);
              try {
                return await intake.recordOnly(source, { outcome: 'failed', reason, raw: raw.toString('latin1') });
              } catch (recordError) {
                strapi.log.error(`client-area intake: ${mailbox} uid ${uid}: not recorded either, left for the next poll: ${(recordError as Error).message}`);
                return null;
              }
            }
          };

          const sorted = uids.sort((a, b) => a - b);
          for (let at = 0; at < sorted.length; at += batchSize()) {
            // A batch costs three round trips to the server: the sizes, the sources of those within the limit, the keyword.
            const batch = sorted.slice(at, at + batchSize());
            const sizes = new Map((await client.fetchAll(batch, { size: true }, { uid: true })).map((m) => [m.uid, Number(m.size ?? 0)]));
            const within = batch.filter((uid) => sizes.has(uid) && sizes.get(uid)! <= maxBytes);
            const sources = new Map(within.length ? (await client.fetchAll(within, { source: true }, { uid: true })).map((m) => [m.uid, m.source]) : []);
            const fetched = batch.flatMap((uid): Fetched[] => {
              const size = sizes.get(uid);
              if (size === undefined) return [];
              if (size > maxBytes) return [{ uid, raw: null, size }];
              const raw = sources.get(uid);
              return raw ? [{ uid, raw, size }] : [];
            });
            // Mails that share nothing go at once (each in its own transaction); otherwise one by one, in UID order.
            const atOnce = independent(fetched.map((f) => (f.raw ? mailKeyOf(f.raw) : { from: null, messageId: null, refers: [], ticket: null })));
            const outcomes = atOnce ? await Promise.all(fetched.map(takeOne)) : [];
            if (!atOnce) for (const f of fetched) outcomes.push(await takeOne(f));
            const taken: number[] = [];
            for (const [i, outcome] of outcomes.entries()) {
              if (outcome === null) continue;
              counts[outcome] = (counts[outcome] ?? 0) + 1;
              taken.push(fetched[i].uid);
            }
            if (taken.length) await client.messageFlagsAdd(taken, [TAKEN_KEYWORD], { uid: true });
          }
        } finally {
          lock.release();
        }
      } finally {
        await client.logout().catch(() => undefined);
      }
      return counts;
    });
  }

  const worker = periodic(poll, (error) => strapi.log.error(`client-area IMAP poller: ${error.message}`));

  return {
    enabled: () => Boolean(settings().host && settings().user),

    /** One pass over the mailbox; null when another poller holds the lock. */
    pollOnce: () => poll(),

    start() {
      if (this.enabled()) worker.start(settings().pollIntervalMs);
    },

    stop: () => worker.stop(),
  };
};

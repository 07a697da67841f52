import crypto from 'crypto';
import type { Core } from '@strapi/strapi';
import { periodic } from '../periodic';

/**
 * Rule 14: outgoing mail goes through a durable outbox. A mail is written as a
 * row in the same transaction as what caused it, and a worker sends due rows
 * through the Strapi email plugin: a 4xx or a network failure is retried with
 * backoff, a 5xx is kept as failed with the reason. Rows are claimed with a lease
 * (PostgreSQL: FOR UPDATE SKIP LOCKED), so several instances never send one row
 * at the same time, and a crashed sender's row is retried after the lease.
 */
const OUTBOX = 'plugin::client-area.mail-outbox' as any;
const TABLE = 'ca_mail_outbox';
const LEASE_MS = 5 * 60_000;

export interface OutgoingMail {
  kind: string;
  /** A Message-ID chosen by the caller (ticket mails thread on it); one is made otherwise. */
  messageId?: string;
  to: string[];
  cc?: string[];
  subject: string;
  text: string;
  html?: string;
  inReplyTo?: string;
  references?: string[];
  /** Automatic mail carries `Auto-Submitted: auto-generated` (RFC 3834). */
  automatic?: boolean;
  ticket?: number | null;
  ticketMessage?: number | null;
}

/** Mails whose body holds a one-time secret: the body is dropped once delivered. */
const SENSITIVE_KINDS = new Set(['invitation', 'email-confirmation']);

const isPermanent = (error: any) => Number(error?.responseCode) >= 500 && Number(error?.responseCode) < 600;

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const config = () => strapi.plugin('client-area').config('outbox') as { maxAttempts: number; backoffSeconds: number; intervalMs: number };
  const domain = () => String(strapi.plugin('client-area').config('supportAddress')).split('@')[1] || 'client-area.local';

  /** Claims up to `limit` due rows for this sender. */
  const claim = async (limit: number): Promise<number[]> => {
    const now = new Date();
    const leaseUntil = new Date(now.getTime() + LEASE_MS);
    const knex = strapi.db.connection;
    const due = (query: any) =>
      query
        .from(TABLE)
        .select('id')
        .whereIn('status', ['pending', 'sending'])
        .andWhere('next_attempt_at', '<=', now)
        .orderBy('id')
        .limit(limit);
    return knex.transaction(async (trx: any) => {
      const rows = strapi.db.dialect.client === 'postgres' ? await due(trx).forUpdate().skipLocked() : await due(trx);
      const ids = rows.map((row: any) => row.id);
      if (ids.length) await trx(TABLE).whereIn('id', ids).update({ status: 'sending', next_attempt_at: leaseUntil, attempts: knex.raw('attempts + 1') });
      return ids;
    });
  };

  const sendOne = async (id: number) => {
    const row = await strapi.db.query(OUTBOX).findOne({ where: { id } });
    if (!row || row.status !== 'sending') return;
    try {
      await strapi.plugin('email').service('email').send({
        to: row.toAddresses,
        cc: row.ccAddresses?.length ? row.ccAddresses : undefined,
        subject: row.subject,
        text: row.text,
        html: row.html ?? undefined,
        messageId: row.messageId,
        inReplyTo: row.headers?.inReplyTo,
        references: row.headers?.references,
        headers: row.headers?.autoSubmitted ? { 'Auto-Submitted': 'auto-generated' } : undefined,
      });
      const sent: Record<string, unknown> = { status: 'sent', sentAt: new Date(), lastError: null };
      if (SENSITIVE_KINDS.has(row.kind)) Object.assign(sent, { text: '[removed after delivery]', html: null });
      await strapi.db.query(OUTBOX).update({ where: { id }, data: sent });
    } catch (error: any) {
      const reason = String(error?.response || error?.message || error).slice(0, 2000);
      const attempts = Number(row.attempts);
      const failed = isPermanent(error) || attempts >= config().maxAttempts;
      const retryIn = Math.min(config().backoffSeconds * 2 ** Math.max(0, attempts - 1), 6 * 3600) * 1000;
      await strapi.db.query(OUTBOX).update({
        where: { id },
        data: failed ? { status: 'failed', lastError: reason } : { status: 'pending', lastError: reason, nextAttemptAt: new Date(Date.now() + retryIn) },
      });
    }
  };

  const service = {
    /** The domain of our Message-IDs: mails coming back with it are our own. */
    domain,

    /** Writes a mail to the outbox; call it inside the transaction of what caused it. */
    async enqueue(mail: OutgoingMail) {
      const messageId = mail.messageId ?? `<${mail.kind}.${crypto.randomUUID()}@${domain()}>`;
      return strapi.db.query(OUTBOX).create({
        data: {
          messageId,
          kind: mail.kind,
          toAddresses: mail.to,
          ccAddresses: mail.cc ?? [],
          // A header value never carries a line break from what users typed.
          subject: mail.subject.replace(/[\r\n\t]+/g, ' ').trim().slice(0, 998),
          text: mail.text,
          html: mail.html ?? null,
          headers: { inReplyTo: mail.inReplyTo, references: mail.references, autoSubmitted: Boolean(mail.automatic) },
          status: 'pending',
          attempts: 0,
          nextAttemptAt: new Date(),
          ticket: mail.ticket ?? null,
          ticketMessage: mail.ticketMessage ?? null,
        },
      });
    },

    /** Sends what is due now; returns how many rows it tried. */
    async deliverDue(limit = 20) {
      const ids = await claim(limit);
      for (const id of ids) await sendOne(id);
      return ids.length;
    },

    start: () => worker.start(config().intervalMs),
    stop: () => worker.stop(),
  };
  const worker = periodic(() => service.deliverDue(), (error) => strapi.log.error(`client-area outbox: ${error.message}`));
  return service;
};

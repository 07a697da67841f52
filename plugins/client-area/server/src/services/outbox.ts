import crypto from 'crypto';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { periodic } from '../periodic';
import { findByDocumentId } from '../lookup';
import { groupBy } from '../group-by';
import { isPermanentRefusal } from '../mail/smtp-refusal';
import { openBody, sealBody, type MailBody } from '../secrets/sealed-body';
import type { ClientAreaConfig } from '../config';

/**
 * Rule 14: outgoing mail goes through a durable outbox. A mail is written as a
 * row in the same transaction as what caused it, and a worker sends due rows
 * through the Strapi email plugin. A failure about our connection (network, any
 * 4xx, a refused login) is retried with backoff until the mail is
 * `outbox.maxAgeHours` old; only a 5xx refusing the recipient or the message
 * fails it at once (mail/smtp-refusal.ts). Staff requeue a failed mail.
 *
 * Rows are claimed with a lease (PostgreSQL: FOR UPDATE SKIP LOCKED) named by a
 * token, so several instances never send one row at the same time, a crashed
 * sender's row is retried after the lease, and a sender whose lease ran out
 * can't overwrite what the sender that took the row over wrote.
 *
 * A mail carrying a one-time secret is sealed: its body is kept encrypted
 * (secrets/sealed-body.ts), opened only to send it, and dropped once it is
 * delivered or has failed for good.
 */
const OUTBOX = 'plugin::client-area.mail-outbox' as any;
const TABLE = 'ca_mail_outbox';
const LEASE_MS = 5 * 60_000;
const MAX_BACKOFF_MS = 6 * 3600_000;
/** Mails sent at once: as many as the SMTP pool keeps connections (`SMTP_MAX_CONNECTIONS`, 3 by default). */
const SEND_LANES = 3;

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
  /** The body holds a one-time secret (a link that logs someone in): keep it sealed. Invitations always are. */
  sealed?: boolean;
  ticket?: number | null;
  ticketMessage?: number | null;
}

/** Kinds whose body always holds a one-time secret. */
const SEALED_KINDS = new Set(['invitation', 'email-confirmation', 'password-reset']);

/** What stands in the `text` column of a sealed mail, before and after. */
export const SEALED_TEXT = {
  waiting: '[sealed until delivery: this mail holds a one-time link]',
  delivered: '[removed after delivery: this mail held a one-time link]',
  failed: '[removed when delivery failed: this mail held a one-time link]',
};

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const config = () => strapi.plugin('client-area').config('outbox') as ClientAreaConfig['outbox'];
  const serverKey = () => strapi.plugin('client-area').config('secret') as string;
  const domain = () => String(strapi.plugin('client-area').config('supportAddress')).split('@')[1] || 'client-area.local';

  /** Claims up to `limit` due rows for this sender, under one new lease token. */
  const claim = async (limit: number): Promise<{ ids: number[]; lease: string }> => {
    const now = new Date();
    const leaseUntil = new Date(now.getTime() + LEASE_MS);
    const lease = crypto.randomUUID();
    const knex = strapi.db.connection;
    const due = (query: any) =>
      query
        .from(TABLE)
        .select('id')
        .whereIn('delivery_status', ['pending', 'sending'])
        .andWhere('next_attempt_at', '<=', now)
        .orderBy('id')
        .limit(limit);
    const ids = await knex.transaction(async (trx: any) => {
      const rows = strapi.db.dialect.client === 'postgres' ? await due(trx).forUpdate().skipLocked() : await due(trx);
      const ids = rows.map((row: any) => row.id);
      if (ids.length) await trx(TABLE).whereIn('id', ids).update({ delivery_status: 'sending', next_attempt_at: leaseUntil, lease_token: lease, attempts: knex.raw('attempts + 1') });
      return ids;
    });
    return { ids, lease };
  };

  /**
   * Writes the outcome of a send only if this sender still holds the row: its
   * lease may have run out and another sender taken the row over meanwhile.
   */
  const settle = async (id: number, lease: string, data: Record<string, unknown>) => {
    const changed = await strapi.db.queryBuilder(OUTBOX).where({ id, deliveryStatus: 'sending', leaseToken: lease }).update({ ...data, leaseToken: null }).execute();
    if (Number(changed) !== 1) strapi.log.warn(`client-area outbox: mail ${id} was taken over by another sender after this one's lease ran out; its outcome is left to that sender`);
  };

  /** The moment a mail stops being retried: `maxAgeHours` after it was queued (or requeued). */
  const giveUpAt = (row: any) => new Date(row.queuedAt ?? row.createdAt).getTime() + config().maxAgeHours * 3600_000;

  const sendOne = async (row: any, lease: string) => {
    const { id } = row;
    const dropBody = (text: string) => (row.sealed ? { text, html: null, sealedBody: null } : {});
    let body: MailBody;
    try {
      body = row.sealed ? openBody(serverKey(), row.messageId, row.sealedBody) : { text: row.text, html: row.html ?? null };
    } catch (error: any) {
      return settle(id, lease, { deliveryStatus: 'failed', lastError: `not sent: ${error.message}`, ...dropBody(SEALED_TEXT.failed) });
    }
    try {
      await strapi.plugin('email').service('email').send({
        to: row.toAddresses,
        cc: row.ccAddresses?.length ? row.ccAddresses : undefined,
        subject: row.subject,
        text: body.text,
        html: body.html ?? undefined,
        messageId: row.messageId,
        inReplyTo: row.headers?.inReplyTo,
        references: row.headers?.references,
        headers: row.headers?.autoSubmitted ? { 'Auto-Submitted': 'auto-generated' } : undefined,
      });
    } catch (error: any) {
      const reason = String(error?.response || error?.message || error).slice(0, 2000);
      const now = Date.now();
      const deadline = giveUpAt(row);
      if (isPermanentRefusal(error)) return settle(id, lease, { deliveryStatus: 'failed', lastError: reason, ...dropBody(SEALED_TEXT.failed) });
      if (now >= deadline) {
        const hours = Math.round(((now - new Date(row.queuedAt ?? row.createdAt).getTime()) / 3600_000) * 10) / 10;
        return settle(id, lease, { deliveryStatus: 'failed', lastError: `gave up after ${row.attempts} attempts over ${hours} h: ${reason}`.slice(0, 2000), ...dropBody(SEALED_TEXT.failed) });
      }
      // Doubling from backoffSeconds, at most 6 h apart, and one last try at the deadline.
      const retryIn = Math.min(config().backoffSeconds * 1000 * 2 ** Math.max(0, Number(row.attempts) - 1), MAX_BACKOFF_MS);
      return settle(id, lease, { deliveryStatus: 'pending', lastError: reason, nextAttemptAt: new Date(Math.min(now + retryIn, deadline)) });
    }
    await settle(id, lease, { deliveryStatus: 'sent', sentAt: new Date(), lastError: null, ...dropBody(SEALED_TEXT.delivered) });
  };

  const service = {
    /** The domain of our Message-IDs: mails coming back with it are our own. */
    domain,

    /** Writes a mail to the outbox; call it inside the transaction of what caused it. */
    async enqueue(mail: OutgoingMail) {
      const messageId = mail.messageId ?? `<${mail.kind}.${crypto.randomUUID()}@${domain()}>`;
      const sealed = Boolean(mail.sealed) || SEALED_KINDS.has(mail.kind);
      const body = sealed
        ? { sealed, text: SEALED_TEXT.waiting, html: null, sealedBody: sealBody(serverKey(), messageId, { text: mail.text, html: mail.html ?? null }) }
        : { sealed, text: mail.text, html: mail.html ?? null, sealedBody: null };
      const now = new Date();
      return strapi.db.query(OUTBOX).create({
        data: {
          messageId,
          kind: mail.kind,
          toAddresses: mail.to,
          ccAddresses: mail.cc ?? [],
          // A header value never carries a line break from what users typed.
          subject: mail.subject.replace(/[\r\n\t]+/g, ' ').trim().slice(0, 998),
          ...body,
          headers: { inReplyTo: mail.inReplyTo, references: mail.references, autoSubmitted: Boolean(mail.automatic) },
          deliveryStatus: 'pending',
          attempts: 0,
          queuedAt: now,
          nextAttemptAt: now,
          ticket: mail.ticket ?? null,
          ticketMessage: mail.ticketMessage ?? null,
        },
      });
    },

    /** Sends what is due now; returns how many rows it tried. */
    async deliverDue(limit = 20) {
      const { ids, lease } = await claim(limit);
      if (ids.length === 0) return 0;
      const rows = await strapi.db.query(OUTBOX).findMany({ where: { id: { $in: ids }, deliveryStatus: 'sending', leaseToken: lease }, populate: { ticket: { select: ['id'] } }, orderBy: { id: 'asc' } });
      // A ticket's mails leave one after the other, in the order they were written; the
      // lanes of different tickets (and mails of no ticket) go side by side.
      const waiting = [...groupBy(rows, (row: any) => (row.ticket ? `ticket-${row.ticket.id}` : `mail-${row.id}`)).values()];
      const worker = async () => {
        for (let lane = waiting.shift(); lane; lane = waiting.shift()) for (const row of lane) await sendOne(row, lease);
      };
      await Promise.all(Array.from({ length: Math.min(SEND_LANES, waiting.length) }, worker));
      return ids.length;
    },

    /**
     * Staff put a failed mail back in the queue: pending now, with a fresh
     * `maxAgeHours` to be delivered in. The previous attempts and error go to the
     * audit log.
     */
    async requeue(documentId: string, staffId: number) {
      const row = await findByDocumentId(strapi, OUTBOX, documentId, 'Mail not found', {
        select: ['id', 'documentId', 'kind', 'deliveryStatus', 'attempts', 'lastError', 'toAddresses', 'sealed', 'sealedBody'],
      });
      if (row.deliveryStatus !== 'failed') throw new errors.ApplicationError(`Only a failed mail can be requeued; this one is ${row.deliveryStatus}`);
      if (row.sealed && !row.sealedBody) {
        throw new errors.ApplicationError('This mail held a one-time link and its body was removed when it failed; send it again from where it came from (e.g. a new invitation)');
      }
      const now = new Date();
      await strapi.db.transaction(async () => {
        // Conditional: of two staff requeuing at once, one does it.
        const changed = await strapi.db
          .queryBuilder(OUTBOX)
          .where({ id: row.id, deliveryStatus: 'failed' })
          .update({ deliveryStatus: 'pending', attempts: 0, queuedAt: now, nextAttemptAt: now, leaseToken: null })
          .execute();
        if (Number(changed) !== 1) throw new errors.ApplicationError('This mail changed meanwhile; reload it');
        await strapi.plugin('client-area').service('audit').record({
          action: 'mail.requeued',
          actorStaffId: staffId,
          subjectType: 'mail-outbox',
          subjectId: row.documentId,
          details: { kind: row.kind, to: row.toAddresses, attempts: row.attempts, lastError: row.lastError },
        });
      });
      return strapi.db.query(OUTBOX).findOne({ where: { id: row.id }, select: ['documentId', 'kind', 'deliveryStatus', 'attempts', 'queuedAt', 'nextAttemptAt', 'lastError'] });
    },

    /**
     * Mails of the sealed kinds written before bodies were sealed: the waiting
     * ones are sealed, the failed ones lose their body. Run at start; once done it
     * finds nothing.
     */
    async sealWaiting() {
      const rows = await strapi.db.query(OUTBOX).findMany({
        where: { kind: { $in: [...SEALED_KINDS] }, deliveryStatus: { $in: ['pending', 'sending', 'failed'] }, $or: [{ sealed: false }, { sealed: null }] },
        select: ['id', 'messageId', 'deliveryStatus', 'text', 'html'],
      });
      for (const row of rows) {
        const data =
          row.deliveryStatus === 'failed'
            ? { sealed: true, text: SEALED_TEXT.failed, html: null, sealedBody: null }
            : { sealed: true, text: SEALED_TEXT.waiting, html: null, sealedBody: sealBody(serverKey(), row.messageId, { text: row.text, html: row.html ?? null }) };
        await strapi.db.query(OUTBOX).update({ where: { id: row.id }, data });
      }
      return rows.length;
    },

    start: () => worker.start(config().intervalMs),
    stop: () => worker.stop(),
  };
  const worker = periodic(() => service.deliverDue(), (error) => strapi.log.error(`client-area outbox: ${error.message}`));
  return service;
};

import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { intakeQuery, outboxQuery, parse } from '../validation';
import { findByDocumentId } from '../lookup';

/**
 * Staff (admin API): the mail the plugin sent or is sending (outbox) and the mail it
 * read (intake), newest first; a raw message to download and a failed one to take again.
 */
const OUTBOX = 'plugin::client-area.mail-outbox' as any;
const INTAKE = 'plugin::client-area.mail-intake' as any;

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async outbox(ctx) {
    const { status, page, pageSize } = parse(outboxQuery, ctx.query);
    const where = status ? { deliveryStatus: status } : {};
    const [rows, total] = await Promise.all([
      strapi.db.query(OUTBOX).findMany({
        where,
        select: ['documentId', 'kind', 'toAddresses', 'ccAddresses', 'subject', 'deliveryStatus', 'attempts', 'lastError', 'queuedAt', 'nextAttemptAt', 'sentAt', 'createdAt'],
        populate: { ticket: { select: ['reference'] } },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        offset: (page - 1) * pageSize,
        limit: pageSize,
      }),
      strapi.db.query(OUTBOX).count({ where }),
    ]);
    ctx.body = {
      data: rows.map((m: any) => ({
        documentId: m.documentId,
        kind: m.kind,
        to: m.toAddresses ?? [],
        cc: m.ccAddresses ?? [],
        subject: m.subject,
        status: m.deliveryStatus,
        attempts: m.attempts,
        lastError: m.lastError,
        queuedAt: m.queuedAt ?? m.createdAt,
        nextAttemptAt: m.nextAttemptAt,
        sentAt: m.sentAt,
        ticket: m.ticket?.reference ?? null,
      })),
      meta: { page, pageSize, total },
    };
  },

  async intake(ctx) {
    const { outcome, page, pageSize } = parse(intakeQuery, ctx.query);
    const where = outcome ? { outcome } : {};
    const [rows, total] = await Promise.all([
      strapi.db.query(INTAKE).findMany({
        where,
        select: ['documentId', 'mailbox', 'uid', 'fromAddress', 'subject', 'outcome', 'reason', 'createdAt'],
        populate: { ticket: { select: ['reference'] } },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        offset: (page - 1) * pageSize,
        limit: pageSize,
      }),
      strapi.db.query(INTAKE).count({ where }),
    ]);
    ctx.body = {
      data: rows.map((m: any) => ({
        documentId: m.documentId,
        mailbox: m.mailbox,
        uid: String(m.uid),
        from: m.fromAddress,
        subject: m.subject,
        outcome: m.outcome,
        reason: m.reason,
        receivedAt: m.createdAt,
        ticket: m.ticket?.reference ?? null,
      })),
      meta: { page, pageSize, total },
    };
  },

  /** The message as it was read, byte for byte, to open in a mail program. */
  async raw(ctx) {
    const row = await findByDocumentId(strapi, INTAKE, ctx.params.intakeId, 'Intake record not found', { select: ['id', 'raw'] });
    if (!row.raw) throw new errors.NotFoundError('This message was never fetched (it was over the size limit): it is still in the mailbox');
    ctx.attachment(`intake-${row.id}.eml`);
    ctx.type = 'message/rfc822';
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.body = Buffer.from(row.raw, 'latin1');
  },

  /**
   * Takes a failed message again, as if just read. What it causes now and its new record
   * replace the failure in one transaction, audited; if it fails again nothing it caused
   * is kept, the record keeps the failure with the new reason, and the answer says it.
   */
  async reprocess(ctx) {
    const row = await findByDocumentId(strapi, INTAKE, ctx.params.intakeId, 'Intake record not found', { select: ['id', 'documentId', 'mailbox', 'uidValidity', 'uid', 'outcome', 'raw', 'reason'] });
    if (row.outcome !== 'failed') throw new errors.ApplicationError(`Only a failed message is taken again; this one is ${row.outcome}`);
    if (!row.raw) throw new errors.ApplicationError('This message was never fetched (it was over the size limit): raise the limit, and the next poll takes it');
    const source = { mailbox: row.mailbox, uidValidity: row.uidValidity, uid: row.uid };
    let outcome: string;
    try {
      outcome = await strapi.db.transaction(async () => {
        // Of two staff taking it again at once, one does: the other finds the record gone.
        const removed = await strapi.db.query(INTAKE).deleteMany({ where: { id: row.id, outcome: 'failed' } });
        if (removed.count !== 1) throw new errors.ApplicationError('This message was taken again by someone else a moment ago');
        const taken = await strapi.plugin('client-area').service('mail-intake').take(Buffer.from(row.raw, 'latin1'), source);
        await strapi.plugin('client-area').service('audit').record({ action: 'mail.reprocessed', actorStaffId: ctx.state.user.id, subjectType: 'mail-intake', subjectId: row.id, details: { before: row.reason, outcome: taken } });
        return taken;
      });
    } catch (error) {
      if (error instanceof errors.ApplicationError) throw error;
      const reason = `taken again by staff and failed again: ${(error as Error).message}`.slice(0, 2000);
      await strapi.db.query(INTAKE).update({ where: { id: row.id }, data: { reason } });
      throw new errors.ApplicationError(`The message failed again: ${(error as Error).message}`.slice(0, 500));
    }
    const again = await strapi.db.query(INTAKE).findOne({ where: source, select: ['documentId', 'outcome', 'reason'] });
    ctx.body = { data: { documentId: again?.documentId ?? null, outcome: again?.outcome ?? outcome, reason: again?.reason ?? null } };
  },
});

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

  /** Takes a failed message again, as if just read: what it causes and its new record replace the failure, or nothing changes. */
  async reprocess(ctx) {
    const row = await findByDocumentId(strapi, INTAKE, ctx.params.intakeId, 'Intake record not found', { select: ['id', 'mailbox', 'uidValidity', 'uid', 'outcome', 'raw', 'reason'] });
    if (row.outcome !== 'failed') throw new errors.ApplicationError(`Only a failed message is taken again; this one is ${row.outcome}`);
    if (!row.raw) throw new errors.ApplicationError('This message was never fetched (it was over the size limit): raise the limit, and the next poll takes it');
    const outcome = await strapi.db.transaction(async () => {
      await strapi.db.query(INTAKE).delete({ where: { id: row.id } });
      return strapi.plugin('client-area').service('mail-intake').take(Buffer.from(row.raw, 'latin1'), { mailbox: row.mailbox, uidValidity: row.uidValidity, uid: row.uid });
    });
    const again = await strapi.db.query(INTAKE).findOne({ where: { mailbox: row.mailbox, uidValidity: row.uidValidity, uid: row.uid }, select: ['documentId', 'outcome', 'reason'] });
    await strapi.plugin('client-area').service('audit').record({ action: 'mail.reprocessed', actorStaffId: ctx.state.user.id, subjectType: 'mail-intake', subjectId: again?.documentId ?? null, details: { before: row.reason, outcome } });
    ctx.body = { data: { documentId: again?.documentId ?? null, outcome: again?.outcome ?? outcome, reason: again?.reason ?? null } };
  },
});

import type { Core } from '@strapi/strapi';
import { forbidden } from '../errors';
import type { ClientAreaState } from '../policies/client-access';

/**
 * Rule 15: the audit log of a client, for its master and staff only: it names who did
 * what to whom, from which address and program.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async list(ctx) {
    const state = ctx.state.clientArea as ClientAreaState;
    const master = state.facts.memberships.some((m) => m.id === state.membershipId && m.kind === 'master');
    if (!state.staff && !master) throw forbidden("Only the client's master reads its audit log");
    const page = Math.max(1, Math.min(10_000, Number.parseInt(String(ctx.query.page ?? '1'), 10) || 1));
    const rows = await strapi.db.query('plugin::client-area.audit-entry' as any).findMany({
      where: { client: { id: state.client.id } },
      populate: { actorIdentity: { select: ['username'] }, actorStaff: { select: ['id'] } },
      orderBy: { id: 'desc' },
      limit: 100,
      offset: (page - 1) * 100,
    });
    ctx.body = {
      data: rows.map((row: any) => ({
        action: row.action,
        at: row.createdAt,
        actor: row.actorIdentity?.username ?? (row.actorStaff ? 'staff' : null),
        subjectType: row.subjectType,
        subjectId: row.subjectId,
        details: row.details,
        ip: row.ip,
      })),
      meta: { page, pageSize: 100 },
    };
  },
});

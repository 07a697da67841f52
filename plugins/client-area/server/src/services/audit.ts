import type { Core } from '@strapi/strapi';

/** Rule 15: every access change, membership change, password rotation and client login. */
export interface AuditRecord {
  action: string;
  clientId?: number | null;
  actorIdentityId?: number | null;
  actorStaffId?: number | null;
  subjectType?: string;
  subjectId?: string | number | null;
  details?: Record<string, unknown>;
  /** The Koa context of the request, for where it came from. */
  ctx?: { request?: { ip?: string }; get?: (header: string) => string };
}

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async record(entry: AuditRecord) {
    await strapi.db.query('plugin::client-area.audit-entry' as any).create({
      data: {
        action: entry.action,
        client: entry.clientId ?? null,
        actorIdentity: entry.actorIdentityId ?? null,
        actorStaff: entry.actorStaffId ?? null,
        subjectType: entry.subjectType ?? null,
        subjectId: entry.subjectId === undefined || entry.subjectId === null ? null : String(entry.subjectId),
        details: entry.details ?? null,
        ip: entry.ctx?.request?.ip ?? null,
        userAgent: entry.ctx?.get?.('user-agent')?.slice(0, 500) || null,
      },
    });
  },
});

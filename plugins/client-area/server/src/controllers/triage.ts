import type { Core } from '@strapi/strapi';
import { clientSearch, pageQuery, parse, triageAssignment } from '../validation';
import { clientsMatching } from './clients';

/** Staff (admin API): mail held for triage — read it, assign it, reject it. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const triage = () => strapi.plugin('client-area').service('triage');
  return {
    async list(ctx) {
      const { page, pageSize } = parse(pageQuery, ctx.query);
      const { rows, total } = await triage().list({ page, pageSize });
      ctx.body = {
        data: rows.map((row: any) => ({ documentId: row.documentId, from: row.fromAddress, subject: row.subject, reason: row.reason, receivedAt: row.createdAt, ticket: row.ticket?.reference ?? null })),
        meta: { page, pageSize, total },
      };
    },

    /** The clients a held mail can be put in: a name and a reference each, nothing more. */
    async clients(ctx) {
      const { q } = parse(clientSearch, ctx.query);
      const rows = await strapi.db.query('plugin::client-area.client' as any).findMany({ where: clientsMatching(q), select: ['documentId', 'name', 'reference'], orderBy: [{ name: 'asc' }, { id: 'asc' }], limit: 20 });
      ctx.body = { data: rows.map((c: any) => ({ documentId: c.documentId, name: c.name, reference: c.reference })) };
    },

    async show(ctx) {
      ctx.body = { data: await triage().show(ctx.params.mailId) };
    },

    async assign(ctx) {
      const target = parse(triageAssignment, ctx.request.body);
      ctx.body = { data: await triage().assign(ctx.params.mailId, target, ctx.state.user.id) };
    },

    async reject(ctx) {
      ctx.body = { data: await triage().reject(ctx.params.mailId, ctx.state.user.id) };
    },
  };
};

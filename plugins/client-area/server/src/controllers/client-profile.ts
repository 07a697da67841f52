import type { Core } from '@strapi/strapi';
import { parse, clientProfileChanges } from '../validation';
import { callerOf } from '../caller';
import type { ClientProfile } from '../../../shared/customer-api';

const CLIENT = 'plugin::client-area.client' as any;
const FIELDS = ['address', 'country', 'vatNumber', 'phone', 'website'] as const;

/**
 * The profile section: the client's company details, read and kept by the members
 * holding `profile` (and staff through the twins). The name and the reference are
 * staff's: invoices and contracts carry them.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const load = async (clientId: number): Promise<ClientProfile> => {
    const row = await strapi.db.query(CLIENT).findOne({ where: { id: clientId }, select: ['documentId', 'name', 'reference', ...FIELDS] });
    return { documentId: row.documentId, name: row.name, reference: row.reference, ...Object.fromEntries(FIELDS.map((field) => [field, row[field] || null])) } as ClientProfile;
  };

  return {
    async show(ctx) {
      ctx.body = { data: await load(callerOf(strapi, ctx).client.id) };
    },

    async update(ctx) {
      const caller = callerOf(strapi, ctx);
      const changes = parse(clientProfileChanges, ctx.request.body);
      const data = Object.fromEntries(Object.entries(changes).map(([field, value]) => [field, value === '' ? null : value]));
      const fields = Object.keys(data);
      await strapi.db.transaction(async () => {
        if (fields.length) await strapi.db.query(CLIENT).update({ where: { id: caller.client.id }, data: { ...data } });
        await strapi.plugin('client-area').service('audit').record({
          action: 'client.profile-changed',
          clientId: caller.client.id,
          subjectType: 'client',
          subjectId: caller.client.documentId,
          details: { fields },
          ...caller.audit,
        });
      });
      ctx.body = { data: await load(caller.client.id) };
    },
  };
};

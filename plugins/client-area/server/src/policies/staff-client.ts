import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { ClientAreaState } from './client-access';

/**
 * Guards the staff twins of the customer routes (admin API): an authenticated
 * admin, whose role permission (admin::hasPermissions) was checked before this,
 * acts on any client as staff. Loads the client's facts for the engine.
 */
export default async (policyContext: any, _config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  if (!policyContext.state?.isAuthenticated || policyContext.state.auth?.strategy?.name !== 'admin' || !policyContext.state.user?.id) throw new errors.UnauthorizedError('Log in to the admin panel first');
  const documentId = policyContext.params?.clientId;
  const client =
    typeof documentId === 'string' && /^[a-z0-9]{1,64}$/.test(documentId)
      ? await strapi.db.query('plugin::client-area.client' as any).findOne({ where: { documentId }, select: ['id', 'documentId', 'name'] })
      : null;
  if (!client) throw new errors.NotFoundError('Client not found');
  const facts = await strapi.plugin('client-area').service('access-facts').loadClient(client.id);
  policyContext.state.clientArea = { client, facts, membershipId: null, staff: true } satisfies ClientAreaState;
  return true;
};

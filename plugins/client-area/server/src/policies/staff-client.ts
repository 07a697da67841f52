import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { ClientAreaState } from './client-access';
import { findByDocumentId } from '../lookup';

/**
 * Guards the staff twins of the customer routes (admin API): an authenticated
 * admin, whose role permission (admin::hasPermissions) was checked before this,
 * acts on any client as staff. Loads the client's facts for the engine.
 */
export default async (policyContext: any, _config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  if (!policyContext.state?.isAuthenticated || policyContext.state.auth?.strategy?.name !== 'admin' || !policyContext.state.user?.id) throw new errors.UnauthorizedError('Log in to the admin panel first');
  const client = await findByDocumentId(strapi, 'plugin::client-area.client', policyContext.params?.clientId, 'Client not found', { select: ['id', 'documentId', 'name'] });
  const facts = await strapi.plugin('client-area').service('access-facts').loadClient(client.id);
  policyContext.state.clientArea = { client, facts, membershipId: null, staff: true } satisfies ClientAreaState;
  return true;
};

import { noStore } from './no-store';
import type { Core } from '@strapi/strapi';
import { parse, enterClient } from '../validation';
import { SESSION_HEADER } from '../policies/client-access';
import { findByDocumentId } from '../lookup';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** Rule 2: enter a client as a sub-account by giving the relationship password. */
  async create(ctx) {
    const client = await findByDocumentId(strapi, 'plugin::client-area.client', ctx.params.clientId, 'Client not found', { select: ['id'] });
    const body = parse(enterClient.partial(), ctx.request.body);
    const result = await strapi.plugin('client-area').service('relationship-passwords').enter({
      identityId: ctx.state.user.id,
      clientId: client.id,
      password: body.relationshipPassword,
      ctx,
    });
    ctx.status = 201;
    noStore(ctx);
    ctx.body = {
      data: {
        relationshipPasswordRequired: result.token !== null,
        token: result.token,
        expiresAt: result.expiresAt,
        header: SESSION_HEADER,
      },
    };
  },
});

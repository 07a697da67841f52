import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { parse, enterClient } from '../validation';
import { SESSION_HEADER } from '../policies/client-access';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** Rule 2: enter a client as a sub-account by giving the relationship password. */
  async create(ctx) {
    const documentId = ctx.params.clientId;
    const client =
      typeof documentId === 'string' && /^[a-z0-9]{1,64}$/.test(documentId)
        ? await strapi.db.query('plugin::client-area.client' as any).findOne({ where: { documentId }, select: ['id'] })
        : null;
    if (!client) throw new errors.NotFoundError('Client not found');
    const body = parse(enterClient.partial(), ctx.request.body);
    const result = await strapi.plugin('client-area').service('relationship-passwords').enter({
      identityId: ctx.state.user.id,
      clientId: client.id,
      password: body.relationshipPassword,
      ctx,
    });
    ctx.status = 201;
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

import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';

/** The shape of a Strapi 5 documentId; anything else can't name a record. */
export const DOCUMENT_ID = /^[a-z0-9]{1,64}$/;

export interface Lookup {
  where?: Record<string, unknown>;
  select?: string[];
  populate?: Record<string, unknown>;
}

/**
 * One record by documentId, within `where` (e.g. "of this client"), or a 404
 * that says only `notFound`: a malformed id and an id of someone else's record
 * look the same to the caller.
 */
export async function findByDocumentId(strapi: Core.Strapi, uid: string, documentId: unknown, notFound: string, { where = {}, ...query }: Lookup = {}) {
  const row =
    typeof documentId === 'string' && DOCUMENT_ID.test(documentId)
      ? await strapi.db.query(uid as any).findOne({ ...query, where: { ...where, documentId } } as any)
      : null;
  if (!row) throw new errors.NotFoundError(notFound);
  return row;
}

/** An existing account by its login as a person gives it: the username, or the email in any case. */
export async function findIdentityByLogin(strapi: Core.Strapi, login: string, notFound: string) {
  const identity = await strapi.db
    .query('plugin::users-permissions.user')
    .findOne({ where: { $or: [{ username: login }, { email: login.toLowerCase() }] }, select: ['id', 'documentId', 'username', 'email'] });
  if (!identity) throw new errors.NotFoundError(notFound);
  return identity;
}

/**
 * The login email of a client's active master: the CC of every staff reply and every order
 * mail (rule 12). The login's own address, not its contact record's, which others in the
 * client may edit.
 */
export async function masterAddress(strapi: Core.Strapi, clientId: number): Promise<string | null> {
  const master = await strapi.db
    .query('plugin::client-area.membership' as any)
    .findOne({ where: { client: { id: clientId }, kind: 'master', membershipStatus: 'active' }, populate: { identity: { select: ['email'] } } });
  return master?.identity?.email ?? null;
}

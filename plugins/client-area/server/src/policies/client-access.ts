import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { forbidden } from '../errors';
import { can, sectionsIn, type AccessFacts } from '../access';
import isIdentity from './is-identity';
import { findByDocumentId } from '../lookup';
import { loginSessionOf } from '../services/relationship-passwords';
import { requestSignal } from '../queries/links';

/**
 * Guards every route under /clients/:clientId. Loads the caller's facts from the
 * database (no cache), refuses a client the caller can't reach with a 404 that
 * tells nothing, and, when the route names a section, refuses a caller who reaches
 * none of it in this client with a 403 naming what is missing. Leaves the facts in
 * ctx.state.clientArea for the handler. Throws on every refusal: fails closed.
 */
export interface ClientAccessConfig {
  section?: string;
}

export const SESSION_HEADER = 'x-relationship-token';

export interface ClientAreaState {
  client: { id: number; documentId: string; name: string };
  facts: AccessFacts;
  /** The caller's own membership in this client, if any (a secondary logon has none). */
  membershipId: number | null;
  /** Set by the staff-client policy on admin routes. */
  staff?: boolean;
}

export const relationshipTokens = (ctx: any): string[] =>
  String(ctx.request?.header?.[SESSION_HEADER] ?? '')
    .split(',')
    .map((token) => token.trim())
    .filter(Boolean)
    .slice(0, 20);

export const loadFacts = async (strapi: Core.Strapi, ctx: any): Promise<AccessFacts> => {
  const identityId = ctx.state.user.id;
  const passwordClaims = strapi.plugin('client-area').service('relationship-passwords').claimsOf(identityId, relationshipTokens(ctx), loginSessionOf(ctx));
  return strapi.plugin('client-area').service('access-facts').load(identityId, { passwordClaims, signal: requestSignal(ctx) });
};

export default async (policyContext: any, config: ClientAccessConfig = {}, { strapi }: { strapi: Core.Strapi }) => {
  isIdentity(policyContext);
  const client = await findByDocumentId(strapi, 'plugin::client-area.client', policyContext.params?.clientId, 'Client not found', { select: ['id', 'documentId', 'name'] });
  const facts = await loadFacts(strapi, policyContext);
  const own = facts.memberships.find((m) => m.identityId === facts.identityId && m.clientId === client.id) ?? null;
  const reachable = sectionsIn(facts, client.id);
  if (reachable.length === 0) {
    if (own?.status === 'active' && own.kind === 'sub-account' && !own.passwordVerified) {
      throw forbidden('Relationship password required for this client', { relationshipPasswordRequired: true });
    }
    // Not a member, a member that no longer stands, or one holding nothing: nothing to learn here.
    throw new errors.NotFoundError('Client not found');
  }
  if (config.section && !reachable.includes(config.section)) {
    throw forbidden(can(facts, { section: config.section, clientId: client.id }).reason, { section: config.section });
  }
  policyContext.state.clientArea = { client, facts, membershipId: own?.id ?? null } satisfies ClientAreaState;
  return true;
};

import type { Core } from '@strapi/strapi';
import type { AccessFacts, Decision } from '../access';

/**
 * "Who can see this?" for staff: every person who might see a ticket, a product or an
 * invoice of a client — its members, the secondary logons of its master and, for a
 * ticket, the group readers of its requester's categories — each asked through the
 * engine's own single check on that person's own facts, with the engine's reason.
 *
 * A sub-account acts only after giving its relationship password in a session (rule 2);
 * the question here is who is entitled, so each person is asked as if it had.
 */
const MEMBERSHIP = 'plugin::client-area.membership' as any;
const LOGON = 'plugin::client-area.secondary-logon' as any;
const CONTACT = 'plugin::client-area.contact' as any;
const IDENTITY = 'plugin::users-permissions.user' as any;
const CLIENT = 'plugin::client-area.client' as any;
const PRODUCT = 'plugin::client-area.product' as any;

export type Via = 'member' | 'secondary logon' | 'group reader';

export interface Audience {
  clientId: number;
  /** The engine's check for one person. */
  check: (facts: AccessFacts) => Decision;
  /** Group readers: contacts reading these categories may see it (tickets). */
  readerCategoryIds?: number[];
}

export interface Viewer {
  login: string | null;
  email: string | null;
  via: Via;
  /** The person's membership in the client, when it has one. */
  membership: { documentId: string; kind: string; status: string } | null;
  allowed: boolean;
  reason: string;
}

/** The facts of one identity with each of its memberships' relationship password given. */
const entitled = (facts: AccessFacts): AccessFacts => ({
  ...facts,
  memberships: facts.memberships.map((m) => (m.identityId === facts.identityId ? { ...m, passwordVerified: true } : m)),
});

export default ({ strapi }: { strapi: Core.Strapi }) => {
  /** Who might see something of the client, and how each is related to it. */
  async function candidates({ clientId, readerCategoryIds = [] }: Audience): Promise<Map<number, Via>> {
    const found = new Map<number, Via>();
    const members = await strapi.db.query(MEMBERSHIP).findMany({
      where: { client: { id: clientId }, membershipStatus: { $ne: 'removed' } },
      select: ['id', 'kind'],
      populate: { identity: { select: ['id'] } },
    });
    for (const m of members) if (m.identity) found.set(m.identity.id, 'member');
    const masters = members.filter((m: any) => m.kind === 'master' && m.identity).map((m: any) => m.identity.id);
    if (masters.length) {
      const logons = await strapi.db.query(LOGON).findMany({ where: { owner: { id: { $in: masters } } }, populate: { logon: { select: ['id'] } } });
      for (const l of logons) if (l.logon && !found.has(l.logon.id)) found.set(l.logon.id, 'secondary logon');
    }
    if (readerCategoryIds.length) {
      const readers = await strapi.db.query(CONTACT).findMany({
        where: { groupReadCategory: { id: { $in: readerCategoryIds } } },
        populate: { membership: { populate: { identity: { select: ['id'] } } } },
      });
      for (const r of readers) {
        const id = r.membership?.identity?.id;
        if (id && !found.has(id)) found.set(id, 'group reader');
      }
    }
    return found;
  }

  /**
   * The engine names a client and its products by public id, never by name: a refused
   * customer may not know them. Staff do, so their reasons name them.
   */
  async function staffWords(clientId: number): Promise<(reason: string) => string> {
    const [client, products] = await Promise.all([
      strapi.db.query(CLIENT).findOne({ where: { id: clientId }, select: ['documentId', 'name'] }),
      strapi.db.query(PRODUCT).findMany({ where: { client: { id: clientId } }, select: ['documentId', 'name'] }),
    ]);
    const names: Array<[string, string]> = [
      // The engine speaks to the person asking; staff read it about someone else.
      ['you requested it', 'is the requester'],
      ...(client ? [[`client ${client.documentId}`, `"${client.name}"`] as [string, string]] : []),
      ...products.map((p: any) => [`product ${p.documentId}`, `"${p.name}"`] as [string, string]),
    ];
    return (reason) => names.reduce((text, [id, name]) => text.split(id).join(name), reason);
  }

  return {
    async whoCanSee(audience: Audience): Promise<Viewer[]> {
      // A record of no client (a broken row) is seen by staff only.
      if (!audience.clientId) return [];
      const people = await candidates(audience);
      if (!people.size) return [];
      const ids = [...people.keys()];
      const identities = await strapi.db.query(IDENTITY).findMany({ where: { id: { $in: ids } }, select: ['id', 'username', 'email'] });
      const named = new Map(identities.map((i: any) => [i.id, i]));
      const memberships = await strapi.db.query(MEMBERSHIP).findMany({
        where: { client: { id: audience.clientId }, identity: { id: { $in: ids } } },
        select: ['documentId', 'kind', 'membershipStatus'],
        populate: { identity: { select: ['id'] } },
      });
      const membershipOf = new Map(memberships.map((m: any) => [m.identity.id, m]));
      const load = strapi.plugin('client-area').service('access-facts').load;
      const forStaff = await staffWords(audience.clientId);
      // A few people at a time where the database serves several connections. Each one's facts of
      // this client alone decide, unless group readers may see it: a reader acts through a
      // contact of another client, where its own membership must stand (rule 10).
      const onlyClientId = audience.readerCategoryIds?.length ? undefined : audience.clientId;
      const factsOf = new Map<number, AccessFacts>();
      const atOnce = strapi.db.dialect.client === 'postgres' ? 4 : 1;
      for (let start = 0; start < ids.length; start += atOnce) {
        const batch = ids.slice(start, start + atOnce);
        const loaded = await Promise.all(batch.map((identityId) => load(identityId, { onlyClientId })));
        batch.forEach((identityId, i) => factsOf.set(identityId, loaded[i]));
      }
      const viewers: Viewer[] = [];
      for (const [identityId, via] of people) {
        const decision = audience.check(entitled(factsOf.get(identityId)!));
        const identity: any = named.get(identityId);
        const membership: any = membershipOf.get(identityId);
        viewers.push({
          login: identity?.username ?? null,
          email: identity?.email ?? null,
          via,
          membership: membership ? { documentId: membership.documentId, kind: membership.kind, status: membership.membershipStatus } : null,
          allowed: decision.allowed,
          reason: forStaff(decision.reason),
        });
      }
      return viewers.sort((a, b) => Number(b.allowed) - Number(a.allowed) || (a.login ?? '').localeCompare(b.login ?? ''));
    },
  };
};

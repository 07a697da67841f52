import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { generateRelationshipPassword, hashRelationshipPassword } from '../secrets/relationship-password';
import { checkGrantChange, type Grant } from '../access';
import { forbidden } from '../errors';
import type { Caller } from '../caller';

const MEMBERSHIP = 'plugin::client-area.membership';
const GRANT = 'plugin::client-area.grant';

export interface GrantInput {
  section: string;
  /** documentId of a product of the same client; absent for a client-wide grant. */
  product?: string | null;
}

export interface NewMembership {
  client: string;
  identity: string;
  kind: 'master' | 'sub-account';
  contact?: string | null;
  parent?: string | null;
  grants?: GrantInput[];
}

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * Creates a membership and its grants in one transaction. A non-master gets a
   * fresh relationship password, returned here once and stored only hashed.
   */
  async create(input: NewMembership): Promise<{ membership: any; relationshipPassword: string | null }> {
    const sections = strapi.plugin('client-area').service('sections');
    for (const grant of input.grants ?? []) sections.check(grant.section, 'grants');
    const serverKey = strapi.plugin('client-area').config('secret') as string;
    const relationshipPassword = input.kind === 'master' ? null : generateRelationshipPassword();
    const membership = await strapi.db.transaction(async () => {
      const created = await strapi.documents(MEMBERSHIP).create({
        data: {
          client: input.client,
          identity: input.identity,
          kind: input.kind,
          membershipStatus: 'active',
          contact: input.contact ?? null,
          parent: input.parent ?? null,
          relationshipPasswordHash: relationshipPassword ? hashRelationshipPassword(serverKey, relationshipPassword) : null,
          relationshipPasswordRotatedAt: relationshipPassword ? new Date().toISOString() : null,
        } as any,
      });
      for (const grant of input.grants ?? []) {
        await strapi.documents(GRANT).create({
          data: { membership: created.documentId, section: grant.section, product: grant.product ?? null } as any,
        });
      }
      return created;
    });
    return { membership, relationshipPassword };
  },

  /**
   * A sub-account made by a caller for a contact (activation or invitation): the
   * child of the caller when the caller is a sub-account (the master's and staff's
   * have no parent), with grants within the caller's ceiling (rule 5). Runs in the
   * caller's transaction: a refused grant leaves nothing behind.
   */
  async createUnder(caller: Caller, { identity, contact, grants }: { identity: string; contact: string; grants: Grant[] }) {
    const actor = caller.actor();
    const parent = caller.facts.memberships.find((m) => m.id === caller.membershipId);
    return strapi.db.transaction(async () => {
      const parentRow = parent && parent.kind !== 'master' ? await strapi.db.query(MEMBERSHIP).findOne({ where: { id: parent.id }, select: ['documentId'] }) : null;
      const created = await this.create({ client: caller.client.documentId, identity, kind: 'sub-account', contact, parent: parentRow?.documentId ?? null });
      if (grants.length) {
        const decision = checkGrantChange(await caller.reload(), { actor, targetMembershipId: created.membership.id, newGrants: grants });
        if (!decision.allowed) throw forbidden(decision.reason, decision.grant ? { grant: decision.grant } : undefined);
        await strapi.plugin('client-area').service('grants').replace({ membership: created.membership.id }, grants);
      }
      return created;
    });
  },
});

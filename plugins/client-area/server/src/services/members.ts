import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { canRemove, canSuspend, checkGrantChange, type Actor, type Grant } from '../access';
import { forbidden } from '../errors';
import type { ClientAreaState } from '../policies/client-access';

/**
 * Membership changes made by a customer in its client: grants, suspension,
 * removal, relationship-password rotation. Each one is decided by the access
 * engine on facts loaded inside the same transaction, written, and audited.
 */
const MEMBERSHIP = 'plugin::client-area.membership' as any;
const PRODUCT = 'plugin::client-area.product' as any;

export interface Caller {
  state: ClientAreaState;
  identityId: number;
  ctx?: any;
}

export const actorOf = (state: ClientAreaState): Actor => {
  if (state.membershipId === null) throw forbidden("A secondary logon can't manage memberships");
  return { kind: 'membership', membershipId: state.membershipId };
};

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const plugin = () => strapi.plugin('client-area');
  const reload = (caller: Caller) => plugin().service('access-facts').load(caller.identityId, { verifiedMembershipIds: verifiedOf(caller) });
  const verifiedOf = (caller: Caller) => caller.state.facts.memberships.filter((m) => m.passwordVerified).map((m) => m.id);
  const audit = (caller: Caller, action: string, subjectId: number, details?: Record<string, unknown>) =>
    plugin().service('audit').record({
      action,
      clientId: caller.state.client.id,
      actorIdentityId: caller.identityId,
      subjectType: 'membership',
      subjectId,
      details,
      ctx: caller.ctx,
    });

  return {
    /** A membership of this client by documentId, or 404. */
    async find(clientId: number, documentId: string) {
      const membership = /^[a-z0-9]{1,64}$/.test(documentId ?? '')
        ? await strapi.db.query(MEMBERSHIP).findOne({ where: { documentId, client: { id: clientId } } })
        : null;
      if (!membership) throw new errors.NotFoundError('Member not found');
      return membership;
    },

    async replaceGrants(caller: Caller, membershipId: number, grants: Grant[]) {
      return strapi.db.transaction(async () => {
        const facts = await reload(caller);
        const decision = checkGrantChange(facts, { actor: actorOf(caller.state), targetMembershipId: membershipId, newGrants: grants });
        if (!decision.allowed) throw forbidden(decision.reason, decision.grant ? { grant: decision.grant } : undefined);
        const before = facts.memberships.find((m) => m.id === membershipId)!.grants;
        await plugin().service('grants').replace({ membership: membershipId }, grants);
        // A hand edit leaves the role: the membership is "Custom" now (rule 8).
        await strapi.db.query(MEMBERSHIP).update({ where: { id: membershipId }, data: { accessRole: null } });
        await audit(caller, 'grants.changed', membershipId, { before, after: grants });
      });
    },

    async setStatus(caller: Caller, membershipId: number, status: 'active' | 'suspended') {
      return strapi.db.transaction(async () => {
        const facts = await reload(caller);
        const target = facts.memberships.find((m) => m.id === membershipId);
        const decision = canSuspend(facts, { actor: actorOf(caller.state), membershipId });
        if (!decision.allowed) throw forbidden(decision.reason);
        if (status === 'active' && target?.status !== 'suspended') throw new errors.ValidationError('Only a suspended member can be restored');
        if (status === 'suspended' && target?.status !== 'active') throw new errors.ValidationError('Only an active member can be suspended');
        await strapi.db.query(MEMBERSHIP).update({ where: { id: membershipId }, data: { status } });
        await audit(caller, status === 'suspended' ? 'membership.suspended' : 'membership.restored', membershipId);
      });
    },

    async remove(caller: Caller, membershipId: number, { takeOver = false }: { takeOver?: boolean }) {
      return strapi.db.transaction(async () => {
        const facts = await reload(caller);
        const decision = canRemove(facts, { actor: actorOf(caller.state), membershipId });
        if (!decision.allowed) throw forbidden(decision.reason, { reassign: decision.reassign });
        const { memberships, products } = decision.reassign;
        if ((memberships.length || products.length) && !takeOver) {
          throw new errors.ApplicationError('This member still manages members or owns products: remove with ?takeOver=true to take them over', {
            reassign: decision.reassign,
          });
        }
        const heir = caller.state.membershipId;
        for (const child of memberships) await strapi.db.query(MEMBERSHIP).update({ where: { id: child }, data: { parent: heir } });
        for (const product of products) await strapi.db.query(PRODUCT).update({ where: { id: product }, data: { owner: heir } });
        await strapi.db.query(MEMBERSHIP).update({ where: { id: membershipId }, data: { status: 'removed', parent: null } });
        await plugin().service('grants').replace({ membership: membershipId }, []);
        await audit(caller, 'membership.removed', membershipId, { tookOver: decision.reassign });
      });
    },

    /** Rule 2: only the master (or staff) rotates a member's relationship password. */
    async rotatePassword(caller: Caller, membershipId: number) {
      const own = caller.state.facts.memberships.find((m) => m.id === caller.state.membershipId);
      if (!own || own.kind !== 'master') throw forbidden("Only the client's master rotates relationship passwords");
      return plugin().service('relationship-passwords').rotate(membershipId, { actorIdentityId: caller.identityId, ctx: caller.ctx });
    },
  };
};

import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { canRemove, canReparent, canRestore, canSuspend, checkGrantChange, type AccessFacts, type Grant, type Reassignment } from '../access';
import { forbidden } from '../errors';
import { actsAsMaster, type Caller } from '../caller';
import { findByDocumentId } from '../lookup';

/**
 * Membership changes made by a customer in its client: grants, suspension,
 * removal, relationship-password rotation. Each one is decided by the access
 * engine on facts loaded inside the same transaction, written, and audited.
 */
const MEMBERSHIP = 'plugin::client-area.membership' as any;
const PRODUCT = 'plugin::client-area.product' as any;

/** What must be reassigned, as the API names things: documentIds. */
const publicReassignment = (facts: AccessFacts, { memberships, products }: Reassignment) => ({
  memberships: memberships.map((id) => facts.memberships.find((m) => m.id === id)?.ref ?? null),
  products: products.map((id) => facts.products.find((p) => p.id === id)?.ref ?? null),
});

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const plugin = () => strapi.plugin('client-area');
  const audit = (caller: Caller, action: string, subjectId: number, details?: Record<string, unknown>) =>
    plugin().service('audit').record({ action, clientId: caller.client.id, subjectType: 'membership', subjectId, details, ...caller.audit });

  return {
    /** A membership of this client by documentId, or 404. */
    find: (clientId: number, documentId: string) =>
      findByDocumentId(strapi, MEMBERSHIP, documentId, 'Member not found', { where: { client: { id: clientId } } }),

    async replaceGrants(caller: Caller, membershipId: number, grants: Grant[]) {
      return strapi.db.transaction(async () => {
        const facts = await caller.reload();
        const decision = checkGrantChange(facts, { actor: caller.actor(), targetMembershipId: membershipId, newGrants: grants });
        if (!decision.allowed) throw forbidden(decision.reason, decision.grant ? { grant: decision.grant } : undefined);
        const before = facts.memberships.find((m) => m.id === membershipId)!.grants;
        await plugin().service('grants').replace({ membership: membershipId }, grants, { keepHidden: true });
        // A hand edit leaves the role: the membership is "Custom" now (rule 8).
        await strapi.db.query(MEMBERSHIP).update({ where: { id: membershipId }, data: { accessRole: null } });
        await audit(caller, 'grants.changed', membershipId, { before, after: grants });
      });
    },

    async setStatus(caller: Caller, membershipId: number, status: 'active' | 'suspended') {
      return strapi.db.transaction(async () => {
        const facts = await caller.reload();
        const target = facts.memberships.find((m) => m.id === membershipId);
        if (status === 'active' && target?.status !== 'suspended') throw new errors.ValidationError('Only a suspended member can be restored');
        if (status === 'suspended' && target?.status !== 'active') throw new errors.ValidationError('Only an active member can be suspended');
        const actor = caller.actor();
        const decision = status === 'active' ? canRestore(facts, { actor, membershipId }) : canSuspend(facts, { actor, membershipId });
        if (!decision.allowed) throw forbidden(decision.reason);
        // Who suspended it decides who may restore it (canRestore).
        const suspender =
          status === 'active'
            ? { suspendedBy: null, suspendedByStaff: false }
            : { suspendedBy: actor.kind === 'membership' ? actor.membershipId : null, suspendedByStaff: actor.kind === 'staff' };
        await strapi.db.query(MEMBERSHIP).update({ where: { id: membershipId }, data: { membershipStatus: status, ...suspender } });
        await audit(caller, status === 'suspended' ? 'membership.suspended' : 'membership.restored', membershipId);
      });
    },

    async remove(caller: Caller, membershipId: number, { takeOver = false }: { takeOver?: boolean }) {
      return strapi.db.transaction(async () => {
        const facts = await caller.reload();
        const decision = canRemove(facts, { actor: caller.actor(), membershipId });
        if (!decision.allowed) throw forbidden(decision.reason, { reassign: publicReassignment(facts, decision.reassign) });
        const { memberships, products } = decision.reassign;
        if ((memberships.length || products.length) && !takeOver) {
          throw new errors.ApplicationError('This member still manages members or owns products: remove with ?takeOver=true to take them over', {
            reassign: publicReassignment(facts, decision.reassign),
          });
        }
        // The master takes over; for staff, the client's master does.
        const heir = caller.membershipId ?? facts.memberships.find((m) => m.clientId === caller.client.id && m.kind === 'master')?.id ?? null;
        for (const child of memberships) await strapi.db.query(MEMBERSHIP).update({ where: { id: child }, data: { parent: heir } });
        for (const product of products) await strapi.db.query(PRODUCT).update({ where: { id: product }, data: { owner: heir } });
        await strapi.db.query(MEMBERSHIP).update({ where: { id: membershipId }, data: { membershipStatus: 'removed', parent: null } });
        await plugin().service('grants').replace({ membership: membershipId }, []);
        await audit(caller, 'membership.removed', membershipId, { tookOver: publicReassignment(facts, decision.reassign) });
      });
    },

    /** Rule 6: moves a member under another parent (null: under the master). */
    async reparent(caller: Caller, membershipId: number, parentId: number | null) {
      return strapi.db.transaction(async () => {
        const facts = await caller.reload();
        const decision = canReparent(facts, { actor: caller.actor(), membershipId, parentId });
        if (!decision.allowed) throw forbidden(decision.reason);
        const before = facts.memberships.find((m) => m.id === membershipId)?.parentId ?? null;
        await strapi.db.query(MEMBERSHIP).update({ where: { id: membershipId }, data: { parent: parentId } });
        await audit(caller, 'membership.reassigned', membershipId, { from: before, to: parentId });
      });
    },

    /**
     * Staff hand a client to another master (rule 1: exactly one; only staff transfer it).
     * The new master is an active sub-account of the client; it holds everything now. The
     * old master stays as a sub-account with no grants under the new one, and the members it
     * managed move under the new master. Returns the old master's new relationship
     * password (shown once), as a sub-account needs one.
     */
    async transferMaster(caller: Caller, membershipId: number) {
      if (!caller.staff) throw forbidden('Only staff transfer a client to another master');
      const previous = await strapi.db.transaction(async () => {
        const facts = await caller.reload();
        const target = facts.memberships.find((m) => m.id === membershipId && m.clientId === caller.client.id);
        if (!target || target.kind !== 'sub-account' || target.status !== 'active') {
          throw new errors.ValidationError('Only an active sub-account of this client can become its master');
        }
        const old = facts.memberships.find((m) => m.clientId === caller.client.id && m.kind === 'master');
        if (old) {
          // First the old master steps down (one master per client, enforced by the database).
          await strapi.db.query(MEMBERSHIP).update({ where: { id: old.id }, data: { kind: 'sub-account', parent: membershipId, accessRole: null } });
          await plugin().service('grants').replace({ membership: old.id }, []);
          for (const child of facts.memberships.filter((m) => m.parentId === old.id && m.id !== membershipId)) {
            await strapi.db.query(MEMBERSHIP).update({ where: { id: child.id }, data: { parent: membershipId } });
          }
        }
        await strapi.db.query(MEMBERSHIP).update({ where: { id: membershipId }, data: { kind: 'master', parent: null, accessRole: null } });
        await plugin().service('grants').replace({ membership: membershipId }, []);
        await audit(caller, 'client.master-transferred', membershipId, { from: old ? facts.memberships.find((m) => m.id === old.id)?.ref ?? old.id : null, to: target.ref ?? membershipId });
        return old ?? null;
      });
      const relationshipPassword = previous ? await plugin().service('relationship-passwords').rotate(previous.id, caller.audit) : null;
      return { previous: previous ? { id: previous.id, ref: previous.ref ?? null, relationshipPassword } : null };
    },

    /** Rule 2: only the master (or staff) rotates a member's relationship password. */
    async rotatePassword(caller: Caller, membershipId: number) {
      if (!actsAsMaster(caller)) throw forbidden("Only the client's master rotates relationship passwords");
      return plugin().service('relationship-passwords').rotate(membershipId, caller.audit);
    },
  };
};

import type { Core } from '@strapi/strapi';
import { checkGrantChange, checkRoleChange, type Grant } from '../access';
import { forbidden } from '../errors';
import type { Caller } from '../caller';
import { findByDocumentId } from '../lookup';

/**
 * Rule 8, roles: a named template of grants, a client's own or global (staff).
 * A member holding a role has the role's grants, read at request time, so editing
 * the role changes every holder on its next request; its parents still narrow it,
 * so a role never lifts anyone above their ceiling. A hand edit of a member's
 * grants makes it "Custom" (see members.replaceGrants).
 */
const ROLE = 'plugin::client-area.access-role' as any;
const MEMBERSHIP = 'plugin::client-area.membership' as any;

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const plugin = () => strapi.plugin('client-area');
  const audit = (caller: Caller, action: string, roleId: number, details?: Record<string, unknown>) =>
    plugin().service('audit').record({ action, clientId: caller.client.id, subjectType: 'access-role', subjectId: roleId, details, ...caller.audit });

  /** A role's grants in force: those of sections customers see (the others stay on the role, see grants.replace). */
  const roleGrants = (role: any): Grant[] =>
    (role.grants ?? []).filter((g: any) => plugin().service('sections').isOffered(g.section)).map((g: any) => ({ section: g.section, productId: g.product?.id ?? null }));

  /** Rules 5, 6 and 8, decided by the engine on facts read inside the write's transaction. */
  const mayChange = async (caller: Caller, roleId: number | null, newGrants: Grant[] | null) => {
    const decision = checkRoleChange(await caller.reload(), { actor: caller.actor(), clientId: caller.client.id, roleId, newGrants });
    if (!decision.allowed) throw forbidden(decision.reason, decision.grant ? { grant: decision.grant } : undefined);
  };

  return {
    async list(clientId: number) {
      return strapi.db.query(ROLE).findMany({
        where: { $or: [{ client: { id: clientId } }, { client: { id: { $null: true } } }] },
        populate: { client: { select: ['id'] }, grants: { populate: { product: { select: ['id', 'documentId'] } } } },
        orderBy: { name: 'asc' },
      });
    },

    /** A role usable in this client (its own or a global one), or 404. */
    find: (clientId: number, documentId: string) =>
      findByDocumentId(strapi, ROLE, documentId, 'Role not found', {
        where: { $or: [{ client: { id: clientId } }, { client: { id: { $null: true } } }] },
        populate: { client: { select: ['id'] }, grants: { populate: { product: { select: ['id', 'documentId'] } } } },
      }),

    holders(clientId: number, roleId: number) {
      return strapi.db.query(MEMBERSHIP).findMany({
        where: { accessRole: { id: roleId }, client: { id: clientId }, membershipStatus: { $ne: 'removed' } },
        select: ['id', 'documentId'],
      });
    },

    async create(caller: Caller, input: { name: string; description?: string | null }, grants: Grant[]) {
      return strapi.db.transaction(async () => {
        await mayChange(caller, null, grants);
        const role = await strapi.db.query(ROLE).create({ data: { name: input.name, description: input.description ?? null, client: caller.client.id } });
        await plugin().service('grants').replace({ accessRole: role.id }, grants, { keepHidden: true });
        await audit(caller, 'role.created', role.id, { name: input.name, grants });
        return role;
      });
    },

    async update(caller: Caller, role: any, input: { name?: string; description?: string | null }, grants?: Grant[]) {
      if (!role.client) throw forbidden('Global roles are managed by staff');
      return strapi.db.transaction(async () => {
        // A rename changes nobody's access, but is still the role's owners' to make.
        await mayChange(caller, role.id, grants ?? null);
        const data: Record<string, unknown> = {};
        if (input.name !== undefined) data.name = input.name;
        if (input.description !== undefined) data.description = input.description;
        if (Object.keys(data).length) await strapi.db.query(ROLE).update({ where: { id: role.id }, data });
        if (grants) await plugin().service('grants').replace({ accessRole: role.id }, grants, { keepHidden: true });
        const holders = await this.holders(caller.client.id, role.id);
        await audit(caller, 'role.changed', role.id, { ...data, grants, holders: holders.map((h: any) => h.documentId) });
      });
    },

    /** Applies a role to a member: within the caller's ceiling, as any grant change. */
    async assign(caller: Caller, membershipId: number, role: any) {
      const grants = roleGrants(role);
      return strapi.db.transaction(async () => {
        const decision = checkGrantChange(await caller.reload(), { actor: caller.actor(), targetMembershipId: membershipId, newGrants: grants });
        if (!decision.allowed) throw forbidden(decision.reason, decision.grant ? { grant: decision.grant } : undefined);
        // The own grants keep a copy, so the member keeps them if the role is deleted.
        await plugin().service('grants').replace({ membership: membershipId }, grants, { keepHidden: true });
        await strapi.db.query(MEMBERSHIP).update({ where: { id: membershipId }, data: { accessRole: role.id } });
        await audit(caller, 'role.applied', role.id, { member: membershipId });
      });
    },

    /** Deletes a client role; its holders keep its grants, as "Custom". */
    async remove(caller: Caller, role: any) {
      if (!role.client) throw forbidden('Global roles are managed by staff');
      return strapi.db.transaction(async () => {
        await mayChange(caller, role.id, null);
        const grants = roleGrants(role);
        const holders = await strapi.db.query(MEMBERSHIP).findMany({ where: { accessRole: { id: role.id } }, select: ['id'] });
        for (const holder of holders) {
          await plugin().service('grants').replace({ membership: holder.id }, grants, { keepHidden: true });
          await strapi.db.query(MEMBERSHIP).update({ where: { id: holder.id }, data: { accessRole: null } });
        }
        await plugin().service('grants').replace({ accessRole: role.id }, []);
        await strapi.db.query(ROLE).delete({ where: { id: role.id } });
        await audit(caller, 'role.deleted', role.id, { name: role.name, holders: holders.length });
      });
    },
  };
};

import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { findByDocumentId, findIdentityByLogin } from '../lookup';

/**
 * Rule 9: a portfolio owner's security groups (each of its clients in exactly one,
 * "Default" holding the rest) and its secondary logons. Everything here belongs to
 * the calling identity: another owner's group or logon is simply not found.
 */
const GROUP = 'plugin::client-area.security-group' as any;
const LOGON = 'plugin::client-area.secondary-logon' as any;
const CLIENT = 'plugin::client-area.client' as any;
const MEMBERSHIP = 'plugin::client-area.membership' as any;
const IDENTITY = 'plugin::users-permissions.user';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const audit = (ownerId: number, action: string, subjectType: string, subjectId: number, details?: Record<string, unknown>, ctx?: any) =>
    strapi.plugin('client-area').service('audit').record({ action, actorIdentityId: ownerId, subjectType, subjectId, details, ctx });

  const service = {
    /** The clients the owner is the active master of. */
    async ownedClients(ownerId: number) {
      const masterships = await strapi.db.query(MEMBERSHIP).findMany({
        where: { identity: { id: ownerId }, kind: 'master', membershipStatus: 'active' },
        populate: { client: { select: ['id', 'documentId', 'name'], populate: { securityGroup: { select: ['id'] } } } },
      });
      return masterships.map((m: any) => m.client).filter(Boolean);
    },

    /** The owner's Default group, created on first use. */
    async defaultGroup(ownerId: number) {
      const existing = await strapi.db.query(GROUP).findOne({ where: { owner: { id: ownerId }, isDefault: true } });
      if (existing) return existing;
      return strapi.db.query(GROUP).create({ data: { name: 'Default', owner: ownerId, isDefault: true } });
    },

    async groups(ownerId: number) {
      const fallback = await service.defaultGroup(ownerId);
      const groups = await strapi.db.query(GROUP).findMany({ where: { owner: { id: ownerId } }, orderBy: [{ isDefault: 'desc' }, { name: 'asc' }] });
      const clients = await service.ownedClients(ownerId);
      // A client whose group is not one of this owner's is in the owner's Default group.
      const own = new Set(groups.map((g: any) => g.id));
      const groupOf = (client: any) => (own.has(client.securityGroup?.id) ? client.securityGroup.id : fallback.id);
      return groups.map((group: any) => ({ ...group, clients: clients.filter((client: any) => groupOf(client) === group.id) }));
    },

    findGroup: (ownerId: number, documentId: string) =>
      findByDocumentId(strapi, GROUP, documentId, 'Security group not found', { where: { owner: { id: ownerId } } }),

    async createGroup(ownerId: number, input: { name: string; description?: string | null }, ctx?: any) {
      await service.defaultGroup(ownerId);
      return strapi.db.transaction(async () => {
        const group = await strapi.db.query(GROUP).create({ data: { name: input.name, description: input.description ?? null, owner: ownerId } });
        await audit(ownerId, 'security-group.created', 'security-group', group.id, { name: input.name }, ctx);
        return group;
      });
    },

    async updateGroup(ownerId: number, group: any, input: { name?: string; description?: string | null }, ctx?: any) {
      if (group.isDefault && input.name !== undefined && input.name !== group.name) throw new errors.ValidationError('The Default group keeps its name');
      return strapi.db.transaction(async () => {
        await strapi.db.query(GROUP).update({ where: { id: group.id }, data: input });
        await audit(ownerId, 'security-group.changed', 'security-group', group.id, input, ctx);
      });
    },

    /** Deletes a group; its clients fall back to Default, its logons lose it. */
    async removeGroup(ownerId: number, group: any, ctx?: any) {
      if (group.isDefault) throw new errors.ValidationError("The Default group can't be deleted");
      return strapi.db.transaction(async () => {
        const clients = await strapi.db.query(CLIENT).findMany({ where: { securityGroup: { id: group.id } }, select: ['id'] });
        for (const client of clients) await strapi.db.query(CLIENT).update({ where: { id: client.id }, data: { securityGroup: null } });
        await strapi.db.query(GROUP).delete({ where: { id: group.id } });
        await audit(ownerId, 'security-group.deleted', 'security-group', group.id, { name: group.name, clients: clients.length }, ctx);
      });
    },

    /** Moves clients into a group; a client is in exactly one group of its owner. */
    async assignClients(ownerId: number, group: any, clientDocumentIds: string[], ctx?: any) {
      const owned = await service.ownedClients(ownerId);
      const byDocumentId = new Map(owned.map((c: any) => [c.documentId, c]));
      const clients = clientDocumentIds.map((documentId) => {
        const client = byDocumentId.get(documentId);
        if (!client) throw new errors.ValidationError(`clients: ${documentId} is not a client you are the master of`);
        return client as any;
      });
      return strapi.db.transaction(async () => {
        for (const client of clients) {
          await strapi.db.query(CLIENT).update({ where: { id: client.id }, data: { securityGroup: group.isDefault ? null : group.id } });
          await audit(ownerId, 'client.security-group-changed', 'client', client.id, { group: group.documentId }, ctx);
        }
      });
    },

    async logons(ownerId: number) {
      return strapi.db.query(LOGON).findMany({
        where: { owner: { id: ownerId } },
        populate: { logon: { select: ['username', 'email'] }, securityGroups: { select: ['documentId', 'name'] } },
        orderBy: { id: 'asc' },
      });
    },

    findLogon: (ownerId: number, documentId: string) =>
      findByDocumentId(strapi, LOGON, documentId, 'Secondary logon not found', { where: { owner: { id: ownerId } }, populate: { logon: { select: ['id'] } } }),

    async groupIds(ownerId: number, documentIds: string[]) {
      await service.defaultGroup(ownerId);
      const groups = documentIds.length ? await strapi.db.query(GROUP).findMany({ where: { documentId: { $in: documentIds }, owner: { id: ownerId } }, select: ['id', 'documentId'] }) : [];
      const missing = documentIds.find((d) => !groups.some((g: any) => g.documentId === d));
      if (missing) throw new errors.ValidationError(`securityGroups: ${missing} is not one of your security groups`);
      return groups.map((g: any) => g.id);
    },

    checkSections(sections: string[]) {
      for (const section of sections) strapi.plugin('client-area').service('sections').check(section);
      return [...new Set(sections)];
    },

    async createLogon(
      ownerId: number,
      input: { login?: string; newIdentity?: { username: string; email: string; password: string }; securityGroups: string[]; sections: string[] },
      ctx?: any,
    ) {
      const sections = service.checkSections(input.sections);
      const groups = await service.groupIds(ownerId, input.securityGroups);
      return strapi.db.transaction(async () => {
        let identity: any;
        if (input.login) {
          identity = await findIdentityByLogin(strapi, input.login, 'No account with this login');
        } else {
          const taken = await strapi.db.query(IDENTITY).findOne({ where: { $or: [{ username: input.newIdentity!.username }, { email: input.newIdentity!.email }] }, select: ['id'] });
          if (taken) throw new errors.ValidationError('newIdentity: this username or email is taken');
          const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'authenticated' } });
          identity = await strapi.plugin('users-permissions').service('user').add({ ...input.newIdentity, provider: 'local', confirmed: true, blocked: false, role: role.id });
        }
        if (identity.id === ownerId) throw new errors.ValidationError("You can't be your own secondary logon");
        const logon = await strapi.db.query(LOGON).create({ data: { owner: ownerId, logon: identity.id, securityGroups: groups, sections, logonStatus: 'active' } });
        await audit(ownerId, 'secondary-logon.created', 'secondary-logon', logon.id, { logon: identity.username, sections, groups: input.securityGroups }, ctx);
        return logon;
      });
    },

    async updateLogon(ownerId: number, logon: any, input: { securityGroups?: string[]; sections?: string[] }, ctx?: any) {
      const data: Record<string, unknown> = {};
      if (input.sections) data.sections = service.checkSections(input.sections);
      if (input.securityGroups) data.securityGroups = await service.groupIds(ownerId, input.securityGroups);
      return strapi.db.transaction(async () => {
        await strapi.db.query(LOGON).update({ where: { id: logon.id }, data });
        await audit(ownerId, 'secondary-logon.changed', 'secondary-logon', logon.id, input, ctx);
      });
    },

    /**
     * Rule 9: a secondary logon is cancelled when its owner is — blocked, deleted, or no
     * longer the active master of any client — and stays cancelled if the owner comes
     * back: a new logon must be made on purpose. Each one is audited.
     */
    async cancelLogonsOf(ownerId: number, reason: string) {
      const logons = await strapi.db.query(LOGON).findMany({ where: { owner: { id: ownerId }, logonStatus: 'active' }, select: ['id'] });
      for (const logon of logons) {
        await strapi.db.query(LOGON).update({ where: { id: logon.id }, data: { logonStatus: 'cancelled' } });
        await strapi.plugin('client-area').service('audit').record({ action: 'secondary-logon.cancelled', subjectType: 'secondary-logon', subjectId: logon.id, details: { reason, owner: ownerId } });
      }
      return logons.length;
    },

    /** Watches what ends an owner, wherever it happens (the API, the admin panel, a script). */
    watchOwners() {
      const stillOwns = async (ownerId: number) => (await service.ownedClients(ownerId)).length > 0;
      strapi.db.lifecycles.subscribe({
        models: [IDENTITY],
        async afterUpdate(event: any) {
          if (event.result?.blocked === true) await service.cancelLogonsOf(event.result.id, 'the owner was blocked');
        },
        async beforeDelete(event: any) {
          const owner = await strapi.db.query(IDENTITY).findOne({ where: event.params?.where ?? {}, select: ['id'] });
          if (owner) await service.cancelLogonsOf(owner.id, 'the owner was deleted');
        },
      });
      strapi.db.lifecycles.subscribe({
        models: [MEMBERSHIP],
        async afterUpdate(event: any) {
          if (!event.result?.id || (event.result.kind === 'master' && event.result.membershipStatus === 'active')) return;
          const membership = await strapi.db.query(MEMBERSHIP).findOne({ where: { id: event.result.id }, populate: { identity: { select: ['id'] } } });
          const ownerId = membership?.identity?.id;
          if (ownerId && membership.kind === 'master' && !(await stillOwns(ownerId))) await service.cancelLogonsOf(ownerId, 'the owner is no longer the master of any client');
        },
        async beforeDelete(event: any) {
          const membership = await strapi.db.query(MEMBERSHIP).findOne({ where: event.params?.where ?? {}, populate: { identity: { select: ['id'] } } });
          if (membership?.kind === 'master' && membership.identity) event.state.owner = membership.identity.id;
        },
        async afterDelete(event: any) {
          if (event.state?.owner && !(await stillOwns(event.state.owner))) await service.cancelLogonsOf(event.state.owner, 'the owner is no longer the master of any client');
        },
      });
    },

    async cancelLogon(ownerId: number, logon: any, ctx?: any) {
      return strapi.db.transaction(async () => {
        await strapi.db.query(LOGON).update({ where: { id: logon.id }, data: { logonStatus: 'cancelled' } });
        await audit(ownerId, 'secondary-logon.cancelled', 'secondary-logon', logon.id, {}, ctx);
      });
    },
  };
  return service;
};

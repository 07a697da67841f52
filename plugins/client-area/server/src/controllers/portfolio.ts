import type { Core } from '@strapi/strapi';
import { parse, securityGroupInput, securityGroupChanges, groupClients, secondaryLogonInput, secondaryLogonChanges } from '../validation';

/** Rule 9: the caller's own security groups and secondary logons, as a portfolio owner. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const service = () => strapi.plugin('client-area').service('portfolio');
  const groupDto = (group: any) => ({
    documentId: group.documentId,
    name: group.name,
    description: group.description ?? null,
    isDefault: Boolean(group.isDefault),
    clients: (group.clients ?? []).map((c: any) => ({ documentId: c.documentId, name: c.name })),
  });
  const logonDto = (logon: any) => ({
    documentId: logon.documentId,
    logon: { username: logon.logon?.username ?? null, email: logon.logon?.email ?? null },
    status: logon.logonStatus,
    sections: logon.sections ?? [],
    securityGroups: (logon.securityGroups ?? []).map((g: any) => ({ documentId: g.documentId, name: g.name })),
  });
  const owner = (ctx: any) => ctx.state.user.id as number;
  const listGroups = async (ctx: any) => (await service().groups(owner(ctx))).map(groupDto);
  const showLogon = async (ctx: any, documentId: string) => logonDto((await service().logons(owner(ctx))).find((l: any) => l.documentId === documentId));

  return {
    async groups(ctx) {
      ctx.body = { data: await listGroups(ctx) };
    },
    async createGroup(ctx) {
      const group = await service().createGroup(owner(ctx), parse(securityGroupInput, ctx.request.body), ctx);
      ctx.status = 201;
      ctx.body = { data: (await listGroups(ctx)).find((g: any) => g.documentId === group.documentId) };
    },
    async updateGroup(ctx) {
      const group = await service().findGroup(owner(ctx), ctx.params.groupId);
      await service().updateGroup(owner(ctx), group, parse(securityGroupChanges, ctx.request.body), ctx);
      ctx.body = { data: (await listGroups(ctx)).find((g: any) => g.documentId === group.documentId) };
    },
    async removeGroup(ctx) {
      const group = await service().findGroup(owner(ctx), ctx.params.groupId);
      await service().removeGroup(owner(ctx), group, ctx);
      ctx.status = 204;
    },
    async assignClients(ctx) {
      const group = await service().findGroup(owner(ctx), ctx.params.groupId);
      await service().assignClients(owner(ctx), group, parse(groupClients, ctx.request.body).clients, ctx);
      ctx.body = { data: (await listGroups(ctx)).find((g: any) => g.documentId === group.documentId) };
    },
    async logons(ctx) {
      ctx.body = { data: (await service().logons(owner(ctx))).map(logonDto) };
    },
    async createLogon(ctx) {
      const logon = await service().createLogon(owner(ctx), parse(secondaryLogonInput, ctx.request.body), ctx);
      ctx.status = 201;
      ctx.body = { data: await showLogon(ctx, logon.documentId) };
    },
    async updateLogon(ctx) {
      const logon = await service().findLogon(owner(ctx), ctx.params.logonId);
      await service().updateLogon(owner(ctx), logon, parse(secondaryLogonChanges, ctx.request.body), ctx);
      ctx.body = { data: await showLogon(ctx, logon.documentId) };
    },
    async cancelLogon(ctx) {
      const logon = await service().findLogon(owner(ctx), ctx.params.logonId);
      await service().cancelLogon(owner(ctx), logon, ctx);
      ctx.body = { data: await showLogon(ctx, logon.documentId) };
    },
  };
};

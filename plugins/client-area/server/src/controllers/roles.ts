import type { Core } from '@strapi/strapi';
import { parse, roleInput, roleChanges, roleAssignment } from '../validation';
import type { ClientAreaState } from '../policies/client-access';
import { callerOf } from '../caller';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const service = (name: string) => strapi.plugin('client-area').service(name);
  const caller = (ctx: any) => callerOf(strapi, ctx);

  const toDto = async (role: any, clientId: number) => ({
    documentId: role.documentId,
    name: role.name,
    description: role.description ?? null,
    global: !role.client,
    grants: (role.grants ?? [])
      .filter((g: any) => service('sections').isOffered(g.section))
      .map((g: any) => ({ section: g.section, product: g.product?.documentId ?? null })),
    holders: (await service('roles').holders(clientId, role.id)).map((m: any) => m.documentId),
  });

  return {
    async list(ctx) {
      const { client } = ctx.state.clientArea as ClientAreaState;
      const roles = await service('roles').list(client.id);
      ctx.body = { data: await Promise.all(roles.map((role: any) => toDto(role, client.id))) };
    },

    async show(ctx) {
      const { client } = ctx.state.clientArea as ClientAreaState;
      ctx.body = { data: await toDto(await service('roles').find(client.id, ctx.params.roleId), client.id) };
    },

    async create(ctx) {
      const { client } = ctx.state.clientArea as ClientAreaState;
      const input = parse(roleInput, ctx.request.body);
      const grants = await service('grants').toFacts(client.id, input.grants);
      const role = await service('roles').create(caller(ctx), input, grants);
      ctx.status = 201;
      ctx.body = { data: await toDto(await service('roles').find(client.id, role.documentId), client.id) };
    },

    async update(ctx) {
      const { client } = ctx.state.clientArea as ClientAreaState;
      const role = await service('roles').find(client.id, ctx.params.roleId);
      const input = parse(roleChanges, ctx.request.body);
      const grants = input.grants ? await service('grants').toFacts(client.id, input.grants) : undefined;
      await service('roles').update(caller(ctx), role, input, grants);
      ctx.body = { data: await toDto(await service('roles').find(client.id, role.documentId), client.id) };
    },

    async remove(ctx) {
      const { client } = ctx.state.clientArea as ClientAreaState;
      const role = await service('roles').find(client.id, ctx.params.roleId);
      await service('roles').remove(caller(ctx), role);
      ctx.status = 204;
    },

    async assign(ctx) {
      const { client } = ctx.state.clientArea as ClientAreaState;
      const membership = await service('members').find(client.id, ctx.params.memberId);
      const { role: roleId } = parse(roleAssignment, ctx.request.body);
      const role = await service('roles').find(client.id, roleId);
      await service('roles').assign(caller(ctx), membership.id, role);
      ctx.body = { data: { member: membership.documentId, role: role.documentId } };
    },
  };
};

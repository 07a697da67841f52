import request from 'supertest';
import type { Core } from '@strapi/strapi';

const PASSWORD = 'Staff-pass-2026';

/** An admin-panel user logged in to the admin API: super admin, or with the given role code. */
export async function staffLogin(strapi: Core.Strapi, server: any, roleCode = 'strapi-super-admin') {
  return staffLoginWithRole(strapi, server, (await strapi.db.query('admin::role').findOne({ where: { code: roleCode } })).id);
}

/** An admin-panel user with one role, by id. */
export async function staffLoginWithRole(strapi: Core.Strapi, server: any, roleId: number) {
  const email = `staff-${Math.random().toString(36).slice(2)}@client-area.test`;
  await strapi.service('admin::user').create({ email, firstname: 'Staff', lastname: 'Member', password: PASSWORD, isActive: true, registrationToken: null, roles: [roleId] });
  const res = await request(server).post('/admin/login').send({ email, password: PASSWORD }).expect(200);
  const token = res.body.data.token;
  const api = (path: string) => `/client-area${path}`;
  return {
    token,
    /** Any admin API path, e.g. the content manager's. */
    admin: (method: 'get' | 'post' | 'put' | 'delete', path: string) => request(server)[method](path).set('Authorization', `Bearer ${token}`),
    get: (path: string) => request(server).get(api(path)).set('Authorization', `Bearer ${token}`),
    post: (path: string, body?: object) => request(server).post(api(path)).set('Authorization', `Bearer ${token}`).send(body ?? {}),
    put: (path: string, body?: object) => request(server).put(api(path)).set('Authorization', `Bearer ${token}`).send(body ?? {}),
    del: (path: string) => request(server).delete(api(path)).set('Authorization', `Bearer ${token}`),
  };
}

/**
 * An admin-panel user whose one role holds exactly these permissions: an action alone, or an
 * action on a subject (a content type, for the content manager's).
 */
export async function staffLoginWithPermissions(strapi: Core.Strapi, server: any, name: string, permissions: Array<string | { action: string; subject: string }>) {
  const roles = strapi.service('admin::role');
  const role = await roles.create({ name: `${name} ${Math.random().toString(36).slice(2, 8)}`, description: name });
  await roles.assignPermissions(
    role.id,
    permissions.map((p) => (typeof p === 'string' ? { action: p, subject: null } : p)).map((p) => ({ ...p, properties: {}, conditions: [] })),
  );
  return staffLoginWithRole(strapi, server, role.id);
}

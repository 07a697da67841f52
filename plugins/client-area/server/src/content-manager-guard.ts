import type { Core } from '@strapi/strapi';
import { CONTENT_TYPE_AREA, STAFF_AREAS, staffAction } from './staff-permissions';

/**
 * The content manager is a power tool over the plugin's raw rows (grants, the outbox,
 * intake records, audit entries). Strapi gives its default Editor and Author roles
 * content-manager rights on every content type that exists when the first admin is
 * made, which would let them raise any customer's access or read one-time links. So:
 *
 * - the default roles' content-manager rights on the plugin's types are stripped at
 *   every start and again whenever admin permissions are written (the first admin may
 *   be made after start);
 * - at request time the content manager serves each of the plugin's types only to an
 *   admin holding the plugin's own permission for its area (staff-permissions.ts:
 *   reading an invoice needs billing's "read", writing it billing's "manage"; the audit
 *   log is never written), whatever the role's content-manager rights say;
 * - the plugin's private attributes (hashes, tokens, raw mail, derived keys) are
 *   never shown there nor written from there, even to a super admin.
 */
const PLUGIN_PREFIX = 'plugin::client-area.';
const EXPLORER = 'plugin::content-manager.explorer.';
const DEFAULT_ROLES = ['strapi-editor', 'strapi-author'];

const isPluginModel = (model: unknown): model is string => typeof model === 'string' && model.startsWith(PLUGIN_PREFIX);

/** Deletes the default roles' content-manager permissions on the plugin's types. */
export async function stripDefaultRoles(strapi: Core.Strapi) {
  const roles = await strapi.db.query('admin::role').findMany({ where: { code: { $in: DEFAULT_ROLES } }, select: ['id'] });
  if (roles.length === 0) return 0;
  return (
    await strapi.db.query('admin::permission').deleteMany({
      where: { role: { id: { $in: roles.map((role: any) => role.id) } }, action: { $startsWith: EXPLORER }, subject: { $startsWith: PLUGIN_PREFIX } },
    })
  ).count as number;
}

/** The attributes of a plugin type that nobody sees or writes through the content manager. */
const privateAttributes = (strapi: Core.Strapi, model: string): string[] => {
  const attributes = (strapi.contentType(model as any)?.attributes ?? {}) as Record<string, any>;
  return Object.entries(attributes)
    .filter(([, attribute]) => attribute.private === true)
    .map(([name]) => name);
};

const without = (fields: string[]) => (data: any): any => {
  if (Array.isArray(data)) return data.map(without(fields));
  if (!data || typeof data !== 'object') return data;
  const copy = { ...data };
  for (const field of fields) delete copy[field];
  return copy;
};

const deniedChecker = (base: any) => {
  const no = () => false;
  const yes = () => true;
  const can: any = no;
  const cannot: any = yes;
  for (const action of ['read', 'create', 'update', 'delete', 'publish', 'unpublish', 'discard']) {
    can[action] = no;
    cannot[action] = yes;
  }
  return { ...base, can, cannot };
};

/**
 * Types whose changes mean more than a row: accepting an order makes a product, owned and
 * shown as the orderer chose, and mails the orderer. They are changed in the plugin's own
 * screens only; an order flipped to "accepted" here would have made nothing.
 */
const CHANGED_ELSEWHERE = ['order'];

/** The plugin's types nobody writes in the content manager: those of an area staff only read (the audit log), and those changed elsewhere. */
const READ_ONLY_TYPES = Object.entries(CONTENT_TYPE_AREA)
  .filter(([name, area]) => !('manage' in STAFF_AREAS[area]) || CHANGED_ELSEWHERE.includes(name))
  .map(([name]) => `${PLUGIN_PREFIX}${name}`);

/**
 * Takes the read-only types out of the content manager's write actions as it registers
 * them (which it does after our register), so no role — not even the super admin, who is
 * given every action there is — holds them, and the content manager offers no "Create new
 * entry", edit or delete there. Writes are refused at request time whatever a role holds.
 */
export function keepReadOnlyTypesOutOfWriteActions(strapi: Core.Strapi) {
  strapi.service('admin::permission').actionProvider.hooks.willRegister.register(({ key, value }: { key: string; value: { subjects?: string[] } }) => {
    if (!key.startsWith(EXPLORER) || key === `${EXPLORER}read` || !Array.isArray(value.subjects)) return;
    value.subjects = value.subjects.filter((subject) => !READ_ONLY_TYPES.includes(subject));
  });
}

/** Wraps the content manager's permission checker for the plugin's types. */
export function guardContentManager(strapi: Core.Strapi) {
  strapi.get('services').extend('plugin::content-manager.permission-checker', (service: any) => ({
    ...service,
    create(params: { userAbility: any; model: string }) {
      const checker = service.create(params);
      if (!isPluginModel(params.model)) return checker;
      const ability = params.userAbility;
      const area = CONTENT_TYPE_AREA[params.model.slice(PLUGIN_PREFIX.length)];
      if (!area || !ability?.can?.(staffAction(area, 'read'))) return deniedChecker(checker);
      const hidden = privateAttributes(strapi, params.model);
      const guarded = {
        ...checker,
        sanitizeOutput: async (data: any, options?: any) => without(hidden)(await checker.sanitizeOutput(data, options)),
        sanitizeCreateInput: async (data: any) => without(hidden)(await checker.sanitizeCreateInput(data)),
        sanitizeUpdateInput: (entity: any) => async (data: any) => without(hidden)(await checker.sanitizeUpdateInput(entity)(data)),
      };
      if (!READ_ONLY_TYPES.includes(params.model) && ability.can(staffAction(area, 'manage'))) return guarded;
      // Read-only: every write is refused.
      const can: any = (action: string, ...rest: any[]) => !action.startsWith(EXPLORER) || action === `${EXPLORER}read` ? checker.can(action, ...rest) : false;
      const cannot: any = (action: string, ...rest: any[]) => !can(action, ...rest);
      can.read = checker.can.read;
      cannot.read = checker.cannot.read;
      for (const action of ['create', 'update', 'delete', 'publish', 'unpublish', 'discard']) {
        can[action] = () => false;
        cannot[action] = () => true;
      }
      return { ...guarded, can, cannot };
    },
  }));

  // Strapi makes the default roles' permissions after our start on a fresh database (and
  // an admin may give them back by hand): each such permission is removed as it is written.
  strapi.db.lifecycles.subscribe({
    models: ['admin::permission'],
    async afterCreate(event: any) {
      const { action, subject, role } = event.params?.data ?? {};
      if (typeof action !== 'string' || !action.startsWith(EXPLORER) || !isPluginModel(subject)) return;
      const roleId = typeof role === 'object' && role !== null ? (role.id ?? role.connect?.[0]?.id) : role;
      const owner = await strapi.db.query('admin::role').findOne({ where: { id: roleId }, select: ['code'] });
      if (owner && DEFAULT_ROLES.includes(owner.code)) await strapi.db.query('admin::permission').delete({ where: { id: event.result.id } });
    },
  });
}

/** The types whose rows are someone's access: an edit of one in the content manager is audited (rule 15). */
const ACCESS_TYPES = ['client', 'contact', 'membership', 'grant', 'access-role', 'product', 'security-group', 'secondary-logon', 'user-category'].map(
  (name) => `${PLUGIN_PREFIX}${name}`,
);

/** The client a row belongs to, for the audit log its master reads. */
async function clientOf(strapi: Core.Strapi, uid: string, id: number): Promise<number | null> {
  if (uid === `${PLUGIN_PREFIX}client`) return id;
  if (uid === `${PLUGIN_PREFIX}grant`) {
    const grant = await strapi.db.query(uid as any).findOne({ where: { id }, populate: { membership: { populate: { client: { select: ['id'] } } }, accessRole: { populate: { client: { select: ['id'] } } } } });
    return grant?.membership?.client?.id ?? grant?.accessRole?.client?.id ?? null;
  }
  const attributes = (strapi.contentType(uid as any)?.attributes ?? {}) as Record<string, any>;
  if (!attributes.client) return null;
  const row = await strapi.db.query(uid as any).findOne({ where: { id }, populate: { client: { select: ['id'] } } });
  return row?.client?.id ?? null;
}

/**
 * Staff editing access rows by hand in the content manager go around the API's checks
 * (that is what the power tool is for), but not around the audit log: every create,
 * update and delete there is recorded with the admin who made it.
 */
export function auditContentManagerEdits(strapi: Core.Strapi) {
  const fromContentManager = () => {
    const ctx: any = strapi.requestContext.get();
    return ctx && typeof ctx.path === 'string' && ctx.path.startsWith('/content-manager/') ? ctx : null;
  };
  const record = async (ctx: any, action: string, uid: string, row: any, clientId: number | null, fields?: string[]) =>
    strapi.plugin('client-area').service('audit').record({
      action: `content-manager.${action}`,
      clientId,
      actorStaffId: ctx.state?.user?.id ?? null,
      subjectType: uid.slice(PLUGIN_PREFIX.length),
      subjectId: row?.documentId ?? row?.id ?? null,
      details: fields ? { fields } : undefined,
      ctx,
    });
  strapi.db.lifecycles.subscribe({
    models: ACCESS_TYPES,
    async afterCreate(event: any) {
      const ctx = fromContentManager();
      if (ctx && event.result?.id) await record(ctx, 'created', event.model.uid, event.result, await clientOf(strapi, event.model.uid, event.result.id), Object.keys(event.params?.data ?? {}));
    },
    async afterUpdate(event: any) {
      const ctx = fromContentManager();
      if (ctx && event.result?.id) await record(ctx, 'updated', event.model.uid, event.result, await clientOf(strapi, event.model.uid, event.result.id), Object.keys(event.params?.data ?? {}));
    },
    async beforeDelete(event: any) {
      const ctx = fromContentManager();
      if (!ctx) return;
      const row = await strapi.db.query(event.model.uid).findOne({ where: event.params?.where ?? {}, select: ['id', 'documentId'] });
      if (row) event.state.audited = { row, clientId: await clientOf(strapi, event.model.uid, row.id) };
    },
    async afterDelete(event: any) {
      const ctx = fromContentManager();
      if (ctx && event.state?.audited) await record(ctx, 'deleted', event.model.uid, event.state.audited.row, event.state.audited.clientId);
    },
  });
}

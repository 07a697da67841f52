import type { Core } from '@strapi/strapi';
import { forbidden } from '../errors';
import type { ClientAreaState } from '../policies/client-access';
import { auditQuery, clientAuditQuery, parse } from '../validation';
import { findByDocumentId } from '../lookup';

const ENTRY = 'plugin::client-area.audit-entry' as any;
/** Entries a page of a client's own log. */
const CLIENT_PAGE = 50;
const NAMED: Record<string, { uid: string; field: string }> = {
  membership: { uid: 'plugin::client-area.membership', field: 'label' },
  product: { uid: 'plugin::client-area.product', field: 'name' },
  contact: { uid: 'plugin::client-area.contact', field: 'email' },
  'access-role': { uid: 'plugin::client-area.access-role', field: 'name' },
  order: { uid: 'plugin::client-area.order', field: 'reference' },
};

/** The end of a day given as a date ("2026-11-25" up to its last millisecond); an instant as it is. */
const until = (value: string) => (value.length === 10 ? new Date(new Date(`${value}T00:00:00.000Z`).getTime() + 86_400_000 - 1) : new Date(value));

/**
 * What each entry of a page is about, by name (one query per kind of subject on the
 * page), and its details with the grants' products named: `subject` and `details`.
 */
async function describer(strapi: Core.Strapi, rows: any[]) {
  const names = new Map<string, string>();
  // The plugin's services name a subject by its id, the content manager's hooks by its documentId.
  for (const [type, { uid, field }] of Object.entries(NAMED)) {
    const keys = [...new Set(rows.filter((r: any) => r.subjectType === type && typeof r.subjectId === 'string').map((r: any) => r.subjectId as string))];
    const ids = keys.filter((key) => /^\d+$/.test(key)).map(Number);
    const documentIds = keys.filter((key) => !/^\d+$/.test(key));
    if (!keys.length) continue;
    const found = await strapi.db.query(uid as any).findMany({ where: { $or: [{ id: { $in: ids } }, { documentId: { $in: documentIds } }] }, select: ['id', 'documentId', field] });
    for (const row of found) {
      names.set(`${type}:${row.id}`, row[field]);
      names.set(`${type}:${row.documentId}`, row[field]);
    }
  }
  // Grants in the details name their products, as staff know them.
  const isGrant = (value: any) => value && typeof value === 'object' && typeof value.section === 'string' && 'productId' in value;
  const productIds = new Set<number>();
  for (const row of rows) for (const value of Object.values(row.details ?? {})) if (Array.isArray(value)) for (const g of value) if (isGrant(g) && g.productId !== null) productIds.add(Number(g.productId));
  const productNames = new Map<number, string>();
  if (productIds.size) for (const p of await strapi.db.query('plugin::client-area.product' as any).findMany({ where: { id: { $in: [...productIds] } }, select: ['id', 'name'] })) productNames.set(p.id, p.name);
  const named = (details: any) =>
    details && typeof details === 'object' && !Array.isArray(details)
      ? Object.fromEntries(
          Object.entries(details).map(([key, value]) => [
            key,
            Array.isArray(value) && value.every(isGrant) ? value.map((g: any) => ({ section: g.section, product: g.productId === null ? null : productNames.get(Number(g.productId)) ?? `#${g.productId}` })) : value,
          ]),
        )
      : details;
  return (row: any) => ({
    subject: row.subjectType ? { type: row.subjectType, id: row.subjectId, name: names.get(`${row.subjectType}:${row.subjectId}`) ?? null } : null,
    details: named(row.details),
  });
}

/**
 * Rule 15: the audit log of a client, for its master and staff only: it names who did
 * what to whom, from which address and program.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * Staff: the whole audit log, newest first, filtered by client, actor (a login, an email
   * or a staff member's name), action (a name, or its start ending in a dot) and dates.
   */
  async search(ctx) {
    const query = parse(auditQuery, ctx.query);
    const where: Record<string, unknown>[] = [];
    if (query.client) where.push({ client: { id: (await findByDocumentId(strapi, 'plugin::client-area.client', query.client, 'Client not found', { select: ['id'] })).id } });
    if (query.action) where.push({ action: query.action.endsWith('.') ? { $startsWith: query.action } : query.action });
    if (query.actor) {
      const like = { $containsi: query.actor };
      where.push({ $or: [{ actorIdentity: { $or: [{ username: like }, { email: like }] } }, { actorStaff: { $or: [{ email: like }, { firstname: like }, { lastname: like }] } }] });
    }
    if (query.from) where.push({ createdAt: { $gte: new Date(query.from) } });
    if (query.to) where.push({ createdAt: { $lte: until(query.to) } });
    const filter = where.length ? { $and: where } : {};
    const [rows, total] = await Promise.all([
      strapi.db.query(ENTRY).findMany({
        where: filter,
        populate: { client: { select: ['documentId', 'name'] }, actorIdentity: { select: ['username', 'email'] }, actorStaff: { select: ['firstname', 'lastname', 'email'] } },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        limit: query.pageSize,
        offset: (query.page - 1) * query.pageSize,
      }),
      strapi.db.query(ENTRY).count({ where: filter }),
    ]);
    const describe = await describer(strapi, rows);
    ctx.body = {
      data: rows.map((row: any) => ({
        id: row.id,
        action: row.action,
        at: row.createdAt,
        client: row.client ? { documentId: row.client.documentId, name: row.client.name } : null,
        actor: row.actorIdentity
          ? { kind: 'customer', name: row.actorIdentity.username, email: row.actorIdentity.email }
          : row.actorStaff
            ? { kind: 'staff', name: [row.actorStaff.firstname, row.actorStaff.lastname].filter(Boolean).join(' ') || row.actorStaff.email, email: row.actorStaff.email }
            : { kind: 'system', name: null, email: null },
        ...describe(row),
        ip: row.ip,
      })),
      meta: { page: query.page, pageSize: query.pageSize, total },
    };
  },

  /** A client's own log, newest first, 50 a page: who did what to whom (named), and from where. */
  async list(ctx) {
    const state = ctx.state.clientArea as ClientAreaState;
    const master = state.facts.memberships.some((m) => m.id === state.membershipId && m.kind === 'master');
    if (!state.staff && !master) throw forbidden("Only the client's master reads its audit log");
    const { page } = parse(clientAuditQuery, ctx.query);
    const where = { client: { id: state.client.id } };
    const [rows, total] = await Promise.all([
      strapi.db.query(ENTRY).findMany({
        where,
        populate: { actorIdentity: { select: ['username'] }, actorStaff: { select: ['id'] } },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        limit: CLIENT_PAGE,
        offset: (page - 1) * CLIENT_PAGE,
      }),
      strapi.db.query(ENTRY).count({ where }),
    ]);
    const describe = await describer(strapi, rows);
    ctx.body = {
      data: rows.map((row: any) => {
        const { subject, details } = describe(row);
        return {
          action: row.action,
          at: row.createdAt,
          actor: row.actorIdentity?.username ?? (row.actorStaff ? 'staff' : null),
          subject: subject ? { type: subject.type, name: subject.name } : null,
          details,
          ip: row.ip,
        };
      }),
      meta: { page, pageSize: CLIENT_PAGE, total },
    };
  },
});

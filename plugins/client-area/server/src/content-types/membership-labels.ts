import type { Core } from '@strapi/strapi';
import { connectionOf, columnOf, linkOf, tableOf } from '../queries/links';
import { ca, IDENTITY } from './options';

/**
 * A membership is named where the admin panel shows it — the content manager's lists and
 * every relation picker (a member's parent, a grant's membership) — "bob @ Acme Hosting",
 * never a hash or "Untitled". The name is a column kept in step with the login's username
 * and the client's name: after every write of a membership, and when a client is renamed
 * or a username changes (lifecycles below); rows an older version left are named at start,
 * in one statement.
 */
const MEMBERSHIP = ca('membership');
const CLIENT = ca('client');

/** At most 255 characters: Strapi's string is varchar(255) on PostgreSQL (the SQL below cuts the same way). */
export const membershipLabel = (username: string | null, clientName: string | null) => `${username ?? '(no login)'} @ ${clientName ?? '(no client)'}`.slice(0, 255);

type Which = { membershipId: number } | { clientId: number } | { identityId: number };

/** Names every membership without a name (rows an older version or a bulk import left) in one statement. */
export async function nameUnnamedMemberships(strapi: Core.Strapi): Promise<number> {
  const db = await connectionOf(strapi);
  const memberships = tableOf(strapi, MEMBERSHIP);
  const toIdentity = linkOf(strapi, MEMBERSHIP, 'identity');
  const toClient = linkOf(strapi, MEMBERSHIP, 'client');
  const username = db(`${toIdentity.table} as mi`)
    .join(`${tableOf(strapi, IDENTITY)} as u`, 'u.id', `mi.${toIdentity.to}`)
    .whereRaw('?? = ??', [`mi.${toIdentity.from}`, `${memberships}.id`])
    .select('u.username')
    .limit(1);
  const clientName = db(`${toClient.table} as mc`)
    .join(`${tableOf(strapi, CLIENT)} as c`, 'c.id', `mc.${toClient.to}`)
    .whereRaw('?? = ??', [`mc.${toClient.from}`, `${memberships}.id`])
    .select(`c.${columnOf(strapi, CLIENT, 'name')}`)
    .limit(1);
  return db(memberships)
    .whereNull(columnOf(strapi, MEMBERSHIP, 'label'))
    .update({ [columnOf(strapi, MEMBERSHIP, 'label')]: db.raw("substr(coalesce((?), '(no login)') || ' @ ' || coalesce((?), '(no client)'), 1, 255)", [username, clientName]) });
}

/** Names the memberships chosen by `which` whose name is out of step; returns how many changed. */
export async function nameMemberships(strapi: Core.Strapi, which: Which): Promise<number> {
  const db = await connectionOf(strapi);
  const memberships = tableOf(strapi, MEMBERSHIP);
  const toIdentity = linkOf(strapi, MEMBERSHIP, 'identity');
  const toClient = linkOf(strapi, MEMBERSHIP, 'client');
  const label = columnOf(strapi, MEMBERSHIP, 'label');
  const query = db(`${memberships} as m`)
    .leftJoin(`${toIdentity.table} as mi`, `mi.${toIdentity.from}`, 'm.id')
    .leftJoin(`${tableOf(strapi, IDENTITY)} as u`, 'u.id', `mi.${toIdentity.to}`)
    .leftJoin(`${toClient.table} as mc`, `mc.${toClient.from}`, 'm.id')
    .leftJoin(`${tableOf(strapi, CLIENT)} as c`, 'c.id', `mc.${toClient.to}`)
    .select('m.id as id', `m.${label} as label`, 'u.username as username', `c.${columnOf(strapi, CLIENT, 'name')} as clientName`);
  if ('membershipId' in which) query.where('m.id', which.membershipId);
  else if ('clientId' in which) query.where(`mc.${toClient.to}`, which.clientId);
  else query.where(`mi.${toIdentity.to}`, which.identityId);
  let changed = 0;
  for (const row of await query) {
    const name = membershipLabel(row.username ?? null, row.clientName ?? null);
    if (row.label === name) continue;
    await db(memberships).where('id', row.id).update({ [label]: name });
    changed += 1;
  }
  return changed;
}

/** Keeps names in step when a client is renamed or a login's username changes. */
export function watchMembershipNames(strapi: Core.Strapi) {
  strapi.db.lifecycles.subscribe({
    models: [CLIENT],
    async afterUpdate(event: any) {
      if (event.result?.id && event.params?.data && 'name' in event.params.data) await nameMemberships(strapi, { clientId: event.result.id });
    },
  });
  strapi.db.lifecycles.subscribe({
    models: [IDENTITY],
    async afterUpdate(event: any) {
      if (event.result?.id && event.params?.data && 'username' in event.params.data) await nameMemberships(strapi, { identityId: event.result.id });
    },
  });
}

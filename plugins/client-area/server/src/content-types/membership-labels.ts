import type { Core } from '@strapi/strapi';
import { connectionOf, columnOf, linkOf, tableOf } from '../queries/links';
import { ca, IDENTITY } from './options';

/**
 * A membership is named where the admin panel shows it — the content manager's lists and
 * every relation picker (a member's parent, a grant's membership) — "bob @ Acme Hosting",
 * never a hash or "Untitled". The name is a column kept in step with the login's username
 * and the client's name: after every write of a membership, and when a client is renamed
 * or a username changes (lifecycles below); rows an older version left are named at start.
 */
const MEMBERSHIP = ca('membership');
const CLIENT = ca('client');

type Which = { membershipId: number } | { clientId: number } | { identityId: number } | { unnamed: true };

/**
 * Names the memberships chosen by `which` in one statement: "<username> @ <client name>",
 * cut to 255 characters (Strapi's string is varchar(255) on PostgreSQL). `unnamed`: every
 * membership without a name (rows an older version or a bulk import left).
 */
export async function nameMemberships(strapi: Core.Strapi, which: Which): Promise<number> {
  const db = await connectionOf(strapi);
  const memberships = tableOf(strapi, MEMBERSHIP);
  const toIdentity = linkOf(strapi, MEMBERSHIP, 'identity');
  const toClient = linkOf(strapi, MEMBERSHIP, 'client');
  const label = columnOf(strapi, MEMBERSHIP, 'label');
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
  const update = db(memberships);
  if ('membershipId' in which) update.where('id', which.membershipId);
  else if ('clientId' in which) update.whereIn('id', db(toClient.table).where(toClient.to, which.clientId).select(toClient.from));
  else if ('identityId' in which) update.whereIn('id', db(toIdentity.table).where(toIdentity.to, which.identityId).select(toIdentity.from));
  else update.whereNull(label);
  return update.update({ [label]: db.raw("substr(coalesce((?), '(no login)') || ' @ ' || coalesce((?), '(no client)'), 1, 255)", [username, clientName]) });
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

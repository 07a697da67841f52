import { AsyncLocalStorage } from 'async_hooks';
import type { Core } from '@strapi/strapi';

/**
 * A ticket message causes its mails (rule 12) whoever writes it. The tickets service
 * writes most of them and follows each up itself, with the ticket it already holds; it
 * marks those writes here. Any other write — a staff reply added in the content manager,
 * another plugin creating a message through the document service or the query engine —
 * is followed up by the query engine's lifecycle, inside the transaction that wrote the
 * message (the content manager and the document service always write in one; a bare
 * query-engine write outside a transaction gets its follow-up in a transaction of its
 * own), so a message and its mails are saved together. Past messages written by an
 * import or a demo seed inside `tickets.writeHistory` cause nothing.
 */
const MESSAGE = 'plugin::client-area.ticket-message';

/** Set while the tickets service writes a message it follows up itself. */
export const serviceWrites = new AsyncLocalStorage<true>();
/** Set while past messages are written (`tickets.writeHistory`): nothing follows them up. */
export const historyWrites = new AsyncLocalStorage<true>();

/** What says who wrote a message and how it travelled: set when it is written, never edited in the admin panel. */
const AUTHORSHIP = ['authorType', 'authorIdentity', 'authorStaff', 'authorContact', 'fromAddress', 'messageId'];

const followedElsewhere = () => Boolean(serviceWrites.getStore() || historyWrites.getStore());

/** The admin behind the current request, when it came through the admin panel. */
const adminOfRequest = (strapi: Core.Strapi): number | null => {
  const ctx: any = strapi.requestContext.get();
  return ctx?.state?.auth?.strategy?.name === 'admin' && typeof ctx.state.user?.id === 'number' ? ctx.state.user.id : null;
};

/** Follows up messages written elsewhere, in the writer's transaction or, without one, in a transaction of its own. */
const follow = (strapi: Core.Strapi, ids: number[]) =>
  strapi.db.transaction(async () => {
    for (const id of ids) await strapi.plugin('client-area').service('tickets').messageWritten(id);
  });

export function watchTicketMessages(strapi: Core.Strapi) {
  strapi.db.lifecycles.subscribe({
    models: [MESSAGE],
    beforeCreate(event: any) {
      if (followedElsewhere()) return;
      const data = event.params?.data;
      if (!data) return;
      // Its Message-ID is minted when it is mailed: one typed in, or copied by "Duplicate",
      // would send a second mail under the first one's id.
      data.messageId = null;
      // A message written in the admin panel (the content manager) is the admin's own, whatever
      // the form said: staff can't put words in a customer's or another admin's name there.
      const admin = adminOfRequest(strapi);
      if (admin !== null) Object.assign(data, { authorType: 'staff', authorStaff: admin, authorIdentity: null, authorContact: null, fromAddress: null });
    },
    beforeUpdate(event: any) {
      // Who wrote a message, and the mail it went out as, stay as they were written.
      const data = event.params?.data;
      if (!data || adminOfRequest(strapi) === null || followedElsewhere()) return;
      for (const field of AUTHORSHIP) delete data[field];
    },
    beforeCreateMany(event: any) {
      if (followedElsewhere()) return;
      for (const data of event.params?.data ?? []) if (data) data.messageId = null;
    },
    async afterCreate(event: any) {
      if (followedElsewhere() || !event.result?.id) return;
      await follow(strapi, [event.result.id]);
    },
    async afterCreateMany(event: any) {
      if (followedElsewhere()) return;
      await follow(strapi, (event.result?.ids ?? []).map(Number));
    },
  });
}

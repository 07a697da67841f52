import { AsyncLocalStorage } from 'async_hooks';
import type { Core } from '@strapi/strapi';

/**
 * A ticket message causes its mails (rule 12) whoever writes it. The tickets service
 * writes most of them and follows each up itself, with the ticket it already holds; it
 * marks those writes here. Any other write — a staff reply added in the content manager,
 * another plugin creating a message through the document service or the query engine —
 * is followed up by the query engine's lifecycle, inside the transaction that wrote the
 * message, so a message and its mails are saved together or not at all. Past messages
 * written by an import or a demo seed (`tickets.writeHistory`) cause nothing.
 */
const MESSAGE = 'plugin::client-area.ticket-message';

/** Set while the tickets service writes a message it follows up itself, or history is written. */
export const serviceWrites = new AsyncLocalStorage<true>();

/** The admin behind the current request, when it came through the admin panel. */
const adminOfRequest = (strapi: Core.Strapi): number | null => {
  const ctx: any = strapi.requestContext.get();
  return ctx?.state?.auth?.strategy?.name === 'admin' && typeof ctx.state.user?.id === 'number' ? ctx.state.user.id : null;
};

const hasValue = (relation: unknown) =>
  relation !== undefined && relation !== null && !(typeof relation === 'object' && Object.values(relation as object).every((set) => Array.isArray(set) && set.length === 0));

export function watchTicketMessages(strapi: Core.Strapi) {
  strapi.db.lifecycles.subscribe({
    models: [MESSAGE],
    beforeCreate(event: any) {
      if (serviceWrites.getStore()) return;
      // A staff message written in the admin panel is signed by the admin who wrote it.
      const data = event.params?.data;
      const admin = adminOfRequest(strapi);
      if (data && admin !== null && data.authorType === 'staff' && !hasValue(data.authorStaff)) data.authorStaff = admin;
    },
    async afterCreate(event: any) {
      if (serviceWrites.getStore() || !event.result?.id) return;
      await strapi.plugin('client-area').service('tickets').messageWritten(event.result.id);
    },
  });
}

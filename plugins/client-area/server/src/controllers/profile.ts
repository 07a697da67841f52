import type { Core } from '@strapi/strapi';
import { parse, profileChanges, emailPreferenceChanges } from '../validation';

const preferencesOf = (contact: any) => ({
  general: Boolean(contact.emailGeneral),
  invoices: Boolean(contact.emailInvoices),
  support: Boolean(contact.emailSupport),
  products: Boolean(contact.emailProducts),
});

/**
 * GET /profile: who the person is, and per client its own contact there (null when it
 * has none) with the mail it wants from that client. Name and phone are the first
 * contact's; PUT /profile writes them to every contact. The password and the login
 * sessions are users-permissions' own routes (README, "Profile").
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const service = () => strapi.plugin('client-area').service('profile');
  const show = async (ctx: any) => {
    const { id, username, email } = ctx.state.user;
    const rows = await service().memberships(id);
    const first = rows.find((row: any) => row.contact)?.contact;
    ctx.body = {
      data: {
        username,
        email,
        firstName: first?.firstName ?? null,
        lastName: first?.lastName ?? null,
        phone: first?.phone ?? null,
        clients: rows.map((row: any) => ({
          client: { documentId: row.client.documentId, name: row.client.name },
          status: row.membershipStatus,
          contact: row.contact ? { documentId: row.contact.documentId, email: row.contact.email, emailPreferences: preferencesOf(row.contact) } : null,
        })),
      },
    };
  };
  return {
    show,
    async update(ctx: any) {
      await service().update(ctx.state.user.id, parse(profileChanges, ctx.request.body), ctx);
      await show(ctx);
    },
    async setPreferences(ctx: any) {
      await service().setPreferences(ctx.state.user.id, ctx.params.clientId, parse(emailPreferenceChanges, ctx.request.body), ctx);
      await show(ctx);
    },
  };
};

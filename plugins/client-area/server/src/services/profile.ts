import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';

const MEMBERSHIP = 'plugin::client-area.membership' as any;
const CONTACT = 'plugin::client-area.contact' as any;

export interface ProfileChanges {
  firstName?: string | null;
  lastName?: string | null;
  phone?: string | null;
}

export interface EmailPreferences {
  general?: boolean;
  invoices?: boolean;
  support?: boolean;
  products?: boolean;
}

const PREFERENCE_COLUMNS: Record<keyof EmailPreferences, string> = { general: 'emailGeneral', invoices: 'emailInvoices', support: 'emailSupport', products: 'emailProducts' };

/**
 * A person's own profile: the contact record of each of its memberships (its name and
 * phone, the same everywhere, and what mail it wants from each client). A person edits
 * only its own contacts here; other contacts are the Contacts section's. A suspended
 * membership's contact counts too: what mail one gets stays one's own choice.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const audit = (identityId: number, clientId: number, contactId: number, action: string, details: Record<string, unknown>, ctx: any) =>
    strapi.plugin('client-area').service('audit').record({ action, clientId, subjectType: 'contact', subjectId: contactId, details, actorIdentityId: identityId, ctx });

  /** The identity's memberships that still stand or are suspended, with their client and contact, by client name. */
  const memberships = async (identityId: number) => {
    const rows = await strapi.db.query(MEMBERSHIP).findMany({
      where: { identity: { id: identityId }, membershipStatus: { $ne: 'removed' } },
      populate: { client: { select: ['id', 'documentId', 'name'] }, contact: true },
    });
    return rows.filter((row: any) => row.client).sort((a: any, b: any) => a.client.name.localeCompare(b.client.name));
  };

  return {
    memberships,

    /** Name and phone on every one of the person's contacts, in one transaction. */
    async update(identityId: number, changes: ProfileChanges, ctx: any) {
      return strapi.db.transaction(async () => {
        const rows = (await memberships(identityId)).filter((row: any) => row.contact);
        if (rows.length === 0) throw new errors.ValidationError('You have no contact record at any client yet: your name and phone are kept there');
        for (const row of rows) {
          await strapi.db.query(CONTACT).update({ where: { id: row.contact.id }, data: changes });
          await audit(identityId, row.client.id, row.contact.id, 'profile.changed', { fields: Object.keys(changes) }, ctx);
        }
      });
    },

    /** What mail the person wants from one client: its own contact there. */
    async setPreferences(identityId: number, clientDocumentId: string, preferences: EmailPreferences, ctx: any) {
      return strapi.db.transaction(async () => {
        const row = (await memberships(identityId)).find((m: any) => m.client.documentId === clientDocumentId);
        if (!row) throw new errors.NotFoundError('Client not found');
        if (!row.contact) throw new errors.ValidationError(`You have no contact record at ${row.client.name}: ask its master account to add one`);
        const data = Object.fromEntries(Object.entries(preferences).map(([name, on]) => [PREFERENCE_COLUMNS[name as keyof EmailPreferences], on]));
        await strapi.db.query(CONTACT).update({ where: { id: row.contact.id }, data });
        await audit(identityId, row.client.id, row.contact.id, 'profile.email-preferences-changed', { preferences }, ctx);
      });
    },
  };
};

import type { Core } from '@strapi/strapi';
import { findByDocumentId } from '../lookup';

/**
 * Staff (admin API): user categories — staff-made groups of contacts across clients —
 * with their members, their group readers (rule 11) and who a mail to the category
 * reaches, from the same function the mailing uses.
 */
const CATEGORY = 'plugin::client-area.user-category' as any;
const PERSON = { select: ['documentId', 'firstName', 'lastName', 'email', 'emailGeneral'], populate: { client: { select: ['documentId', 'name'] } } };

const personOf = (contact: any) => ({
  documentId: contact.documentId,
  name: [contact.firstName, contact.lastName].filter(Boolean).join(' ') || null,
  email: contact.email,
  client: contact.client ? { documentId: contact.client.documentId, name: contact.client.name } : null,
  takesGeneralMail: Boolean(contact.emailGeneral),
});

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async list(ctx) {
    const rows = await strapi.db.query(CATEGORY).findMany({ select: ['documentId', 'name', 'description'], populate: { contacts: { select: ['id'] }, groupReaders: { select: ['id'] } }, orderBy: { name: 'asc' } });
    ctx.body = {
      data: rows.map((c: any) => ({ documentId: c.documentId, name: c.name, description: c.description ?? null, members: c.contacts?.length ?? 0, readers: c.groupReaders?.length ?? 0 })),
    };
  },

  async show(ctx) {
    const category = await findByDocumentId(strapi, CATEGORY, ctx.params.categoryId, 'User category not found', {
      select: ['id', 'documentId', 'name', 'description'],
      populate: { contacts: PERSON, groupReaders: PERSON },
    });
    const byName = (a: any, b: any) => (a.client?.name ?? '').localeCompare(b.client?.name ?? '') || a.email.localeCompare(b.email);
    ctx.body = {
      data: {
        documentId: category.documentId,
        name: category.name,
        description: category.description ?? null,
        members: (category.contacts ?? []).map(personOf).sort(byName),
        readers: (category.groupReaders ?? []).map(personOf).sort(byName),
        recipients: await strapi.plugin('client-area').service('mailings').categoryRecipients(category.id),
      },
    };
  },
});

import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Grant } from '../access';
import type { Caller } from '../caller';
import { findByDocumentId, findIdentityByLogin } from '../lookup';

const CONTACT = 'plugin::client-area.contact' as any;

export interface ContactInput {
  firstName?: string | null;
  lastName?: string | null;
  email?: string;
  phone?: string | null;
  emailPreferences?: Partial<Record<'general' | 'invoices' | 'support' | 'products', boolean>>;
}

/** API fields → content-type attributes; nothing else of the body reaches the database. */
const toAttributes = (input: ContactInput) => {
  const data: Record<string, unknown> = {};
  for (const key of ['firstName', 'lastName', 'email', 'phone'] as const) if (input[key] !== undefined) data[key] = input[key];
  const prefs = input.emailPreferences ?? {};
  if (prefs.general !== undefined) data.emailGeneral = prefs.general;
  if (prefs.invoices !== undefined) data.emailInvoices = prefs.invoices;
  if (prefs.support !== undefined) data.emailSupport = prefs.support;
  if (prefs.products !== undefined) data.emailProducts = prefs.products;
  return data;
};

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const plugin = () => strapi.plugin('client-area');
  const audit = (caller: Caller, action: string, subjectType: string, subjectId: number, details?: Record<string, unknown>) =>
    plugin().service('audit').record({ action, clientId: caller.client.id, subjectType, subjectId, details, ...caller.audit });

  return {
    find: (clientId: number, documentId: string) =>
      findByDocumentId(strapi, CONTACT, documentId, 'Contact not found', {
        where: { client: { id: clientId } },
        populate: { membership: { select: ['id', 'documentId', 'status', 'kind'] } },
      }),

    async create(caller: Caller, input: ContactInput) {
      return strapi.db.transaction(async () => {
        const contact = await strapi.db.query(CONTACT).create({ data: { ...toAttributes(input), client: caller.client.id } });
        await audit(caller, 'contact.created', 'contact', contact.id, { email: contact.email });
        return contact;
      });
    },

    async update(caller: Caller, contactId: number, input: ContactInput) {
      return strapi.db.transaction(async () => {
        const contact = await strapi.db.query(CONTACT).update({ where: { id: contactId }, data: toAttributes(input) });
        await audit(caller, 'contact.updated', 'contact', contactId, { fields: Object.keys(input) });
        return contact;
      });
    },

    async remove(caller: Caller, contact: any) {
      if (contact.membership && contact.membership.status !== 'removed') {
        throw new errors.ApplicationError('This contact is an active sub-account: remove the sub-account first');
      }
      return strapi.db.transaction(async () => {
        await strapi.db.query(CONTACT).delete({ where: { id: contact.id } });
        await audit(caller, 'contact.deleted', 'contact', contact.id, { email: contact.email });
      });
    },

    /**
     * "Activate sub-account": links the contact to an existing identity (by username or
     * email) as a new membership under the caller, with grants within the caller's
     * ceiling. Returns the relationship password, shown this once.
     */
    async activate(caller: Caller, contact: any, login: string, grants: Grant[] = []) {
      if (contact.membership && contact.membership.status !== 'removed') throw new errors.ApplicationError('This contact is already a sub-account');
      const identity = await findIdentityByLogin(strapi, login, 'No account with this login: ask the person for the login they use');
      return strapi.db.transaction(async () => {
        const { membership, relationshipPassword } = await plugin()
          .service('memberships')
          .createUnder(caller, { identity: identity.documentId, contact: contact.documentId, grants });
        await audit(caller, 'membership.created', 'membership', membership.id, { identity: identity.username, contact: contact.documentId, grants });
        return { membership, relationshipPassword, identity };
      });
    },
  };
};

import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { checkGrantChange } from '../access';
import { forbidden } from '../errors';
import type { Caller } from '../caller';

const CONTACT = 'plugin::client-area.contact' as any;
const IDENTITY = 'plugin::users-permissions.user';

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
    async find(clientId: number, documentId: string) {
      const contact = /^[a-z0-9]{1,64}$/.test(documentId ?? '')
        ? await strapi.db.query(CONTACT).findOne({ where: { documentId, client: { id: clientId } }, populate: { membership: { select: ['id', 'documentId', 'status', 'kind'] } } })
        : null;
      if (!contact) throw new errors.NotFoundError('Contact not found');
      return contact;
    },

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
    async activate(caller: Caller, contact: any, login: string, grants: Array<{ section: string; product?: string | null }> = []) {
      if (contact.membership && contact.membership.status !== 'removed') throw new errors.ApplicationError('This contact is already a sub-account');
      const lowered = login.toLowerCase();
      const identity = await strapi.db.query(IDENTITY).findOne({ where: { $or: [{ username: login }, { email: lowered }] }, select: ['id', 'documentId', 'username', 'email'] });
      if (!identity) throw new errors.NotFoundError('No account with this login: ask the person for the login they use');
      const actor = caller.actor();
      const parent = caller.facts.memberships.find((m) => m.id === caller.membershipId);
      return strapi.db.transaction(async () => {
        const { membership, relationshipPassword } = await plugin().service('memberships').create({
          client: caller.client.documentId,
          identity: identity.documentId,
          kind: 'sub-account',
          contact: contact.documentId,
          // A sub-account made by a sub-account is its child; the master's and staff's have no parent.
          parent: parent && parent.kind !== 'master' ? (await strapi.db.query('plugin::client-area.membership' as any).findOne({ where: { id: parent.id }, select: ['documentId'] })).documentId : null,
        });
        const asked = await plugin().service('grants').toFacts(caller.client.id, grants);
        if (asked.length) {
          const facts = await caller.reload();
          const decision = checkGrantChange(facts, { actor, targetMembershipId: membership.id, newGrants: asked });
          if (!decision.allowed) throw forbidden(decision.reason, decision.grant ? { grant: decision.grant } : undefined);
          await plugin().service('grants').replace({ membership: membership.id }, asked);
        }
        await audit(caller, 'membership.created', 'membership', membership.id, { identity: identity.username, contact: contact.documentId, grants: asked });
        return { membership, relationshipPassword, identity };
      });
    },
  };
};

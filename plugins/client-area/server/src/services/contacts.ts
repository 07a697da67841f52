import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { canEditContact, type Grant } from '../access';
import type { Caller } from '../caller';
import { forbidden } from '../errors';
import { findByDocumentId, findIdentityByLogin } from '../lookup';
import { generateToken, hashToken } from '../secrets/one-time-token';
import { isUniqueViolation } from '../database-errors';

const CONTACT = 'plugin::client-area.contact' as any;
const EMAIL_CHANGE_LIFETIME_MS = 48 * 3600_000;

/** The membership whose login a contact is, if it still stands or is suspended (a removed one is history). */
const loginOf = (contact: any): number | null => (contact.membership && contact.membership.membershipStatus !== 'removed' ? contact.membership.id : null);

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

  const serverKey = () => plugin().config('secret') as string;

  /** The engine's decision on who may change this contact (throws a 403 naming why not). */
  async function mayEdit(caller: Caller, contact: any) {
    const owner = loginOf(contact);
    if (!caller.staff && caller.membershipId === null && owner !== null) {
      throw forbidden("A secondary logon can't change a contact that is someone's login");
    }
    if (caller.membershipId === null && !caller.staff) return;
    const decision = canEditContact(await caller.reload(), { actor: caller.actor(), clientId: caller.client.id, contactMembershipId: owner });
    if (!decision.allowed) throw forbidden(decision.reason);
  }

  /** Mails the new address a one-time link (sealed in the outbox) and tells the old one. */
  async function requestAddressChange(caller: Caller, contact: any, newAddress: string) {
    const token = generateToken();
    await strapi.db.query(CONTACT).update({
      where: { id: contact.id },
      data: { pendingEmail: newAddress, emailChangeTokenHash: hashToken(serverKey(), token), emailChangeExpiresAt: new Date(Date.now() + EMAIL_CHANGE_LIFETIME_MS) },
    });
    const link = `${plugin().config('publicUrl')}/portal/#/confirm-email/${token}`;
    const outbox = plugin().service('outbox');
    await outbox.enqueue({
      kind: 'email-confirmation',
      to: [newAddress],
      subject: `Confirm your new address for ${caller.client.name}`,
      text: [
        `Someone asked to use this address for your contact in the client area of ${caller.client.name}.`,
        `If that was meant for you, confirm it here within 48 hours (the link works once): ${link}`,
        '',
        'If you did not expect this mail, ignore it: nothing changes until the link is followed.',
      ].join('\n'),
      automatic: true,
    });
    await outbox.enqueue({
      kind: 'email-change-notice',
      to: [contact.email],
      subject: `A new address was requested for your contact in ${caller.client.name}`,
      text: [
        `A change of your contact address in the client area of ${caller.client.name} to ${newAddress} was requested.`,
        'It takes effect only when the new address confirms it. If you did not ask for this, tell the client\'s master or our support.',
      ].join('\n'),
      automatic: true,
    });
  }

  return {
    find: (clientId: number, documentId: string) =>
      findByDocumentId(strapi, CONTACT, documentId, 'Contact not found', {
        where: { client: { id: clientId } },
        populate: { membership: { select: ['id', 'documentId', 'membershipStatus', 'kind'] } },
      }),

    async create(caller: Caller, input: ContactInput) {
      return strapi.db.transaction(async () => {
        const contact = await strapi.db.query(CONTACT).create({ data: { ...toAttributes(input), client: caller.client.id } });
        await audit(caller, 'contact.created', 'contact', contact.id, { email: contact.email });
        return contact;
      });
    },

    /**
     * Edits a contact. A contact that is someone's login is that person's (canEditContact),
     * and a new address for it takes effect only once the new address follows a one-time
     * link: until then staff replies and notices still go to the old one.
     */
    async update(caller: Caller, contact: any, input: ContactInput) {
      return strapi.db.transaction(async () => {
        await mayEdit(caller, contact);
        const data = toAttributes(input);
        const changesAddress = typeof data.email === 'string' && data.email.toLowerCase() !== String(contact.email).toLowerCase();
        let pendingEmail: string | null = null;
        if (changesAddress && loginOf(contact) !== null) {
          pendingEmail = data.email as string;
          delete data.email;
          await requestAddressChange(caller, contact, pendingEmail);
        }
        const updated = await strapi.db.query(CONTACT).update({ where: { id: contact.id }, data });
        await audit(caller, 'contact.updated', 'contact', contact.id, { fields: Object.keys(input), ...(pendingEmail ? { pendingEmail } : {}) });
        return updated;
      });
    },

    /** The new address followed its one-time link: it becomes the contact's address. */
    async confirmEmail(token: string) {
      const tokenHash = hashToken(serverKey(), token);
      return strapi.db.transaction(async () => {
        const contact = await strapi.db.query(CONTACT).findOne({ where: { emailChangeTokenHash: tokenHash }, populate: { client: { select: ['id'] } } });
        if (!contact || !contact.pendingEmail || new Date(contact.emailChangeExpiresAt).getTime() < Date.now()) {
          throw new errors.ValidationError('This confirmation link is not valid any more: ask for the change again');
        }
        try {
          await strapi.db.query(CONTACT).update({
            where: { id: contact.id },
            data: { email: contact.pendingEmail, pendingEmail: null, emailChangeTokenHash: null, emailChangeExpiresAt: null },
          });
        } catch (error) {
          if (isUniqueViolation(error)) throw new errors.ValidationError('This client already has a contact with this email address');
          throw error;
        }
        await plugin().service('audit').record({
          action: 'contact.email-confirmed',
          clientId: contact.client?.id ?? null,
          subjectType: 'contact',
          subjectId: contact.id,
          details: { from: contact.email, to: contact.pendingEmail },
        });
        return { documentId: contact.documentId, email: contact.pendingEmail };
      });
    },

    async remove(caller: Caller, contact: any) {
      if (loginOf(contact) !== null) {
        throw new errors.ApplicationError('This contact is an active sub-account: remove the sub-account first');
      }
      return strapi.db.transaction(async () => {
        await mayEdit(caller, contact);
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
      if (contact.membership && contact.membership.membershipStatus !== 'removed') throw new errors.ApplicationError('This contact is already a sub-account');
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

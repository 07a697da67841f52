import { noStore } from './no-store';
import type { Core } from '@strapi/strapi';
import { parse, newContact, contactChanges, activation, invitation, emailConfirmation } from '../validation';
import type { ClientAreaState } from '../policies/client-access';
import { callerOf } from '../caller';

const CONTACT = 'plugin::client-area.contact' as any;

/** What a customer may see of a contact. */
const toDto = (contact: any) => ({
  documentId: contact.documentId,
  firstName: contact.firstName ?? null,
  lastName: contact.lastName ?? null,
  email: contact.email,
  /** A new address waiting for its confirmation link. */
  pendingEmail: contact.pendingEmail ?? null,
  phone: contact.phone ?? null,
  emailPreferences: {
    general: Boolean(contact.emailGeneral),
    invoices: Boolean(contact.emailInvoices),
    support: Boolean(contact.emailSupport),
    products: Boolean(contact.emailProducts),
  },
  subAccount:
    contact.membership && contact.membership.membershipStatus !== 'removed'
      ? { member: contact.membership.documentId, kind: contact.membership.kind, status: contact.membership.membershipStatus }
      : null,
});

/**
 * The answer to a new sub-account: its relationship password, this once, and the
 * account's own email, so whoever linked a login can see it is the person they meant
 * (a look-alike username is not).
 */
const newSubAccount = ({ membership, relationshipPassword, identity }: any, note: string) => ({
  data: { member: membership.documentId, identity: { username: identity.username, email: identity.email }, relationshipPassword, note },
});

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const service = () => strapi.plugin('client-area').service('contacts');
  const caller = (ctx: any) => callerOf(strapi, ctx);
  const reload = (id: number) => strapi.db.query(CONTACT).findOne({ where: { id }, populate: { membership: { select: ['documentId', 'membershipStatus', 'kind'] } } });

  return {
    /** Invites a person with no account yet: answers the relationship password once. */
    async invite(ctx) {
      const state = ctx.state.clientArea as ClientAreaState;
      const contact = await service().find(state.client.id, ctx.params.contactId);
      const body = parse(invitation, ctx.request.body);
      const grants = await strapi.plugin('client-area').service('grants').toFacts(state.client.id, body.grants ?? []);
      const created = await strapi.plugin('client-area').service('invitations').invite(caller(ctx), contact, grants);
      ctx.status = 201;
      noStore(ctx);
      ctx.body = newSubAccount(created, 'An invitation mail with a one-time link is on its way; give this relationship password to the person yourself. It is shown only now.');
    },

    async list(ctx) {
      const state = ctx.state.clientArea as ClientAreaState;
      const rows = await strapi.db.query(CONTACT).findMany({
        where: { client: { id: state.client.id } },
        populate: { membership: { select: ['documentId', 'membershipStatus', 'kind'] } },
        orderBy: [{ lastName: 'asc' }, { email: 'asc' }],
      });
      ctx.body = { data: rows.map(toDto) };
    },

    async show(ctx) {
      const contact = await service().find(ctx.state.clientArea.client.id, ctx.params.contactId);
      ctx.body = { data: toDto(contact) };
    },

    async create(ctx) {
      const input = parse(newContact, ctx.request.body);
      const contact = await service().create(caller(ctx), input);
      ctx.status = 201;
      ctx.body = { data: toDto(await reload(contact.id)) };
    },

    async update(ctx) {
      const contact = await service().find(ctx.state.clientArea.client.id, ctx.params.contactId);
      const input = parse(contactChanges, ctx.request.body);
      await service().update(caller(ctx), contact, input);
      ctx.body = { data: toDto(await reload(contact.id)) };
    },

    async remove(ctx) {
      const contact = await service().find(ctx.state.clientArea.client.id, ctx.params.contactId);
      await service().remove(caller(ctx), contact);
      ctx.status = 204;
    },

    /** Public: the new address of a contact follows its one-time link. */
    async confirmEmail(ctx) {
      const { token } = parse(emailConfirmation, ctx.request.body);
      ctx.body = { data: await service().confirmEmail(token) };
    },

    /** "Activate sub-account": answers the relationship password once. */
    async activate(ctx) {
      const contact = await service().find(ctx.state.clientArea.client.id, ctx.params.contactId);
      const body = parse(activation, ctx.request.body);
      const grants = await strapi.plugin('client-area').service('grants').toFacts(ctx.state.clientArea.client.id, body.grants ?? []);
      const created = await service().activate(caller(ctx), contact, body.login, grants);
      ctx.status = 201;
      noStore(ctx);
      ctx.body = newSubAccount(created, 'Give this relationship password to the person; it is shown only now.');
    },
  };
};

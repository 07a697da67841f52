import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Grant } from '../access';
import { generateToken, hashToken } from '../secrets/one-time-token';
import type { Caller } from '../caller';
import { usernamesFor } from '../validation/login-names';

/**
 * Inviting a new person as a sub-account: an account is made for the contact's
 * email (username: the email's local part, made unique; never the email itself), the membership and its grants are created (within the inviter's
 * ceiling), and an invitation mail with a one-time link goes through the outbox,
 * all in one transaction. The person sets a password with the link.
 */
const INVITATION = 'plugin::client-area.invitation' as any;
const IDENTITY = 'plugin::users-permissions.user';
const LIFETIME_MS = 7 * 24 * 3600_000;

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const plugin = () => strapi.plugin('client-area');
  const serverKey = () => plugin().config('secret') as string;

  const freeUsername = async (email: string) => {
    for (const candidate of usernamesFor(email)) {
      if (!(await strapi.db.query(IDENTITY).findOne({ where: { username: candidate }, select: ['id'] }))) return candidate;
    }
    throw new Error('unreachable');
  };

  return {
    async invite(caller: Caller, contact: any, grants: Grant[]) {
      if (contact.membership && contact.membership.membershipStatus !== 'removed') throw new errors.ApplicationError('This contact is already a sub-account');
      const existing = await strapi.db.query(IDENTITY).findOne({ where: { email: contact.email.toLowerCase() }, select: ['id'] });
      if (existing) throw new errors.ApplicationError('This person already has an account: activate the sub-account with their login instead');
      caller.actor();
      const token = generateToken();
      return strapi.db.transaction(async () => {
        const username = await freeUsername(contact.email);
        const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'authenticated' } });
        // Unusable until the invitation is accepted: a random password nobody knows, not confirmed.
        const identity = await strapi.plugin('users-permissions').service('user').add({
          username,
          email: contact.email,
          password: generateToken(),
          provider: 'local',
          confirmed: false,
          blocked: false,
          role: role.id,
        });
        const { membership, relationshipPassword } = await plugin()
          .service('memberships')
          .createUnder(caller, { identity: identity.documentId, contact: contact.documentId, grants });
        await strapi.db.query(INVITATION).create({
          data: { identity: identity.id, membership: membership.id, tokenHash: hashToken(serverKey(), token), expiresAt: new Date(Date.now() + LIFETIME_MS) },
        });
        const link = `${plugin().config('publicUrl')}/portal/#/invitation/${token}`;
        await plugin().service('outbox').enqueue({
          kind: 'invitation',
          // The link is a one-time secret: the body is kept encrypted until sent.
          sealed: true,
          to: [contact.email],
          subject: `You are invited to the client area of ${caller.client.name}`,
          text: [
            `Hello${contact.firstName ? ` ${contact.firstName}` : ''},`,
            '',
            `You have been given access to the client area of ${caller.client.name}.`,
            `Set your password here (the link works once, for 7 days): ${link}`,
            `Your login will be: ${identity.username}`,
            '',
            'The relationship password you need to act for this client will be given to you by the person who invited you.',
          ].join('\n'),
          automatic: true,
        });
        await plugin().service('audit').record({
          action: 'membership.invited',
          clientId: caller.client.id,
          subjectType: 'membership',
          subjectId: membership.id,
          details: { email: contact.email, grants },
          ...caller.audit,
        });
        return { membership, relationshipPassword, identity };
      });
    },

    /** Sets the invited person's password; the link works once, before it expires. */
    /**
     * What an invitation link is for, before its password is set: the client, the login it
     * made and the address it went to. The token is the credential, as for accepting.
     */
    async describe(token: string) {
      const invitation = await strapi.db.query(INVITATION).findOne({
        where: { tokenHash: hashToken(serverKey(), token) },
        populate: { identity: { select: ['username', 'email'] }, membership: { select: ['id'], populate: { client: { select: ['name'] } } } },
      });
      if (!invitation || invitation.usedAt || new Date(invitation.expiresAt).getTime() < Date.now() || !invitation.identity) {
        throw new errors.ValidationError('This invitation link is used, expired or wrong; ask for a new one');
      }
      return { client: invitation.membership?.client?.name ?? null, username: invitation.identity.username, email: invitation.identity.email, expiresAt: invitation.expiresAt };
    },

    async accept(token: string, password: string) {
      const invitation = await strapi.db.query(INVITATION).findOne({ where: { tokenHash: hashToken(serverKey(), token) }, populate: { identity: { select: ['id', 'username'] } } });
      if (!invitation || invitation.usedAt || new Date(invitation.expiresAt).getTime() < Date.now() || !invitation.identity) {
        throw new errors.ValidationError('This invitation link is used, expired or wrong; ask for a new one');
      }
      await strapi.db.transaction(async () => {
        // Conditional update: of two concurrent acceptances, one wins.
        const used = await strapi.db.queryBuilder(INVITATION).where({ id: invitation.id, usedAt: null }).update({ usedAt: new Date() }).execute();
        if (Number(used) !== 1) throw new errors.ValidationError('This invitation link is used, expired or wrong; ask for a new one');
        await strapi.plugin('users-permissions').service('user').edit(invitation.identity.id, { password, confirmed: true });
      });
      return { username: invitation.identity.username };
    },
  };
};

import type { Core } from '@strapi/strapi';
import type { AccessFacts, Actor } from './access';
import { forbidden } from './errors';
import type { ClientAreaState } from './policies/client-access';

/**
 * Who acts on a client, for the services: a customer (through its membership,
 * past the client-access policy) or staff (through the admin routes). The same
 * services and the same engine decisions serve both; only the actor differs.
 */
export interface Caller {
  client: { id: number; documentId: string; name: string };
  /** The caller's own membership in the client: null for staff and secondary logons. */
  membershipId: number | null;
  staff: boolean;
  facts: AccessFacts;
  /** The actor of a management change; a secondary logon manages nothing. */
  actor(): Actor;
  /** The facts again, inside the current transaction. */
  reload(): Promise<AccessFacts>;
  audit: { actorIdentityId: number | null; actorStaffId: number | null; ctx: any };
}

export function callerOf(strapi: Core.Strapi, ctx: any): Caller {
  const state = ctx.state.clientArea as ClientAreaState;
  const facts = strapi.plugin('client-area').service('access-facts');
  if (state.staff) {
    return {
      client: state.client,
      membershipId: null,
      staff: true,
      facts: state.facts,
      actor: () => ({ kind: 'staff' }),
      reload: () => facts.loadClient(state.client.id),
      audit: { actorIdentityId: null, actorStaffId: ctx.state.user.id, ctx },
    };
  }
  const verified = state.facts.memberships.filter((m) => m.passwordVerified).map((m) => m.id);
  return {
    client: state.client,
    membershipId: state.membershipId,
    staff: false,
    facts: state.facts,
    actor: () => {
      if (state.membershipId === null) throw forbidden("A secondary logon can't manage this client");
      return { kind: 'membership', membershipId: state.membershipId };
    },
    reload: () => facts.load(ctx.state.user.id, { verifiedMembershipIds: verified }),
    audit: { actorIdentityId: ctx.state.user.id, actorStaffId: null, ctx },
  };
}

/** Master or staff: may grant anything in the client. */
export const actsAsMaster = (caller: { staff?: boolean; facts: AccessFacts; membershipId: number | null }) =>
  caller.staff || caller.facts.memberships.some((m) => m.id === caller.membershipId && m.kind === 'master');

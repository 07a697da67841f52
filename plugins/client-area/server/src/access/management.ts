import type { Actor, MembershipFact } from './facts';
import { deny, type Decision } from './decision';
import type { FactIndex } from './fact-index';
import { isManagedBy } from './hierarchy';
import { actingStanding, membershipAccess } from './membership-access';

/** Who makes a management change in a client. */
export type Manager =
  | { kind: 'staff' }
  | { kind: 'master'; membership: MembershipFact }
  | { kind: 'sub-account'; membership: MembershipFact };

export type Resolved<T> = { allowed: true; value: T } | ({ allowed: false } & Decision);

/**
 * The actor as it acts in a client: staff, or one of the caller's own memberships there,
 * standing and past its relationship password.
 */
export function resolveActor(index: FactIndex, actor: Actor, clientId: number): Resolved<Manager> {
  if (actor.kind === 'staff') return { allowed: true, value: { kind: 'staff' } };
  const membership = index.membership(actor.membershipId);
  if (!membership) return { ...deny(`${index.nameMembership(actor.membershipId)} is not loaded`), allowed: false };
  if (membership.identityId !== index.facts.identityId) {
    return { ...deny(`${index.nameMembership(membership.id)} is not yours`), allowed: false };
  }
  if (membership.clientId !== clientId) {
    return { ...deny(`${index.nameMembership(membership.id)} is not in ${index.nameClient(clientId)}`), allowed: false };
  }
  const acting = actingStanding(index, membership);
  if (!acting.allowed) return { ...acting, allowed: false };
  return { allowed: true, value: { kind: membership.kind, membership } };
}

/** What a sub-account is refused on itself and on the master, in the words of the action. */
export interface ManagedAction {
  /** e.g. "change its own grants" */
  onItself: string;
  /** e.g. "change the master's grants" */
  onMaster: string;
}

/**
 * Rules 1, 5 and 6: staff and the master manage every membership of the client; a
 * sub-account manages only the memberships below it, and only while it holds `contacts`;
 * never itself, never the master.
 */
export function resolveManager(index: FactIndex, actor: Actor, target: MembershipFact, action: ManagedAction): Resolved<Manager> {
  const resolved = resolveActor(index, actor, target.clientId);
  if (!resolved.allowed || resolved.value.kind !== 'sub-account') return resolved;
  const membership = resolved.value.membership;
  const refuse = (reason: string): Resolved<Manager> => ({ ...deny(reason), allowed: false });
  if (membership.id === target.id) return refuse(`a sub-account can't ${action.onItself}`);
  if (target.kind === 'master') return refuse(`a sub-account can't ${action.onMaster}`);
  const contacts = index.section('contacts');
  const holdsContacts = contacts ? membershipAccess(index, membership, contacts, null) : deny('unknown section "contacts"');
  if (!holdsContacts.allowed) return refuse(holdsContacts.reason);
  if (!isManagedBy(index, target, membership.id)) {
    return refuse(`${index.nameMembership(target.id)} is not managed by ${index.nameMembership(membership.id)}`);
  }
  return resolved;
}

import type { AccessFacts, Actor } from './facts';
import { allow, deny, type Decision } from './decision';
import { indexFacts } from './fact-index';
import { resolveActor, resolveManager } from './management';

/**
 * Who may change a contact record. A contact that is someone's login in the client (the
 * contact of a standing or suspended membership) is that person's: it is edited only by
 * the member itself, a member above it (holding `contacts`), the master or staff; the
 * master's own contact only by the master or staff. Its address is where staff replies
 * and invitations go, so letting a sibling change it would hand over that person's mail.
 * A contact that is nobody's login is any `contacts` holder's to edit (the caller's
 * section was checked when it entered the client).
 */
export function canEditContact(facts: AccessFacts, request: { actor: Actor; clientId: number; contactMembershipId: number | null }): Decision {
  const index = indexFacts(facts);
  const actor = resolveActor(index, request.actor, request.clientId);
  if (!actor.allowed) return deny(actor.reason);
  if (request.contactMembershipId === null) return allow('the contact is nobody\'s login');
  const owner = index.membership(request.contactMembershipId);
  if (!owner || owner.clientId !== request.clientId) return deny(`${index.nameMembership(request.contactMembershipId)} is not loaded`);
  if (actor.value.kind === 'staff') return allow('staff may edit any contact');
  if (actor.value.membership.id === owner.id) return allow('your own contact');
  if (actor.value.kind === 'master') return allow('the master may edit any contact');
  const manager = resolveManager(index, request.actor, owner, { onItself: 'edit its own contact', onMaster: "edit the master's contact" });
  if (!manager.allowed) return deny(`the contact is the login of ${index.nameMembership(owner.id)}: ${manager.reason}`);
  return allow(`${index.nameMembership(owner.id)} is managed by you`);
}

import type { AccessFacts, SecondaryLogonFact, SecurityGroupFact } from './facts';
import { indexFacts, type FactIndex } from './fact-index';
import { standing } from './hierarchy';
import type { Access } from './membership-access';

/**
 * The group of an owner that holds a client: the owner's group listing it (the lowest
 * id, should data ever list it twice), else the owner's Default group.
 */
export function securityGroupOf(index: FactIndex, ownerIdentityId: number, clientId: number): SecurityGroupFact | undefined {
  const groups = index.facts.securityGroups
    .filter((g) => g.ownerIdentityId === ownerIdentityId)
    .sort((a, b) => a.id - b.id);
  return groups.find((g) => !g.isDefault && g.clientIds.includes(clientId)) ?? groups.find((g) => g.isDefault);
}

/** Whether the owner is, right now, the active master of the client. */
const ownerIsMasterOf = (index: FactIndex, ownerIdentityId: number, clientId: number): boolean =>
  index
    .membershipsIn(clientId)
    .some((m) => m.kind === 'master' && m.identityId === ownerIdentityId && standing(index, m).allowed);

/** How far one logon got towards the client; the furthest refusal is the one reported. */
function logonReach(index: FactIndex, logon: SecondaryLogonFact, section: string, clientId: number): { stage: number; reason: string } {
  if (logon.status !== 'active') return { stage: 0, reason: `secondary logon ${logon.id} is cancelled` };
  if (!ownerIsMasterOf(index, logon.ownerIdentityId, clientId)) {
    return { stage: 1, reason: `the owner of secondary logon ${logon.id} is not the master of ${index.nameClient(clientId)}` };
  }
  const group = securityGroupOf(index, logon.ownerIdentityId, clientId);
  if (!group || !logon.securityGroupIds.includes(group.id)) {
    return { stage: 2, reason: `${index.nameClient(clientId)} is not in the security groups of secondary logon ${logon.id}` };
  }
  if (!logon.sections.includes(section)) {
    return { stage: 3, reason: `missing section "${section}" on secondary logon ${logon.id}` };
  }
  return { stage: 4, reason: `secondary logon ${logon.id} of identity ${logon.ownerIdentityId}` };
}

/**
 * Rule 9: a secondary logon acts for its owner in the clients the owner is master of
 * and that are in one of the logon's groups, with the logon's sections only. The owner
 * is master there, so the logon's reach covers every product of the client. It needs no
 * relationship password: it holds no membership of its own.
 */
export function logonAccess(index: FactIndex, section: string, clientId: number): Access & { applies: boolean } {
  const logons = index.facts.secondaryLogons.filter((l) => l.logonIdentityId === index.facts.identityId);
  let best = { stage: -1, reason: `no secondary logon reaches ${index.nameClient(clientId)}` };
  for (const logon of logons) {
    const reach = logonReach(index, logon, section, clientId);
    if (reach.stage === 4) return { allowed: true, reason: reach.reason, wholeClient: true, applies: true };
    if (reach.stage > best.stage) best = reach;
  }
  return { allowed: false, reason: best.reason, wholeClient: false, applies: logons.length > 0 };
}

/** The clients a logon of the caller may reach at all: those its owner is master of. */
export function logonClientIds(index: FactIndex): number[] {
  const owners = new Set(
    index.facts.secondaryLogons.filter((l) => l.logonIdentityId === index.facts.identityId).map((l) => l.ownerIdentityId),
  );
  return index.facts.memberships.filter((m) => m.kind === 'master' && owners.has(m.identityId)).map((m) => m.clientId);
}

/**
 * Rule 9: whose the caller acts for in a client through a secondary logon holding
 * `section` there — the owner's identity — or null when no logon of the caller reaches
 * it with that section. What the logon opens there is its owner's (a ticket is opened as
 * the owner's contact).
 */
export function actingOwner(facts: AccessFacts, section: string, clientId: number): number | null {
  const index = indexFacts(facts);
  const logon = facts.secondaryLogons.find((l) => l.logonIdentityId === facts.identityId && logonReach(index, l, section, clientId).stage === 4);
  return logon?.ownerIdentityId ?? null;
}

import crypto from 'crypto';

/**
 * Proof that an identity gave a membership's relationship password: a token
 * signed with the server key. It names the password version (its rotation time),
 * so rotating the password ends every session; membership status is checked on
 * every request by the access engine, so suspension or removal ends it too. It also
 * names the login session it was given in, so logging out (or a password change, which
 * ends every login session) ends it, and it is worth nothing in another login.
 */
export interface SessionClaims {
  membershipId: number;
  identityId: number;
  /** relationshipPasswordRotatedAt of the membership, in ms. */
  passwordVersion: number;
  /** ms since epoch. */
  expiresAt: number;
  /** The users-permissions login session (refresh mode) it was given in; null without one. */
  loginSession: string | null;
}

/** A membership's password version as its tokens name it: the rotation time in ms, 0 if never rotated. */
export const passwordVersionOf = (rotatedAt: unknown): number => (rotatedAt ? new Date(rotatedAt as string | number | Date).getTime() : 0);

/** What a token proves, once its signature, expiry, identity and login session are checked. */
export type PasswordClaim = Pick<SessionClaims, 'membershipId' | 'passwordVersion'>;

const sign = (serverKey: string, payload: string) =>
  crypto.createHmac('sha256', serverKey).update(`relationship-session:${payload}`).digest('base64url');

export const issueSessionToken = (serverKey: string, claims: SessionClaims): string => {
  const payload = Buffer.from(JSON.stringify([claims.membershipId, claims.identityId, claims.passwordVersion, claims.expiresAt, claims.loginSession])).toString('base64url');
  return `${payload}.${sign(serverKey, payload)}`;
};

export const readSessionToken = (serverKey: string, token: string, now = Date.now()): SessionClaims | null => {
  if (typeof token !== 'string' || token.length > 512) return null;
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) return null;
  const expected = Buffer.from(sign(serverKey, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return null;
  try {
    const [membershipId, identityId, passwordVersion, expiresAt, loginSession] = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    if (![membershipId, identityId, passwordVersion, expiresAt].every(Number.isSafeInteger)) return null;
    if (loginSession !== null && typeof loginSession !== 'string') return null;
    if (expiresAt <= now) return null;
    return { membershipId, identityId, passwordVersion, expiresAt, loginSession };
  } catch {
    return null;
  }
};

import crypto from 'crypto';

/**
 * Relationship passwords (DESIGN rule 2): random, 144 bits, shown once, stored
 * only as an HMAC-SHA256 under the server key (CLIENT_AREA_SECRET). HMAC rather
 * than argon2 because the secret is random and long: a keyed hash can't be
 * brute-forced without the key, and checking it costs nothing under load.
 */
const BYTES = 18;
const SCHEME = 'hmac-sha256';

export const generateRelationshipPassword = (): string => crypto.randomBytes(BYTES).toString('base64url');

export const hashRelationshipPassword = (serverKey: string, password: string): string =>
  `${SCHEME}:${crypto.createHmac('sha256', serverKey).update(password, 'utf8').digest('hex')}`;

export const verifyRelationshipPassword = (serverKey: string, password: string, stored: string | null | undefined): boolean => {
  if (typeof password !== 'string' || !stored || !stored.startsWith(`${SCHEME}:`)) return false;
  const expected = Buffer.from(hashRelationshipPassword(serverKey, password));
  const actual = Buffer.from(stored);
  return expected.length === actual.length && crypto.timingSafeEqual(expected, actual);
};

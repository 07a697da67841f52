import crypto from 'crypto';

/** One-time tokens (invitations): 256 random bits, stored only as an HMAC under the server key. */
export const generateToken = (): string => crypto.randomBytes(32).toString('base64url');

export const hashToken = (serverKey: string, token: string): string =>
  crypto.createHmac('sha256', serverKey).update(`one-time-token:${token}`, 'utf8').digest('hex');

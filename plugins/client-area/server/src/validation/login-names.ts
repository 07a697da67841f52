/**
 * The shape of an email address or a username, checked with plain character
 * classes and no backtracking before any library regex sees the value: the
 * email regex of yup (used by users-permissions and the admin) takes minutes on
 * a quoted local part such as `"aaaa…@example.com"`. Pure, no Strapi import.
 */
export const EMAIL_MAX_LENGTH = 254;

// RFC 5322 "atext" and dots; letters and digits of any script (internationalised addresses).
const LOCAL_PART = /^[\p{L}\p{N}\p{M}!#$%&'*+/=?^_`{|}~.-]{1,64}$/u;
const DOMAIN_LABEL = /^[\p{L}\p{N}\p{M}-]{1,63}$/u;

/** Why this is not an acceptable email address, or null when it is. */
export function emailShapeProblem(value: string): string | null {
  if (value.length > EMAIL_MAX_LENGTH) return `an email address has at most ${EMAIL_MAX_LENGTH} characters`;
  const parts = value.split('@');
  if (parts.length !== 2) return 'an email address has exactly one @';
  const [local, domain] = parts;
  if (!LOCAL_PART.test(local) || local.startsWith('.') || local.endsWith('.') || local.includes('..')) {
    return 'the part of an email address before the @ may hold letters, digits and !#$%&\'*+/=?^_`{|}~.- (no quotes, spaces or control characters)';
  }
  const labels = domain.split('.');
  if (labels.length < 2 || labels.some((label) => !DOMAIN_LABEL.test(label) || label.startsWith('-') || label.endsWith('-'))) {
    return 'the domain of an email address is names of letters, digits and hyphens separated by dots';
  }
  return null;
}

/** Why this can't be a username, or null. An @ is kept for emails, so a login names one account. */
export function usernameProblem(value: string): string | null {
  if (value.includes('@')) return 'a username may not contain @';
  if (value.length > EMAIL_MAX_LENGTH) return `a username has at most ${EMAIL_MAX_LENGTH} characters`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value)) return 'a username may not contain control characters';
  return null;
}

/**
 * Usernames to try, in order, for an account made from an email: its local part
 * (`jane.doe`), then `jane.doe-2`, `jane.doe-3`… (users-permissions wants 3 characters at least).
 */
export function* usernamesFor(email: string): Generator<string> {
  const base = email.split('@')[0].toLowerCase().replace(/[^\p{L}\p{N}._+-]/gu, '') || 'user';
  if (base.length >= 3) yield base;
  for (let n = 2; ; n++) yield `${base}-${n}`;
}

/**
 * Whether a failed send is worth trying again (pure: no Strapi, no I/O).
 *
 * Only the receiving side saying "never" about this message or its recipients is
 * final: a 5xx answer to RCPT TO or DATA. Everything else — a network error, any
 * 4xx, a refused login while credentials are being changed, a server that closes
 * the connection, a refused sender (MAIL FROM: our side's configuration) — is
 * about our connection, not the mail, and is retried until the mail is too old.
 */
export interface SendError {
  /** The SMTP reply code, when the server answered (nodemailer's `responseCode`). */
  responseCode?: unknown;
  /** The SMTP command that got the answer (nodemailer's `command`: 'RCPT TO', 'DATA', 'AUTH PLAIN', 'CONN'…). */
  command?: unknown;
  /** nodemailer's error class: 'EAUTH', 'ECONNECTION', 'EENVELOPE', 'EMESSAGE'… */
  code?: unknown;
}

/** Answers about the session, not the message, whatever command they come on (RFC 4954, RFC 5321). */
const SESSION_CODES = new Set([421, 454, 530, 534, 535, 538]);

/** Commands whose answer is about the recipients or the message itself. */
const PER_MESSAGE_COMMANDS = new Set(['RCPT TO', 'DATA']);

export function isPermanentRefusal(thrown: unknown): boolean {
  const error = (thrown ?? {}) as SendError;
  const code = Number(error.responseCode);
  if (!Number.isInteger(code) || code < 500 || code > 599) return false;
  if (SESSION_CODES.has(code) || error.code === 'EAUTH') return false;
  return PER_MESSAGE_COMMANDS.has(String(error.command));
}

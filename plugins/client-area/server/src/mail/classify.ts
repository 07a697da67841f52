/**
 * What an incoming mail is, from its headers alone (pure: no Strapi, no I/O).
 * RFC 3834: auto-replies, bounces, list and bulk mail, loops and our own mail
 * coming back never open a ticket and never get an answer.
 */
export interface MailHeaders {
  /** Lower-cased header name → value(s), as mailparser gives them. */
  get(name: string): unknown;
  has(name: string): boolean;
}

export interface MailFacts {
  headers: MailHeaders;
  from: string | null;
  subject: string;
  messageId: string | null;
  inReplyTo: string | null;
  references: string[];
  contentType: string | null;
}

const text = (value: unknown): string => {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(text).join(' ');
  if (typeof value === 'object' && 'value' in (value as any)) return text((value as any).value);
  if (typeof value === 'object' && 'text' in (value as any)) return text((value as any).text);
  return String(value);
};

/** Why a mail must be left alone, or null for a mail written by a person. */
export function automaticReason(mail: MailFacts, ourDomain: string, ourAddress: string): string | null {
  const h = mail.headers;
  const autoSubmitted = text(h.get('auto-submitted')).trim().toLowerCase();
  if (autoSubmitted && !autoSubmitted.startsWith('no')) return `Auto-Submitted: ${autoSubmitted}`;
  if (h.has('x-autoreply') || h.has('x-autorespond') || h.has('x-autoresponder')) return 'auto-reply header';
  const precedence = text(h.get('precedence')).trim().toLowerCase();
  if (['bulk', 'list', 'junk', 'auto_reply'].includes(precedence)) return `Precedence: ${precedence}`;
  if (h.has('list-id') || h.has('list') || h.has('list-unsubscribe')) return 'mailing-list mail';
  if ((mail.contentType ?? '').toLowerCase().includes('multipart/report')) return 'delivery status report';
  const from = (mail.from ?? '').toLowerCase();
  if (/^(mailer-daemon|postmaster)@/.test(from)) return `bounce from ${from}`;
  if (from === ourAddress.toLowerCase()) return 'our own address';
  const loops = text(h.get('x-loop')).toLowerCase();
  if (loops && loops.includes(ourAddress.toLowerCase())) return 'X-Loop: ours';
  if (mail.messageId && mail.messageId.toLowerCase().endsWith(`@${ourDomain.toLowerCase()}>`)) return 'our own mail came back';
  if (/^(automatic reply|auto:|out of office|abwesenheitsnotiz|réponse automatique)/i.test(mail.subject.trim())) return 'auto-reply subject';
  return null;
}

const OUR_ID = /<ticket-(CA-\d+)\.msg-\d+@([^>]+)>/i;
const TAG = /\[#(CA-\d+)\]/i;

/** The ticket a mail answers: by our Message-IDs in In-Reply-To/References, else by the subject tag. */
export function ticketReferenceOf(mail: MailFacts, ourDomain: string): string | null {
  for (const id of [mail.inReplyTo, ...[...mail.references].reverse()]) {
    const match = id ? OUR_ID.exec(id) : null;
    if (match && match[2].toLowerCase() === ourDomain.toLowerCase()) return match[1].toUpperCase();
  }
  const tag = TAG.exec(mail.subject);
  return tag ? tag[1].toUpperCase() : null;
}

/** The subject without reply prefixes and our tag, for a new ticket. */
export const cleanSubject = (subject: string): string =>
  subject
    .replace(TAG, '')
    .replace(/^\s*((re|aw|fw|fwd|tr|sv|wg)\s*:\s*)+/i, '')
    .trim()
    .slice(0, 300) || '(no subject)';

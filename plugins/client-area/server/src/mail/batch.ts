/**
 * Which mails of a poll may be taken at the same time (pure: no Strapi, no I/O).
 * Mails are taken in UID order so that a reply never overtakes the mail it answers,
 * a sender's second mail finds the contact its first one made, and an unknown
 * sender gets one notice a day. Mails that share nothing of that — each from its own
 * sender, about its own ticket (or none), none referring to another — may go at once.
 */
export interface MailKey {
  from: string | null;
  messageId: string | null;
  /** Message-IDs it answers (In-Reply-To and References). */
  refers: string[];
  /** The ticket it names: one of our Message-IDs it answers, or the subject's [#CA-…] tag. */
  ticket: string | null;
}

const MESSAGE_ID = /<[^<>\s]+>/g;
const OUR_ID = /<ticket-(CA-\d+)\.msg-\d+@[^>]+>/i;
const TAG = /\[#(CA-\d+)\]/i;

/** The header block of a raw mail, unfolded, as name (lower case) → first value. */
function headersOf(raw: Buffer): Map<string, string> {
  const text = raw.subarray(0, 64 * 1024).toString('latin1');
  const end = text.search(/\r?\n\r?\n/);
  const block = (end === -1 ? text : text.slice(0, end)).replace(/\r?\n[ \t]+/g, ' ');
  const headers = new Map<string, string>();
  for (const line of block.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
  }
  return headers;
}

/** The address of a From header, lower-cased: the one in angle brackets, or the bare one. */
function addressOf(value: string | undefined): string | null {
  if (!value) return null;
  const angled = /<([^<>\s@]+@[^<>\s@]+)>/.exec(value);
  const bare = /(?:^|\s)([^<>\s@"]+@[^<>\s@]+)(?:\s|$)/.exec(value);
  const address = angled?.[1] ?? bare?.[1];
  return address ? address.toLowerCase() : null;
}

export function mailKeyOf(raw: Buffer): MailKey {
  const headers = headersOf(raw);
  const refers = [...`${headers.get('in-reply-to') ?? ''} ${headers.get('references') ?? ''}`.matchAll(MESSAGE_ID)].map((m) => m[0].toLowerCase());
  const ours = refers.map((id) => OUR_ID.exec(id)?.[1]).find(Boolean);
  const tag = TAG.exec(headers.get('subject') ?? '')?.[1];
  return {
    from: addressOf(headers.get('from')),
    messageId: headers.get('message-id')?.match(MESSAGE_ID)?.[0].toLowerCase() ?? null,
    refers,
    ticket: (ours ?? tag)?.toUpperCase() ?? null,
  };
}

/** Whether these mails may be taken at once: nothing one of them does can change what another finds. */
export function independent(keys: MailKey[]): boolean {
  if (keys.length < 2) return true;
  if (keys.some((k) => k.from === null || k.messageId === null)) return false;
  const distinct = (values: Array<string | null>) => new Set(values).size === values.length;
  if (!distinct(keys.map((k) => k.from)) || !distinct(keys.map((k) => k.messageId))) return false;
  const tickets = keys.map((k) => k.ticket).filter((t): t is string => t !== null);
  if (!distinct(tickets)) return false;
  const ids = new Set(keys.map((k) => k.messageId));
  return !keys.some((k) => k.refers.some((id) => ids.has(id)));
}

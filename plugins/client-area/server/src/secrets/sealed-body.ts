import crypto from 'crypto';

/**
 * The body of a mail that carries a one-time secret (an invitation link, later a
 * password reset), sealed while it waits in the outbox: AES-256-GCM under a key
 * derived (HKDF-SHA256) from the server key, bound to the mail's Message-ID so a
 * sealed body can't be moved to another row. Opened only to send it.
 */
export interface MailBody {
  text: string;
  html: string | null;
}

const VERSION = 'v1';
const INFO = 'client-area/outbox-body/v1';

const keyOf = (serverKey: string): Buffer => Buffer.from(crypto.hkdfSync('sha256', Buffer.from(serverKey, 'utf8'), Buffer.alloc(0), INFO, 32));

export function sealBody(serverKey: string, messageId: string, body: MailBody): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', keyOf(serverKey), iv, { authTagLength: 16 });
  cipher.setAAD(Buffer.from(messageId, 'utf8'));
  const plain = Buffer.from(JSON.stringify({ text: body.text, html: body.html ?? null }), 'utf8');
  const sealed = Buffer.concat([cipher.update(plain), cipher.final()]);
  return [VERSION, iv.toString('base64url'), sealed.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
}

/** The body, or an error when the seal was made under another key or for another mail, or was altered. */
export function openBody(serverKey: string, messageId: string, sealed: string): MailBody {
  const [version, iv, data, tag, extra] = String(sealed).split('.');
  if (version !== VERSION || !iv || !data || !tag || extra !== undefined) throw new Error('not a sealed mail body');
  const decipher = crypto.createDecipheriv('aes-256-gcm', keyOf(serverKey), Buffer.from(iv, 'base64url'), { authTagLength: 16 });
  decipher.setAAD(Buffer.from(messageId, 'utf8'));
  let plain: Buffer;
  try {
    // A tag of any other length is refused (GCM would otherwise accept a truncated one).
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    plain = Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]);
  } catch {
    throw new Error('the sealed mail body does not open with this server key (CLIENT_AREA_SECRET changed?) or was altered');
  }
  const body = JSON.parse(plain.toString('utf8'));
  return { text: String(body.text), html: typeof body.html === 'string' ? body.html : null };
}

import { z } from 'zod';

/**
 * The plugin's settings. A host app overrides any of them in its config/plugins:
 *   'client-area': { config: { secret: env('CLIENT_AREA_SECRET'), outbox: { maxAgeHours: 24 } } }
 * Strapi merges that over `defaults` below (the host wins, key by key) and calls
 * `validator` with the result at start: a wrong or unknown setting stops the app with
 * a message naming it. The plugin's README lists every setting with its default, and
 * a test keeps that list and `defaults` the same.
 */

const whole = (min: number, max = Number.MAX_SAFE_INTEGER) => z.number().int().min(min).max(max);
const positive = () => z.number().finite().positive();
const emailAddress = () => z.string().regex(/^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>".]+$/, 'must be an email address such as support@example.com');

const schema = z
  .object({
    /** Server key for HMAC of relationship passwords and one-time tokens. No default: each app needs its own. */
    secret: z.string().min(32, 'must be set to a random string of at least 32 characters (keep it out of source control; for example from an env variable)'),
    /** Address outgoing mail comes from, and the support mailbox the intake reads. */
    supportAddress: emailAddress(),
    /** Where staff are told of new tickets and customer replies. */
    staffAddress: emailAddress(),
    /** Where links in mails point (the portal lives at <publicUrl>/portal). */
    publicUrl: z.string().url('must be the app\'s public address, such as https://support.example.com').refine((value) => /^https?:\/\//.test(value) && !value.endsWith('/'), 'must start with http:// or https:// and not end with /'),
    relationshipPassword: z
      .object({
        /** Wrong attempts allowed per identity and client within the window. */
        attempts: whole(1),
        windowSeconds: whole(1),
        /** How long the pair is locked out once the attempts are used up. */
        lockoutSeconds: whole(1),
        /** How long a session opened with the password lasts. */
        sessionHours: positive(),
      })
      .strict(),
    outbox: z
      .object({
        /** How often the worker looks for due mail; 0 turns the worker off (another process sends). */
        intervalMs: whole(0),
        /** How long a mail is retried after it was queued before it is kept as failed. */
        maxAgeHours: positive(),
        /** First retry delay; doubles on each attempt (at most 6 hours). */
        backoffSeconds: z.number().finite().min(0),
      })
      .strict(),
    attachments: z
      .object({
        /** Largest file a customer or staff member may attach. */
        maxBytes: whole(1),
        /** Files per message. */
        maxFiles: whole(1),
        /**
         * Where the local upload provider's ticket attachments are kept, outside the public
         * folder (relative to the app's root): they are served only through the authorised
         * download route. Empty: `private/client-area-attachments`.
         */
        privateDir: z.string(),
      })
      .strict(),
    intake: z
      .object({
        /** What mail from an unknown address becomes: held for staff, or refused with one notice a day. */
        unknownSender: z.enum(['triage', 'reject']),
        /** Bigger messages are recorded, not fetched. */
        maxBytes: whole(1),
        /**
         * The authserv-id of the support mailbox's own MTA (RFC 8601). When set, a known
         * sender is trusted only if that MTA's Authentication-Results say DMARC (or aligned
         * SPF/DKIM) passed; otherwise the mail waits in triage. Empty: not checked.
         */
        trustedAuthservId: z.string(),
      })
      .strict(),
    imap: z
      .object({
        /** The support mailbox's IMAP server; empty: mail intake is off. */
        host: z.string(),
        port: whole(1, 65535),
        /** TLS from the start (port 993); false: STARTTLS when the server offers it. */
        secure: z.boolean(),
        user: z.string(),
        password: z.string(),
        mailbox: z.string().min(1, 'must name a mailbox, such as INBOX'),
        /** How often the mailbox is read; 0: not on a timer (the mail:poll script or another process reads it). */
        pollIntervalMs: whole(0),
      })
      .strict()
      .refine((imap) => !imap.host || imap.user, { message: 'must be set when "imap.host" is (the mailbox\'s login)', path: ['user'] }),
    /** Failed customer logins (see services/login-limits.ts). */
    loginLimits: z
      .object({
        enabled: z.boolean(),
        /** Failures in a row per identifier + IP before that pair is blocked. */
        consecutiveFailures: whole(1),
        blockSeconds: whole(1),
        /** Failures per IP per day, whatever the identifier. */
        dailyFailuresPerIp: whole(1),
      })
      .strict(),
    /**
     * Sections customers don't see (Settings → Client Area): no menu entry, no API answer, no
     * grant of them in force, even for masters. Their grants are kept, and count again when
     * the section is shown again. Names of sections no plugin registers are ignored.
     */
    hiddenSections: z.array(z.string().max(64)).max(50),
    registration: z
      .object({
        /** Public sign-up (users-permissions' /auth/local/register); off: accounts come from invitations, staff and imports. */
        allowed: z.boolean(),
      })
      .strict(),
  })
  .strict();

export type ClientAreaConfig = z.infer<typeof schema>;

export const defaults: ClientAreaConfig = {
  secret: '',
  supportAddress: 'support@client-area.local',
  staffAddress: 'support@client-area.local',
  publicUrl: 'http://localhost:1337',
  relationshipPassword: { attempts: 5, windowSeconds: 900, lockoutSeconds: 3600, sessionHours: 12 },
  outbox: { intervalMs: 5000, maxAgeHours: 72, backoffSeconds: 60 },
  attachments: { maxBytes: 10 * 1024 * 1024, maxFiles: 5, privateDir: '' },
  intake: { unknownSender: 'triage', maxBytes: 25 * 1024 * 1024, trustedAuthservId: '' },
  imap: { host: '', port: 993, secure: true, user: '', password: '', mailbox: 'INBOX', pollIntervalMs: 30000 },
  loginLimits: { enabled: true, consecutiveFailures: 10, blockSeconds: 900, dailyFailuresPerIp: 100 },
  hiddenSections: [],
  registration: { allowed: false },
};

/** Settings whose values never appear in a message. */
const SECRET = new Set(['secret', 'imap.password']);

const describe = (value: unknown) => (value === undefined ? 'nothing' : Number.isNaN(value) ? 'NaN (not a number)' : JSON.stringify(value));

/** One line per problem: the setting's path, what it must be, and what it was. */
export function configProblems(config: unknown): string[] {
  const result = schema.safeParse(config);
  if (result.success) return [];
  return result.error.issues.map((issue) => {
    if (issue.code === 'unrecognized_keys') {
      const where = issue.path.length ? `${issue.path.join('.')}.` : '';
      return `unknown setting${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => `"${where}${key}"`).join(', ')} (see the plugin's README for the settings there are)`;
    }
    const name = issue.path.join('.');
    const value = issue.path.reduce<any>((at, key) => (at == null ? undefined : at[key]), config);
    const expected = issue.code === 'invalid_type' ? `must be ${issue.expected === 'integer' ? 'a whole number' : `a ${issue.expected}`}` : issue.message.replace(/^Number must be/, 'must be').replace(/^Invalid enum value\. Expected/, 'must be one of').replace(/, received .*$/, '');
    return `"${name}" ${expected}${SECRET.has(name) ? '' : `; it is ${describe(value)}`}`;
  });
}

export default {
  default: defaults,
  validator(config: unknown) {
    const problems = configProblems(config);
    if (problems.length) {
      // Strapi puts "Error regarding client-area config:" in front.
      throw new Error(`${problems.length === 1 ? 'a setting is wrong' : `${problems.length} settings are wrong`} (config/plugins, 'client-area'.config):\n  - ${problems.join('\n  - ')}`);
    }
  },
};

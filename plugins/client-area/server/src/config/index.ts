export interface ClientAreaConfig {
  /** Server key for HMAC of relationship passwords and one-time tokens. */
  secret: string;
  /** Address staff notifications and outgoing mail come from. */
  supportAddress: string;
  relationshipPassword: {
    /** Wrong attempts allowed per identity and client within the window. */
    attempts: number;
    windowSeconds: number;
    /** How long the pair is locked out once the attempts are used up. */
    lockoutSeconds: number;
    /** How long a session opened with the password lasts. */
    sessionHours: number;
  };
  outbox: {
    /** How often the worker looks for due mail; 0 turns the worker off. */
    intervalMs: number;
    /** How long a mail is retried after it was queued before it is kept as failed. */
    maxAgeHours: number;
    /** First retry delay; doubles on each attempt (at most 6 hours). */
    backoffSeconds: number;
  };
  attachments: {
    maxBytes: number;
    maxFiles: number;
    /**
     * Where the local upload provider's ticket attachments are kept, outside the public
     * folder (relative to the app's root): they are served only through the authorised
     * download route. Empty: `private/client-area-attachments`.
     */
    privateDir: string;
  };
  intake: {
    /** What mail from an unknown address becomes: held for staff, or refused with one notice a day. */
    unknownSender: 'triage' | 'reject';
    /** Bigger messages are recorded, not fetched. */
    maxBytes: number;
    /**
     * The authserv-id of the support mailbox's own MTA (RFC 8601). When set, a known
     * sender is trusted only if that MTA's Authentication-Results say DMARC (or aligned
     * SPF/DKIM) passed; otherwise the mail waits in triage. Empty: not checked.
     */
    trustedAuthservId: string;
  };
  imap: {
    host: string;
    port: number;
    secure: boolean;
    user: string;
    password: string;
    mailbox: string;
    /** 0: not polled on a timer. */
    pollIntervalMs: number;
  };
  /** Where staff are told of new tickets and customer replies. */
  staffAddress: string;
  /** Where links in mails point (the portal lives at <publicUrl>/portal). */
  publicUrl: string;
  /** Failed customer logins (see services/login-limits.ts). */
  loginLimits: { enabled: boolean; consecutiveFailures: number; blockSeconds: number; dailyFailuresPerIp: number };
  registration: {
    /** Public sign-up (users-permissions' /auth/local/register); off: accounts come from invitations, staff and imports. */
    allowed: boolean;
  };
}

export default {
  default: {
    secret: '',
    supportAddress: 'support@client-area.local',
    relationshipPassword: { attempts: 5, windowSeconds: 900, lockoutSeconds: 3600, sessionHours: 12 },
    outbox: { intervalMs: 5000, maxAgeHours: 72, backoffSeconds: 60 },
    publicUrl: 'http://localhost:1337',
    registration: { allowed: false },
    loginLimits: { enabled: true, consecutiveFailures: 10, blockSeconds: 900, dailyFailuresPerIp: 100 },
    staffAddress: 'support@client-area.local',
    attachments: { maxBytes: 10 * 1024 * 1024, maxFiles: 5, privateDir: '' },
    intake: { unknownSender: 'triage', maxBytes: 25 * 1024 * 1024, trustedAuthservId: '' },
    imap: { host: '', port: 993, secure: true, user: '', password: '', mailbox: 'INBOX', pollIntervalMs: 30000 },
  },
  validator(config: ClientAreaConfig) {
    if (!['triage', 'reject'].includes(config.intake?.unknownSender)) {
      throw new Error('CLIENT_AREA_UNKNOWN_SENDER must be "triage" or "reject"');
    }
    if (typeof config.secret !== 'string' || config.secret.length < 32) {
      throw new Error('secret (CLIENT_AREA_SECRET) must be set to at least 32 characters; run "npm run setup" to generate one');
    }
    const { maxAgeHours, backoffSeconds } = config.outbox ?? ({} as ClientAreaConfig['outbox']);
    if (typeof maxAgeHours !== 'number' || !Number.isFinite(maxAgeHours) || maxAgeHours <= 0) {
      throw new Error(`outbox.maxAgeHours (CLIENT_AREA_OUTBOX_MAX_AGE_HOURS) must be a number of hours above 0, e.g. 72; got ${JSON.stringify(maxAgeHours)}`);
    }
    if (typeof backoffSeconds !== 'number' || !Number.isFinite(backoffSeconds) || backoffSeconds < 0) {
      throw new Error(`outbox.backoffSeconds (CLIENT_AREA_OUTBOX_BACKOFF_SECONDS) must be a number of seconds, 0 or more; got ${JSON.stringify(backoffSeconds)}`);
    }
  },
};

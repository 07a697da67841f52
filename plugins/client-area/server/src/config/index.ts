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
    maxAttempts: number;
    /** First retry delay; doubles on each attempt (at most 6 hours). */
    backoffSeconds: number;
  };
  attachments: {
    maxBytes: number;
    maxFiles: number;
  };
  intake: {
    /** What mail from an unknown address becomes: held for staff, or refused with one notice a day. */
    unknownSender: 'triage' | 'reject';
    /** Bigger messages are recorded, not fetched. */
    maxBytes: number;
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
    outbox: { intervalMs: 5000, maxAttempts: 8, backoffSeconds: 60 },
    publicUrl: 'http://localhost:1337',
    registration: { allowed: false },
    loginLimits: { enabled: true, consecutiveFailures: 10, blockSeconds: 900, dailyFailuresPerIp: 100 },
    staffAddress: 'support@client-area.local',
    attachments: { maxBytes: 10 * 1024 * 1024, maxFiles: 5 },
    intake: { unknownSender: 'triage', maxBytes: 25 * 1024 * 1024 },
    imap: { host: '', port: 993, secure: true, user: '', password: '', mailbox: 'INBOX', pollIntervalMs: 30000 },
  },
  validator(config: ClientAreaConfig) {
    if (!['triage', 'reject'].includes(config.intake?.unknownSender)) {
      throw new Error('CLIENT_AREA_UNKNOWN_SENDER must be "triage" or "reject"');
    }
    if (typeof config.secret !== 'string' || config.secret.length < 32) {
      throw new Error('secret (CLIENT_AREA_SECRET) must be set to at least 32 characters; run "npm run setup" to generate one');
    }
  },
};

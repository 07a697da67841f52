export default ({ env }) => ({
  'users-permissions': {
    config: {
      jwtSecret: env('JWT_SECRET'),
      // Short-lived access tokens with refresh tokens and real logout (see README, "Logging in").
      jwtManagement: 'refresh',
      // Login attempts per IP and identifier; tests turn it off (AUTH_RATE_LIMIT=false).
      ratelimit: { enabled: env.bool('AUTH_RATE_LIMIT', true), interval: 60000, max: 10 },
    },
  },
  email: {
    config: {
      provider: 'nodemailer',
      providerOptions: {
        host: env('SMTP_HOST', '127.0.0.1'),
        port: env.int('SMTP_PORT', 2525),
        secure: env.bool('SMTP_SECURE', false),
        ignoreTLS: !env.bool('SMTP_SECURE', false) && !env.bool('SMTP_STARTTLS', false),
        auth: env('SMTP_USER', '') ? { user: env('SMTP_USER'), pass: env('SMTP_PASSWORD') } : undefined,
        // Keep a few connections open while the outbox sends a batch, instead of a new connection
        // (greeting, EHLO, login) per mail; close them once idle for a moment.
        pool: env.bool('SMTP_POOL', true),
        maxConnections: env.int('SMTP_MAX_CONNECTIONS', 3),
        idleTimeout: env.int('SMTP_POOL_IDLE_MS', 2000),
      },
      settings: {
        defaultFrom: env('MAIL_FROM', 'support@client-area.local'),
        defaultReplyTo: env('MAIL_REPLY_TO', env('MAIL_FROM', 'support@client-area.local')),
      },
    },
  },
  'client-area': {
    enabled: true,
    resolve: './plugins/client-area',
    config: {
      // HMAC key for relationship passwords and one-time tokens.
      secret: env('CLIENT_AREA_SECRET'),
      supportAddress: env('CLIENT_AREA_SUPPORT_ADDRESS', env('MAIL_FROM', 'support@client-area.local')),
      staffAddress: env('CLIENT_AREA_STAFF_ADDRESS', env('CLIENT_AREA_SUPPORT_ADDRESS', env('MAIL_FROM', 'support@client-area.local'))),
      attachments: {
        maxBytes: env.int('CLIENT_AREA_ATTACHMENT_MAX_BYTES', 10 * 1024 * 1024),
        maxFiles: env.int('CLIENT_AREA_ATTACHMENT_MAX_FILES', 5),
        privateDir: env('CLIENT_AREA_ATTACHMENT_DIR', ''),
      },
      intake: {
        unknownSender: env('CLIENT_AREA_UNKNOWN_SENDER', 'triage'),
        maxBytes: env.int('CLIENT_AREA_INTAKE_MAX_BYTES', 25 * 1024 * 1024),
        trustedAuthservId: env('CLIENT_AREA_TRUSTED_AUTHSERV_ID', ''),
      },
      imap: {
        host: env('CLIENT_AREA_IMAP_HOST', ''),
        port: env.int('CLIENT_AREA_IMAP_PORT', 993),
        secure: env.bool('CLIENT_AREA_IMAP_SECURE', true),
        user: env('CLIENT_AREA_IMAP_USER', ''),
        password: env('CLIENT_AREA_IMAP_PASSWORD', ''),
        mailbox: env('CLIENT_AREA_IMAP_MAILBOX', 'INBOX'),
        pollIntervalMs: env.int('CLIENT_AREA_IMAP_POLL_INTERVAL_MS', 30000),
      },
      publicUrl: env('PUBLIC_URL', `http://localhost:${env('PORT', '1337')}`),
      // Failed logins per identifier + IP and per IP per day; off with AUTH_RATE_LIMIT=false (as in tests).
      loginLimits: {
        enabled: env.bool('CLIENT_AREA_LOGIN_LIMITS', env.bool('AUTH_RATE_LIMIT', true)),
        consecutiveFailures: env.int('CLIENT_AREA_LOGIN_CONSECUTIVE_FAILURES', 10),
        blockSeconds: env.int('CLIENT_AREA_LOGIN_BLOCK_SECONDS', 900),
        dailyFailuresPerIp: env.int('CLIENT_AREA_LOGIN_DAILY_FAILURES_PER_IP', 100),
      },
      // Public sign-up; off by default (invitations make accounts).
      registration: { allowed: env.bool('CLIENT_AREA_ALLOW_REGISTRATION', false) },
      outbox: {
        intervalMs: env.int('CLIENT_AREA_OUTBOX_INTERVAL_MS', 5000),
        // Transient failures are retried until the mail is this old (hours), then kept as failed.
        maxAgeHours: env.float('CLIENT_AREA_OUTBOX_MAX_AGE_HOURS', 72),
        backoffSeconds: env.int('CLIENT_AREA_OUTBOX_BACKOFF_SECONDS', 60),
      },
    },
  },
});

import { freePort } from './ports';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';

/**
 * A real SMTP listener for tests (smtp-server): keeps every accepted message,
 * parsed, and can be told to refuse mail with a given reply code (after DATA, at
 * RCPT TO, or at login), to hold its answer to a message until the test says, or
 * be stopped and started again on the same port to play an outage.
 */
export interface TestSmtp {
  port: number;
  messages: Array<{ envelope: { from: string; to: string[] }; mail: ParsedMail; raw: string }>;
  /** Refuse every message after DATA with this code. */
  refuseWith: number | null;
  /** Refuse these recipients at RCPT TO with this code. */
  refuseRecipients: { addresses: string[]; code: number } | null;
  /** Refuse every login (AUTH) with this code (the client logs in when SMTP_USER is set). */
  refuseLoginWith: number | null;
  /** Called with each message before answering it: the answer waits for it, and a code it returns refuses the message. */
  beforeAnswer: ((raw: string) => Promise<number | null | void>) | null;
  start(): Promise<void>;
  stop(): Promise<void>;
}

const refusal = (code: number, what: string) => Object.assign(new Error(`${what} refused for the test (${code})`), { responseCode: code });

export async function createSmtp(): Promise<TestSmtp> {
  const port = await freePort();
  let server: SMTPServer | undefined;
  const smtp: TestSmtp = {
    port,
    messages: [],
    refuseWith: null,
    refuseRecipients: null,
    refuseLoginWith: null,
    beforeAnswer: null,
    async start() {
      server = new SMTPServer({
        authOptional: true,
        allowInsecureAuth: true,
        disabledCommands: ['STARTTLS'],
        logger: false,
        onAuth(auth, session, callback) {
          if (smtp.refuseLoginWith) return callback(refusal(smtp.refuseLoginWith, 'login'));
          callback(null, { user: auth.username });
        },
        onRcptTo(address, session, callback) {
          const refused = smtp.refuseRecipients;
          if (refused && refused.addresses.includes(address.address)) return callback(refusal(refused.code, `recipient ${address.address}`));
          callback();
        },
        onData(stream, session, callback) {
          const chunks: Buffer[] = [];
          stream.on('data', (chunk) => chunks.push(chunk));
          stream.on('end', async () => {
            const raw = Buffer.concat(chunks).toString('utf8');
            const held = smtp.beforeAnswer ? await smtp.beforeAnswer(raw) : null;
            if (held) return callback(refusal(held, 'message'));
            if (smtp.refuseWith) return callback(refusal(smtp.refuseWith, 'message'));
            smtp.messages.push({
              envelope: { from: (session.envelope.mailFrom as any)?.address, to: session.envelope.rcptTo.map((r) => r.address) },
              mail: await simpleParser(raw),
              raw,
            });
            callback();
          });
        },
      });
      await new Promise<void>((resolve) => server!.listen(port, '127.0.0.1', resolve));
    },
    async stop() {
      if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
      server = undefined;
    },
  };
  await smtp.start();
  return smtp;
}

/** The environment that points the app's mail at this listener (with `login`, the app logs in with SMTP_USER/SMTP_PASSWORD). */
export const smtpEnv = (smtp: TestSmtp, { login = false } = {}) => ({
  SMTP_HOST: '127.0.0.1',
  SMTP_PORT: String(smtp.port),
  SMTP_SECURE: 'false',
  ...(login ? { SMTP_USER: 'outbox', SMTP_PASSWORD: 'smtp-test-password' } : {}),
});

/** Sends everything the outbox holds that is due, until nothing is left. */
export async function deliverAll(strapi: { plugin(name: string): any }) {
  while ((await strapi.plugin('client-area').service('outbox').deliverDue()) > 0);
}

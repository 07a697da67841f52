import { freePort } from './ports';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';

/**
 * A real SMTP listener for tests (smtp-server): keeps every accepted message,
 * parsed, and can be told to refuse mail with a given reply code, or be stopped
 * and started again on the same port to play an outage.
 */
export interface TestSmtp {
  port: number;
  messages: Array<{ envelope: { from: string; to: string[] }; mail: ParsedMail; raw: string }>;
  refuseWith: number | null;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export async function createSmtp(): Promise<TestSmtp> {
  const port = await freePort();
  let server: SMTPServer | undefined;
  const smtp: TestSmtp = {
    port,
    messages: [],
    refuseWith: null,
    async start() {
      server = new SMTPServer({
        authOptional: true,
        disabledCommands: ['STARTTLS'],
        logger: false,
        onData(stream, session, callback) {
          const chunks: Buffer[] = [];
          stream.on('data', (chunk) => chunks.push(chunk));
          stream.on('end', async () => {
            if (smtp.refuseWith) {
              const error: any = new Error(`refused for the test (${smtp.refuseWith})`);
              error.responseCode = smtp.refuseWith;
              return callback(error);
            }
            const raw = Buffer.concat(chunks).toString('utf8');
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

/** The environment that points the app's mail at this listener. */
export const smtpEnv = (smtp: TestSmtp) => ({ SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), SMTP_SECURE: 'false' });

/** Sends everything the outbox holds that is due, until nothing is left. */
export async function deliverAll(strapi: { plugin(name: string): any }) {
  while ((await strapi.plugin('client-area').service('outbox').deliverDue()) > 0);
}

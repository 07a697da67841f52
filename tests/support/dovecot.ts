import { spawn, execFileSync, type ChildProcess } from 'child_process';
import fs from 'fs';
import net from 'net';
import { freePort } from './ports';
import os from 'os';
import path from 'path';
import { ImapFlow } from 'imapflow';

/**
 * A real Dovecot IMAP server for tests: started from a temporary directory, as the
 * unprivileged user `ca-dovecot` (made by scripts/test-prerequisites.sh), on a free
 * high port, with one mailbox user. Mail is delivered with IMAP APPEND.
 */
const RUN_AS = 'ca-dovecot';
export const IMAP_USER = 'support';
export const IMAP_PASSWORD = 'imap-test-password';

export interface TestDovecot {
  port: number;
  env(mailbox?: string): Record<string, string>;
  append(raw: Buffer | string, mailbox?: string): Promise<void>;
  /** Deletes and creates a mailbox again: it comes back with a new UIDVALIDITY. */
  recreate(mailbox: string): Promise<void>;
  /** UIDs of the messages of a mailbox that carry a keyword. */
  flagged(keyword: string, mailbox?: string): Promise<number[]>;
  stop(): Promise<void>;
}

const reachable = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

export async function startDovecot(): Promise<TestDovecot> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ca-dovecot-'));
  const port = await freePort();
  for (const sub of ['run', 'state', 'mail']) fs.mkdirSync(path.join(dir, sub));
  fs.writeFileSync(path.join(dir, 'passwd'), `${IMAP_USER}:{PLAIN}${IMAP_PASSWORD}\n`);
  fs.writeFileSync(
    path.join(dir, 'dovecot.conf'),
    `base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
instance_name = ca-test-${port}
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = ${RUN_AS}
default_internal_group = ${RUN_AS}
default_login_user = ${RUN_AS}
mail_location = maildir:${dir}/mail/%u
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/passwd
}
userdb {
  driver = static
  args = uid=${RUN_AS} gid=${RUN_AS} home=${dir}/mail/%u
}
service imap-login {
  chroot =
  inet_listener imap {
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
service stats {
  unix_listener stats-reader {
    user = ${RUN_AS}
  }
  unix_listener stats-writer {
    user = ${RUN_AS}
  }
}
`,
  );
  execFileSync('chown', ['-R', `${RUN_AS}:${RUN_AS}`, dir]);
  const server: ChildProcess = spawn('runuser', ['-u', RUN_AS, '--', '/usr/sbin/dovecot', '-F', '-c', path.join(dir, 'dovecot.conf')], { stdio: 'ignore' });
  for (let i = 0; i < 100 && !(await reachable(port)); i++) await new Promise((r) => setTimeout(r, 100));
  if (!(await reachable(port))) throw new Error(`Dovecot did not start: ${fs.existsSync(path.join(dir, 'dovecot.log')) ? fs.readFileSync(path.join(dir, 'dovecot.log'), 'utf8') : 'no log'}`);

  const withClient = async <T>(work: (client: ImapFlow) => Promise<T>): Promise<T> => {
    const client = new ImapFlow({ host: '127.0.0.1', port, secure: false, auth: { user: IMAP_USER, pass: IMAP_PASSWORD }, logger: false, doSTARTTLS: false } as any);
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.logout().catch(() => undefined);
    }
  };

  return {
    port,
    env: (mailbox = 'INBOX') => ({
      CLIENT_AREA_IMAP_HOST: '127.0.0.1',
      CLIENT_AREA_IMAP_PORT: String(port),
      CLIENT_AREA_IMAP_SECURE: 'false',
      CLIENT_AREA_IMAP_USER: IMAP_USER,
      CLIENT_AREA_IMAP_PASSWORD: IMAP_PASSWORD,
      CLIENT_AREA_IMAP_MAILBOX: mailbox,
      CLIENT_AREA_IMAP_POLL_INTERVAL_MS: '0',
    }),
    append: (raw, mailbox = 'INBOX') => withClient(async (client) => void (await client.append(mailbox, raw))),
    recreate: (mailbox) =>
      withClient(async (client) => {
        await client.mailboxDelete(mailbox).catch(() => undefined);
        await client.mailboxCreate(mailbox);
      }),
    flagged: (keyword, mailbox = 'INBOX') =>
      withClient(async (client) => {
        const lock = await client.getMailboxLock(mailbox);
        try {
          return ((await client.search({ keyword } as any, { uid: true })) || []) as number[];
        } finally {
          lock.release();
        }
      }),
    async stop() {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

import { yup } from '@strapi/utils';
import { startApp, type TestApp } from '../support/strapi';

/**
 * Strapi validates the emails of its authentication routes with yup, whose regex
 * backtracks exponentially on a quoted local part. Strapi runs in this jest
 * process, so a blocked event loop blocks the test too. To fail in bounded time
 * on an unguarded server, the test first measures (with the same yup, on this
 * machine, under its current load) the shortest quoted address that keeps the
 * regex busy for 3 seconds, and sends that; the real 36-character payload is sent
 * only once the measured one has been refused.
 */
let app: TestApp;
beforeAll(async () => {
  app = await startApp({ listen: true });
});
afterAll(async () => {
  await app?.stop();
});

const quoted = (n: number) => `"${'a'.repeat(n)}@example.com"`;
const HOSTILE = quoted(36);
const BLOCK_MS = 3000;
let bounded = '';

/** The shortest quoted address yup needs BLOCK_MS to judge (each extra character about doubles it). */
function addressBlockingFor(ms: number) {
  for (let n = 8; ; n++) {
    const started = performance.now();
    yup.string().email().isValidSync(quoted(n));
    if (performance.now() - started >= ms) return quoted(n);
  }
}
beforeAll(() => {
  bounded = addressBlockingFor(BLOCK_MS);
});

const post = (path: string, body: object) =>
  fetch(`${app.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(async (res) => ({
    status: res.status,
    body: (await res.json().catch(() => null)) as any,
  }));

/** Fires the request, then asks Strapi's health route while it is in flight. */
async function healthWhileInFlight(path: string, body: object) {
  const started = Date.now();
  const inFlight = post(path, body);
  await new Promise((resolve) => setTimeout(resolve, 100));
  const health = await fetch(`${app.url}/_health`);
  const healthAfterMs = Date.now() - started;
  return { health: health.status, healthAfterMs, answer: await inFlight };
}

const EMAIL_ROUTES: Array<[string, (email: string) => object]> = [
  ['/api/auth/forgot-password', (email) => ({ email })],
  ['/api/auth/local/register', (email) => ({ email, username: 'someone', password: 'Secret-pass-1' })],
  ['/api/auth/send-email-confirmation', (email) => ({ email })],
  ['/admin/forgot-password', (email) => ({ email })],
  ['/admin/register-admin', (email) => ({ email, firstname: 'Eve', password: 'Secret-pass-1' })],
];

describe.each(EMAIL_ROUTES)('POST %s with a quoted email', (path, body) => {
  let refusedBounded = false;
  it('is refused with a 400 before validation, and /_health answers meanwhile', async () => {
    const { health, healthAfterMs, answer } = await healthWhileInFlight(path, body(bounded));
    expect(answer.status).toBe(400);
    expect(answer.body.error.message).toMatch(/^email: .*no quotes/);
    expect(health).toBe(204);
    expect(healthAfterMs).toBeLessThan(BLOCK_MS / 2);
    refusedBounded = true;
  });

  it('the 36-character payload too', async () => {
    if (!refusedBounded) throw new Error('not sent: without the guard it would block this process for hours');
    const { healthAfterMs, answer } = await healthWhileInFlight(path, body(HOSTILE));
    expect(answer.status).toBe(400);
    expect(healthAfterMs).toBeLessThan(BLOCK_MS / 2);
  });
});

describe('the other login and account fields', () => {
  // Bodies are made when the test runs: the quoted address is the measured one.
  it.each<[string, () => object, RegExp]>([
    ['/api/auth/local', () => ({ identifier: bounded, password: 'x' }), /^identifier: /],
    ['/api/auth/local', () => ({ identifier: 'a'.repeat(255), password: 'x' }), /^identifier: a login has at most 254/],
    ['/api/auth/reset-password', () => ({ code: 'x', password: 'Secret-pass-1', passwordConfirmation: 'Secret-pass-1', email: bounded }), /^email: /],
    ['/admin/login', () => ({ email: bounded, password: 'x' }), /^email: /],
    ['/admin/register', () => ({ registrationToken: 'x', userInfo: { email: bounded, firstname: 'E', password: 'Secret-pass-1' } }), /^userInfo\.email: /],
    ['/API/Auth/Forgot-Password/', () => ({ email: bounded }), /^email: /],
    ['/api/auth/forgot-password', () => ({ email: `${'a'.repeat(250)}@example.com` }), /at most 254/],
    ['/api/auth/forgot-password', () => ({ email: 'a@b@example.com' }), /exactly one @/],
    ['/api/auth/forgot-password', () => ({ email: 'a b@example.com' }), /no quotes, spaces/],
    ['/api/auth/forgot-password', () => ({ email: 'ab\u0000@example.com' }), /control characters/],
    ['/api/auth/forgot-password', () => ({ email: 'ab@example..com' }), /domain/],
  ])('POST %s is a 400 naming the field (case %#)', async (path, body, message) => {
    const answer = await post(path, body());
    expect(answer.status).toBe(400);
    expect(answer.body.error.message).toMatch(message);
  });

  it('lets an ordinary address through to Strapi', async () => {
    const answer = await post('/api/auth/forgot-password', { email: 'jane.doe+portal@example.test' });
    expect(answer.body?.error?.message ?? '').not.toMatch(/^email: /);
  });
});

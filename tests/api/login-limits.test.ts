import request from 'supertest';
import { startApp, type TestApp } from '../support/strapi';
import { fixtures } from '../support/fixtures';
import { PASSWORD } from '../support/customers';

/** Failed logins per identifier + IP (3 here) and per IP per day (8 here), in the database. */
const ENV = { CLIENT_AREA_LOGIN_LIMITS: 'true', CLIENT_AREA_LOGIN_CONSECUTIVE_FAILURES: '3', CLIENT_AREA_LOGIN_DAILY_FAILURES_PER_IP: '8' };
let app: TestApp;
beforeAll(async () => {
  app = await startApp({ env: ENV });
});
afterAll(async () => {
  await app?.stop();
});

const logIn = (identifier: string, password: string) => request(app.server).post('/api/auth/local').send({ identifier, password });
const identity = () => fixtures(app.strapi).identity() as Promise<any>;

describe('login limits', () => {
  it('blocks an identifier from an IP after its consecutive failures, resets on success, and blocks the IP after its daily failures', async () => {
    const [a, b, c, d, e] = await Promise.all([identity(), identity(), identity(), identity(), identity()]);

    for (let i = 0; i < 3; i++) await logIn(a.username, 'wrong-password').expect(400);
    const blocked = await logIn(a.email, PASSWORD).expect(429);
    expect(blocked.body.error.message).toMatch(/^Too many failed logins for this account from your address; try again in 15 minutes$/);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(800);
    // …the identifier only: someone else logs in from the same address.
    await logIn(b.username, PASSWORD).expect(200);

    // A success clears the consecutive count.
    await logIn(c.username, 'wrong-password').expect(400);
    await logIn(c.username, 'wrong-password').expect(400);
    await logIn(c.username, PASSWORD).expect(200);
    await logIn(c.username, 'wrong-password').expect(400);
    await logIn(c.username, 'wrong-password').expect(400);
    await logIn(c.username, PASSWORD).expect(200);

    // Failures so far from this address: 3 + 4; the 8th uses up the day.
    await logIn(d.username, 'wrong-password').expect(400);
    const day = await logIn(e.username, PASSWORD).expect(429);
    expect(day.body.error.message).toBe('Too many failed logins from your address today; try again later');
  });
});

/**
 * The customers' API under /api/client-area. Every route either names the policy
 * that guards it or is declared public here on purpose; tests/api/routes.test.ts
 * walks all routes and fails on any other.
 */
const identity = { policies: ['plugin::client-area.is-identity'] };
const inClient = (section?: string) => ({
  policies: [{ name: 'plugin::client-area.client-access', config: section ? { section } : {} }],
});

export const PUBLIC_ROUTES = ['GET /health'];

export default {
  type: 'content-api',
  routes: [
    // Public on purpose: load balancers probe it. It reveals no customer data.
    { method: 'GET', path: '/health', handler: 'health.show', config: { auth: false, policies: [] } },

    { method: 'GET', path: '/me', handler: 'me.show', config: identity },
    { method: 'GET', path: '/clients', handler: 'clients.list', config: identity },
    { method: 'POST', path: '/clients/:clientId/session', handler: 'session.create', config: identity },
    { method: 'GET', path: '/clients/:clientId', handler: 'clients.show', config: inClient() },
  ],
};

/**
 * The customers' API under /api/client-area. Every route either names the policy
 * that guards it or is declared public here on purpose; tests/api/routes.test.ts
 * walks all routes and fails on any other.
 */
const identity = { policies: ['plugin::client-area.is-identity'] };
const inClient = (section?: string) => ({
  policies: [{ name: 'plugin::client-area.client-access', config: section ? { section } : {} }],
});

export const PUBLIC_ROUTES = ['GET /health', 'POST /invitations/describe', 'POST /invitations/accept', 'POST /contacts/email-confirmation'];

export default {
  type: 'content-api',
  routes: [
    // Public on purpose: load balancers probe it. It reveals no customer data.
    { method: 'GET', path: '/health', handler: 'health.show', config: { auth: false, policies: [] } },

    // Public on purpose: the invited person has no login yet; the 256-bit one-time token is the credential.
    { method: 'POST', path: '/invitations/describe', handler: 'invitations.describe', config: { auth: false, policies: [] } },
    { method: 'POST', path: '/invitations/accept', handler: 'invitations.accept', config: { auth: false, policies: [] } },

    // Public on purpose: the new address may belong to nobody with a login yet; the one-time token is the credential.
    { method: 'POST', path: '/contacts/email-confirmation', handler: 'contacts.confirmEmail', config: { auth: false, policies: [] } },

    { method: 'GET', path: '/me', handler: 'me.show', config: identity },
    { method: 'GET', path: '/sections', handler: 'sections.offered', config: identity },
    { method: 'GET', path: '/profile', handler: 'profile.show', config: identity },
    { method: 'PUT', path: '/profile', handler: 'profile.update', config: identity },
    { method: 'PUT', path: '/profile/clients/:clientId/email-preferences', handler: 'profile.setPreferences', config: identity },
    { method: 'GET', path: '/clients', handler: 'clients.list', config: identity },
    { method: 'GET', path: '/security-groups', handler: 'portfolio.groups', config: identity },
    { method: 'POST', path: '/security-groups', handler: 'portfolio.createGroup', config: identity },
    { method: 'PUT', path: '/security-groups/:groupId', handler: 'portfolio.updateGroup', config: identity },
    { method: 'DELETE', path: '/security-groups/:groupId', handler: 'portfolio.removeGroup', config: identity },
    { method: 'PUT', path: '/security-groups/:groupId/clients', handler: 'portfolio.assignClients', config: identity },
    { method: 'GET', path: '/secondary-logons', handler: 'portfolio.logons', config: identity },
    { method: 'POST', path: '/secondary-logons', handler: 'portfolio.createLogon', config: identity },
    { method: 'PUT', path: '/secondary-logons/:logonId', handler: 'portfolio.updateLogon', config: identity },
    { method: 'POST', path: '/secondary-logons/:logonId/cancel', handler: 'portfolio.cancelLogon', config: identity },

    // Tickets: visibility (requester, tickets grant, group read access) is decided per ticket by the engine.
    { method: 'GET', path: '/tickets', handler: 'tickets.list', config: identity },
    { method: 'GET', path: '/tickets/:reference', handler: 'tickets.show', config: identity },
    { method: 'POST', path: '/tickets/:reference/messages', handler: 'tickets.reply', config: identity },
    { method: 'GET', path: '/tickets/:reference/attachments/:fileId', handler: 'tickets.attachment', config: identity },
    { method: 'POST', path: '/tickets/:reference/close', handler: 'tickets.close', config: identity },
    { method: 'POST', path: '/tickets/:reference/reopen', handler: 'tickets.reopen', config: identity },
    { method: 'POST', path: '/clients/:clientId/tickets', handler: 'tickets.open', config: inClient() },

    { method: 'POST', path: '/clients/:clientId/session', handler: 'session.create', config: identity },
    { method: 'GET', path: '/clients/:clientId', handler: 'clients.show', config: inClient() },

    { method: 'GET', path: '/clients/:clientId/profile', handler: 'client-profile.show', config: inClient('profile') },
    { method: 'PUT', path: '/clients/:clientId/profile', handler: 'client-profile.update', config: inClient('profile') },

    { method: 'GET', path: '/clients/:clientId/contacts', handler: 'contacts.list', config: inClient('contacts') },
    { method: 'POST', path: '/clients/:clientId/contacts', handler: 'contacts.create', config: inClient('contacts') },
    { method: 'GET', path: '/clients/:clientId/contacts/:contactId', handler: 'contacts.show', config: inClient('contacts') },
    { method: 'PUT', path: '/clients/:clientId/contacts/:contactId', handler: 'contacts.update', config: inClient('contacts') },
    { method: 'DELETE', path: '/clients/:clientId/contacts/:contactId', handler: 'contacts.remove', config: inClient('contacts') },
    { method: 'POST', path: '/clients/:clientId/contacts/:contactId/sub-account', handler: 'contacts.activate', config: inClient('contacts') },
    { method: 'POST', path: '/clients/:clientId/contacts/:contactId/invitation', handler: 'contacts.invite', config: inClient('contacts') },

    { method: 'GET', path: '/clients/:clientId/members', handler: 'members.list', config: inClient('contacts') },
    { method: 'GET', path: '/clients/:clientId/access', handler: 'members.matrix', config: inClient('contacts') },
    { method: 'GET', path: '/clients/:clientId/members/:memberId', handler: 'members.show', config: inClient('contacts') },
    { method: 'GET', path: '/clients/:clientId/members/:memberId/grants', handler: 'members.grants', config: inClient('contacts') },
    { method: 'PUT', path: '/clients/:clientId/members/:memberId/grants', handler: 'members.replaceGrants', config: inClient('contacts') },
    { method: 'PUT', path: '/clients/:clientId/members/:memberId/parent', handler: 'members.reparent', config: inClient('contacts') },
    { method: 'POST', path: '/clients/:clientId/members/:memberId/suspend', handler: 'members.suspend', config: inClient('contacts') },
    { method: 'POST', path: '/clients/:clientId/members/:memberId/restore', handler: 'members.restore', config: inClient('contacts') },
    { method: 'DELETE', path: '/clients/:clientId/members/:memberId', handler: 'members.remove', config: inClient('contacts') },
    { method: 'POST', path: '/clients/:clientId/members/:memberId/relationship-password', handler: 'members.rotatePassword', config: inClient('contacts') },

    { method: 'GET', path: '/clients/:clientId/roles', handler: 'roles.list', config: inClient('contacts') },
    { method: 'POST', path: '/clients/:clientId/roles', handler: 'roles.create', config: inClient('contacts') },
    { method: 'GET', path: '/clients/:clientId/roles/:roleId', handler: 'roles.show', config: inClient('contacts') },
    { method: 'PUT', path: '/clients/:clientId/roles/:roleId', handler: 'roles.update', config: inClient('contacts') },
    { method: 'DELETE', path: '/clients/:clientId/roles/:roleId', handler: 'roles.remove', config: inClient('contacts') },
    { method: 'PUT', path: '/clients/:clientId/members/:memberId/role', handler: 'roles.assign', config: inClient('contacts') },

    { method: 'GET', path: '/clients/:clientId/products', handler: 'products.list', config: inClient('products') },
    { method: 'POST', path: '/clients/:clientId/products/:productId/take', handler: 'products.take', config: inClient('products') },
    { method: 'POST', path: '/clients/:clientId/products/:productId/distribute', handler: 'products.distribute', config: inClient('products') },
    { method: 'POST', path: '/clients/:clientId/products/:productId/undistribute', handler: 'products.undistribute', config: inClient('products') },
    { method: 'POST', path: '/clients/:clientId/products/:productId/release', handler: 'products.release', config: inClient('products') },

    { method: 'GET', path: '/clients/:clientId/invoices', handler: 'invoices.list', config: inClient('billing') },
    { method: 'GET', path: '/clients/:clientId/invoices/:invoiceId', handler: 'invoices.show', config: inClient('billing') },
    { method: 'GET', path: '/clients/:clientId/invoices/:invoiceId/pdf', handler: 'invoices.pdf', config: inClient('billing') },
    { method: 'GET', path: '/clients/:clientId/invoices/:invoiceId/payment-options', handler: 'invoices.paymentOptions', config: inClient('billing') },
    { method: 'POST', path: '/clients/:clientId/invoices/:invoiceId/payments', handler: 'invoices.pay', config: inClient('billing') },

    { method: 'GET', path: '/clients/:clientId/catalogue', handler: 'orders.form', config: inClient('orders') },
    { method: 'GET', path: '/clients/:clientId/orders', handler: 'orders.list', config: inClient('orders') },
    { method: 'POST', path: '/clients/:clientId/orders', handler: 'orders.place', config: inClient('orders') },
    { method: 'POST', path: '/clients/:clientId/orders/:orderId/cancel', handler: 'orders.cancel', config: inClient('orders') },

    { method: 'GET', path: '/clients/:clientId/audit', handler: 'audit.list', config: inClient('contacts') },
  ],
};

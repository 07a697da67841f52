'use strict';
/*
 * The customer portal: a small client of the customers' API (/api/client-area).
 * Everything is drawn with DOM calls and textContent, never from HTML strings, so
 * no value from the server can inject markup.
 */
(() => {
  const API = '/api';
  const view = document.getElementById('view');
  const store = window.sessionStorage;
  const session = {
    get jwt() { return store.getItem('jwt'); },
    get refreshToken() { return store.getItem('refreshToken'); },
    get tokens() { return JSON.parse(store.getItem('relationshipTokens') || '{}'); },
    save(data) {
      if (data.jwt) store.setItem('jwt', data.jwt);
      if (data.refreshToken) store.setItem('refreshToken', data.refreshToken);
    },
    keepRelationshipToken(clientId, token) {
      const tokens = this.tokens;
      tokens[clientId] = token;
      store.setItem('relationshipTokens', JSON.stringify(tokens));
    },
    clear() { store.clear(); },
  };

  const el = (tag, props = {}, ...children) => {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props)) {
      if (key === 'text') node.textContent = value;
      else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value);
    }
    for (const child of children.flat()) if (child !== null && child !== undefined) node.append(child);
    return node;
  };
  const tags = (names) => (names.length ? names.map((name) => el('span', { class: 'tag', text: name })) : [el('em', { text: 'none' })]);
  const show = (...nodes) => view.replaceChildren(...nodes);
  const failure = (error) => el('p', { class: 'error', role: 'alert', text: error.message });

  async function call(path, { method = 'GET', body, retry = true } = {}) {
    const headers = { 'Content-Type': 'application/json' };
    if (session.jwt) headers.Authorization = `Bearer ${session.jwt}`;
    const tokens = Object.values(session.tokens);
    if (tokens.length) headers['X-Relationship-Token'] = tokens.join(',');
    const res = await fetch(`${API}${path}`, { method, headers, body: body ? JSON.stringify(body) : undefined });
    if (res.status === 401 && retry && session.refreshToken) {
      const renewed = await fetch(`${API}/auth/refresh`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ refreshToken: session.refreshToken }) });
      if (renewed.ok) {
        session.save(await renewed.json());
        return call(path, { method, body, retry: false });
      }
    }
    const data = res.status === 204 ? null : await res.json().catch(() => null);
    if (!res.ok) {
      const error = new Error((data && data.error && data.error.message) || `Request failed (${res.status})`);
      error.status = res.status;
      error.details = data && data.error && data.error.details;
      throw error;
    }
    return data;
  }

  /** A message for the next login view, which a hash change may draw. */
  let flash = '';
  const goHome = (message) => {
    flash = message;
    if (location.hash === '#/' || location.hash === '') route();
    else location.hash = '#/';
  };

  function loginView(message = flash) {
    flash = '';
    const form = el(
      'form',
      {
        onsubmit: async (event) => {
          event.preventDefault();
          const fields = new FormData(form);
          try {
            session.clear();
            session.save(await call('/auth/local', { method: 'POST', body: { identifier: fields.get('identifier'), password: fields.get('password') } }));
            location.hash = '#/';
            route();
          } catch (error) {
            form.append(failure(error));
          }
        },
      },
      el('label', { text: 'Username or email' }, el('input', { name: 'identifier', autocomplete: 'username', required: '' })),
      el('label', { text: 'Password' }, el('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: '' })),
      el('button', { type: 'submit', text: 'Log in' }),
    );
    show(
      el('section', { class: 'card' }, el('h2', { text: 'Log in' }), message ? el('p', { text: message }) : null, form,
        el('p', {}, el('a', { href: '#/forgot-password', text: 'Forgot your password?' }))),
    );
  }

  /** The same answer whether the email has an account or not: the mail (if any) links to the reset page. */
  function forgotPasswordView() {
    const form = el(
      'form',
      {
        onsubmit: async (event) => {
          event.preventDefault();
          try {
            await call('/auth/forgot-password', { method: 'POST', body: { email: new FormData(form).get('email') }, retry: false });
            show(el('section', { class: 'card' }, el('h2', { text: 'Check your mail' }),
              el('p', { text: 'If an account has this email, a link to choose a new password is on its way.' }),
              el('p', {}, el('a', { href: '#/', text: 'Back to log in' }))));
          } catch (error) {
            form.append(failure(error));
          }
        },
      },
      el('label', { text: 'Email of your account' }, el('input', { name: 'email', type: 'email', autocomplete: 'email', required: '' })),
      el('button', { type: 'submit', text: 'Send me a link' }),
    );
    show(el('section', { class: 'card' }, el('h2', { text: 'Forgot your password?' }), form, el('p', {}, el('a', { href: '#/', text: 'Back to log in' }))));
  }

  /** The link of the reset mail: #/reset-password?code=… (users-permissions checks the code). */
  function resetPasswordView(code) {
    const form = el(
      'form',
      {
        onsubmit: async (event) => {
          event.preventDefault();
          const password = new FormData(form).get('password');
          try {
            await call('/auth/reset-password', { method: 'POST', body: { code, password, passwordConfirmation: password }, retry: false });
            session.clear();
            goHome('Your password is changed. Log in with it.');
          } catch (error) {
            form.append(failure(error));
          }
        },
      },
      el('label', { text: 'New password' }, el('input', { name: 'password', type: 'password', autocomplete: 'new-password', minlength: '10', required: '' })),
      el('button', { type: 'submit', text: 'Change password' }),
    );
    show(el('section', { class: 'card' }, el('h2', { text: 'Choose a new password' }), form));
  }

  async function clientsView() {
    const [{ data: me }, { data: clients }] = await Promise.all([call('/client-area/me'), call('/client-area/clients')]);
    document.getElementById('who').textContent = me.username;
    document.getElementById('logout').hidden = false;
    show(
      el('p', {}, el('a', { href: '#/tickets', text: 'Your tickets' })),
      el('h1', { text: 'Your clients' }),
      clients.length ? null : el('p', { text: 'You have no access to any client yet.' }),
      ...clients.map((client) =>
        el(
          'section',
          { class: `card${client.relationshipPasswordRequired ? ' warn' : ''}` },
          el('h2', {}, el('a', { href: `#/client/${client.documentId}`, text: client.name })),
          el('p', { text: `${client.relation}${client.status !== 'active' ? ` (${client.status})` : ''}` }),
          client.relationshipPasswordRequired ? el('p', { text: 'Relationship password required' }) : el('p', {}, 'Sections: ', ...tags(client.sections)),
        ),
      ),
    );
  }

  function relationshipPasswordView(clientId, message) {
    const form = el(
      'form',
      {
        onsubmit: async (event) => {
          event.preventDefault();
          try {
            const { data } = await call(`/client-area/clients/${clientId}/session`, { method: 'POST', body: { relationshipPassword: new FormData(form).get('relationshipPassword') } });
            if (data.token) session.keepRelationshipToken(clientId, data.token);
            route();
          } catch (error) {
            form.append(failure(error));
          }
        },
      },
      el('label', { text: 'Relationship password' }, el('input', { name: 'relationshipPassword', type: 'password', autocomplete: 'off', required: '' })),
      el('button', { type: 'submit', text: 'Enter' }),
    );
    show(el('section', { class: 'card' }, el('h2', { text: 'Relationship password' }), el('p', { text: message }), form));
  }

  async function clientView(clientId) {
    let client;
    try {
      client = (await call(`/client-area/clients/${clientId}`)).data;
    } catch (error) {
      if (error.details && error.details.relationshipPasswordRequired) {
        return relationshipPasswordView(clientId, 'This client asks for the relationship password you were given with your access.');
      }
      throw error;
    }
    const parts = [
      el('h1', { text: client.name }),
      el('section', { class: 'card' }, el('h2', { text: 'Your access' }), el('p', {}, ...tags(client.sections))),
      el(
        'section',
        { class: 'card' },
        el('h2', { text: 'Products' }),
        client.products.length
          ? el('table', {}, el('tr', {}, el('th', { text: 'Product' }), el('th', { text: 'Your sections' })), ...client.products.map((p) => el('tr', {}, el('td', { text: p.name }), el('td', {}, ...tags(p.sections)))))
          : el('p', { text: 'No products visible to you.' }),
      ),
    ];
    if (client.sections.includes('contacts')) {
      const { data: members } = await call(`/client-area/clients/${clientId}/members`);
      parts.push(
        el(
          'section',
          { class: 'card' },
          el('h2', { text: 'Members' }),
          el(
            'table',
            {},
            el('tr', {}, el('th', { text: 'Login' }), el('th', { text: 'Kind' }), el('th', { text: 'Status' }), el('th', { text: 'Role' }), el('th', { text: 'Grants' })),
            ...members.map((m) =>
              el(
                'tr',
                {},
                el('td', { text: m.identity.username || '' }),
                el('td', { text: m.kind }),
                el('td', { text: m.status }),
                el('td', { text: typeof m.role === 'string' ? m.role : m.role.name }),
                el('td', {}, ...(m.kind === 'master' ? tags(['everything']) : tags(m.grants.map((g) => (g.product ? `${g.section} (one product)` : g.section))))),
              ),
            ),
          ),
        ),
      );
    }
    show(...parts);
  }

  const VIEWS = [
    ['all', 'All I can see'],
    ['mine', 'My tickets'],
    ['group-open', 'Group: open'],
    ['group-all', 'Group: all'],
    ['group-closed', 'Group: closed'],
  ];

  async function ticketsView(view) {
    const { data: tickets, meta } = await call(`/client-area/tickets?view=${encodeURIComponent(view)}`);
    const views = VIEWS.filter(([name]) => meta.groupViews || !name.startsWith('group-'));
    show(
      el('h1', { text: 'Tickets' }),
      el('p', {}, ...views.map(([name, label]) => el('a', { href: `#/tickets/${name}`, class: name === view ? 'tag' : '', text: label })), ' '),
      tickets.length
        ? el(
            'table',
            {},
            el('tr', {}, el('th', { text: 'Ticket' }), el('th', { text: 'Client' }), el('th', { text: 'Requester' }), el('th', { text: 'Status' })),
            ...tickets.map((t) =>
              el(
                'tr',
                {},
                el('td', {}, el('a', { href: `#/ticket/${t.reference}`, text: `${t.reference} ${t.subject}` })),
                el('td', { text: t.client ? t.client.name : '' }),
                el('td', { text: t.requester ? t.requester.name || t.requester.email : '' }),
                el('td', { text: t.status }),
              ),
            ),
          )
        : el('p', { text: 'No tickets here.' }),
      el('p', {}, el('a', { href: '#/', text: 'Back to your clients' })),
    );
  }

  async function ticketView(reference) {
    const { data: ticket } = await call(`/client-area/tickets/${encodeURIComponent(reference)}`);
    const form = el(
      'form',
      {
        onsubmit: async (event) => {
          event.preventDefault();
          try {
            await call(`/client-area/tickets/${reference}/messages`, { method: 'POST', body: { body: new FormData(form).get('body') } });
            route();
          } catch (error) {
            form.append(failure(error));
          }
        },
      },
      el('label', { text: 'Your reply' }, el('textarea', { name: 'body', rows: '5', required: '' })),
      el('button', { type: 'submit', text: 'Send reply' }),
    );
    const toggle = el('button', {
      type: 'button',
      text: ticket.status === 'closed' ? 'Reopen' : 'Close ticket',
      onclick: async () => {
        await call(`/client-area/tickets/${reference}/${ticket.status === 'closed' ? 'reopen' : 'close'}`, { method: 'POST' });
        route();
      },
    });
    show(
      el('h1', { text: `[#${ticket.reference}] ${ticket.subject}` }),
      el('p', { text: `${ticket.client ? ticket.client.name : ''}${ticket.product ? ` / ${ticket.product.name}` : ''} — ${ticket.status}` }),
      ...ticket.messages.map((m) =>
        el(
          'section',
          { class: 'card' },
          el('strong', { text: m.author || m.authorType }),
          el('p', { text: m.body, style: 'white-space: pre-wrap' }),
          ...m.attachments.map((a) => el('p', {}, el('span', { class: 'tag', text: `${a.name} (${a.size} KB)` }))),
        ),
      ),
      form,
      el('p', {}, toggle),
      el('p', {}, el('a', { href: '#/tickets', text: 'Back to tickets' })),
    );
  }

  function invitationView(token) {
    const form = el(
      'form',
      {
        onsubmit: async (event) => {
          event.preventDefault();
          try {
            const { data } = await call('/client-area/invitations/accept', { method: 'POST', body: { token, password: new FormData(form).get('password') } });
            session.clear();
            goHome(`Your password is set. Log in as ${data.username}.`);
          } catch (error) {
            form.append(failure(error));
          }
        },
      },
      el('label', { text: 'Choose a password (at least 10 characters)' }, el('input', { name: 'password', type: 'password', autocomplete: 'new-password', minlength: '10', required: '' })),
      el('button', { type: 'submit', text: 'Set password' }),
    );
    show(el('section', { class: 'card' }, el('h2', { text: 'Welcome' }), form));
  }

  function confirmEmailView(token) {
    const form = el(
      'form',
      {
        onsubmit: async (event) => {
          event.preventDefault();
          try {
            const { data } = await call('/client-area/contacts/email-confirmation', { method: 'POST', body: { token } });
            show(el('section', { class: 'card' }, el('h2', { text: 'Address confirmed' }), el('p', { text: `Your contact address is now ${data.email}.` })));
          } catch (error) {
            form.append(failure(error));
          }
        },
      },
      el('p', { text: 'Confirm that this address should become your contact address. Nothing changes until you do.' }),
      el('button', { type: 'submit', text: 'Confirm my new address' }),
    );
    show(el('section', { class: 'card' }, el('h2', { text: 'Confirm your new address' }), form));
  }

  async function route() {
    const hash = location.hash.replace(/^#/, '') || '/';
    const invitation = hash.match(/^\/invitation\/([A-Za-z0-9_-]+)$/);
    if (invitation) return invitationView(invitation[1]);
    const confirmation = hash.match(/^\/confirm-email\/([A-Za-z0-9_-]+)$/);
    if (confirmation) return confirmEmailView(confirmation[1]);
    if (hash === '/forgot-password') return forgotPasswordView();
    const reset = hash.match(/^\/reset-password\?code=([A-Za-z0-9]+)$/);
    if (reset) return resetPasswordView(reset[1]);
    if (!session.jwt) return loginView();
    try {
      const client = hash.match(/^\/client\/([a-z0-9]+)$/);
      if (client) return await clientView(client[1]);
      const tickets = hash.match(/^\/tickets(?:\/([a-z-]+))?$/);
      if (tickets) return await ticketsView(tickets[1] || 'all');
      const ticket = hash.match(/^\/ticket\/(CA-\d+)$/);
      if (ticket) return await ticketView(ticket[1]);
      return await clientsView();
    } catch (error) {
      if (error.status === 401) {
        session.clear();
        return loginView('Your session ended; log in again.');
      }
      show(failure(error), el('p', {}, el('a', { href: '#/', text: 'Back to your clients' })));
    }
  }

  document.getElementById('logout').addEventListener('click', async () => {
    try {
      await call('/auth/logout', { method: 'POST', body: { refreshToken: session.refreshToken }, retry: false });
    } catch {
      // Logged out locally either way.
    }
    session.clear();
    document.getElementById('who').textContent = '';
    document.getElementById('logout').hidden = true;
    goHome('You are logged out.');
  });
  window.addEventListener('hashchange', route);
  route();
})();

// The sign-in page: a user token signs in; the admin token lets one create users and bots
// and pick a user to sign in as.
import { Api } from '../../core/api.js';
import { h } from '../../core/dom.js';
import { setAdminToken, setUserToken, adminToken } from '../../core/session.js';

class SigninView extends HTMLElement {
  connectedCallback() {
    const status = h('p', { class: 'error', role: 'alert' }, this.error ?? '');
    const userInput = h('input', { id: 'user-token', name: 'token', autocomplete: 'off', placeholder: '123456:ABC…', required: true });
    const userForm = h('form', { class: 'card', onsubmit: (event) => {
      event.preventDefault();
      setUserToken(userInput.value.trim());
      location.reload();
    } },
    h('h2', {}, 'Sign in'),
    h('label', { for: 'user-token' }, 'User token'), userInput,
    h('button', { type: 'submit' }, 'Sign in'));

    const adminInput = h('input', { id: 'admin-token', name: 'admin', autocomplete: 'off', type: 'password', value: adminToken() ?? '' });
    const adminPanel = h('div', { class: 'admin-panel' });
    const adminForm = h('form', { class: 'card', onsubmit: async (event) => {
      event.preventDefault();
      const api = new Api(`admin${adminInput.value.trim()}`);
      try {
        await api.call('getUsers', { limit: 1 });
      } catch (error) {
        status.textContent = `Admin token refused: ${error.description}`;
        return;
      }
      setAdminToken(adminInput.value.trim());
      this.showAdmin(api, adminPanel, status);
    } },
    h('h2', {}, 'Administer'),
    h('label', { for: 'admin-token' }, 'Admin token'), adminInput,
    h('button', { type: 'submit' }, 'Continue as admin'));

    this.replaceChildren(h('main', { class: 'signin' },
      h('h1', {}, 'botapi'),
      h('p', {}, 'Open the link that ', h('code', {}, 'botapi user create'), ' or ', h('code', {}, 'botapi open --user NAME'), ' printed, or paste a user token.'),
      status, userForm, adminForm, adminPanel));
    if (adminToken()) this.showAdmin(new Api(`admin${adminToken()}`), adminPanel, status);
  }

  async showAdmin(api, panel, status) {
    const users = h('ul', { class: 'user-list' });
    const refresh = async () => {
      const accounts = await api.call('getUsers', { limit: 1000 });
      users.replaceChildren(...accounts.map((user) => h('li', {},
        h('span', {}, `${user.first_name}${user.username ? ` @${user.username}` : ''}${user.is_bot ? ' (bot)' : ''} · ${user.id}`),
        user.is_bot ? null : h('button', { onclick: async () => {
          // The admin surface can't read a token, only issue a new one: the user's other sessions end.
          if (!confirm(`Sign in as ${user.first_name}? This issues a new token; the old one stops working.`)) return;
          const result = await api.call('revokeToken', { user_id: user.id });
          setUserToken(result.token);
          location.reload();
        } }, 'Sign in as'))));
    };
    const field = (id, label, attributes = {}) => [h('label', { for: id }, label), h('input', { id, name: id, ...attributes })];
    const created = h('p', { class: 'created', role: 'status' });
    const userForm = h('form', { class: 'card', onsubmit: async (event) => {
      event.preventDefault();
      const form = new FormData(event.target);
      try {
        const result = await api.call('createUser', { first_name: form.get('new-first-name'), username: form.get('new-username') || undefined });
        created.replaceChildren('User created. ', h('button', { onclick: () => { setUserToken(result.token); location.reload(); } }, `Sign in as ${result.user.first_name}`));
        await refresh();
      } catch (error) { status.textContent = error.description; }
    } }, h('h3', {}, 'New user'), ...field('new-first-name', 'First name', { required: true }), ...field('new-username', 'Username'),
    h('button', { type: 'submit' }, 'Create user'));
    const botForm = h('form', { class: 'card', onsubmit: async (event) => {
      event.preventDefault();
      const form = new FormData(event.target);
      try {
        const result = await api.call('createBot', {
          username: form.get('bot-username'), first_name: form.get('bot-name'),
          owner_user_id: form.get('bot-owner') ? Number(form.get('bot-owner')) : undefined,
          can_read_all_group_messages: form.get('bot-privacy') ? false : true,
        });
        created.replaceChildren(`Bot @${result.user.username} created. Its token: `, h('code', { class: 'token' }, result.token));
        await refresh();
      } catch (error) { status.textContent = error.description; }
    } }, h('h3', {}, 'New bot'), ...field('bot-username', 'Username (ends in “bot”)', { required: true }), ...field('bot-name', 'Name', { required: true }),
    ...field('bot-owner', 'Owner user id (sees the developer pane)', { inputmode: 'numeric' }),
    h('label', {}, h('input', { type: 'checkbox', name: 'bot-privacy', checked: true }), ' Privacy mode'),
    h('button', { type: 'submit' }, 'Create bot'));
    panel.replaceChildren(created, userForm, botForm, h('h3', {}, 'Accounts'), users);
    try { await refresh(); } catch (error) { status.textContent = error.description; }
  }
}

customElements.define('signin-view', SigninView);

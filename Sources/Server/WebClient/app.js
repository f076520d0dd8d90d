// The botapi web client: signs in from the fragment or the sign-in page, then shows the
// chats. Everything it shows comes from the user surface (and, for the developer pane,
// the owner's or the admin's rights).
import { Api } from './core/api.js';
import { context } from './core/context.js';
import { connectEvents } from './core/events.js';
import { Files } from './core/files.js';
import { adoptFragment, adminToken, userToken } from './core/session.js';
import { Store } from './core/store.js';
import './views/signin/signin-view.js';
import './views/chats/chats-view.js';

class BotapiApp extends HTMLElement {
  async connectedCallback() {
    adoptFragment();
    const token = userToken();
    const admin = adminToken();
    context.adminApi = admin ? new Api(`admin${admin}`) : null;
    if (!token) {
      this.replaceChildren(document.createElement('signin-view'));
      return;
    }
    context.token = token;
    context.api = new Api(`user${token}`);
    context.store = new Store(context.api);
    context.files = new Files(context.api, token);
    try {
      context.store.me = await context.api.call('getMe');
    } catch (error) {
      const view = document.createElement('signin-view');
      view.error = `Could not sign in: ${error.description}`;
      this.replaceChildren(view);
      return;
    }
    this.replaceChildren(document.createElement('chats-view'));
    connectEvents(`/user${token}/events`, context.store, () => {
      document.querySelector('chats-view')?.showBanner('Disconnected: the token no longer works. Sign in again.');
    });
  }
}

customElements.define('botapi-app', BotapiApp);

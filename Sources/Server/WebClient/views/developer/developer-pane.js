// The developer pane beside a chat with a bot: the Bot API calls the bot made (method,
// parameters, status, result, time), newest first, live. Readable by the bot's owner (the
// user surface's getBotCallLog) or with the admin token (the admin surface's, and its own
// push channel).
import { context } from '../../core/context.js';
import { h } from '../../core/dom.js';
import { adminToken } from '../../core/session.js';

const LIMIT = 100;

export class DeveloperPane {
  /** Listens for new calls at once, so none is missed while ``load`` reads the log. */
  constructor(bot, api, viaAdmin) {
    this.bot = bot;
    this.api = api;
    this.entries = [];
    this.hideUpdates = false;
    this.list = h('ol', { class: 'calls', 'aria-label': 'Bot API calls, newest first' });
    this.onCall = (entry) => {
      if (entry.bot_id !== bot.id || this.entries.some((known) => known.id === entry.id)) return;
      this.entries.unshift(entry);
      this.entries.sort((a, b) => b.id - a.id);
      this.entries.length = Math.min(this.entries.length, LIMIT);
      if (this.list.isConnected) this.render();
    };
    this.onStoreCall = (event) => this.onCall(event.detail);
    if (viaAdmin) {
      // The admin's own channel for this bot's calls.
      this.source = new EventSource(`/admin${adminToken()}/events?bot_id=${bot.id}`);
      this.source.addEventListener('bot_call', (event) => this.onCall(JSON.parse(event.data)));
    } else {
      context.store.addEventListener('bot_call', this.onStoreCall);
    }
  }

  /** Reads the log; false when this session may not (not the bot's owner). */
  async load() {
    try {
      const entries = await this.api.call('getBotCallLog', { bot_id: this.bot.id, limit: LIMIT });
      for (const entry of entries.reverse()) this.onCall(entry);
      return true;
    } catch {
      this.dispose();
      return false;
    }
  }

  dispose() {
    this.source?.close();
    context.store.removeEventListener('bot_call', this.onStoreCall);
  }

  element() {
    const filter = h('label', {}, h('input', { type: 'checkbox', checked: this.hideUpdates, onchange: (event) => { this.hideUpdates = event.target.checked; this.render(); } }), ' Hide getUpdates');
    this.render();
    return h('aside', { class: 'developer-pane', 'aria-label': `Calls of @${this.bot.username}` },
      h('header', {}, h('h3', {}, `@${this.bot.username} calls`), filter,
        h('button', { type: 'button', class: 'close-developer', onclick: () => document.querySelector('.developer-toggle')?.click() }, 'Close')),
      this.list);
  }

  render() {
    const shown = this.entries.filter((entry) => !(this.hideUpdates && entry.method.toLowerCase() === 'getupdates'));
    this.list.replaceChildren(...shown.map((entry) => {
      const status = entry.ok ? 'ok' : `${entry.error_code}`;
      const when = new Date(entry.date * 1000).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
      const result = entry.ok ? (entry.result_cut ?? JSON.stringify(entry.result, null, 1)) : entry.description;
      return h('li', { class: `call ${entry.ok ? 'ok' : 'failed'}`, dataset: { method: entry.method } },
        h('details', {},
          h('summary', {}, h('strong', { class: 'call-method' }, entry.method), ' ', h('span', { class: 'call-status' }, status),
            ' ', h('time', {}, when), ' ', h('small', {}, `${entry.duration_ms.toFixed(1)} ms`)),
          h('pre', { class: 'call-parameters' }, JSON.stringify(entry.parameters, null, 1)),
          entry.files ? h('pre', {}, entry.files.map((file) => `${file.field}: ${file.filename} (${file.size} bytes)`).join('\n')) : null,
          h('pre', { class: 'call-result' }, result ?? '')));
    }));
  }
}

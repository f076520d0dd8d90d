// The developer pane beside a chat with a bot: the Bot API calls the bot made (method,
// parameters, status, result, time), newest first, live. Readable by the bot's owner (the
// user surface's getBotCallLog) or with the admin token (the admin surface's, and its own
// push channel).
import { context } from '../../core/context.js';
import { h } from '../../core/dom.js';
import { adminToken } from '../../core/session.js';

const LIMIT = 200;

export class DeveloperPane {
  constructor(bot, api, entries, viaAdmin) {
    this.bot = bot;
    this.api = api;
    this.entries = entries;
    this.hideUpdates = false;
    this.list = h('ol', { class: 'calls', 'aria-label': 'Bot API calls, newest first' });
    const onCall = (entry) => {
      if (entry.bot_id !== bot.id || this.entries.some((known) => known.id === entry.id)) return;
      this.entries.unshift(entry);
      this.entries.length = Math.min(this.entries.length, LIMIT);
      if (this.list.isConnected) this.render();
    };
    if (viaAdmin) {
      // The admin's own channel for this bot's calls.
      const source = new EventSource(`/admin${adminToken()}/events?bot_id=${bot.id}`);
      source.addEventListener('bot_call', (event) => onCall(JSON.parse(event.data)));
    } else {
      context.store.addEventListener('bot_call', (event) => onCall(event.detail));
    }
  }

  element() {
    const filter = h('label', {}, h('input', { type: 'checkbox', checked: this.hideUpdates, onchange: (event) => { this.hideUpdates = event.target.checked; this.render(); } }), ' Hide getUpdates');
    this.render();
    return h('aside', { class: 'developer-pane', 'aria-label': `Calls of @${this.bot.username}` },
      h('header', {}, h('h3', {}, `@${this.bot.username} calls`), filter), this.list);
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

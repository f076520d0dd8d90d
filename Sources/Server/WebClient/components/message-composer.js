// The composer: a text box with the placeholder "Message"; Enter sends (Shift+Enter is a new
// line); *bold*, _italic_, `code`, ```pre``` and [links](url) are sent as Markdown;
// attachments (photo, document, voice, poll); the bot's command menu and "/" hints, or its
// Mini App menu button; the reply being written.
import { context } from '../core/context.js';
import { h } from '../core/dom.js';
import { previewText } from '../core/entities.js';
import { showError } from './toast.js';
import { inlineQueryPage, parseInlineQuery } from '../extensions/inline-mode.js';
import { showInlineResults } from './inline-results.js';
import { openPollComposer } from './poll-composer.js';

export class MessageComposer extends HTMLElement {
  /** Set by the conversation: the chat, its topic and what to do with sent messages. */
  configure({ chatId, threadId, onSent, onToggleKeyboard }) {
    this.chatId = chatId;
    this.threadId = threadId;
    this.onSent = onSent;
    this.onToggleKeyboard = onToggleKeyboard;
    this.commands = [];
    this.reply = null;
    this.render();
  }

  render() {
    this.input = h('textarea', { class: 'composer-input', rows: '1', placeholder: 'Message', 'aria-label': 'Message' });
    this.input.addEventListener('keydown', (event) => this.onKey(event));
    this.input.addEventListener('input', () => this.updateHints());
    this.hints = h('ul', { class: 'command-hints', role: 'listbox', 'aria-label': 'Commands', hidden: true });
    this.replyBar = h('div', { class: 'reply-bar', hidden: true });
    this.menuButton = h('button', { type: 'button', class: 'menu-button', hidden: true, 'aria-expanded': 'false', onclick: () => this.toggleMenu() }, 'Menu');
    this.webAppButton = h('button', { type: 'button', class: 'menu-web-app', hidden: true, onclick: () => this.onMenuWebApp?.() });
    this.keyboardButton = h('button', { type: 'button', class: 'keyboard-toggle', hidden: true, onclick: () => this.onToggleKeyboard?.() }, 'Keyboard');
    const file = (accept, method, label) => {
      const input = h('input', { type: 'file', accept, hidden: true, onchange: () => { if (input.files[0]) this.sendFile(method, input.files[0]); input.value = ''; } });
      return [input, h('button', { type: 'button', class: `attach-${method}`, onclick: () => input.click() }, label)];
    };
    const poll = h('button', { type: 'button', class: 'attach-poll', onclick: async () => {
      this.attachMenu.hidden = true;
      const message = await openPollComposer(this.chatId);
      if (message) this.onSent?.(message);
    } }, 'Poll');
    this.attachMenu = h('div', { class: 'attach-menu', hidden: true },
      ...file('image/*', 'sendPhoto', 'Photo'), ...file('', 'sendDocument', 'Document'), ...file('audio/ogg,audio/*', 'sendVoice', 'Voice'), poll);
    const attach = h('button', { type: 'button', class: 'attach', 'aria-label': 'Attach', onclick: () => { this.attachMenu.hidden = !this.attachMenu.hidden; } }, '📎');
    const send = h('button', { type: 'button', class: 'send', onclick: () => this.submit() }, 'Send');
    this.replaceChildren(this.hints, this.replyBar, this.attachMenu, h('div', { class: 'composer-row' }, this.menuButton, this.webAppButton, attach, this.input, this.keyboardButton, send));
  }

  setCommands(commands) {
    this.commands = commands ?? [];
    this.menuButton.hidden = this.commands.length === 0 || !this.webAppButton.hidden;
    // Someone quick types "/" before the bot's commands arrive: list them once they do.
    if (/^\/\w*$/.test(this.input.value)) this.updateHints();
  }

  /** A bot's `web_app` menu button takes the commands menu's place ("/" still lists them). */
  setMenuWebApp(text, onOpen) {
    this.onMenuWebApp = onOpen;
    this.webAppButton.textContent = text;
    this.webAppButton.hidden = false;
    this.menuButton.hidden = true;
  }

  setPlaceholder(text) {
    this.input.placeholder = text || 'Message';
  }

  setKeyboardToggle(visible) {
    this.keyboardButton.hidden = !visible;
  }

  setDisabled(reason) {
    this.input.disabled = Boolean(reason);
    this.input.placeholder = reason || 'Message';
  }

  setText(text) {
    this.input.value = text;
    this.input.focus();
    this.updateHints();
  }

  replyTo(message, { forced = false } = {}) {
    this.reply = message;
    this.replyBar.hidden = false;
    this.replyBar.replaceChildren(h('span', {}, `Reply to: ${previewText(message).slice(0, 80)}`),
      forced ? null : h('button', { type: 'button', onclick: () => this.clearReply() }, 'Cancel reply'));
    this.input.focus();
  }

  clearReply() {
    this.reply = null;
    this.replyBar.hidden = true;
  }

  toggleMenu() {
    const open = this.hints.hidden;
    this.showHints(open ? this.commands : []);
    this.menuButton.setAttribute('aria-expanded', String(open));
  }

  updateHints() {
    const text = this.input.value;
    if (/^\/\w*$/.test(text) && this.commands.length) {
      const prefix = text.slice(1).toLowerCase();
      this.showHints(this.commands.filter((command) => command.command.startsWith(prefix)));
    } else {
      this.showHints([]);
    }
  }

  showHints(commands) {
    this.hints.hidden = commands.length === 0;
    this.hints.classList.remove('inline-grid');
    this.hints.setAttribute('aria-label', 'Commands');
    this.hints.replaceChildren(...commands.map((command) => h('li', {},
      h('button', { type: 'button', role: 'option', class: 'command-hint', onclick: () => { this.showHints([]); this.send(`/${command.command}`); } },
        h('strong', {}, `/${command.command}`), ' ', h('span', {}, command.description)))));
  }

  onKey(event) {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      const hint = !this.hints.hidden && this.hints.querySelector('button');
      if (hint && /^\/\w*$/.test(this.input.value)) hint.click();
      else this.submit();
    } else if (event.key === 'Escape') {
      this.showHints([]);
    } else if (event.key === 'ArrowUp' && !this.hints.hidden) {
      event.preventDefault();
      this.hints.querySelector('button:last-of-type')?.focus();
    }
  }

  async submit() {
    const text = this.input.value;
    if (!text.trim()) return;
    const request = parseInlineQuery(text);
    if (request) {
      const answer = await inlineQueryPage(request, this.chatId);
      if (answer) {
        showInlineResults(this.hints, { answer, request, chatId: this.chatId, onChosen: (message) => {
          this.input.value = '';
          this.showHints([]);
          this.onSent?.(message);
        } });
        return;
      }
    }
    this.input.value = '';
    this.showHints([]);
    await this.send(text);
  }

  /** Sends `text`, as Markdown when it looks formatted (plain if the Markdown doesn't parse); resolves with the message, or null. */
  async send(text) {
    const params = { chat_id: this.chatId, text, message_thread_id: this.threadId };
    if (this.reply) params.reply_parameters = { message_id: this.reply.message_id };
    // Commands go as typed: a bot's username may hold underscores.
    const formatted = !text.startsWith('/') && /[*_`[]/.test(text);
    try {
      let message;
      try {
        message = await context.api.call('sendMessage', formatted ? { ...params, parse_mode: 'Markdown' } : params);
      } catch (error) {
        if (!formatted || !error.description?.includes("can't parse entities")) throw error;
        message = await context.api.call('sendMessage', params);
      }
      this.clearReply();
      this.onSent?.(message);
      return message;
    } catch (error) {
      if (!this.input.value) this.input.value = text;
      showError(error);
      return null;
    }
  }

  async sendFile(method, file) {
    this.attachMenu.hidden = true;
    const field = { sendPhoto: 'photo', sendDocument: 'document', sendVoice: 'voice' }[method];
    const caption = this.input.value.trim();
    try {
      const message = await context.api.call(method, {
        chat_id: this.chatId, message_thread_id: this.threadId, [field]: file, caption: caption || undefined,
        reply_parameters: this.reply ? { message_id: this.reply.message_id } : undefined,
      }, { timeout: 120000 });
      this.input.value = '';
      this.clearReply();
      this.onSent?.(message);
    } catch (error) { showError(error); }
  }
}

customElements.define('message-composer', MessageComposer);

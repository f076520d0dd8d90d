// The chat list: newest activity first, each with its last message, unread count and a
// "typing…" line while someone types (or "writing…" while a bot streams a draft). Emits "open-chat" with {chatId}.
import { context } from '../core/context.js';
import { h, time } from '../core/dom.js';
import { previewText, nameOf } from '../core/entities.js';

export function chatTitle(entry) {
  if (entry.chat.type === 'private') return entry.user ? nameOf(entry.user) : nameOf(entry.chat);
  return entry.chat.title ?? 'Chat';
}

class ChatList extends HTMLElement {
  connectedCallback() {
    this.setAttribute('role', 'navigation');
    this.setAttribute('aria-label', 'Chats');
    this.render = this.render.bind(this);
    context.store.addEventListener('chats', this.render);
    context.store.addEventListener('typing', this.render);
    context.store.addEventListener('drafts', this.render);
    this.render();
  }

  disconnectedCallback() {
    context.store.removeEventListener('chats', this.render);
    context.store.removeEventListener('typing', this.render);
    context.store.removeEventListener('drafts', this.render);
  }

  render() {
    const { store } = context;
    const items = store.sortedChats().map((entry) => {
      const typing = store.typing.get(entry.chat.id);
      const kind = entry.chat.type === 'private' ? (entry.user?.is_bot ? 'bot' : 'person') : (entry.chat.is_forum ? 'forum' : entry.chat.type);
      const last = entry.last_message;
      const writing = store.draftsOf(entry.chat.id).some((draft) => !draft.stopped);
      return h('li', {},
        h('button', {
          class: `chat-item${store.openChatId === entry.chat.id ? ' active' : ''}`,
          dataset: { chatId: entry.chat.id, kind },
          'aria-current': store.openChatId === entry.chat.id ? 'true' : null,
          onclick: () => this.dispatchEvent(new CustomEvent('open-chat', { detail: { chatId: entry.chat.id }, bubbles: true })),
        },
        h('span', { class: 'avatar', 'aria-hidden': 'true' }, chatTitle(entry).slice(0, 1).toUpperCase()),
        h('span', { class: 'chat-text' },
          h('span', { class: 'chat-title' }, chatTitle(entry), h('span', { class: 'kind' }, kind === 'person' ? '' : ` · ${kind}`)),
          h('span', { class: 'chat-preview' }, typing ? `${typing.name} is ${actionWords(typing.action)}…` : writing ? 'writing…' : previewText(last))),
        h('span', { class: 'chat-meta' },
          last ? h('time', {}, time(last.date)) : null,
          entry.unread_count ? h('span', { class: 'unread', 'aria-label': `${entry.unread_count} unread` }, String(entry.unread_count)) : null)));
    });
    this.replaceChildren(items.length ? h('ul', {}, items) : h('p', { class: 'empty' }, 'No chats yet. Start one with “New chat”.'));
  }
}

/** A chat action in words. */
export function actionWords(action) {
  return {
    typing: 'typing', upload_photo: 'sending a photo', record_video: 'recording a video', upload_video: 'sending a video',
    record_voice: 'recording a voice message', upload_voice: 'sending a voice message', upload_document: 'sending a file',
    choose_sticker: 'choosing a sticker', find_location: 'picking a location', record_video_note: 'recording a video message',
    upload_video_note: 'sending a video message',
  }[action] ?? action;
}

customElements.define('chat-list', ChatList);

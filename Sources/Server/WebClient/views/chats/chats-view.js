// The signed-in layout: the chat list beside the open conversation (one column below
// 720 px wide, where the list and the conversation take turns), and the developer pane.
import { context } from '../../core/context.js';
import { h } from '../../core/dom.js';
import { signOut } from '../../core/session.js';
import { showError } from '../../components/toast.js';
import '../../components/chat-list.js';
import '../conversation/conversation-view.js';
import '../developer/developer-pane.js';
import { openNewChatDialog } from '../groups/new-chat-dialog.js';
import { openSettings } from '../settings/settings-dialog.js';

class ChatsView extends HTMLElement {
  async connectedCallback() {
    const { store } = context;
    const me = store.me;
    this.banner = h('p', { class: 'banner', role: 'alert', hidden: true });
    this.list = document.createElement('chat-list');
    this.conversation = h('section', { class: 'conversation-host', 'aria-label': 'Conversation' },
      h('p', { class: 'empty' }, 'Choose a chat.'));
    const sidebar = h('aside', { class: 'sidebar' },
      h('header', { class: 'sidebar-header' },
        h('span', { class: 'me', title: `id ${me.id}` }, me.first_name, me.username ? h('small', {}, ` @${me.username}`) : null),
        h('button', { class: 'new-chat', onclick: () => openNewChatDialog((chatId) => this.open(chatId)) }, 'New chat'),
        h('button', { class: 'settings', onclick: openSettings }, 'Settings'),
        h('button', { class: 'sign-out', onclick: signOut }, 'Sign out')),
      this.list);
    this.replaceChildren(this.banner, h('div', { class: 'layout' }, sidebar, this.conversation));
    this.addEventListener('open-chat', (event) => this.open(event.detail.chatId));
    this.addEventListener('close-chat', () => this.close());
    try {
      await store.loadChats();
    } catch (error) {
      showError(error);
    }
  }

  showBanner(text) {
    this.banner.textContent = text;
    this.banner.hidden = false;
  }

  async open(chatId) {
    const { store } = context;
    if (!store.chats.has(chatId)) await store.loadChats().catch(() => {});
    store.openChatId = chatId;
    store.emit('chats');
    this.classList.add('chat-open');
    const view = document.createElement('conversation-view');
    view.chatId = chatId;
    this.conversation.replaceChildren(view);
  }

  close() {
    context.store.openChatId = null;
    context.store.emit('chats');
    this.classList.remove('chat-open');
    this.conversation.replaceChildren(h('p', { class: 'empty' }, 'Choose a chat.'));
  }
}

customElements.define('chats-view', ChatsView);

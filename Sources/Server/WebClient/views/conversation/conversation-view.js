// One open chat: header (title, typing, info, developer pane), pinned message, forum topics,
// the messages (albums as grids), the reply keyboard and the composer.
import { context } from '../../core/context.js';
import { h } from '../../core/dom.js';
import { previewText } from '../../core/entities.js';
import { chatTitle, actionWords } from '../../components/chat-list.js';
import { renderMessage } from '../../components/message-bubble.js';
import { renderDraft } from '../../components/message-draft.js';
import '../../components/message-composer.js';
import '../../components/reply-keyboard.js';
import { isRequestButton, pressRequestButton } from '../../components/keyboard-requests.js';
import { showError, toast } from '../../components/toast.js';
import { openChatInfo } from '../groups/chat-info-dialog.js';
import { DeveloperPane } from '../developer/developer-pane.js';
import { openKeyboardWebApp, openMenuWebApp } from '../../extensions/mini-apps.js';

class ConversationView extends HTMLElement {
  async connectedCallback() {
    const { store } = context;
    this.entry = store.chats.get(this.chatId) ?? { chat: { id: this.chatId, type: 'private' } };
    this.threadId = undefined;
    const entry = this.entry;
    const isBot = entry.chat.type === 'private' && entry.user?.is_bot;
    const isGroup = entry.chat.type !== 'private';

    this.status = h('span', { class: 'status', 'aria-live': 'polite' });
    this.pinned = h('button', { class: 'pinned', type: 'button', hidden: true });
    this.topics = h('nav', { class: 'topics', hidden: !entry.chat.is_forum, 'aria-label': 'Topics' });
    this.list = h('div', { class: 'messages', role: 'list', 'aria-label': 'Messages' });
    this.draftList = h('div', { class: 'drafts', role: 'list', 'aria-label': 'Being written', 'aria-live': 'polite' });
    this.older = h('button', { class: 'load-older', type: 'button', onclick: () => this.loadOlder() }, 'Load older messages');
    this.keyboard = document.createElement('reply-keyboard');
    this.composer = document.createElement('message-composer');
    this.developerHost = h('div', { class: 'developer-host' });
    const devButton = h('button', { type: 'button', class: 'developer-toggle', hidden: true, 'aria-pressed': 'false', onclick: () => this.toggleDeveloper(devButton) }, 'Developer');
    this.devButton = devButton;

    const header = h('header', { class: 'conversation-header' },
      h('button', { type: 'button', class: 'back', onclick: () => this.dispatchEvent(new CustomEvent('close-chat', { bubbles: true })) }, 'Back'),
      h('div', { class: 'title-block' }, h('h2', {}, chatTitle(entry)), this.status),
      isGroup ? h('button', { type: 'button', class: 'info', onclick: () => openChatInfo(entry) }, 'Info') : null,
      devButton);
    const main = h('div', { class: 'conversation-main' }, header, this.pinned, this.topics,
      h('div', { class: 'scroller' }, this.older, this.list, this.draftList), this.keyboard, this.composer);
    this.replaceChildren(h('div', { class: 'conversation' }, main, this.developerHost));

    this.composer.configure({
      chatId: this.chatId, threadId: undefined,
      onSent: (message) => {
        store.addOwnMessage(message);
        // Answering a forced reply uses it up.
        const markup = store.keyboards.get(this.chatId);
        if (markup?.force_reply && message.reply_to_message?.message_id === markup.message_id) store.keyboardUsed(this.chatId);
      },
      onToggleKeyboard: () => this.keyboard.toggle(),
    });
    this.setupComposerRights();

    this.onMessages = (event) => { if (event.detail.chatId === this.chatId) this.renderMessages(); };
    this.onTyping = (event) => { if (event.detail.chatId === this.chatId) this.renderStatus(); };
    this.onKeyboard = (event) => { if (event.detail.chatId === this.chatId) this.renderKeyboard(); };
    this.onDrafts = (event) => { if (event.detail.chatId === this.chatId) this.renderDrafts(); };
    store.addEventListener('messages', this.onMessages);
    store.addEventListener('drafts', this.onDrafts);
    store.addEventListener('typing', this.onTyping);
    store.addEventListener('keyboard', this.onKeyboard);

    this.renderStatus();
    this.renderKeyboard();
    this.renderDrafts();
    try {
      const count = await store.loadHistory(this.chatId);
      this.older.hidden = count < 50;
    } catch (error) { showError(error); }
    this.scrollToEnd();
    store.markRead(this.chatId);
    this.composer.querySelector('textarea')?.focus();
    if (isBot) this.loadBotTools(entry.user);
    this.loadChatDetails();
  }

  disconnectedCallback() {
    this.developer?.dispose();
    const { store } = context;
    store.removeEventListener('messages', this.onMessages);
    store.removeEventListener('typing', this.onTyping);
    store.removeEventListener('keyboard', this.onKeyboard);
    store.removeEventListener('drafts', this.onDrafts);
  }

  /** Channels: only administrators post. Groups: restricted members can't. */
  setupComposerRights() {
    const { chat, status } = this.entry;
    if (chat.type === 'channel' && status !== 'creator' && status !== 'administrator') this.composer.setDisabled('Only administrators post in this channel');
  }

  async loadBotTools(bot) {
    const { api, adminApi } = context;
    try {
      this.composer.setCommands(await api.call('getBotCommands', { bot_id: bot.id }));
    } catch { /* no commands */ }
    try {
      const menu = await api.call('getBotMenuButton', { bot_id: bot.id });
      if (menu.type === 'web_app') this.composer.setMenuWebApp(menu.text, () => openMenuWebApp(bot, menu));
    } catch { /* the commands menu stays */ }
    // The developer pane, if this user owns the bot (or the admin token is at hand).
    for (const surface of [api, adminApi].filter(Boolean)) {
      const pane = new DeveloperPane(bot, surface, surface === adminApi);
      if (await pane.load()) {
        if (!this.isConnected) return pane.dispose();
        this.developer = pane;
        this.devButton.hidden = false;
        return;
      }
    }
  }

  async loadChatDetails() {
    await this.loadPinned();
    if (this.entry.chat.is_forum) this.renderTopics();
    if (this.entry.chat.type !== 'private') this.loadGroupCommands();
  }

  /** The chat's full info: its pinned message and public username. */
  async loadPinned() {
    try {
      const info = await context.api.call('getChat', { chat_id: this.chatId });
      this.info = info;
      if (info.pinned_message) {
        this.pinned.hidden = false;
        this.pinned.replaceChildren(h('strong', {}, 'Pinned: '), previewText(info.pinned_message).slice(0, 100));
        this.pinned.onclick = () => this.list.querySelector(`[data-message-id="${info.pinned_message.message_id}"]`)?.scrollIntoView({ block: 'center' });
      } else {
        this.pinned.hidden = true;
      }
      this.renderStatus();
    } catch { /* details are optional */ }
  }

  /** The commands of the group's bots, as /command@botname. */
  async loadGroupCommands() {
    try {
      const members = await context.api.call('getChatMembers', { chat_id: this.chatId });
      const lists = await Promise.all(members.filter((member) => member.user.is_bot).map(async ({ user }) => {
        const commands = await context.api.call('getBotCommands', { bot_id: user.id, chat_id: this.chatId }).catch(() => []);
        return commands.map((command) => ({ command: `${command.command}@${user.username}`, description: command.description }));
      }));
      this.composer.setCommands(lists.flat());
    } catch { /* no commands */ }
  }

  toggleDeveloper(button) {
    const open = !this.developerHost.firstChild;
    button.setAttribute('aria-pressed', String(open));
    this.developerHost.replaceChildren(...(open && this.developer ? [this.developer.element()] : []));
    this.classList.toggle('with-developer', open);
  }

  renderStatus() {
    const typing = context.store.typing.get(this.chatId);
    const { chat, user } = this.entry;
    if (typing) this.status.textContent = `${chat.type === 'private' ? (user?.is_bot ? 'bot' : 'they') : typing.name} is ${actionWords(typing.action)}…`;
    else if (chat.type === 'private') this.status.textContent = user?.is_bot ? 'bot' : (user?.username ? `@${user.username}` : '');
    else this.status.textContent = [chat.is_forum ? 'forum' : chat.type, this.info?.username ? `@${this.info.username}` : null].filter(Boolean).join(' · ');
    this.status.classList.toggle('typing', Boolean(typing));
  }

  renderTopics() {
    const topics = new Map([[undefined, 'General']]);
    for (const message of context.store.sortedMessages(this.chatId)) {
      if (message.forum_topic_created) topics.set(message.message_id, message.forum_topic_created.name);
      if (message.forum_topic_edited?.name && message.message_thread_id) topics.set(message.message_thread_id, message.forum_topic_edited.name);
    }
    this.topics.replaceChildren(...[...topics].map(([id, name]) => h('button', {
      type: 'button', class: 'topic', 'aria-pressed': String(this.threadId === id),
      onclick: () => { this.threadId = id; this.composer.threadId = id; this.renderTopics(); this.renderMessages(); },
    }, name)), h('button', { type: 'button', class: 'new-topic', onclick: async () => {
      const name = prompt('Topic name');
      if (!name) return;
      try {
        const topic = await context.api.call('createForumTopic', { chat_id: this.chatId, name });
        await context.store.loadHistory(this.chatId);
        this.threadId = topic.message_thread_id;
        this.composer.threadId = topic.message_thread_id;
        this.renderTopics();
        this.renderMessages();
      } catch (error) { showError(error); }
    } }, 'New topic'));
  }

  renderKeyboard() {
    const markup = context.store.keyboards.get(this.chatId);
    if (markup?.force_reply) {
      const message = context.store.messagesOf(this.chatId).get(markup.message_id);
      if (message) this.composer.replyTo(message, { forced: true });
      this.composer.setPlaceholder(markup.input_field_placeholder);
      this.keyboard.show(null);
      this.composer.setKeyboardToggle(false);
      return;
    }
    this.keyboard.show(markup?.keyboard ? markup : null, (button, shown) => this.pressKeyboardButton(button, shown),
      (button) => openKeyboardWebApp(this.entry.user ?? { id: this.chatId, first_name: this.entry.chat.first_name }, button));
    this.composer.setPlaceholder(markup?.input_field_placeholder);
    this.composer.setKeyboardToggle(Boolean(markup?.keyboard));
  }

  /**
   * A reply keyboard button: its text is sent, or (request buttons, in the private chat with
   * the bot) what it asks for, once the user agrees. A one-time keyboard is then used up.
   * Resolves false when nothing was sent.
   */
  async pressKeyboardButton(button, markup) {
    const { store } = context;
    const bot = this.entry.user;
    let sent;
    if (isRequestButton(button) && bot?.is_bot) {
      sent = await pressRequestButton(button, bot);
      if (sent) store.addOwnMessage(sent);
    } else {
      if (typeof button === 'object' && button.web_app) toast('Mini Apps of reply keyboards are not opened here yet; the button’s text is sent instead.');
      sent = await this.composer.send(typeof button === 'string' ? button : button.text);
    }
    if (!sent) return false;
    if (markup.one_time_keyboard) store.keyboardUsed(this.chatId);
    return true;
  }

  renderMessages() {
    const atEnd = this.isAtEnd();
    const showSender = this.entry.chat.type !== 'private';
    const nodes = [];
    let album = null;
    for (const message of context.store.sortedMessages(this.chatId)) {
      if (this.entry.chat.is_forum && !this.inTopic(message)) continue;
      const node = renderMessage(message, { composer: this.composer, showSender });
      if (message.media_group_id && album?.dataset.mediaGroup === message.media_group_id) {
        album.append(node);
        continue;
      }
      if (message.media_group_id) {
        album = h('div', { class: 'album', role: 'listitem', dataset: { mediaGroup: message.media_group_id } }, node);
        node.setAttribute('role', 'group');
        nodes.push(album);
        continue;
      }
      album = null;
      nodes.push(node);
    }
    this.list.replaceChildren(...nodes);
    // A pin (or unpin) happened since the bar was read: read it again.
    const pins = context.store.sortedMessages(this.chatId).filter((message) => message.pinned_message).length;
    if (this.pinCount !== undefined && pins !== this.pinCount) this.loadPinned();
    this.pinCount = pins;
    if (this.entry.chat.is_forum) this.renderTopics();
    if (atEnd) this.scrollToEnd();
    if (document.visibilityState === 'visible') context.store.markRead(this.chatId);
  }

  /** The drafts bots are writing here (of the open topic), below the messages. */
  renderDrafts() {
    const atEnd = this.isAtEnd();
    const drafts = context.store.draftsOf(this.chatId)
      .filter((draft) => !this.entry.chat.is_forum || this.inTopic({ message_thread_id: draft.message_thread_id, is_topic_message: draft.message_thread_id !== undefined }));
    this.draftList.replaceChildren(...drafts.map((draft) => renderDraft(this.chatId, draft)));
    if (atEnd) this.scrollToEnd();
  }

  inTopic(message) {
    if (this.threadId === undefined) return !message.is_topic_message;
    return message.message_thread_id === this.threadId || message.message_id === this.threadId;
  }

  async loadOlder() {
    const oldest = context.store.sortedMessages(this.chatId)[0];
    if (!oldest) return;
    try {
      const count = await context.store.loadHistory(this.chatId, oldest.message_id);
      this.older.hidden = count < 50;
    } catch (error) { showError(error); }
  }

  isAtEnd() {
    const scroller = this.querySelector('.scroller');
    return !scroller || scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 80;
  }

  scrollToEnd() {
    const scroller = this.querySelector('.scroller');
    if (scroller) scroller.scrollTop = scroller.scrollHeight;
  }
}

customElements.define('conversation-view', ConversationView);

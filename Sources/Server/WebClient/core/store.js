// The client's state: the signed-in user, the chat list, each chat's messages and reply
// keyboard, and who is typing where. Views listen for its events:
//   "chats"     the chat list changed
//   "messages"  detail {chatId}: a chat's messages changed
//   "typing"    detail {chatId}
//   "keyboard"  detail {chatId}: a chat's reply keyboard changed
//   "bot_call"  detail: a call log entry (developer pane)
//   "join_request" detail: a chat_join_request (for an administrator's open chat info)
//   "drafts"    detail {chatId}: the drafts a bot is writing in a chat changed

export class Store extends EventTarget {
  constructor(api) {
    super();
    this.api = api;
    this.me = null;
    /** @type {Map<number, object>} getChats entries by chat id */
    this.chats = new Map();
    /** @type {Map<number, Map<number, object>>} messages by chat id, then message id */
    this.messages = new Map();
    /** @type {Map<number, object>} the reply keyboard (or force_reply) each chat shows */
    this.keyboards = new Map();
    /** @type {Map<number, {name: string, action: string, until: number}>} */
    this.typing = new Map();
    /** @type {Map<string, number[]>} the options this client voted for, by poll id */
    this.votes = new Map();
    /**
     * The drafts bots are streaming (`message_draft`, docs/user-api-extensions.md), by chat id
     * then draft id; each with `stopped` once the user pressed Stop.
     * @type {Map<number, Map<number, object>>}
     */
    this.drafts = new Map();
    /** @type {Map<string, number>} each draft's expiry timer, by "chatId:draftId" */
    this.draftTimers = new Map();
    /**
     * The latest world time an update told of (a new message's or a draft's date): drafts
     * that expired before it are not shown, e.g. old ones a new tab's channel replays.
     */
    this.worldTime = 0;
    this.openChatId = null;
  }

  emit(type, detail = {}) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }

  async loadChats() {
    const entries = await this.api.call('getChats', { limit: 500 });
    this.chats = new Map(entries.map((entry) => [entry.chat.id, entry]));
    // The chat's active reply keyboard (or forced reply), as the server keeps it across
    // reloads; one this page already shows from the same message is left alone.
    for (const entry of entries) {
      const current = this.keyboards.get(entry.chat.id);
      if (entry.reply_markup && current?.message_id !== entry.reply_markup_message_id) {
        this.setKeyboard(entry.chat.id, entry.reply_markup, { message_id: entry.reply_markup_message_id });
      } else if (!entry.reply_markup && current && current.message_id <= (entry.last_message?.message_id ?? 0)) {
        // Used up or removed since the message that brought it (an update replayed on connect).
        this.setKeyboard(entry.chat.id, { remove_keyboard: true }, {});
      }
    }
    this.emit('chats');
  }

  /** Chats, newest activity first. */
  sortedChats() {
    return [...this.chats.values()].sort((a, b) => (b.last_message?.date ?? 0) - (a.last_message?.date ?? 0) || b.chat.id - a.chat.id);
  }

  async loadHistory(chatId, fromMessageId = 0) {
    const page = await this.api.call('getChatHistory', { chat_id: chatId, from_message_id: fromMessageId, limit: 50 });
    const messages = this.messagesOf(chatId);
    for (const message of page) messages.set(message.message_id, message);
    this.emit('messages', { chatId });
    return page.length;
  }

  messagesOf(chatId) {
    if (!this.messages.has(chatId)) this.messages.set(chatId, new Map());
    return this.messages.get(chatId);
  }

  /** Messages of a chat, oldest first. */
  sortedMessages(chatId) {
    return [...this.messagesOf(chatId).values()].sort((a, b) => a.message_id - b.message_id);
  }

  /** A message this client sent (answers of send… methods). */
  addOwnMessage(message) {
    this.addMessage(message, { own: true });
  }

  addMessage(message, { own = false } = {}) {
    const chatId = message.chat.id;
    const messages = this.messagesOf(chatId);
    const entry = this.chats.get(chatId);
    // Pending updates replayed on connect may carry messages the list already counted.
    const isNew = !messages.has(message.message_id) && !(entry?.last_message && entry.last_message.message_id >= message.message_id);
    keepReactions(message, messages.get(message.message_id));
    messages.set(message.message_id, message);
    if (!entry) {
      // A chat this client doesn't list yet: the list is read again.
      this.loadChats().catch(() => {});
    } else {
      if (!entry.last_message || entry.last_message.message_id <= message.message_id) entry.last_message = message;
      if (isNew && !own && this.openChatId !== chatId) entry.unread_count = (entry.unread_count ?? 0) + 1;
      this.emit('chats');
    }
    // Only a new message changes the chat's keyboard: one replayed on connect may carry a
    // keyboard since used up (getChats says which one is active).
    if (isNew && message.reply_markup && !message.reply_markup.inline_keyboard) this.setKeyboard(chatId, message.reply_markup, message);
    if (!own && message.from) this.typing.delete(chatId), this.emit('typing', { chatId });
    // A bot's message in its private chat ends its drafts there: it is the final message.
    if (!own && message.from?.is_bot && message.chat.type === 'private') this.endDrafts(chatId);
    this.emit('messages', { chatId });
  }

  setKeyboard(chatId, markup, message) {
    if (markup.remove_keyboard) this.keyboards.delete(chatId);
    else this.keyboards.set(chatId, { ...markup, message_id: message.message_id });
    this.emit('keyboard', { chatId });
  }

  /**
   * The chat's reply markup was used (a one-time keyboard's button pressed, a forced reply
   * answered): as Telegram's apps do, the server forgets it (deleteChatReplyMarkup), so a
   * reload does not bring it back. A used one-time keyboard stays behind its toggle until then.
   */
  keyboardUsed(chatId) {
    const markup = this.keyboards.get(chatId);
    if (!markup || !(markup.force_reply || markup.one_time_keyboard)) return;
    if (markup.force_reply) { this.keyboards.delete(chatId); this.emit('keyboard', { chatId }); }
    this.api.call('deleteChatReplyMarkup', { chat_id: chatId, message_id: markup.message_id }).catch(() => {});
  }

  /** Applies one Update from the push channel. */
  applyUpdate(update) {
    const message = update.message ?? update.channel_post;
    if (message) {
      this.passTime(message.date);
      return this.addMessage(message);
    }
    const edited = update.edited_message ?? update.edited_channel_post;
    if (edited) {
      keepReactions(edited, this.messagesOf(edited.chat.id).get(edited.message_id));
      this.messagesOf(edited.chat.id).set(edited.message_id, edited);
      const entry = this.chats.get(edited.chat.id);
      if (entry?.last_message?.message_id === edited.message_id) { entry.last_message = edited; this.emit('chats'); }
      return this.emit('messages', { chatId: edited.chat.id });
    }
    if (update.deleted_messages) {
      const { chat, message_ids: ids } = update.deleted_messages;
      const messages = this.messagesOf(chat.id);
      for (const id of ids) messages.delete(id);
      this.emit('messages', { chatId: chat.id });
      return this.loadChats().catch(() => {});
    }
    if (update.message_draft) return this.applyDraft(update.message_draft);
    if (update.poll) return this.applyPoll(update.poll);
    if (update.message_reaction_count) return this.applyReactions(update.message_reaction_count);
    if (update.chat_join_request) return this.emit('join_request', update.chat_join_request);
  }

  /** A message's new reaction counts (`reactions` as getChatHistory gives them). */
  applyReactions({ chat, message_id: messageId, reactions }) {
    const message = this.messagesOf(chat.id).get(messageId);
    if (!message) return;
    message.reactions = reactions;
    this.emit('messages', { chatId: chat.id });
  }

  /** A poll's new counts: every message carrying it is updated. */
  applyPoll(poll) {
    for (const [chatId, messages] of this.messages) {
      for (const message of messages.values()) {
        if (message.poll?.id === poll.id) {
          message.poll = { ...message.poll, ...poll };
          this.emit('messages', { chatId });
        }
      }
    }
  }

  /**
   * A bot's draft, new or grown: it replaces the draft with the same id and is shown until
   * it expires. Its lifetime is measured from now (`expiration_date - date`), since the
   * world's clock need not be this computer's.
   */
  applyDraft(draft) {
    this.passTime(draft.date);
    if (draft.expiration_date <= this.worldTime) return;
    const chatId = draft.chat.id;
    if (!this.drafts.has(chatId)) this.drafts.set(chatId, new Map());
    const key = `${chatId}:${draft.draft_id}`;
    clearTimeout(this.draftTimers.get(key));
    const lifetime = Math.max(0, draft.expiration_date - draft.date) * 1000;
    this.draftTimers.set(key, setTimeout(() => this.removeDraft(chatId, draft.draft_id), lifetime));
    this.drafts.get(chatId).set(draft.draft_id, draft);
    this.emit('drafts', { chatId });
  }

  /** The world's time is at least `date`: drafts expired by then go. */
  passTime(date) {
    if (!(date > this.worldTime)) return;
    this.worldTime = date;
    for (const [chatId, drafts] of this.drafts) {
      for (const draft of [...drafts.values()]) if (draft.expiration_date <= date) this.removeDraft(chatId, draft.draft_id);
    }
  }

  /** Drafts of a chat, in the order they began. */
  draftsOf(chatId) {
    return [...(this.drafts.get(chatId)?.values() ?? [])];
  }

  removeDraft(chatId, draftId) {
    const key = `${chatId}:${draftId}`;
    clearTimeout(this.draftTimers.get(key));
    this.draftTimers.delete(key);
    if (this.drafts.get(chatId)?.delete(draftId)) this.emit('drafts', { chatId });
  }

  endDrafts(chatId) {
    for (const draft of this.draftsOf(chatId)) this.removeDraft(chatId, draft.draft_id);
  }

  /**
   * The user pressed Stop (`stopMessageGeneration`): the bot learns it; the draft goes at
   * once, or stays (without its Stop button) until it expires when the bot asked to keep it.
   */
  async stopDraft(chatId, draft) {
    await this.api.call('stopMessageGeneration', { chat_id: chatId, draft_id: draft.draft_id });
    if (!draft.keep_on_stop) return this.removeDraft(chatId, draft.draft_id);
    const current = this.drafts.get(chatId)?.get(draft.draft_id);
    if (current) current.stopped = true;
    this.emit('drafts', { chatId });
  }

  applyChatAction(event) {
    const chatId = event.chat.id;
    const name = event.from.first_name;
    this.typing.set(chatId, { name, action: event.action, until: Date.now() + 5000 });
    this.emit('typing', { chatId });
    setTimeout(() => {
      const current = this.typing.get(chatId);
      if (current && current.until <= Date.now()) { this.typing.delete(chatId); this.emit('typing', { chatId }); }
    }, 5100);
  }

  async markRead(chatId) {
    const entry = this.chats.get(chatId);
    if (!entry || !entry.unread_count) return;
    entry.unread_count = 0;
    this.emit('chats');
    try { await this.api.call('readChatHistory', { chat_id: chatId }); } catch { /* the count is corrected on the next list */ }
  }
}

/** An edited or re-read message keeps the reactions an update brought, unless it has its own. */
function keepReactions(message, previous) {
  if (previous?.reactions && !('reactions' in message)) message.reactions = previous.reactions;
}

// "New chat": start a bot, write to a person, create a group, supergroup, forum or channel,
// or join by invite link.
import { context } from '../../core/context.js';
import { h } from '../../core/dom.js';
import { modal, showError, toast } from '../../components/toast.js';

/** Resolves "@name" or a numeric id to a user id. */
export async function resolveUser(text) {
  const value = text.trim();
  if (/^-?\d+$/.test(value)) return Number(value);
  const chat = await context.api.call('getChat', { chat_id: value.startsWith('@') ? value : `@${value}` });
  return chat.id;
}

export function openNewChatDialog(openChat) {
  const { api, store } = context;
  const dialog = modal('New chat', (dialog) => {
    const botInput = h('input', { id: 'start-bot', name: 'bot', placeholder: '@echo_bot', required: true });
    const startBot = h('form', { class: 'card', onsubmit: async (event) => {
      event.preventDefault();
      try {
        const username = botInput.value.trim().replace(/^@/, '');
        const message = await api.call('startBot', { bot_username: username });
        store.addOwnMessage(message);
        dialog.close();
        openChat(message.chat.id);
      } catch (error) { showError(error); }
    } }, h('h3', {}, 'Start a bot'), h('label', { for: 'start-bot' }, 'Bot username'), botInput, h('button', { type: 'submit' }, 'Start'));

    const personInput = h('input', { id: 'write-to', name: 'person', placeholder: '@alice or a user id', required: true });
    const firstText = h('input', { id: 'first-text', name: 'text', placeholder: 'Hello!', required: true });
    const writeTo = h('form', { class: 'card', onsubmit: async (event) => {
      event.preventDefault();
      try {
        const chatId = await resolveUser(personInput.value);
        const message = await api.call('sendMessage', { chat_id: chatId, text: firstText.value });
        store.addOwnMessage(message);
        dialog.close();
        openChat(message.chat.id);
      } catch (error) { showError(error); }
    } }, h('h3', {}, 'Write to someone'), h('label', { for: 'write-to' }, 'Username or id'), personInput,
    h('label', { for: 'first-text' }, 'First message'), firstText, h('button', { type: 'submit' }, 'Send'));

    const typeSelect = h('select', { id: 'chat-type', name: 'type' },
      h('option', { value: 'group' }, 'Group'), h('option', { value: 'supergroup' }, 'Supergroup'),
      h('option', { value: 'forum' }, 'Forum (supergroup with topics)'), h('option', { value: 'channel' }, 'Channel'));
    const titleInput = h('input', { id: 'chat-title', name: 'title', required: true });
    const membersInput = h('input', { id: 'chat-members', name: 'members', placeholder: '@echo_bot, @bob' });
    const create = h('form', { class: 'card', onsubmit: async (event) => {
      event.preventDefault();
      try {
        const names = membersInput.value.split(',').map((name) => name.trim()).filter(Boolean);
        const memberIds = await Promise.all(names.map(resolveUser));
        const type = typeSelect.value;
        const chat = await api.call('createChat', {
          type: type === 'forum' ? 'supergroup' : type, title: titleInput.value, member_ids: memberIds,
          is_forum: type === 'forum' ? true : undefined,
        });
        await store.loadChats();
        dialog.close();
        openChat(chat.id);
      } catch (error) { showError(error); }
    } }, h('h3', {}, 'Create a group or channel'), h('label', { for: 'chat-type' }, 'Type'), typeSelect,
    h('label', { for: 'chat-title' }, 'Title'), titleInput,
    h('label', { for: 'chat-members' }, 'Members (usernames or ids, comma-separated)'), membersInput,
    h('button', { type: 'submit' }, 'Create'));

    const linkInput = h('input', { id: 'invite-link', name: 'link', placeholder: 'https://t.me/+… or @publicgroup', required: true });
    const join = h('form', { class: 'card', onsubmit: async (event) => {
      event.preventDefault();
      const value = linkInput.value.trim();
      try {
        const chat = await api.call('joinChat', value.startsWith('@') || /^-?\d+$/.test(value) ? { chat_id: value } : { invite_link: value });
        await store.loadChats();
        dialog.close();
        openChat(chat.id);
      } catch (error) {
        // Telegram's answer for a link that needs approval: not an error for the user.
        if (error.description?.includes('INVITE_REQUEST_SENT')) { toast('Request to join sent. An administrator will review it.'); dialog.close(); }
        else showError(error);
      }
    } }, h('h3', {}, 'Join'), h('label', { for: 'invite-link' }, 'Invite link or public username'), linkInput, h('button', { type: 'submit' }, 'Join'));

    dialog.append(startBot, writeTo, create, join);
  });
  dialog.querySelector('input')?.focus();
}

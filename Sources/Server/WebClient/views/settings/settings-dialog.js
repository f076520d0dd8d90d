// "Settings": the account's business bot (Telegram Business → Chatbots: `connectBusinessBot`
// with the rights granted, `disconnectBusinessBot`) and the user's gifts (extensions/gifts.js).
// The user surface has no call that reads which bot is connected, so this browser remembers
// the last bot and rights it connected, to show them again.
import { context } from '../../core/context.js';
import { h } from '../../core/dom.js';
import { modal, showError, toast } from '../../components/toast.js';
import { showMyGifts } from '../../extensions/gifts.js';

/** BusinessBotRights, each with the words Telegram's settings use. */
const rights = [
  ['can_reply', 'Reply to messages'], ['can_read_messages', 'Mark messages as read'],
  ['can_delete_sent_messages', 'Delete messages it sent'], ['can_delete_all_messages', 'Delete all messages'],
  ['can_edit_name', 'Edit name'], ['can_edit_bio', 'Edit bio'], ['can_edit_profile_photo', 'Edit profile photo'],
  ['can_edit_username', 'Edit username'], ['can_change_gift_settings', 'Change gift settings'],
  ['can_view_gifts_and_stars', 'View gifts and Stars'], ['can_convert_gifts_to_stars', 'Convert gifts to Stars'],
  ['can_transfer_and_upgrade_gifts', 'Transfer and upgrade gifts'], ['can_transfer_stars', 'Transfer Stars'],
  ['can_manage_stories', 'Manage stories'],
];

const memoryKey = () => `botapi.businessBot:${context.store.me.id}`;

function remembered() {
  try { return JSON.parse(localStorage.getItem(memoryKey()) ?? 'null'); } catch { return null; }
}

export function openSettings() {
  return modal('Settings', (dialog) => {
    dialog.classList.add('settings');
    const gifts = h('div', { class: 'my-gifts-list' });
    dialog.append(businessCard(), h('section', { class: 'card my-gifts', 'aria-label': 'My gifts' }, h('h3', {}, 'My gifts'), gifts));
    showMyGifts(gifts);
  });
}

function businessCard() {
  const { api } = context;
  const memory = remembered();
  const username = h('input', { id: 'business-bot', name: 'bot', placeholder: '@shop_bot', required: true, value: memory?.username ? `@${memory.username}` : '' });
  const boxes = rights.map(([name, label]) => {
    const id = `business-right-${name}`;
    const box = h('input', { type: 'checkbox', id, name, checked: memory ? Boolean(memory.rights?.[name]) : name === 'can_reply' || name === 'can_read_messages' });
    return { name, box, row: h('div', { class: 'check' }, box, h('label', { for: id }, label)) };
  });
  const status = h('p', { class: 'business-status', role: 'status' },
    memory?.connected ? `Connected: @${memory.username}` : 'No business bot connected from this browser.');
  const botName = () => username.value.trim().replace(/^@/, '');
  const connect = async (event) => {
    event.preventDefault();
    const granted = Object.fromEntries(boxes.map(({ name, box }) => [name, box.checked]));
    try {
      const connection = await api.call('connectBusinessBot', { bot_username: botName(), rights: granted });
      localStorage.setItem(memoryKey(), JSON.stringify({ username: botName(), rights: connection.rights ?? granted, connected: true }));
      status.textContent = `Connected: @${botName()}`;
      toast('Business bot connected');
    } catch (error) { showError(error); }
  };
  const disconnect = async () => {
    if (!botName()) return username.reportValidity();
    try {
      await api.call('disconnectBusinessBot', { bot_username: botName() });
      localStorage.setItem(memoryKey(), JSON.stringify({ username: botName(), rights: memory?.rights, connected: false }));
      status.textContent = `Disconnected: @${botName()}`;
      toast('Business bot disconnected');
    } catch (error) { showError(error); }
  };
  return h('form', { class: 'card business', onsubmit: connect },
    h('h3', {}, 'Business bot'),
    h('p', { class: 'hint' }, 'A bot in Business Mode answers your private chats for you.'),
    h('label', { for: 'business-bot' }, 'Bot username'), username,
    h('fieldset', { class: 'business-rights' }, h('legend', {}, 'The bot may'), boxes.map(({ row }) => row)),
    status,
    h('div', { class: 'dialog-buttons' },
      h('button', { type: 'button', class: 'disconnect-business', onclick: disconnect }, 'Disconnect'),
      h('button', { type: 'submit', class: 'connect-business' }, 'Connect')));
}

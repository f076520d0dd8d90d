// Reply keyboard buttons that ask the user for something before anything is sent, as
// Telegram's apps handle them:
//   request_contact   a confirmation, then the user's own contact (sendContact with the
//                     user's `user_id`); accounts here have no phone numbers, so the dialog
//                     asks for one (remembered for the tab's session)
//   request_location  a location the user enters (prefilled with the last one sent, else
//                     the Eiffel Tower), sent with sendLocation; no device location is read
//   request_users     a picker of the people and bots the user has chats with, filtered by
//                     the button's criteria, shared with shareUsersWithBot
//   request_chat      a picker of the user's groups, supergroups and channels, filtered by
//                     the button's criteria, shared with shareChatWithBot
//   request_poll      the poll composer, its kind fixed when the button says so
// Each resolves with the sent message, or null when the user cancelled.
import { context } from '../core/context.js';
import { h } from '../core/dom.js';
import { nameOf } from '../core/entities.js';
import { chatTitle } from './chat-list.js';
import { openPollComposer } from './poll-composer.js';
import { modal, showError } from './toast.js';

const PHONE = 'botapi.phoneNumber';
const PLACE = 'botapi.lastLocation';

/** Whether a keyboard button asks for something (and so is handled here). */
export function isRequestButton(button) {
  return typeof button === 'object' && Boolean(button.request_contact || button.request_location || button.request_users
    || button.request_chat || button.request_poll);
}

/** Handles a request button of `bot`'s keyboard in the private chat with it. */
export function pressRequestButton(button, bot) {
  if (button.request_contact) return shareContact(bot);
  if (button.request_location) return shareLocation(bot);
  if (button.request_users) return shareUsers(bot, button.request_users);
  if (button.request_chat) return shareChat(bot, button.request_chat);
  return openPollComposer(bot.id, { type: button.request_poll.type });
}

/** A modal form: `build()` gives its `body`, its submit button's `label` and `submit()`, which sends and answers the message (or null to stay open). Resolves with the message, or null when cancelled. */
function ask(title, build) {
  return new Promise((resolve) => {
    let result = null;
    const dialog = modal(title, (dialog) => {
      const done = (value) => { result = value; dialog.close(); };
      const { body, submit, label } = build();
      const form = h('form', { class: 'card', onsubmit: async (event) => {
        event.preventDefault();
        try {
          const sent = await submit();
          if (sent) done(sent);
        } catch (error) { showError(error); }
      } }, body, h('div', { class: 'dialog-actions' },
        h('button', { type: 'button', onclick: () => dialog.close() }, 'Cancel'),
        h('button', { type: 'submit' }, label)));
      dialog.append(form);
    });
    dialog.addEventListener('close', () => resolve(result));
    dialog.querySelector('input:not([type=hidden]), button[type=submit]')?.focus();
  });
}

function shareContact(bot) {
  const { api, store } = context;
  const me = store.me;
  return ask('Share your phone number?', () => {
    const phone = h('input', { id: 'contact-phone', type: 'tel', required: true, value: sessionStorage.getItem(PHONE) ?? '', placeholder: '+1 555 0100', autocomplete: 'tel' });
    return {
      label: 'Share',
      body: [h('p', {}, `${nameOf(bot)} will know your phone number.`), h('label', { for: 'contact-phone' }, 'Your phone number'), phone],
      submit: async () => {
        sessionStorage.setItem(PHONE, phone.value.trim());
        return api.call('sendContact', {
          chat_id: bot.id, phone_number: phone.value.trim(), first_name: me.first_name, last_name: me.last_name, user_id: me.id,
        });
      },
    };
  });
}

function shareLocation(bot) {
  const last = JSON.parse(sessionStorage.getItem(PLACE) ?? 'null') ?? { latitude: 48.8584, longitude: 2.2945 };
  return ask('Send your location?', () => {
    const latitude = h('input', { id: 'location-latitude', type: 'number', step: 'any', min: '-90', max: '90', required: true, value: String(last.latitude) });
    const longitude = h('input', { id: 'location-longitude', type: 'number', step: 'any', min: '-180', max: '180', required: true, value: String(last.longitude) });
    return {
      label: 'Send location',
      body: [h('p', {}, `${nameOf(bot)} asks where you are.`),
        h('label', { for: 'location-latitude' }, 'Latitude'), latitude, h('label', { for: 'location-longitude' }, 'Longitude'), longitude],
      submit: async () => {
        const place = { latitude: Number(latitude.value), longitude: Number(longitude.value) };
        sessionStorage.setItem(PLACE, JSON.stringify(place));
        return context.api.call('sendLocation', { chat_id: bot.id, ...place });
      },
    };
  });
}

/** A list of choices: radio buttons for one, checkboxes for several. Returns [list, chosenIds()]. */
function picker(name, candidates, max) {
  const type = max > 1 ? 'checkbox' : 'radio';
  const list = h('ul', { class: 'picker', 'aria-label': name }, candidates.length
    ? candidates.map(({ id, label }) => {
      const inputId = `${name}-${id}`;
      return h('li', {}, h('input', { type, name, id: inputId, value: String(id) }), h('label', { for: inputId }, label));
    })
    : h('li', { class: 'empty' }, 'Nothing here matches what the bot asks for.'));
  const chosen = () => [...list.querySelectorAll('input:checked')].map((input) => Number(input.value));
  return [list, chosen];
}

function shareUsers(bot, request) {
  const { store, api } = context;
  const max = request.max_quantity ?? 1;
  const candidates = store.sortedChats()
    .filter(({ chat, user }) => chat.type === 'private' && user && user.id !== bot.id && user.id !== store.me.id)
    .filter(({ user }) => request.user_is_bot === undefined || Boolean(user.is_bot) === request.user_is_bot)
    .filter(({ user }) => request.user_is_premium === undefined || Boolean(user.is_premium) === request.user_is_premium)
    .map(({ user }) => ({ id: user.id, label: `${nameOf(user)}${user.username ? ` @${user.username}` : ''}${user.is_bot ? ' (bot)' : ''}` }));
  const title = request.user_is_bot ? (max > 1 ? 'Choose bots' : 'Choose a bot') : (max > 1 ? `Choose up to ${max} users` : 'Choose a user');
  return ask(title, () => {
    const [list, chosen] = picker('shared-users', candidates, max);
    return {
      label: 'Share',
      body: list,
      submit: async () => {
        const ids = chosen();
        if (!ids.length) return null;
        return api.call('shareUsersWithBot', { bot_id: bot.id, request_id: request.request_id, shared_user_ids: ids });
      },
    };
  });
}

function shareChat(bot, request) {
  const { store, api } = context;
  const candidates = store.sortedChats()
    .filter(({ chat }) => (request.chat_is_channel ? chat.type === 'channel' : chat.type === 'group' || chat.type === 'supergroup'))
    .filter(({ chat }) => request.chat_is_forum === undefined || Boolean(chat.is_forum) === request.chat_is_forum)
    .filter(({ chat }) => request.chat_has_username === undefined || Boolean(chat.username) === request.chat_has_username)
    .filter(({ status }) => !request.chat_is_created || status === 'creator')
    .filter(({ status }) => !(request.user_administrator_rights || request.bot_administrator_rights) || status === 'creator' || status === 'administrator')
    .map((entry) => ({ id: entry.chat.id, label: chatTitle(entry) }));
  return ask(request.chat_is_channel ? 'Choose a channel' : 'Choose a group', () => {
    const [list, chosen] = picker('shared-chat', candidates, 1);
    return {
      label: 'Share',
      body: [list, request.bot_is_member || request.bot_administrator_rights
        ? h('p', {}, `${nameOf(bot)} will be added to the chat${request.bot_administrator_rights ? ' as an administrator' : ''}.`) : null],
      submit: async () => {
        const [id] = chosen();
        if (id === undefined) return null;
        return api.call('shareChatWithBot', { bot_id: bot.id, request_id: request.request_id, shared_chat_id: id });
      },
    };
  });
}

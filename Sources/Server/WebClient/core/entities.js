// Message text with its entities as DOM nodes (never HTML strings: text stays text).
// Offsets and lengths are UTF-16 code units, which is what JavaScript strings index.
import { formatAmount } from './money.js';

/** Renders `text` with `entities` into a DocumentFragment. `onCommand(text)` runs when a bot command is clicked. */
export function renderText(text, entities = [], { onCommand } = {}) {
  const sorted = [...(entities ?? [])]
    .filter((entity) => entity.length > 0 && entity.offset >= 0 && entity.offset < text.length)
    .sort((a, b) => a.offset - b.offset || b.length - a.length);
  const fragment = document.createDocumentFragment();
  appendRange(fragment, text, 0, text.length, sorted, onCommand);
  return fragment;
}

function appendRange(parent, text, start, end, entities, onCommand) {
  let position = start;
  let index = 0;
  while (index < entities.length) {
    const entity = entities[index];
    const entityEnd = Math.min(entity.offset + entity.length, end);
    if (entity.offset < position) { index++; continue; }
    if (entity.offset > position) parent.append(text.slice(position, entity.offset));
    // The entities inside this one (nested formatting).
    const inner = [];
    let next = index + 1;
    while (next < entities.length && entities[next].offset < entityEnd) inner.push(entities[next++]);
    const node = elementFor(entity, text.slice(entity.offset, entityEnd), onCommand);
    appendRange(node.querySelector('[data-slot]') ?? node, text, entity.offset, entityEnd, inner, onCommand);
    node.querySelector('[data-slot]')?.removeAttribute('data-slot');
    parent.append(node);
    position = entityEnd;
    index = next;
  }
  if (position < end) parent.append(text.slice(position, end));
}

function elementFor(entity, piece, onCommand) {
  const make = (tag, className) => {
    const element = document.createElement(tag);
    if (className) element.className = className;
    return element;
  };
  switch (entity.type) {
    case 'bold': return make('strong');
    case 'italic': return make('em');
    case 'underline': return make('u');
    case 'strikethrough': return make('s');
    case 'code': return make('code');
    case 'spoiler': {
      const spoiler = make('span', 'spoiler');
      spoiler.tabIndex = 0;
      spoiler.setAttribute('role', 'button');
      spoiler.setAttribute('aria-label', 'Spoiler, press to reveal');
      const reveal = () => { spoiler.classList.add('revealed'); spoiler.removeAttribute('role'); spoiler.removeAttribute('aria-label'); };
      spoiler.addEventListener('click', reveal);
      spoiler.addEventListener('keydown', (event) => { if (event.key === 'Enter' || event.key === ' ') reveal(); });
      return spoiler;
    }
    case 'pre': {
      const pre = make('pre');
      const code = make('code');
      if (entity.language) {
        code.dataset.language = entity.language;
        pre.dataset.language = entity.language;
      }
      code.dataset.slot = '';
      pre.append(code);
      return pre;
    }
    case 'blockquote': case 'expandable_blockquote': {
      const quote = make('blockquote', entity.type === 'expandable_blockquote' ? 'expandable' : '');
      return quote;
    }
    case 'text_link': return link(entity.url);
    case 'url': return link(/^[a-z][a-z0-9+.-]*:/i.test(piece) ? piece : `http://${piece}`);
    case 'email': return link(`mailto:${piece}`);
    case 'phone_number': return link(`tel:${piece.replace(/[^+0-9]/g, '')}`);
    case 'mention': case 'text_mention': case 'hashtag': case 'cashtag': {
      const span = make('span', 'mention');
      if (entity.user) span.title = [entity.user.first_name, entity.user.last_name].filter(Boolean).join(' ');
      return span;
    }
    case 'bot_command': {
      const command = make('a', 'command');
      command.href = '#';
      command.addEventListener('click', (event) => { event.preventDefault(); onCommand?.(piece); });
      return command;
    }
    case 'custom_emoji': {
      // The fallback emoji the text carries; the custom image is not available here.
      const emoji = make('span', 'custom-emoji');
      emoji.title = `custom emoji ${entity.custom_emoji_id ?? ''}`.trim();
      return emoji;
    }
    default: return make('span');
  }
}

function link(url) {
  const anchor = document.createElement('a');
  if (/^(https?|mailto|tel|tg):/i.test(url)) anchor.href = url;
  anchor.target = '_blank';
  anchor.rel = 'noopener noreferrer';
  return anchor;
}

/** Plain text of a message for previews. */
export function previewText(message) {
  if (!message) return '';
  if (message.text) return message.text;
  if (message.rich_message) return richPreview(message.rich_message);
  const service = serviceText(message);
  if (service) return service;
  const kinds = [
    ['photo', '🖼 Photo'], ['video', '🎬 Video'], ['animation', 'GIF'], ['voice', '🎤 Voice message'], ['audio', '🎵 Audio'],
    ['document', '📄 Document'], ['sticker', 'Sticker'], ['video_note', 'Video message'], ['poll', '📊 Poll'], ['dice', 'Dice'],
    ['location', '📍 Location'], ['venue', '📍 Venue'], ['contact', '👤 Contact'], ['invoice', 'Invoice'], ['game', '🎮 Game'],
    ['checklist', '☑ Checklist'],
  ];
  for (const [key, label] of kinds) {
    if (message[key]) {
      if (key === 'poll') return `📊 ${message.poll.question}`;
      if (key === 'checklist') return `☑ ${message.checklist.title}`;
      if (key === 'sticker') return `${message.sticker.emoji ?? ''} Sticker`;
      if (key === 'dice') return `${message.dice.emoji} ${message.dice.value}`;
      return message.caption ? `${label}, ${message.caption}` : label;
    }
  }
  return 'Message';
}

/** The plain text of a RichText: strings, nested texts, and what stands in for formulas and emoji. */
export function richPlainText(text) {
  if (text === undefined || text === null) return '';
  if (typeof text === 'string') return text;
  if (Array.isArray(text)) return text.map(richPlainText).join('');
  if (text.type === 'custom_emoji') return text.alternative_text;
  if (text.type === 'mathematical_expression') return text.expression;
  if (text.type === 'button') return richPlainText(text.button.text);
  return richPlainText(text.text);
}

/** A rich message's preview: the text of its first block that has one. */
function richPreview(rich) {
  for (const block of rich.blocks) {
    const text = richPlainText(block.text ?? block.summary ?? '');
    if (text) return text;
  }
  return '📰 Rich message';
}

const nameOf = (user) => (user ? [user.first_name, user.last_name].filter(Boolean).join(' ') : 'Someone');

/** Service messages in words, or null for an ordinary message. */
/** "1 task", "3 tasks". */
function tasks(count) {
  return `${count} task${count === 1 ? '' : 's'}`;
}

export function serviceText(message) {
  const who = message.sender_chat && !message.from ? message.sender_chat.title : nameOf(message.from);
  if (message.new_chat_members) {
    const joined = message.new_chat_members;
    if (joined.length === 1 && joined[0].id === message.from?.id) return `${who} joined the group`;
    return `${who} added ${joined.map(nameOf).join(', ')}`;
  }
  if (message.left_chat_member) {
    return message.left_chat_member.id === message.from?.id ? `${who} left the group` : `${who} removed ${nameOf(message.left_chat_member)}`;
  }
  if (message.new_chat_title) return `${who} changed the group name to “${message.new_chat_title}”`;
  if (message.new_chat_photo) return `${who} changed the group photo`;
  if (message.delete_chat_photo) return `${who} removed the group photo`;
  if (message.group_chat_created) return `${who} created the group “${message.chat.title ?? ''}”`;
  if (message.supergroup_chat_created) return `${who} created the group “${message.chat.title ?? ''}”`;
  if (message.channel_chat_created) return `Channel “${message.chat.title ?? ''}” created`;
  if (message.migrate_to_chat_id) return 'The group was upgraded to a supergroup';
  if (message.migrate_from_chat_id) return 'The group was upgraded from a basic group';
  if (message.pinned_message) return `${who} pinned “${previewText(message.pinned_message).slice(0, 40)}”`;
  if (message.forum_topic_created) return `${who} created the topic “${message.forum_topic_created.name}”`;
  if (message.forum_topic_edited) return `${who} changed the topic${message.forum_topic_edited.name ? ` to “${message.forum_topic_edited.name}”` : ''}`;
  if (message.forum_topic_closed) return `${who} closed the topic`;
  if (message.forum_topic_reopened) return `${who} reopened the topic`;
  if (message.general_forum_topic_hidden) return `${who} hid the General topic`;
  if (message.general_forum_topic_unhidden) return `${who} showed the General topic`;
  if (message.message_auto_delete_timer_changed) return `${who} set messages to disappear after ${message.message_auto_delete_timer_changed.message_auto_delete_time} s`;
  if (message.successful_payment) {
    // Posted in the private chat of the payer and the bot, which the user's view names after the bot.
    const { currency, total_amount: amount } = message.successful_payment;
    return `${who} paid ${formatAmount(currency, amount)} to ${nameOf(message.chat)}`;
  }
  if (message.refunded_payment) {
    const { currency, total_amount: amount } = message.refunded_payment;
    return `${formatAmount(currency, amount)} refunded to ${who}`;
  }
  if (message.gift) {
    const { gift } = message.gift;
    return `${gift.sticker?.emoji ?? '🎁'} ${who} sent a gift (⭐ ${gift.star_count})`;
  }
  if (message.unique_gift) return `🎁 ${who}: ${message.unique_gift.gift.base_name} #${message.unique_gift.gift.number}`;
  if (message.web_app_data) return `Data sent from “${message.web_app_data.button_text}”`;
  if (message.checklist_tasks_done) {
    const { marked_as_done_task_ids: done = [], marked_as_not_done_task_ids: undone = [] } = message.checklist_tasks_done;
    const title = message.checklist_tasks_done.checklist_message?.checklist?.title ?? '';
    const parts = [done.length ? `marked ${tasks(done.length)} as done` : '', undone.length ? `marked ${tasks(undone.length)} as not done` : ''];
    return `${who} ${parts.filter(Boolean).join(' and ')} in “${title}”`;
  }
  if (message.checklist_tasks_added) {
    const title = message.checklist_tasks_added.checklist_message?.checklist?.title ?? '';
    return `${who} added ${tasks(message.checklist_tasks_added.tasks.length)} to “${title}”`;
  }
  if (message.users_shared) {
    const users = message.users_shared.users ?? [];
    const named = users.filter((user) => user.first_name).map(nameOf);
    return `${who} shared ${named.length === users.length && named.length ? named.join(', ') : `${users.length} user${users.length === 1 ? '' : 's'}`}`;
  }
  if (message.chat_shared) return `${who} shared ${message.chat_shared.title ? `“${message.chat_shared.title}”` : 'a chat'}`;
  if (message.write_access_allowed) return 'You allowed this bot to message you';
  if (message.proximity_alert_triggered) return 'Proximity alert';
  if (message.video_chat_started) return 'Video chat started';
  if (message.video_chat_ended) return 'Video chat ended';
  return null;
}

export { nameOf };

// One message: sender, forward and reply headers, text or media with caption (entities
// rendered), poll, checklist, invoice, reactions, inline keyboard, time and "edited". Service messages
// in words.
import { context } from '../core/context.js';
import { h, time } from '../core/dom.js';
import { nameOf, previewText, renderText, serviceText } from '../core/entities.js';
import { renderMedia } from './media-view.js';
import { renderRichMessage } from './rich-message.js';
import { renderPoll } from './poll-view.js';
import { renderChecklist } from './checklist-view.js';
import { renderInlineKeyboard } from './inline-keyboard.js';
import { renderInvoice } from '../extensions/invoices.js';
import { renderGiftMessage } from '../extensions/gifts.js';
import { showError, toast } from './toast.js';

/**
 * @param message the Message as the user sees it
 * @param options.composer the conversation's composer (commands clicked in text are sent; replies are set on it)
 */
export function renderMessage(message, { composer, showSender = false } = {}) {
  const me = context.store.me;
  const gift = renderGiftMessage(message);
  if (gift) return gift;
  const service = serviceText(message);
  if (service) return h('div', { class: 'service', role: 'listitem', dataset: { messageId: message.message_id } }, service);

  const outgoing = message.from?.id === me.id && !message.sender_chat;
  const onCommand = (command) => composer?.send(command);
  const body = h('div', { class: 'bubble-body' });
  if (showSender && !outgoing) {
    const sender = message.sender_chat && !message.from ? message.sender_chat.title : nameOf(message.from);
    body.append(h('div', { class: 'sender' }, sender, message.author_signature ? ` · ${message.author_signature}` : ''));
  }
  if (message.forward_origin) body.append(h('div', { class: 'forwarded' }, `Forwarded from ${originName(message.forward_origin)}`));
  if (message.via_bot) body.append(h('div', { class: 'via' }, `via @${message.via_bot.username}`));
  // The account's business bot wrote this for it (only the account is shown who).
  if (message.sender_business_bot) body.append(h('div', { class: 'business-bot' }, `sent by @${message.sender_business_bot.username}`));
  if (message.reply_to_message || message.external_reply) {
    const target = message.reply_to_message ?? message.external_reply;
    const quote = message.quote?.text;
    body.append(h('button', { class: 'reply-quote', type: 'button', onclick: () => jumpTo(target.message_id) },
      h('strong', {}, nameOf(target.from) || target.sender_chat?.title || ''),
      h('span', {}, quote ?? previewText(target))));
  }
  const media = renderMedia(message);
  if (media) body.append(h('div', { class: 'media' }, media));
  if (message.rich_message) body.append(renderRichMessage(message.rich_message));
  if (message.poll) body.append(renderPoll(message));
  if (message.checklist) body.append(renderChecklist(message.checklist));
  const invoice = renderInvoice(message);
  if (invoice) body.append(invoice);
  if (message.game) body.append(h('div', { class: 'game' }, h('strong', {}, `🎮 ${message.game.title}`), h('p', {}, message.game.description)));
  const text = message.text ?? message.caption;
  if (text) body.append(h('div', { class: 'text' }, renderText(text, message.entities ?? message.caption_entities, { onCommand })));
  const reactions = renderReactions(message);
  if (reactions) body.append(reactions);
  body.append(h('div', { class: 'meta' },
    message.edit_date ? h('span', { class: 'edited' }, 'edited ') : null,
    h('time', { datetime: new Date(message.date * 1000).toISOString() }, time(message.date))));

  const bubble = h('div', {
    class: `message ${outgoing ? 'outgoing' : 'incoming'}`,
    role: 'listitem',
    tabindex: '-1',
    dataset: { messageId: message.message_id, ...(message.media_group_id ? { mediaGroup: message.media_group_id } : {}) },
  }, body);
  const keyboard = renderInlineKeyboard(message, { composer });
  if (keyboard) bubble.append(keyboard);
  bubble.append(h('div', { class: 'message-actions' },
    h('button', { type: 'button', class: 'reply-action', onclick: () => composer?.replyTo(message) }, 'Reply'),
    h('button', { type: 'button', class: 'react-action', 'aria-label': 'React 👍', onclick: () => react(message, [{ type: 'emoji', emoji: '👍' }]) }, '👍'),
    h('button', { type: 'button', class: 'pin-action', onclick: () => pin(message) }, 'Pin')));
  return bubble;
}

function originName(origin) {
  switch (origin.type) {
    case 'user': return nameOf(origin.sender_user);
    case 'hidden_user': return origin.sender_user_name;
    case 'chat': return origin.sender_chat.title;
    case 'channel': return origin.chat.title;
    default: return 'someone';
  }
}

function jumpTo(messageId) {
  const target = document.querySelector(`.message[data-message-id="${messageId}"]`);
  if (!target) return;
  target.scrollIntoView({ block: 'center' });
  target.focus();
}

/**
 * The message's reactions as Telegram's apps show them: one chip per reaction with its
 * count, the user's own highlighted. Pressing a chip puts that reaction on (or takes the
 * user's own off). Counts come with the history and live as `message_reaction_count`.
 */
function renderReactions(message) {
  const reactions = message.reactions ?? [];
  if (!reactions.length) return null;
  return h('div', { class: 'reactions', role: 'group', 'aria-label': 'Reactions' }, reactions.map((reaction) => {
    const label = reactionLabel(reaction.type);
    return h('button', {
      type: 'button', class: `reaction${reaction.is_chosen ? ' chosen' : ''}`, 'aria-pressed': String(Boolean(reaction.is_chosen)),
      'aria-label': `${label} ${reaction.total_count}`, dataset: { emoji: label },
      onclick: () => react(message, reaction.is_chosen ? [] : [reaction.type]),
    }, `${label} ${reaction.total_count}`);
  }));
}

function reactionLabel(type) {
  if (type.type === 'emoji') return type.emoji;
  if (type.type === 'paid') return '⭐';
  return '✨';
}

/** Sets the user's reactions on the message, then reads the counts back with the history. */
async function react(message, reaction) {
  try {
    await context.api.call('setMessageReaction', { chat_id: message.chat.id, message_id: message.message_id, reaction });
    await context.store.loadHistory(message.chat.id, message.message_id + 1);
  } catch (error) {
    showError(error);
  }
}

async function pin(message) {
  try {
    await context.api.call('pinChatMessage', { chat_id: message.chat.id, message_id: message.message_id });
    toast('Pinned');
  } catch (error) {
    showError(error);
  }
}

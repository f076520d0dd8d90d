// Extension point: inline mode. A switch-inline button fills the composer with
// "@botname query"; Enter asks the bot (`sendInlineQuery`, USER-API.md) and shows its answer
// (components/inline-results.js: previews, the answer's button, paging with `next_offset`);
// choosing a result posts it (`sendInlineResult`). A server without inline mode answers
// 501/404, and the composer says so.
import { context } from '../core/context.js';
import { toast } from '../components/toast.js';

export function switchInline(message, button, composer) {
  const bot = message.via_bot ?? message.from;
  const query = button.switch_inline_query_current_chat ?? button.switch_inline_query ?? button.switch_inline_query_chosen_chat?.query ?? '';
  composer?.setText(`@${bot?.username ?? ''} ${query}`);
}

/** "@bot query" typed in the composer as `{ botUsername, query }`, or null when it is no inline query. */
export function parseInlineQuery(text) {
  const match = /^@([A-Za-z0-9_]{5,32}bot) (.*)$/is.exec(text);
  return match ? { botUsername: match[1], query: match[2] } : null;
}

/** One page of the bot's answer to `request` (from `parseInlineQuery`) at `offset`, or null. */
export async function inlineQueryPage(request, chatId, offset = '') {
  try {
    return await context.api.call('sendInlineQuery', {
      bot_username: request.botUsername, query: request.query, offset, chat_id: chatId,
    }, { timeout: 32000 });
  } catch (error) {
    if (error.code === 501 || error.code === 404) toast('Inline mode is not available on this server yet.');
    else toast(error.description ?? String(error), { kind: 'error' });
    return null;
  }
}

/** Posts the chosen result (of the page whose `query_id` is given); resolves with the message. */
export function sendInlineResult(chatId, queryId, resultId) {
  return context.api.call('sendInlineResult', { chat_id: chatId, query_id: queryId, result_id: resultId });
}

/**
 * The answer's `button` (InlineQueryResultsButton) pressed: a Mini App opens (`openWebApp`
 * with the URL and the answer's `queryId`); `start_parameter` opens the private chat with the
 * bot and sends `/start <parameter>` (`startBot`), as Telegram's "switch to PM" does.
 */
export async function pressResultsButton(button, request, queryId) {
  if (button.web_app) {
    const { openInlineWebApp } = await import('./mini-apps.js');
    return openInlineWebApp(request.botUsername, button.web_app.url, queryId);
  }
  const message = await context.api.call('startBot', { bot_username: request.botUsername, parameter: button.start_parameter });
  context.store.addOwnMessage(message);
  await document.querySelector('chats-view')?.open(message.chat.id);
  return message;
}

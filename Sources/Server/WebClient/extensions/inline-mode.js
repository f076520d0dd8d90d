// Extension point: inline mode. A switch-inline button fills the composer with
// "@botname query"; Enter asks the bot (`sendInlineQuery`, USER-API.md) and lists the
// results by title; choosing one posts it (`sendInlineResult`). Paging (`next_offset`),
// thumbnails and the results' own previews are for a later round. A server without inline
// mode answers 501/404, and the composer says so.
import { context } from '../core/context.js';
import { h } from '../core/dom.js';
import { showError, toast } from '../components/toast.js';

export function switchInline(message, button, composer) {
  const bot = message.via_bot ?? message.from;
  const query = button.switch_inline_query_current_chat ?? button.switch_inline_query ?? button.switch_inline_query_chosen_chat?.query ?? '';
  composer?.setText(`@${bot?.username ?? ''} ${query}`);
}

/** "@bot query" typed in the composer: asks the bot, or null when the text is not an inline query. */
export async function inlineQuery(text, chatId) {
  const match = /^@([A-Za-z0-9_]{5,32}bot) (.*)$/is.exec(text);
  if (!match) return null;
  try {
    return await context.api.call('sendInlineQuery', { bot_username: match[1], query: match[2], chat_id: chatId }, { timeout: 12000 });
  } catch (error) {
    if (error.code === 501 || error.code === 404) toast('Inline mode is not available on this server yet.');
    return null;
  }
}

/** The results of an inline query as list items; `onChosen(message)` gets the posted message. */
export function renderInlineResults(answer, chatId, onChosen) {
  const results = answer.results ?? [];
  if (!results.length) return [h('li', { class: 'inline-empty' }, 'No results')];
  return results.map((result) => h('li', {}, h('button', {
    type: 'button', class: 'inline-result', role: 'option',
    onclick: async () => {
      try {
        onChosen(await context.api.call('sendInlineResult', { chat_id: chatId, query_id: answer.query_id, result_id: result.id }));
      } catch (error) { showError(error); }
    },
  }, h('strong', {}, result.title ?? result.id), result.description ? h('span', {}, ` ${result.description}`) : null)));
}

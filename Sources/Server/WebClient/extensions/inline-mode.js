// Extension point: inline mode. A switch-inline button fills the composer with
// "@botname query"; results come from the `sendInlineQuery` user method (USER-API.md)
// once this server implements it — until then the composer says inline mode is unavailable.
import { context } from '../core/context.js';
import { toast } from '../components/toast.js';

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

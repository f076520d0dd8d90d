// Extension point: Mini Apps. A `web_app` button — of an inline keyboard, of the reply
// keyboard, or the menu button — opens the bot's Mini App in a phone-sized frame
// (components/mini-app-frame.js): `openWebApp` (USER-API.md) signs the init data, and the
// app's URL gets Telegram's launch fragment with it, the version, the platform and the
// current theme. Only a Mini App opened from the reply keyboard may answer with sendData
// (`sendWebAppData`), as on Telegram; it closes once the data is sent. A server without
// `openWebApp` answers 501/404 and the button says so.
import { context } from '../core/context.js';
import { themeParams } from '../core/theme.js';
import { MINI_APP_PLATFORM, MINI_APP_VERSION, MiniAppFrame } from '../components/mini-app-frame.js';
import { showError, toast } from '../components/toast.js';

/** A `web_app` button of a message's inline keyboard. */
export function openWebAppButton(message, button) {
  const bot = message.via_bot ?? message.from;
  return launch(bot, { bot_id: bot?.id, url: button.web_app.url, chat_id: message.chat.id, message_id: message.message_id });
}

/** A `web_app` button of the reply keyboard `bot` shows: its Mini App may send data back. */
export function openKeyboardWebApp(bot, button) {
  // button_text: the menu button may open the same URL, but as a Mini App with a query_id.
  return launch(bot, { bot_id: bot.id, url: button.web_app.url, button_text: button.text }, async (data) => {
    const sent = await context.api.call('sendWebAppData', { bot_id: bot.id, button_text: button.text, data });
    context.store.addOwnMessage(sent);
  });
}

/** The bot's menu button, when it is a Mini App (`getBotMenuButton`). */
export function openMenuWebApp(bot, menuButton) {
  return launch(bot, { bot_id: bot.id, url: menuButton.web_app.url });
}

/**
 * The `web_app` button above a bot's inline results: `openWebApp` with `inline_query_id`, the
 * answer that showed it (docs/user-api-extensions.md). As on Telegram the Mini App has no
 * chat, and answers with `answerWebAppQuery`.
 */
export function openInlineWebApp(botUsername, url, queryId) {
  return launch({ username: botUsername }, { bot_username: botUsername, url, inline_query_id: queryId });
}

async function launch(bot, params, sendData) {
  let opened;
  try {
    opened = await context.api.call('openWebApp', params);
  } catch (error) {
    if (error.code === 501 || error.code === 404) toast('Mini Apps are not available on this server yet.');
    else showError(error);
    return null;
  }
  const frame = new MiniAppFrame({
    title: [bot?.first_name, bot?.last_name].filter(Boolean).join(' ') || bot?.username || 'Mini App',
    url: launchURL(opened.url, opened.init_data, themeParams()),
    onDataSend: sendData && (async (data) => {
      try {
        await sendData(data);
        frame.close();
      } catch (error) { showError(error); }
    }),
  });
  frame.open();
  return frame;
}

/**
 * `url` with Telegram's launch parameters in its fragment. An app's own fragment is kept, and
 * the parameters follow it as Telegram's clients add them: after "&" when it already holds
 * parameters ("#a=1", "#path?a=1"), after "?" when it is a bare path ("#path").
 */
export function launchURL(url, initData, theme) {
  const fields = new URLSearchParams({
    tgWebAppData: initData,
    tgWebAppVersion: MINI_APP_VERSION,
    tgWebAppPlatform: MINI_APP_PLATFORM,
    tgWebAppThemeParams: JSON.stringify(theme),
  }).toString().replace(/\+/g, '%20');
  const hash = url.indexOf('#');
  if (hash < 0) return `${url}#${fields}`;
  const fragment = url.slice(hash + 1);
  if (fragment.includes('=') || fragment.includes('?')) return `${url}&${fields}`;
  return fragment ? `${url}?${fields}` : `${url}${fields}`;
}

// Extension point: Mini Apps (web_app buttons, menu button). A Mini App opens with the
// init data that the server's `openWebApp` user method signs (USER-API.md): for now in a new
// tab, the init data in the fragment as Telegram passes it; the phone-sized frame with
// Telegram.WebApp (ready, expand, close, MainButton, sendData) is the next round. A server
// without `openWebApp` answers 501/404 and the button says so.
import { context } from '../core/context.js';
import { showError, toast } from '../components/toast.js';

export async function openWebAppButton(message, button) {
  try {
    const bot = message.via_bot ?? message.from;
    const opened = await context.api.call('openWebApp', {
      bot_id: bot?.id, url: button.web_app.url, chat_id: message.chat.id, message_id: message.message_id,
    });
    // A later round shows it in a phone-sized frame with Telegram.WebApp; for now, a new tab.
    window.open(`${opened.url}#tgWebAppData=${encodeURIComponent(opened.init_data)}`, '_blank', 'noopener');
  } catch (error) {
    if (error.code === 501 || error.code === 404) toast('Mini Apps are not available on this server yet.');
    else showError(error);
  }
}

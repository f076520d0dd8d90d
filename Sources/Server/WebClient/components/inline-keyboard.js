// Inline keyboards under a message. Callback buttons call sendCallbackQuery and show the
// bot's answer (text as a toast, show_alert as a dialog, url opened); the page stays
// usable while a slow bot thinks (the button shows it is waiting; the call has a deadline).
import { context } from '../core/context.js';
import { h } from '../core/dom.js';
import { alertDialog, showError, toast } from './toast.js';
import { openWebAppButton } from '../extensions/mini-apps.js';
import { switchInline } from '../extensions/inline-mode.js';
import { payButton } from '../extensions/invoices.js';

export function renderInlineKeyboard(message, { composer } = {}) {
  const rows = message.reply_markup?.inline_keyboard;
  if (!rows) return null;
  return h('div', { class: 'inline-keyboard', role: 'group', 'aria-label': 'Bot buttons' },
    rows.map((row) => h('div', { class: 'keyboard-row' }, row.map((button) => inlineButton(message, button, composer)))));
}

function inlineButton(message, button, composer) {
  const element = h('button', { class: 'inline-button', type: 'button' }, button.text);
  if (button.url || button.login_url) {
    element.classList.add('link');
    element.addEventListener('click', () => window.open(button.url ?? button.login_url.url, '_blank', 'noopener,noreferrer'));
  } else if (button.callback_data !== undefined || button.callback_game) {
    element.addEventListener('click', () => pressCallback(message, button, element));
  } else if (button.web_app) {
    element.addEventListener('click', () => openWebAppButton(message, button));
  } else if (button.switch_inline_query !== undefined || button.switch_inline_query_current_chat !== undefined || button.switch_inline_query_chosen_chat) {
    element.addEventListener('click', () => switchInline(message, button, composer));
  } else if (button.copy_text) {
    element.addEventListener('click', async () => {
      try { await navigator.clipboard.writeText(button.copy_text.text); toast('Copied'); } catch { toast(button.copy_text.text); }
    });
  } else if (button.pay) {
    element.addEventListener('click', () => payButton(message));
  }
  return element;
}

async function pressCallback(message, button, element) {
  if (element.getAttribute('aria-busy') === 'true') return;
  element.setAttribute('aria-busy', 'true');
  try {
    const params = { chat_id: message.chat.id, message_id: message.message_id };
    if (button.callback_data !== undefined) params.data = button.callback_data;
    const answer = await context.api.call('sendCallbackQuery', params, { timeout: 20000 });
    if (answer.text) {
      if (answer.show_alert) await alertDialog(answer.text);
      else toast(answer.text);
    }
    if (answer.url) window.open(answer.url, '_blank', 'noopener,noreferrer');
  } catch (error) {
    if (error.description?.includes('BOT_RESPONSE_TIMEOUT')) toast('The bot did not answer', { kind: 'error' });
    else showError(error);
  } finally {
    element.removeAttribute('aria-busy');
  }
}

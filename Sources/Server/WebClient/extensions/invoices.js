// Extension point: invoices. Renders an invoice message with its Pay button (Telegram shows
// one on invoices whose bot gave no keyboard; a keyboard's `pay` button does the same). Pay
// asks for confirmation — for Telegram Stars with the user's balance (`getMyStarBalance`) —
// then calls `payInvoice` (USER-API.md), which waits for the bot's pre-checkout answer, and
// shows the `successful_payment` message it answers. Invoices asking for shipping or order
// details can't be paid from here yet: the server's refusal is shown.
import { context } from '../core/context.js';
import { h } from '../core/dom.js';
import { formatAmount } from '../core/money.js';
import { modal, showError, toast } from '../components/toast.js';

export function renderInvoice(message) {
  if (!message.invoice) return null;
  const { invoice } = message;
  const amount = formatAmount(invoice.currency, invoice.total_amount);
  const hasPayButton = (message.reply_markup?.inline_keyboard ?? []).flat().some((button) => button.pay);
  return h('div', { class: 'invoice' },
    h('strong', {}, invoice.title), h('p', {}, invoice.description), h('span', { class: 'amount' }, amount),
    hasPayButton ? null : h('button', { type: 'button', class: 'pay', onclick: () => payButton(message) }, `Pay ${amount}`));
}

/** Pay pressed: confirm, then pay. */
export async function payButton(message) {
  const { invoice } = message;
  if (!invoice) return;
  const amount = formatAmount(invoice.currency, invoice.total_amount);
  const seller = message.via_bot ?? message.from;
  const balance = invoice.currency === 'XTR' ? await starBalance() : null;
  const dialog = modal('Confirm your purchase', (dialog) => {
    const pay = h('button', { type: 'button', class: 'send confirm-pay', onclick: async () => {
      pay.disabled = true;
      pay.setAttribute('aria-busy', 'true');
      await payNow(message, balance);
      dialog.close();
    } }, `Pay ${amount}`);
    dialog.classList.add('payment');
    dialog.append(
      h('p', {}, `Buy “${invoice.title}” from ${seller?.first_name ?? 'the bot'} for ${amount}?`),
      balance === null ? null : h('p', { class: 'balance' }, `Your balance: ⭐ ${balance}`),
      h('div', { class: 'dialog-buttons' }, h('button', { type: 'button', onclick: () => dialog.close() }, 'Cancel'), pay));
  });
  dialog.querySelector('.confirm-pay')?.focus();
}

async function starBalance() {
  try {
    return (await context.api.call('getMyStarBalance')).amount;
  } catch {
    return null;
  }
}

async function payNow(message, balance) {
  try {
    // The server waits up to 10 s for the bot's pre-checkout answer (and as long for shipping).
    const receipt = await context.api.call('payInvoice', { chat_id: message.chat.id, message_id: message.message_id }, { timeout: 30000 });
    context.store.addOwnMessage(receipt);
  } catch (error) {
    if (error.code === 501 || error.code === 404) toast('Payments are not available on this server yet.');
    else if (error.description?.includes('BALANCE_TOO_LOW')) toast(`Not enough Stars${balance === null ? '' : `: your balance is ⭐ ${balance}`}`, { kind: 'error' });
    else showError(error);
  }
}

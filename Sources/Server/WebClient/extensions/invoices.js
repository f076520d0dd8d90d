// Extension point: invoices. Renders an invoice message with its Pay button (Telegram shows
// one on invoices whose bot gave no keyboard; a keyboard's `pay` button does the same). Pay
// asks for confirmation — for Telegram Stars with the user's balance (`getMyStarBalance`) —
// then calls `payInvoice` (USER-API.md), which waits for the bot's pre-checkout answer, and
// shows the `successful_payment` message it answers. Invoices asking for order information
// or shipping get the fields for it in the same form (components/payment-form.js).
import { context } from '../core/context.js';
import { h } from '../core/dom.js';
import { formatAmount } from '../core/money.js';
import { modal, toast } from '../components/toast.js';
import { OrderInfoForm } from '../components/payment-form.js';

export function renderInvoice(message) {
  if (!message.invoice) return null;
  const { invoice } = message;
  const amount = formatAmount(invoice.currency, invoice.total_amount);
  const hasPayButton = (message.reply_markup?.inline_keyboard ?? []).flat().some((button) => button.pay);
  return h('div', { class: 'invoice' },
    h('strong', {}, invoice.title), h('p', {}, invoice.description), h('span', { class: 'amount' }, amount),
    hasPayButton ? null : h('button', { type: 'button', class: 'pay', onclick: () => payButton(message) }, `Pay ${amount}`));
}

/**
 * Pay pressed: the payment form. It confirms the purchase, collects the order information the
 * invoice asks for (components/payment-form.js), and shows the bot's refusals (a shipping or
 * pre-checkout answer with ok=false) in the form, where the user may correct and pay again.
 */
export async function payButton(message) {
  const { invoice } = message;
  if (!invoice) return;
  const amount = formatAmount(invoice.currency, invoice.total_amount);
  const seller = message.via_bot ?? message.from;
  const balance = invoice.currency === 'XTR' ? await starBalance() : null;
  const form = new OrderInfoForm();
  const dialog = modal('Confirm your purchase', (dialog) => {
    const pay = h('button', { type: 'submit', class: 'send confirm-pay' }, `Pay ${amount}`);
    const body = h('form', { class: 'payment-form', onsubmit: async (event) => {
      event.preventDefault();
      pay.disabled = true;
      pay.setAttribute('aria-busy', 'true');
      const done = await payNow(message, balance, form);
      pay.disabled = false;
      pay.removeAttribute('aria-busy');
      if (done) dialog.close();
    } },
    h('p', {}, `Buy “${invoice.title}” from ${seller?.first_name ?? 'the bot'} for ${amount}?`),
    balance === null ? null : h('p', { class: 'balance' }, `Your balance: ⭐ ${balance}`),
    form.element, form.errorLine,
    h('div', { class: 'dialog-buttons' }, h('button', { type: 'button', onclick: () => dialog.close() }, 'Cancel'), pay));
    dialog.classList.add('payment');
    dialog.append(body);
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

/** Pays with what the form holds; true when done (paid, or nothing more the form can do). */
async function payNow(message, balance, form) {
  form.showError(null);
  try {
    // The server waits up to 10 s for the bot's pre-checkout answer (and as long for shipping).
    const receipt = await context.api.call('payInvoice', {
      chat_id: message.chat.id, message_id: message.message_id, order_info: form.orderInfo(),
    }, { timeout: 30000 });
    context.store.addOwnMessage(receipt);
    return true;
  } catch (error) {
    if (error.code === 501 || error.code === 404) {
      toast('Payments are not available on this server yet.');
      return true;
    }
    if (error.description?.includes('BALANCE_TOO_LOW')) {
      toast(`Not enough Stars${balance === null ? '' : `: your balance is ⭐ ${balance}`}`, { kind: 'error' });
      return true;
    }
    // What the invoice asks for, or the bot's own words (its error_message), in the form.
    if (!form.require(error)) form.showError(error.description?.replace(/^Bad Request: /, '') ?? String(error));
    return false;
  }
}

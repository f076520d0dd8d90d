// Extension point: invoices. Renders an invoice message with its Pay button (Telegram shows
// one on invoices whose bot gave no keyboard; a keyboard's `pay` button does the same). Pay
// opens the payment form (`getPaymentForm`, docs/user-api-extensions.md) — for Telegram Stars
// with the user's balance — then calls `payInvoice` (USER-API.md), which waits for the bot's
// pre-checkout answer, and shows the `successful_payment` message it answers. Invoices asking
// for order information or shipping get the fields for it in the same form, and flexible ones
// the bot's shipping options to choose from (components/payment-form.js).
import { context } from '../core/context.js';
import { h } from '../core/dom.js';
import { formatAmount } from '../core/money.js';
import { modal, toast } from '../components/toast.js';
import { OrderInfoForm, PriceList, ShippingChoice } from '../components/payment-form.js';

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
 * Pay pressed: the payment form, in Telegram's steps. `getPaymentForm` tells what the invoice
 * costs and asks for, so the form shows the price lines and the order information fields up
 * front (components/payment-form.js). A flexible invoice first checks the order information
 * (`validateOrderInfo`: the bot answers the shipping query) and shows the bot's shipping
 * options to choose from, the total following the choice; Pay then pays with the validated
 * order and the chosen option (`payInvoice` with `order_info_id` + `shipping_option_id`).
 * Refusals — the server's about the order information, the bot's shipping or pre-checkout
 * answers with ok=false — show in the form, where the user may correct and try again.
 */
export async function payButton(message) {
  const { invoice } = message;
  if (!invoice) return;
  const target = { chat_id: message.chat.id, message_id: message.message_id };
  const paymentForm = await loadPaymentForm(target);
  if (paymentForm === undefined) return;
  const seller = paymentForm?.bot ?? message.via_bot ?? message.from;
  const balance = invoice.currency !== 'XTR' ? null : paymentForm?.star_balance ?? await starBalance();
  const form = new OrderInfoForm(paymentForm);
  const prices = paymentForm ? new PriceList(paymentForm) : null;
  const flexible = paymentForm?.is_flexible ?? false;
  // The order validated for a flexible invoice, and the shipping choice it brought.
  let validated = null;
  let choice = null;
  const shippingSlot = h('div', { class: 'shipping-slot' });
  const pay = h('button', { type: 'submit', class: 'send confirm-pay' });
  const label = () => {
    pay.textContent = flexible && !validated ? 'Continue' : `Pay ${formatAmount(invoice.currency, prices?.total ?? invoice.total_amount)}`;
  };
  const forgetValidation = () => {
    if (!validated) return;
    validated = null;
    choice = null;
    shippingSlot.replaceChildren();
    prices?.setShipping(null);
    label();
  };
  // Changed order information must be validated again: the bot's options may differ.
  form.element.addEventListener('input', forgetValidation);
  label();

  const dialog = modal('Confirm your purchase', (dialog) => {
    const body = h('form', { class: 'payment-form', onsubmit: async (event) => {
      event.preventDefault();
      pay.disabled = true;
      pay.setAttribute('aria-busy', 'true');
      let done = false;
      if (flexible && !validated) {
        validated = await validate(target, form);
        if (validated) {
          choice = new ShippingChoice(invoice.currency, validated.shipping_options, (option) => { prices?.setShipping(option); label(); });
          shippingSlot.replaceChildren(choice.element);
          prices?.setShipping(choice.chosen);
          label();
        }
      } else {
        const order = validated
          ? { order_info_id: validated.order_info_id, shipping_option_id: choice?.chosen?.id }
          : { order_info: form.orderInfo() };
        done = await payNow({ ...target, ...order }, balance, form, forgetValidation);
      }
      pay.disabled = false;
      pay.removeAttribute('aria-busy');
      if (done) dialog.close();
    } },
    // A flexible invoice's total depends on the shipping option chosen later.
    h('p', {}, `Buy “${invoice.title}” from ${seller?.first_name ?? 'the bot'}${flexible ? '' : ` for ${formatAmount(invoice.currency, invoice.total_amount)}`}?`),
    prices?.element,
    balance === null ? null : h('p', { class: 'balance' }, `Your balance: ⭐ ${balance}`),
    form.element, shippingSlot, form.errorLine,
    h('div', { class: 'dialog-buttons' }, h('button', { type: 'button', onclick: () => dialog.close() }, 'Cancel'), pay));
    dialog.classList.add('payment');
    dialog.append(body);
  });
  dialog.querySelector('.confirm-pay')?.focus();
}

/**
 * `getPaymentForm` for the invoice; null when the server has no such method (the form then
 * learns the fields from refusals), undefined when payments are unavailable or it failed.
 */
async function loadPaymentForm(target) {
  try {
    return await context.api.call('getPaymentForm', target);
  } catch (error) {
    if (error.code === 404) return null;
    if (error.code === 501) toast('Payments are not available on this server yet.');
    else toast(error.description ?? String(error), { kind: 'error' });
    return undefined;
  }
}

async function starBalance() {
  try {
    return (await context.api.call('getMyStarBalance')).amount;
  } catch {
    return null;
  }
}

/** Checks the order information with the bot (`validateOrderInfo`); its answer, or null. */
async function validate(target, form) {
  form.showError(null);
  try {
    // The server waits up to 10 s for the bot's shipping answer.
    return await context.api.call('validateOrderInfo', { ...target, order_info: form.orderInfo() }, { timeout: 30000 });
  } catch (error) {
    if (!form.require(error)) form.showError(error.description?.replace(/^Bad Request: /, '') ?? String(error));
    return null;
  }
}

/** Pays with `params`; true when done (paid, or nothing more the form can do). */
async function payNow(params, balance, form, forgetValidation) {
  form.showError(null);
  try {
    // The server waits up to 10 s for the bot's pre-checkout answer (and as long for shipping).
    const receipt = await context.api.call('payInvoice', params, { timeout: 30000 });
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
    if (error.description?.includes('ORDER_INFO_ID_INVALID')) {
      // The validated order expired (or the server restarted): validate again.
      forgetValidation();
      form.showError('The order has expired. Please continue to check it again.');
      return false;
    }
    // What the invoice asks for, or the bot's own words (its error_message), in the form.
    if (!form.require(error)) form.showError(error.description?.replace(/^Bad Request: /, '') ?? String(error));
    return false;
  }
}

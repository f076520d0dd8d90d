// Extension point: invoices. Renders an invoice message; its Pay button calls the
// `payInvoice` user method (USER-API.md) — until this server implements it, Pay says so.
import { context } from '../core/context.js';
import { h } from '../core/dom.js';
import { showError, toast } from '../components/toast.js';

export function renderInvoice(message) {
  if (!message.invoice) return null;
  const { invoice } = message;
  const amount = invoice.currency === 'XTR' ? `⭐ ${invoice.total_amount}` : `${(invoice.total_amount / 100).toFixed(2)} ${invoice.currency}`;
  return h('div', { class: 'invoice' }, h('strong', {}, invoice.title), h('p', {}, invoice.description), h('span', { class: 'amount' }, amount));
}

export async function payButton(message) {
  try {
    const receipt = await context.api.call('payInvoice', { chat_id: message.chat.id, message_id: message.message_id }, { timeout: 30000 });
    context.store.addOwnMessage(receipt);
  } catch (error) {
    if (error.code === 501 || error.code === 404) toast('Payments are not available on this server yet.');
    else showError(error);
  }
}

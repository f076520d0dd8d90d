// The checkout's parts (extensions/invoices.js), as Telegram's payment form has them:
// `OrderInfoForm`, the fields an invoice asks for — name, phone, email, shipping address —
// shown up front from `getPaymentForm`'s `need_*` flags; the server's refusals
// (REQ_INFO_NAME_INVALID…, ADDRESS_…_INVALID; docs/user-api-extensions.md "Payments") say
// what is wrong, also adding fields a server without `getPaymentForm` asks for. Then
// `PriceList`, the price lines and total, and `ShippingChoice`, the bot's shipping options
// (from `validateOrderInfo`) as radio buttons with their prices.
import { h } from '../core/dom.js';
import { formatAmount } from '../core/money.js';

/** The fields each requirement brings: [key, label, input type, autocomplete]. */
const GROUPS = {
  name: [['name', 'Name', 'text', 'name']],
  phone: [['phone_number', 'Phone number', 'tel', 'tel']],
  email: [['email', 'Email', 'email', 'email']],
  address: [
    ['street_line1', 'Address 1 (street)', 'text', 'address-line1'],
    ['street_line2', 'Address 2 (street)', 'text', 'address-line2'],
    ['city', 'City', 'text', 'address-level2'],
    ['state', 'State', 'text', 'address-level1'],
    ['country_code', 'Country code', 'text', 'country'],
    ['post_code', 'Post code', 'text', 'postal-code'],
  ],
};

/** The server's refusals about order information: [group, field to focus, message]. */
const REQUIREMENTS = {
  REQ_INFO_NAME_INVALID: ['name', 'name', 'Please enter your name.'],
  REQ_INFO_PHONE_INVALID: ['phone', 'phone_number', 'Please enter a valid phone number.'],
  REQ_INFO_EMAIL_INVALID: ['email', 'email', 'Please enter a valid email address.'],
  ADDRESS_INVALID: ['address', 'street_line1', 'Please enter the shipping address.'],
  ADDRESS_COUNTRY_INVALID: ['address', 'country_code', 'Please enter the two-letter country code (e.g. DE).'],
  ADDRESS_CITY_INVALID: ['address', 'city', 'Please enter the city.'],
  ADDRESS_STREET_LINE1_INVALID: ['address', 'street_line1', 'Please enter the street.'],
  ADDRESS_POSTCODE_INVALID: ['address', 'post_code', 'Please enter the post code.'],
};

export class OrderInfoForm {
  /** `paymentForm`: `getPaymentForm`'s answer, whose `need_*` flags bring their fields now. */
  constructor(paymentForm = null) {
    this.inputs = new Map();
    this.groups = new Set();
    this.element = h('div', { class: 'order-info' });
    this.errorLine = h('p', { class: 'payment-error', role: 'alert', hidden: true });
    if (paymentForm?.need_name) this.addGroup('name');
    if (paymentForm?.need_phone_number) this.addGroup('phone');
    if (paymentForm?.need_email) this.addGroup('email');
    if (paymentForm?.need_shipping_address) this.addGroup('address');
  }

  /**
   * Adds what `error` (a `validateOrderInfo` or `payInvoice` refusal) asks for, if not shown
   * yet, and says what is wrong; false when the error is not about order information.
   */
  require(error) {
    const code = /([A-Z_]+_INVALID)$/.exec(error?.description ?? '')?.[1];
    const requirement = REQUIREMENTS[code];
    if (!requirement) return false;
    const [group, field, text] = requirement;
    if (!this.groups.has(group)) this.addGroup(group);
    this.showError(text);
    this.inputs.get(field)?.focus();
    return true;
  }

  addGroup(group) {
    this.groups.add(group);
    const fields = GROUPS[group].map(([key, label, type, autocomplete]) => {
      const input = h('input', { type, name: key, autocomplete });
      this.inputs.set(key, input);
      return h('label', {}, h('span', {}, label), input);
    });
    const legend = group === 'address' ? 'Shipping address' : 'Contact information';
    let fieldset = this.element.querySelector(`fieldset.${group === 'address' ? 'address' : 'contact'}`);
    if (!fieldset) {
      fieldset = h('fieldset', { class: group === 'address' ? 'address' : 'contact' }, h('legend', {}, legend));
      // Contact details come before the address, as in Telegram's form.
      if (group === 'address') this.element.append(fieldset);
      else this.element.prepend(fieldset);
    }
    fieldset.append(...fields);
  }

  showError(text) {
    this.errorLine.textContent = text ?? '';
    this.errorLine.hidden = !text;
  }

  /** `payInvoice`'s `order_info` from the fields shown (undefined when none are). */
  orderInfo() {
    if (!this.groups.size) return undefined;
    const value = (key) => this.inputs.get(key)?.value.trim() ?? '';
    const info = {};
    if (this.groups.has('name')) info.name = value('name');
    if (this.groups.has('phone')) info.phone_number = value('phone_number');
    if (this.groups.has('email')) info.email = value('email');
    if (this.groups.has('address')) {
      info.shipping_address = Object.fromEntries(GROUPS.address.map(([key]) => [key, value(key)]));
      info.shipping_address.country_code = info.shipping_address.country_code.toUpperCase();
    }
    return info;
  }
}

/** The invoice's price lines, then a shipping line when one is chosen, and the total. */
export class PriceList {
  constructor(paymentForm) {
    this.form = paymentForm;
    this.shipping = null;
    this.element = h('dl', { class: 'price-list' });
    this.render();
  }

  /** The total to pay: the prices and the chosen shipping option's. */
  get total() {
    const sum = (prices) => (prices ?? []).reduce((total, price) => total + price.amount, 0);
    return sum(this.form.prices) + sum(this.shipping?.prices);
  }

  /** Shows `option` (a ShippingOption, or null) as the shipping line. */
  setShipping(option) {
    this.shipping = option;
    this.render();
  }

  render() {
    const { currency } = this.form;
    const line = (label, amount, className) => [h('dt', { class: className }, label), h('dd', { class: className }, formatAmount(currency, amount))];
    const lines = (this.form.prices ?? []).flatMap((price) => line(price.label, price.amount));
    for (const price of this.shipping?.prices ?? []) lines.push(...line(price.label, price.amount, 'shipping-line'));
    lines.push(...line('Total', this.total, 'payment-total'));
    this.element.replaceChildren(...lines);
  }
}

/** The bot's shipping options as radio buttons, the first chosen; `onChange(option)` follows the choice. */
export class ShippingChoice {
  constructor(currency, options, onChange) {
    this.options = options;
    const sum = (prices) => prices.reduce((total, price) => total + price.amount, 0);
    this.element = h('fieldset', { class: 'shipping-options' }, h('legend', {}, 'Shipping method'),
      ...options.map((option, index) => {
        const input = h('input', { type: 'radio', name: 'shipping_option', value: option.id, checked: index === 0 || null });
        input.addEventListener('change', () => onChange(option));
        return h('label', {}, input, h('span', { class: 'shipping-title' }, option.title),
          h('span', { class: 'shipping-price' }, formatAmount(currency, sum(option.prices))));
      }));
  }

  /** The option chosen. */
  get chosen() {
    const id = this.element.querySelector('input:checked')?.value;
    return this.options.find((option) => option.id === id) ?? null;
  }
}

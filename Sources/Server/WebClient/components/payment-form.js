// The order information part of the checkout (extensions/invoices.js): the fields an invoice
// asks for — name, phone, email, shipping address — as Telegram's payment form collects them.
// A message carries no `need_*` flags, so the form learns what the invoice asks for from
// `payInvoice`'s answers (REQ_INFO_NAME_INVALID…, ADDRESS_…_INVALID; docs/user-api-extensions.md
// "Payments"): each adds its fields, says what is wrong, and the values typed stay for the next try.
import { h } from '../core/dom.js';

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
  constructor() {
    this.inputs = new Map();
    this.groups = new Set();
    this.element = h('div', { class: 'order-info' });
    this.errorLine = h('p', { class: 'payment-error', role: 'alert', hidden: true });
  }

  /**
   * Adds what `error` (a `payInvoice` refusal) asks for and says what is wrong; false when the
   * error is not about order information.
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

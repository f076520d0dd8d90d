// A bot's reply keyboard in place of the device keyboard: its buttons send their text.
// resize_keyboard makes buttons compact, one_time_keyboard hides it after a press (the
// "keyboard" toggle shows it again), is_persistent keeps the toggle from hiding it, and
// input_field_placeholder becomes the composer's placeholder.
import { h } from '../core/dom.js';
import { toast } from './toast.js';

export class ReplyKeyboard extends HTMLElement {
  /** @param markup the ReplyKeyboardMarkup, or null. @param onPress (text) => void */
  show(markup, onPress) {
    this.markup = markup;
    this.onPress = onPress;
    this.hiddenByUser = false;
    this.render();
  }

  toggle() {
    this.hiddenByUser = !this.hiddenByUser;
    this.render();
  }

  render() {
    const markup = this.markup;
    if (!markup?.keyboard) { this.replaceChildren(); this.hidden = true; return; }
    this.hidden = this.hiddenByUser;
    this.classList.toggle('resized', Boolean(markup.resize_keyboard));
    this.setAttribute('role', 'group');
    this.setAttribute('aria-label', 'Reply keyboard');
    this.replaceChildren(...markup.keyboard.map((row) => h('div', { class: 'keyboard-row' }, row.map((button) => {
      const text = typeof button === 'string' ? button : button.text;
      return h('button', { class: 'reply-button', type: 'button', onclick: () => {
        if (typeof button === 'object' && (button.request_contact || button.request_location || button.request_users || button.request_chat || button.request_poll || button.web_app)) {
          toast('This button asks for something the web client cannot share yet; its text is sent instead.');
        }
        if (markup.one_time_keyboard && !markup.is_persistent) { this.hiddenByUser = true; this.render(); }
        this.onPress?.(text);
      } }, text);
    }))));
  }
}

customElements.define('reply-keyboard', ReplyKeyboard);

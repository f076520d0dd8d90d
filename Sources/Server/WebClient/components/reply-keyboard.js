// A bot's reply keyboard in place of the device keyboard: its buttons send their text, and
// `web_app` buttons open their Mini App instead (`onWebApp`). resize_keyboard makes buttons compact, one_time_keyboard hides it after a press (the
// "keyboard" toggle shows it again), is_persistent keeps the toggle from hiding it, and
// input_field_placeholder becomes the composer's placeholder.
import { h } from '../core/dom.js';
import { toast } from './toast.js';

export class ReplyKeyboard extends HTMLElement {
  /**
   * @param markup the ReplyKeyboardMarkup, or null
   * @param onPress (text) => void
   * @param onWebApp (button) => void: a `web_app` button was pressed
   */
  show(markup, onPress, onWebApp) {
    this.markup = markup;
    this.onPress = onPress;
    this.onWebApp = onWebApp;
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
      if (typeof button === 'object' && button.web_app) {
        // Opening a Mini App sends nothing and leaves the keyboard as it is, as on Telegram.
        return h('button', { class: 'reply-button web-app', type: 'button', onclick: () => this.onWebApp?.(button) }, text);
      }
      return h('button', { class: 'reply-button', type: 'button', onclick: () => {
        if (typeof button === 'object' && (button.request_contact || button.request_location || button.request_users || button.request_chat || button.request_poll)) {
          toast('This button asks for something the web client cannot share yet; its text is sent instead.');
        }
        if (markup.one_time_keyboard && !markup.is_persistent) { this.hiddenByUser = true; this.render(); }
        this.onPress?.(text);
      } }, text);
    }))));
  }
}

customElements.define('reply-keyboard', ReplyKeyboard);

// A bot's reply keyboard in place of the device keyboard. resize_keyboard makes buttons
// compact, one_time_keyboard hides it after a press (the "keyboard" toggle shows it again),
// is_persistent keeps the toggle from hiding it, and input_field_placeholder becomes the
// composer's placeholder. What a press does is the conversation's: plain buttons send their
// text, request buttons ask for something first (keyboard-requests.js), and `web_app`
// buttons open their Mini App instead (`onWebApp`).
import { h } from '../core/dom.js';

export class ReplyKeyboard extends HTMLElement {
  /**
   * @param markup the ReplyKeyboardMarkup, or null.
   * @param onPress async (button, markup) => boolean, with the KeyboardButton (a string for
   *   plain ones); false when nothing was sent (a request the user cancelled).
   * @param onWebApp (button) => void: a `web_app` button was pressed.
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
      return h('button', { class: 'reply-button', type: 'button', onclick: async () => {
        const sent = await this.onPress?.(button, markup);
        if (sent !== false && markup.one_time_keyboard && !markup.is_persistent && this.markup === markup) {
          this.hiddenByUser = true;
          this.render();
        }
      } }, text);
    }))));
  }
}

customElements.define('reply-keyboard', ReplyKeyboard);

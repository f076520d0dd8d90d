// A Mini App in a phone-sized frame: a header with the bot's name, a Back button when the app
// shows one and Close; the app in an <iframe>; the MainButton bar at the bottom while the app
// shows it. The frame is the Telegram client side of the Mini App protocol
// (https://core.telegram.org/api/web-events): the app posts JSON strings
// {eventType, eventData} to this window, the frame answers the same way on the app's origin.
// What needs the server (sendData) is the opener's business: `onDataSend`.
import { h } from '../core/dom.js';
import { hexColor, onThemeChange, themeParams } from '../core/theme.js';
import { showMiniAppPopup } from './mini-app-popup.js';
import { toast } from './toast.js';

/** The Mini App version this frame implements (what the app's isVersionAtLeast sees). */
export const MINI_APP_VERSION = '6.2';
/** Our tgWebAppPlatform: a web client. */
export const MINI_APP_PLATFORM = 'web';

let current = null;

export class MiniAppFrame {
  /**
   * @param options.title the bot's name, shown in the header
   * @param options.url the launch URL (with Telegram's fragment)
   * @param options.onDataSend (data) => Promise: `web_app_data_send`; absent where Telegram
   *   ignores sendData (Mini Apps not opened from a keyboard button)
   */
  constructor({ title, url, onDataSend }) {
    this.title = title;
    this.url = url;
    this.origin = new URL(url).origin;
    this.onDataSend = onDataSend;
    this.needsConfirmation = false;
    this.popupOpen = false;
    this.sending = false;
  }

  /** Shows the frame (closing any other Mini App, as Telegram keeps one open at a time). */
  open() {
    current?.close();
    current = this;
    this.back = h('button', { type: 'button', class: 'mini-app-back', hidden: true, onclick: () => this.post('back_button_pressed') }, 'Back');
    this.header = h('header', { class: 'mini-app-header' },
      this.back,
      h('div', { class: 'mini-app-title' }, h('strong', {}, this.title), h('span', {}, 'mini app')),
      h('button', { type: 'button', class: 'mini-app-close', 'aria-label': 'Close Mini App', onclick: () => this.requestClose() }, '✕'));
    this.iframe = h('iframe', {
      class: 'mini-app-view', title: this.title, src: this.url,
      // Its own origin, scripts, forms and links in new tabs; never the page's top window.
      sandbox: 'allow-scripts allow-same-origin allow-forms allow-popups allow-popups-to-escape-sandbox allow-modals',
      allow: 'clipboard-write',
      onload: () => this.setLoading(false),
    });
    this.loading = h('div', { class: 'mini-app-loading', role: 'status' }, 'Loading…');
    this.body = h('div', { class: 'mini-app-body' }, this.iframe, this.loading);
    this.mainButton = h('button', { type: 'button', class: 'mini-app-main-button', hidden: true, onclick: () => this.pressMain() });
    this.dialog = h('dialog', { class: 'mini-app', 'aria-label': `Mini App: ${this.title}` }, this.header, this.body, this.mainButton);
    // Escape asks as Close does (the app may want a confirmation).
    this.dialog.addEventListener('cancel', (event) => { event.preventDefault(); this.requestClose(); });

    this.onMessage = (event) => this.receive(event);
    window.addEventListener('message', this.onMessage);
    this.stopTheme = onThemeChange((theme) => this.post('theme_changed', { theme_params: theme }));
    this.resize = new ResizeObserver(() => this.postViewport());
    this.resize.observe(this.iframe);
    document.body.append(this.dialog);
    this.dialog.showModal();
  }

  close() {
    if (!this.dialog) return;
    window.removeEventListener('message', this.onMessage);
    this.stopTheme();
    this.resize.disconnect();
    this.dialog.close();
    this.dialog.remove();
    this.dialog = null;
    if (current === this) current = null;
  }

  /** Close or Escape: straight away, or after the confirmation the app asked for. */
  async requestClose() {
    if (this.needsConfirmation) {
      const choice = await this.popup({ message: 'Changes that you made may not be saved.',
        buttons: [{ id: 'close', type: 'destructive', text: 'Close anyway' }, { id: '', type: 'cancel' }] });
      if (choice !== 'close') return;
    }
    this.close();
  }

  /** Sends an event to the app, only to the origin it was opened on. */
  post(eventType, eventData = {}) {
    this.iframe?.contentWindow?.postMessage(JSON.stringify({ eventType, eventData }), this.origin);
  }

  postViewport() {
    if (!this.dialog) return;
    this.post('viewport_changed', { height: Math.round(this.iframe.clientHeight), is_expanded: true, is_state_stable: true });
  }

  receive(event) {
    if (!this.iframe || event.source !== this.iframe.contentWindow) return;
    let message = event.data;
    if (typeof message === 'string') {
      try { message = JSON.parse(message); } catch { return; }
    }
    if (!message || typeof message.eventType !== 'string') return;
    const data = message.eventData && typeof message.eventData === 'object' ? message.eventData : {};
    this.handle(message.eventType, data);
  }

  /** One event of the app. Events this client does not implement are ignored, as Telegram's clients do. */
  handle(eventType, data) {
    switch (eventType) {
      case 'web_app_ready': return this.setLoading(false);
      case 'web_app_close': return this.close();
      case 'web_app_expand': // always expanded: the frame is the phone's whole screen
      case 'web_app_request_viewport': return this.postViewport();
      case 'web_app_request_theme': return this.post('theme_changed', { theme_params: themeParams() });
      case 'web_app_setup_main_button': return this.setupMainButton(data);
      case 'web_app_setup_back_button': this.back.hidden = !data.is_visible; return;
      case 'web_app_setup_closing_behavior': this.needsConfirmation = Boolean(data.need_confirmation); return;
      case 'web_app_set_header_color': return this.setHeaderColor(data);
      case 'web_app_set_background_color': this.body.style.backgroundColor = hexColor(data.color) ?? ''; return;
      case 'web_app_open_popup': return this.openPopup(data);
      case 'web_app_open_link': return this.openLink(data.url);
      case 'web_app_data_send': return this.sendData(data.data);
      default: return undefined;
    }
  }

  setLoading(loading) {
    this.loading.hidden = !loading;
  }

  setupMainButton(params) {
    const button = this.mainButton;
    const visible = Boolean(params.is_visible) && Boolean(params.text);
    button.hidden = !visible;
    if (!visible) return;
    button.textContent = String(params.text);
    button.style.backgroundColor = hexColor(params.color) ?? '';
    button.style.color = hexColor(params.text_color) ?? '';
    this.mainActive = params.is_active !== false;
    button.setAttribute('aria-disabled', String(!this.mainActive));
    button.setAttribute('aria-busy', String(Boolean(params.is_progress_visible)));
  }

  pressMain() {
    if (this.mainActive) this.post('main_button_pressed');
  }

  setHeaderColor({ color_key: key, color }) {
    const theme = themeParams();
    const background = key ? theme[key] : hexColor(color);
    if (!background) return;
    this.header.style.backgroundColor = background;
    // Readable text on whatever colour the app chose.
    const [r, g, b] = [1, 3, 5].map((at) => parseInt(background.slice(at, at + 2), 16));
    this.header.style.color = 0.299 * r + 0.587 * g + 0.114 * b < 140 ? '#ffffff' : '#000000';
  }

  async openPopup(data) {
    if (this.popupOpen) return;
    const id = await this.popup(data);
    this.post('popup_closed', id === null ? {} : { button_id: id });
  }

  async popup(data) {
    this.popupOpen = true;
    try { return await showMiniAppPopup(this.body, data); } finally { this.popupOpen = false; }
  }

  openLink(url) {
    try {
      const link = new URL(url);
      if (link.protocol === 'http:' || link.protocol === 'https:') window.open(link.href, '_blank', 'noopener,noreferrer');
    } catch { /* not a URL: ignored */ }
  }

  async sendData(data) {
    if (typeof data !== 'string' || !data) return;
    if (!this.onDataSend) {
      toast('This Mini App was not opened from a keyboard button, so it can’t send data to the bot.');
      return;
    }
    if (this.sending) return;
    this.sending = true;
    try { await this.onDataSend(data); } finally { this.sending = false; }
  }
}

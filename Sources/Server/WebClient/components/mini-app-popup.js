// A Mini App's popup (`web_app_open_popup`: showPopup, showAlert, showConfirm), drawn over
// the app inside its frame as Telegram draws it: an optional title, the message and up to
// three buttons. Resolves with the id of the button pressed, or null when dismissed
// (Escape), which is what `popup_closed` reports.
import { h } from '../core/dom.js';

const labels = { ok: 'OK', close: 'Close', cancel: 'Cancel' };

/**
 * @param host the element the popup covers
 * @param popup `{title?, message, buttons: [{id, type, text?}]}` as the app sent it
 * @returns {Promise<string|null>}
 */
export function showMiniAppPopup(host, { title, message, buttons }) {
  return new Promise((resolve) => {
    let done = false;
    const finish = (id) => {
      if (done) return;
      done = true;
      overlay.remove();
      resolve(id);
    };
    const list = (Array.isArray(buttons) && buttons.length ? buttons : [{ id: '', type: 'close' }]).slice(0, 3);
    const box = h('div', { class: 'mini-app-popup', role: 'alertdialog', 'aria-modal': 'true', 'aria-label': title || 'Mini App' },
      title ? h('h3', {}, String(title)) : null,
      h('p', {}, String(message ?? '')),
      h('div', { class: 'mini-app-popup-buttons' }, list.map((button) => h('button', {
        type: 'button',
        class: button.type === 'destructive' ? 'danger' : null,
        onclick: () => finish(String(button.id ?? '')),
      }, labels[button.type] ?? String(button.text ?? '')))));
    const overlay = h('div', { class: 'mini-app-popup-overlay' }, box);
    overlay.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') { event.preventDefault(); event.stopPropagation(); finish(null); }
    });
    host.append(overlay);
    box.querySelector('button')?.focus();
  });
}

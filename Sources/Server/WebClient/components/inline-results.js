// The panel above the composer that shows a bot's answer to an inline query: the answer's
// button first (switch to the private chat, or a Mini App), then the results — rows, or a grid
// when they are photos and GIFs — and, while the answer has a `next_offset`, the next page is
// asked for (`sendInlineQuery` with that offset) when the end of the list scrolls into view,
// or with the "More results" button, and appended. Each page has its own `query_id`, which
// `sendInlineResult` needs for its results.
import { h } from '../core/dom.js';
import { showError } from './toast.js';
import { inlineQueryPage, pressResultsButton, sendInlineResult } from '../extensions/inline-mode.js';
import { isGalleryResult, resultPreview } from './inline-result-preview.js';

/**
 * Fills `list` (the composer's hint list) with `answer`, the first page for `request`
 * (`parseInlineQuery`) in `chatId`; `onChosen(message)` gets the posted message.
 */
export function showInlineResults(list, { answer, request, chatId, onChosen }) {
  let nextOffset = answer.next_offset || '';
  let loading = false;
  const more = h('button', { type: 'button', class: 'inline-more-button', onclick: () => loadMore() }, 'More results');
  const end = h('li', { class: 'inline-more' }, more);
  const results = answer.results ?? [];
  const gallery = results.length > 0 && results.every(isGalleryResult);

  const items = (page) => (page.results ?? []).map((result) => h('li', { class: 'inline-item' }, h('button', {
    type: 'button', class: 'inline-result', role: 'option', 'data-result-id': result.id,
    title: result.title ?? null,
    onclick: async () => {
      try {
        onChosen(await sendInlineResult(chatId, page.query_id, result.id));
      } catch (error) { showError(error); }
    },
  }, resultPreview(result, page.query_id))));

  async function loadMore() {
    if (loading || !nextOffset) return;
    loading = true;
    // Busy, not disabled: a disabled button drops the keyboard focus, and the next Enter
    // would then go to the message box and send the query text.
    more.setAttribute('aria-busy', 'true');
    const page = await inlineQueryPage(request, chatId, nextOffset);
    loading = false;
    more.removeAttribute('aria-busy');
    if (!page || !list.isConnected) return;
    nextOffset = page.next_offset || '';
    end.before(...items(page));
    end.hidden = !nextOffset;
  }

  const button = answer.button ? h('li', { class: 'inline-switch' }, h('button', {
    type: 'button', class: 'inline-results-button',
    onclick: async () => {
      try {
        await pressResultsButton(answer.button, request, answer.query_id);
      } catch (error) { showError(error); }
    },
  }, answer.button.text)) : null;

  list.hidden = false;
  list.classList.toggle('inline-grid', gallery);
  list.setAttribute('aria-label', `Results of @${request.botUsername}`);
  end.hidden = !nextOffset;
  list.replaceChildren(...[button, ...items(answer), results.length ? null : h('li', { class: 'inline-empty' }, 'No results'), end].filter(Boolean));
  // Scrolling to the end asks for the next page, as Telegram's clients do.
  const observer = new IntersectionObserver((entries) => {
    if (!list.isConnected || list.hidden || !list.contains(end)) { observer.disconnect(); return; }
    if (entries.some((entry) => entry.isIntersecting)) loadMore();
  }, { root: list });
  observer.observe(end);
}

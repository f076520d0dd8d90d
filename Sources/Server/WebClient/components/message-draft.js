// A draft a bot is writing (`message_draft`): an incoming bubble marked as being written,
// its text (or rich content) replaced as it grows; "Thinking…" while the text is empty; a
// Stop button when the bot allows stopping. The final message replaces it (core/store.js).
import { context } from '../core/context.js';
import { h } from '../core/dom.js';
import { renderText } from '../core/entities.js';
import { renderRichMessage } from './rich-message.js';
import { showError } from './toast.js';

export function renderDraft(chatId, draft) {
  const body = h('div', { class: 'bubble-body' });
  if (draft.rich_message) body.append(renderRichMessage(draft.rich_message));
  else if (draft.text) body.append(h('div', { class: 'text' }, renderText(draft.text, draft.entities)));
  else body.append(h('div', { class: 'text thinking' }, 'Thinking…'));
  const stop = draft.can_stop && !draft.stopped
    ? h('button', { type: 'button', class: 'stop-generation', onclick: async (event) => {
      event.currentTarget.disabled = true;
      try { await context.store.stopDraft(chatId, draft); } catch (error) { showError(error); context.store.emit('drafts', { chatId }); }
    } }, 'Stop')
    : null;
  body.append(h('div', { class: 'meta' }, h('span', { class: 'draft-state' }, draft.stopped ? 'stopped' : 'writing…'), stop));
  return h('div', {
    class: 'message incoming draft', role: 'listitem', 'aria-busy': draft.stopped ? 'false' : 'true',
    'aria-label': draft.stopped ? 'Stopped draft' : 'Message being written', dataset: { draftId: draft.draft_id },
  }, body);
}

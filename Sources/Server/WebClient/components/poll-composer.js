// The poll composer: question, 2–10 options, anonymous or public, regular or quiz (with the
// correct option), several answers. Opened from the attach menu, or by a reply keyboard's
// request_poll button, whose `type` fixes the kind ("quiz", "regular") or leaves it free.
import { context } from '../core/context.js';
import { h } from '../core/dom.js';
import { modal, showError } from './toast.js';

/**
 * Opens the composer for chat `chatId`; resolves with the sent message, or null when closed.
 * @param options.type "quiz" or "regular" to fix the kind, else free
 */
export function openPollComposer(chatId, { type } = {}) {
  return new Promise((resolve) => {
    let sent = null;
    const dialog = modal(type === 'quiz' ? 'New quiz' : 'New poll', (dialog) => {
      const question = h('input', { id: 'poll-question', required: true, maxlength: '300' });
      const optionList = h('ol', { class: 'poll-options' });
      const addOption = () => {
        if (optionList.children.length >= 10) return;
        const index = optionList.children.length;
        optionList.append(h('li', {}, h('input', { class: 'poll-option-text', 'aria-label': `Option ${index + 1}`, maxlength: '100' })));
      };
      addOption();
      addOption();
      const anonymous = h('input', { type: 'checkbox', id: 'poll-anonymous', checked: true });
      const multiple = h('input', { type: 'checkbox', id: 'poll-multiple' });
      const quiz = h('input', { type: 'checkbox', id: 'poll-quiz', checked: type === 'quiz', disabled: Boolean(type) });
      const correct = h('input', { type: 'number', id: 'poll-correct', min: '1', value: '1' });
      const correctRow = h('label', { hidden: !quiz.checked }, 'Correct option number ', correct);
      quiz.addEventListener('change', () => { correctRow.hidden = !quiz.checked; });
      const form = h('form', { class: 'card', onsubmit: async (event) => {
        event.preventDefault();
        const options = [...optionList.querySelectorAll('input')].map((input) => input.value.trim()).filter(Boolean);
        try {
          sent = await context.api.call('sendPoll', {
            chat_id: chatId, question: question.value, options: options.map((text) => ({ text })),
            is_anonymous: anonymous.checked, type: quiz.checked ? 'quiz' : 'regular',
            allows_multiple_answers: !quiz.checked && multiple.checked ? true : undefined,
            correct_option_id: quiz.checked ? Number(correct.value) - 1 : undefined,
          });
          dialog.close();
        } catch (error) { showError(error); }
      } },
      h('label', { for: 'poll-question' }, 'Question'), question,
      h('span', {}, 'Options'), optionList,
      h('button', { type: 'button', onclick: addOption }, 'Add an option'),
      h('label', {}, anonymous, ' Anonymous'), h('label', {}, multiple, ' Several answers'),
      h('label', {}, quiz, ' Quiz'), correctRow,
      h('button', { type: 'submit' }, 'Send poll'));
      dialog.append(form);
    });
    dialog.addEventListener('close', () => resolve(sent));
    dialog.querySelector('input')?.focus();
  });
}

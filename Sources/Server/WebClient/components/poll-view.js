// Polls and quizzes: vote (one option, or several then "Vote"), retract, results.
import { context } from '../core/context.js';
import { h } from '../core/dom.js';
import { showError, toast } from './toast.js';

export function renderPoll(message) {
  const { poll } = message;
  const { store, api } = context;
  const mine = store.votes.get(poll.id);
  const showResults = poll.is_closed || (mine && mine.length > 0);
  const total = poll.total_voter_count ?? 0;
  const vote = async (optionIds) => {
    try {
      await api.call('sendPollAnswer', { chat_id: message.chat.id, message_id: message.message_id, option_ids: optionIds });
      store.votes.set(poll.id, optionIds);
      // The counts come back as an edited message or a poll update; read the page again meanwhile.
      await store.loadHistory(message.chat.id, message.message_id + 1);
      if (poll.type === 'quiz' && optionIds.length) {
        const updated = store.messagesOf(message.chat.id).get(message.message_id)?.poll;
        if (updated?.correct_option_id !== undefined) toast(updated.correct_option_id === optionIds[0] ? 'Correct!' : 'Wrong answer');
      }
    } catch (error) { showError(error); }
  };
  const selected = new Set();
  const options = poll.options.map((option, index) => {
    const count = option.voter_count ?? 0;
    const percent = total ? Math.round((count * 100) / total) : 0;
    if (showResults) {
      const correct = poll.type === 'quiz' && poll.correct_option_id === index;
      return h('li', { class: `poll-result${mine?.includes(index) ? ' chosen' : ''}${correct ? ' correct' : ''}` },
        h('span', { class: 'poll-bar', style: `width:${percent}%` }),
        h('span', { class: 'poll-label' }, `${percent}% ${option.text}`), h('small', {}, ` ${count}`));
    }
    if (poll.allows_multiple_answers) {
      const id = `poll-${poll.id}-${index}`;
      return h('li', {}, h('input', { type: 'checkbox', id, onchange: (event) => (event.target.checked ? selected.add(index) : selected.delete(index)) }),
        h('label', { for: id }, option.text));
    }
    return h('li', {}, h('button', { class: 'poll-option', onclick: () => vote([index]) }, option.text));
  });
  const kind = `${poll.is_anonymous === false ? 'Public' : 'Anonymous'} ${poll.type === 'quiz' ? 'quiz' : 'poll'}${poll.is_closed ? ' · closed' : ''}`;
  return h('div', { class: 'poll' },
    h('strong', { class: 'poll-question' }, poll.question), h('small', { class: 'poll-kind' }, kind),
    h('ul', {}, options),
    h('small', {}, `${total} vote${total === 1 ? '' : 's'}`),
    !showResults && poll.allows_multiple_answers ? h('button', { onclick: () => vote([...selected].sort()) }, 'Vote') : null,
    showResults && !poll.is_closed && poll.type !== 'quiz' ? h('button', { class: 'retract', onclick: () => vote([]) }, 'Retract vote') : null,
    showResults && poll.explanation ? h('p', { class: 'explanation' }, poll.explanation) : null);
}

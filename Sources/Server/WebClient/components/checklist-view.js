// Checklists (Bot API 10.3), read-only: the title, then each task ticked when done, with
// who ticked it. Ticking is the user method markChecklistTasks; the page only shows.
import { h } from '../core/dom.js';
import { nameOf, renderText } from '../core/entities.js';

export function renderChecklist(checklist) {
  return h('div', { class: 'checklist', role: 'group', 'aria-label': 'Checklist' },
    h('div', { class: 'checklist-title' }, renderText(checklist.title, checklist.title_entities)),
    h('ul', { class: 'checklist-tasks' }, checklist.tasks.map((task) => {
      const done = Boolean(task.completion_date);
      return h('li', { class: `checklist-task${done ? ' done' : ''}`, dataset: { taskId: task.id } },
        h('span', { class: 'checklist-mark', role: 'img', 'aria-label': done ? 'done' : 'not done' }, done ? '☑' : '☐'),
        h('span', { class: 'checklist-text' }, renderText(task.text, task.text_entities)),
        done && task.completed_by_user ? h('span', { class: 'checklist-by' }, ` · ${nameOf(task.completed_by_user)}`) : null);
    })));
}

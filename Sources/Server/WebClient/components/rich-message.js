// A rich message (Bot API `RichMessage`): its blocks as plain HTML elements, rich texts with
// their styles and links; media blocks shown as the same kinds of media messages are.
import { h } from '../core/dom.js';
import { renderMedia } from './media-view.js';

/** The element showing `rich` (a RichMessage). */
export function renderRichMessage(rich) {
  return h('div', { class: 'rich-message', dir: rich.is_rtl ? 'rtl' : 'auto' }, ...rich.blocks.map(block));
}

const mediaFields = { photo: 'photo', video: 'video', animation: 'animation', audio: 'audio', document: 'document', voice_note: 'voice' };

function block(b) {
  switch (b.type) {
    case 'paragraph': return h('p', {}, text(b.text));
    case 'heading': return h(`h${Math.min(Math.max(b.size, 1), 6)}`, {}, text(b.text));
    case 'pre': return h('pre', {}, h('code', {}, text(b.text)));
    case 'footer': return h('footer', {}, text(b.text));
    case 'divider': return h('hr');
    case 'mathematical_expression': return h('div', { class: 'math' }, b.expression);
    case 'anchor': return h('a', { id: `rich-${b.name}` });
    case 'thinking': return h('div', { class: 'thinking' }, text(b.text));
    case 'list':
      return h('ul', { class: 'rich-list' }, ...b.items.map((item) => h('li', {},
        h('span', { class: 'label' }, item.has_checkbox ? (item.is_checked ? '☑' : '☐') : item.label), ' ', ...item.blocks.map(block))));
    case 'blockquote': return h('blockquote', {}, ...b.blocks.map(block), b.credit ? h('cite', {}, text(b.credit)) : null);
    case 'expandable_blockquote':
      return h('details', { class: 'quote' }, h('summary', {}, text(b.text)), b.credit ? h('cite', {}, text(b.credit)) : null);
    case 'pullquote': return h('aside', {}, text(b.text), b.credit ? h('cite', {}, text(b.credit)) : null);
    case 'collage': case 'slideshow':
      return h('figure', { class: b.type }, ...b.blocks.map(block), caption(b.caption));
    case 'table':
      return h('table', { class: 'rich-table' }, b.caption ? h('caption', {}, text(b.caption)) : null,
        ...b.cells.map((row) => h('tr', {}, ...row.map((cell) => h(cell.is_header ? 'th' : 'td',
          { colspan: cell.colspan ?? 1, rowspan: cell.rowspan ?? 1, style: `text-align:${cell.align};vertical-align:${cell.valign}` },
          cell.text !== undefined ? text(cell.text) : '')))));
    case 'details': return h('details', { open: !!b.is_open }, h('summary', {}, text(b.summary)), ...b.blocks.map(block));
    case 'map':
      return h('figure', { class: 'map' }, h('a', {
        href: `https://www.openstreetmap.org/?mlat=${b.location.latitude}&mlon=${b.location.longitude}`, target: '_blank', rel: 'noopener noreferrer',
      }, `📍 ${b.location.latitude.toFixed(5)}, ${b.location.longitude.toFixed(5)}`), caption(b.caption));
    case 'buttons': return h('div', { class: 'rich-buttons' }, ...b.buttons.map(button));
    default: {
      const field = mediaFields[b.type];
      if (!field) return null;
      return h('figure', { class: 'rich-media' }, renderMedia({ [field]: b[b.type] }), caption(b.caption));
    }
  }
}

function caption(c) {
  return c ? h('figcaption', {}, text(c.text), c.credit ? h('cite', {}, ' ', text(c.credit)) : null) : null;
}

function button(b) {
  const label = text(b.text);
  return b.url ? h('a', { class: 'button', href: b.url, target: '_blank', rel: 'noopener noreferrer' }, label)
    : h('button', { type: 'button', disabled: true, title: 'Rich message buttons are shown only' }, label);
}

const wrappers = {
  bold: 'strong', italic: 'em', underline: 'u', strikethrough: 's', spoiler: 'span', subscript: 'sub', superscript: 'sup',
  marked: 'mark', code: 'code', date_time: 'time', reference: 'span',
};

/** A RichText as DOM nodes. */
function text(t) {
  if (typeof t === 'string') return t;
  if (Array.isArray(t)) return h('span', {}, ...t.map(text));
  if (wrappers[t.type]) return h(wrappers[t.type], t.type === 'spoiler' ? { class: 'spoiler' } : {}, text(t.text));
  switch (t.type) {
    case 'url': return h('a', { href: t.url, target: '_blank', rel: 'noopener noreferrer' }, text(t.text));
    case 'email_address': return h('a', { href: `mailto:${t.email_address}` }, text(t.text));
    case 'phone_number': return h('a', { href: `tel:${t.phone_number}` }, text(t.text));
    case 'anchor_link': return h('a', { href: `#rich-${t.anchor_name}` }, text(t.text));
    case 'reference_link': return h('sup', {}, text(t.text));
    case 'anchor': return h('a', { id: `rich-${t.name}` });
    case 'custom_emoji': return t.alternative_text;
    case 'mathematical_expression': return h('span', { class: 'math' }, t.expression);
    case 'button': return button(t.button);
    default: return t.text !== undefined ? text(t.text) : '';
  }
}

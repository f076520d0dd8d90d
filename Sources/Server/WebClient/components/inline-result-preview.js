// One inline query result as Telegram's clients show it: a thumbnail (the result's
// `thumbnail_url`, the photo or GIF itself — an http(s) one through the server's
// inlineThumbnail route, as this page loads no other origin's images — or a cached file's own
// image through getFile and the file route), its title and description; a letter stands in
// when there is no image.
// Photos, GIFs and stickers show as tiles of a grid (`isGalleryResult`).
import { context } from '../core/context.js';
import { h } from '../core/dom.js';

const GALLERY_TYPES = new Set(['photo', 'gif', 'mpeg4_gif', 'sticker']);

/** Whether `result` is shown as a tile of an image grid rather than a row. */
export function isGalleryResult(result) {
  return GALLERY_TYPES.has(result.type);
}

/**
 * The result's preview: a grid tile or a row (thumbnail, title, description). `queryId` is
 * the answer's (`sendInlineQuery`'s `query_id`), which the server needs to fetch its images.
 */
export function resultPreview(result, queryId) {
  const title = result.title ?? result.caption ?? (result.type === 'article' ? result.id : result.type);
  if (isGalleryResult(result)) {
    return h('span', { class: 'inline-tile' }, thumbnail(result, title, queryId));
  }
  return h('span', { class: 'inline-row' }, thumbnail(result, title, queryId),
    h('span', { class: 'inline-text' },
      h('strong', { class: 'inline-title' }, title),
      result.description ? h('span', { class: 'inline-description' }, result.description) : null,
      !result.description && result.url && !result.hide_url ? h('span', { class: 'inline-description' }, result.url) : null));
}

function thumbnail(result, title, queryId) {
  const url = result.thumbnail_url ?? (result.type === 'photo' ? result.photo_url : null) ?? (result.type === 'gif' ? result.gif_url : null);
  const fileId = result.photo_file_id ?? result.gif_file_id ?? result.sticker_file_id;
  const letter = h('span', { class: 'inline-thumb letter', 'aria-hidden': 'true' }, (title ?? '?').trim().charAt(0).toUpperCase() || '?');
  if (!url && !fileId) return letter;
  const image = h('img', { class: 'inline-thumb', alt: title ?? '' });
  // A thumbnail that can't load leaves the letter, as Telegram leaves its placeholder.
  image.addEventListener('error', () => image.replaceWith(letter));
  if (url && /^https?:/i.test(url) && queryId) {
    context.files.inlineThumbnail(queryId, result.id).then((blob) => { image.src = blob; }, () => image.replaceWith(letter));
  } else if (url) image.src = url;
  else context.files.url(fileId).then((blob) => { image.src = blob; }, () => image.replaceWith(letter));
  return image;
}

// A message's media, fetched through getFile and the file route: photos and stickers
// inline, video and animations playable, voice and audio with a player, documents
// downloadable; dice, locations, venues and contacts rendered.
import { context } from '../core/context.js';
import { h } from '../core/dom.js';

/** Loads `fileId` into `element[attribute]` (src or href) when it is ready. */
function load(element, fileId, attribute = 'src') {
  element.classList.add('loading');
  context.files.url(fileId).then((url) => {
    element[attribute] = url;
    element.classList.remove('loading');
  }).catch(() => {
    element.classList.remove('loading');
    element.classList.add('failed');
    element.title = 'The file could not be loaded';
  });
  return element;
}

const largest = (sizes) => sizes.reduce((best, size) => (size.width * size.height > best.width * best.height ? size : best), sizes[0]);

export function renderMedia(message) {
  if (message.photo?.length) {
    const photo = largest(message.photo);
    return load(h('img', { class: 'photo', alt: message.caption ?? 'Photo', width: photo.width, height: photo.height }), photo.file_id);
  }
  if (message.live_photo?.photo?.length) {
    // The still image, with the video played on hover.
    const live = message.live_photo;
    const still = largest(live.photo);
    const video = load(h('video', { class: 'live-video', muted: true, loop: true, playsinline: true, preload: 'none', 'aria-label': 'Live photo' }), live.file_id);
    return h('div', { class: 'live-photo', onmouseenter: () => video.play().catch(() => {}), onmouseleave: () => video.pause() },
      load(h('img', { class: 'photo', alt: message.caption ?? 'Live photo', width: still.width, height: still.height }), still.file_id),
      h('span', { class: 'live-badge' }, 'LIVE'), video);
  }
  if (message.sticker) {
    const sticker = message.sticker;
    if (sticker.is_video) return load(h('video', { class: 'sticker', autoplay: true, loop: true, muted: true, playsinline: true, 'aria-label': `Sticker ${sticker.emoji ?? ''}` }), sticker.file_id);
    if (sticker.is_animated) return h('span', { class: 'sticker-fallback', role: 'img', 'aria-label': 'Animated sticker' }, sticker.emoji ?? '🙂');
    return load(h('img', { class: 'sticker', alt: `Sticker ${sticker.emoji ?? ''}` }), sticker.file_id);
  }
  if (message.animation) return load(h('video', { class: 'video', autoplay: true, loop: true, muted: true, playsinline: true, controls: true, 'aria-label': 'GIF' }), message.animation.file_id);
  if (message.video) return load(h('video', { class: 'video', controls: true, preload: 'metadata', 'aria-label': message.video.file_name ?? 'Video' }), message.video.file_id);
  if (message.video_note) return load(h('video', { class: 'video-note', controls: true, 'aria-label': 'Video message' }), message.video_note.file_id);
  if (message.voice) {
    return h('div', { class: 'voice' }, h('span', {}, `🎤 Voice message · ${message.voice.duration ?? 0} s`),
      load(h('audio', { controls: true, preload: 'none', 'aria-label': 'Voice message' }), message.voice.file_id));
  }
  if (message.audio) {
    const audio = message.audio;
    return h('div', { class: 'audio' }, h('span', {}, `🎵 ${[audio.performer, audio.title].filter(Boolean).join(' – ') || audio.file_name || 'Audio'}`),
      load(h('audio', { controls: true, preload: 'none', 'aria-label': audio.title ?? 'Audio' }), audio.file_id));
  }
  if (message.document) {
    const document = message.document;
    const link = h('a', { class: 'document', download: document.file_name ?? 'file' }, `📄 ${document.file_name ?? 'Document'}`,
      document.file_size ? h('small', {}, ` ${formatSize(document.file_size)}`) : null);
    return load(link, document.file_id, 'href');
  }
  if (message.dice) {
    return h('div', { class: 'dice', role: 'img', 'aria-label': `${message.dice.emoji} rolled ${message.dice.value}` },
      h('span', { class: 'dice-emoji' }, message.dice.emoji), h('span', { class: 'dice-value' }, String(message.dice.value)));
  }
  if (message.venue) {
    const { venue } = message;
    return h('div', { class: 'venue' }, h('strong', {}, `📍 ${venue.title}`), h('span', {}, venue.address), mapLink(venue.location));
  }
  if (message.location) {
    const { location } = message;
    return h('div', { class: 'location' }, h('span', {}, `📍 ${location.latitude.toFixed(5)}, ${location.longitude.toFixed(5)}`),
      location.live_period ? h('small', {}, ' · live') : null, mapLink(location));
  }
  if (message.contact) {
    const { contact } = message;
    return h('div', { class: 'contact' }, h('strong', {}, `👤 ${[contact.first_name, contact.last_name].filter(Boolean).join(' ')}`),
      h('a', { href: `tel:${contact.phone_number}` }, contact.phone_number));
  }
  return null;
}

function mapLink(location) {
  return h('a', { href: `https://www.openstreetmap.org/?mlat=${location.latitude}&mlon=${location.longitude}`, target: '_blank', rel: 'noopener noreferrer' }, 'Open map');
}

function formatSize(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1 << 20) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1 << 20)).toFixed(1)} MB`;
}

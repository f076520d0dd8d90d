// Extension point: gifts (docs/user-api-extensions.md, "Gifts"). Gift service messages in
// conversations — a regular gift (`gift`: its sticker, its price in Stars, the sender's
// text) or a unique one (`unique_gift`: its name and number, model, symbol, backdrop) — and
// the user's own gifts (`getUserGifts` for their id) with what the owner may do with each:
// convert a regular gift to Stars (`convertGiftToStars`), upgrade it to a unique gift
// (`upgradeGift`), give a unique gift to someone else (`transferGift`).
import { context } from '../core/context.js';
import { h } from '../core/dom.js';
import { nameOf, renderText } from '../core/entities.js';
import { renderMedia } from '../components/media-view.js';
import { showError, toast } from '../components/toast.js';
import { resolveUser } from '../views/groups/new-chat-dialog.js';

const stars = (count) => `⭐ ${count} Star${count === 1 ? '' : 's'}`;

/** The gift's picture: its sticker (any viewer may download it), else its emoji. */
function giftPicture(sticker) {
  if (!sticker) return h('span', { class: 'gift-emoji', 'aria-hidden': 'true' }, '🎁');
  return h('span', { class: 'gift-picture' }, renderMedia({ sticker }));
}

function uniqueName(gift) {
  return `${gift.base_name} #${gift.number}`;
}

function uniqueDetails(gift) {
  return [gift.model && `Model: ${gift.model.name}`, gift.symbol && `Symbol: ${gift.symbol.name}`, gift.backdrop && `Backdrop: ${gift.backdrop.name}`]
    .filter(Boolean).join(' · ');
}

/** A gift service message's element, or null for any other message. */
export function renderGiftMessage(message) {
  const info = message.gift ?? message.unique_gift;
  if (!info) return null;
  const mine = message.from?.id === context.store.me.id;
  const who = mine ? 'You' : nameOf(message.from);
  const children = [];
  if (message.gift) {
    const { gift } = info;
    children.push(giftPicture(gift.sticker),
      h('strong', { class: 'gift-title' }, `${gift.sticker?.emoji ?? '🎁'} ${mine ? 'You sent a gift' : `Gift from ${who}`}`),
      h('span', { class: 'gift-stars' }, stars(gift.star_count)));
    if (info.unique_gift_number) children.push(h('small', {}, `Will be #${info.unique_gift_number} when upgraded`));
    if (!mine && info.convert_star_count) children.push(h('small', { class: 'gift-convert' }, `Can be converted to ${stars(info.convert_star_count)}`));
  } else {
    const { gift } = info;
    const verb = { upgrade: 'upgraded a gift to', transfer: 'gave you', resale: 'sold you', gifted_upgrade: 'upgraded a gift to', offer: 'sold you' }[info.origin] ?? 'sent';
    children.push(giftPicture(gift.model?.sticker),
      h('strong', { class: 'gift-title' }, `${who} ${verb} ${uniqueName(gift)}`),
      h('small', { class: 'gift-details' }, uniqueDetails(gift)));
  }
  if (info.text) children.push(h('div', { class: 'gift-text' }, renderText(info.text, info.entities)));
  return h('div', { class: 'service gift-message', role: 'listitem', dataset: { messageId: message.message_id } }, children);
}

/**
 * The user's gifts with their actions, in `host` (an element the settings dialog shows);
 * read again after every action, with the Stars balance.
 */
export async function showMyGifts(host) {
  const { api, store } = context;
  host.replaceChildren(h('p', { class: 'loading' }, 'Loading…'));
  let owned, balance;
  try {
    [owned, balance] = await Promise.all([
      api.call('getUserGifts', { user_id: store.me.id }),
      api.call('getMyStarBalance').then((amount) => amount.amount).catch(() => null),
    ]);
  } catch (error) {
    host.replaceChildren(h('p', { class: 'error' }, error.description ?? String(error)));
    return;
  }
  const act = async (method, params, done) => {
    try {
      await api.call(method, params);
      toast(done);
      await showMyGifts(host);
    } catch (error) { showError(error); }
  };
  const items = owned.gifts.map((owned) => ownedGift(owned, act));
  host.replaceChildren(
    balance === null ? null : h('p', { class: 'balance' }, `Your balance: ⭐ ${balance}`),
    items.length ? h('ul', { class: 'owned-gifts' }, items) : h('p', { class: 'empty' }, 'No gifts yet.'));
}

function ownedGift(owned, act) {
  const id = owned.owned_gift_id;
  const from = owned.sender_user ? `from ${nameOf(owned.sender_user)}` : 'from someone';
  if (owned.type === 'unique') {
    const { gift } = owned;
    return h('li', { class: 'owned-gift unique', dataset: { ownedGiftId: id } }, giftPicture(gift.model?.sticker),
      h('span', { class: 'gift-info' }, h('strong', {}, uniqueName(gift)), h('small', {}, `${uniqueDetails(gift)} · ${from}`)),
      owned.can_be_transferred && id ? h('button', { type: 'button', class: 'transfer-gift', onclick: async () => {
        const to = prompt(`Give ${uniqueName(gift)} to (username or id)${owned.transfer_star_count ? ` for ⭐ ${owned.transfer_star_count}` : ''}`);
        if (!to) return;
        try {
          const chatId = await resolveUser(to);
          await act('transferGift', { owned_gift_id: id, new_owner_chat_id: chatId, star_count: owned.transfer_star_count ?? 0 }, 'Gift transferred');
        } catch (error) { showError(error); }
      } }, 'Transfer') : null);
  }
  const { gift } = owned;
  const upgradeCost = owned.prepaid_upgrade_star_count ? 0 : gift.upgrade_star_count;
  return h('li', { class: 'owned-gift regular', dataset: { ownedGiftId: id } }, giftPicture(gift.sticker),
    h('span', { class: 'gift-info' },
      h('strong', {}, `${gift.sticker?.emoji ?? '🎁'} ${stars(gift.star_count)}`),
      h('small', {}, from, owned.is_saved === false ? ' · hidden from profile' : ''),
      owned.text ? h('span', { class: 'gift-text' }, renderText(owned.text, owned.entities)) : null),
    id && owned.convert_star_count ? h('button', { type: 'button', class: 'convert-gift',
      onclick: () => act('convertGiftToStars', { owned_gift_id: id }, `Converted to ${stars(owned.convert_star_count)}`) },
    `Convert to ⭐ ${owned.convert_star_count}`) : null,
    id && owned.can_be_upgraded ? h('button', { type: 'button', class: 'upgrade-gift',
      onclick: () => act('upgradeGift', { owned_gift_id: id, keep_original_details: true, star_count: upgradeCost }, 'Upgraded to a unique gift') },
    upgradeCost ? `Upgrade for ⭐ ${upgradeCost}` : 'Upgrade (prepaid)') : null);
}

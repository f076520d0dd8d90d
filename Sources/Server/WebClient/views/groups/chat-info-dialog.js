// A group's, supergroup's or channel's info: members (promote, restrict, ban, unban), add a
// member or bot, invite links, pending join requests (approve, decline), upgrade and make
// public.
import { context } from '../../core/context.js';
import { h } from '../../core/dom.js';
import { nameOf } from '../../core/entities.js';
import { modal, showError, toast } from '../../components/toast.js';
import { resolveUser } from './new-chat-dialog.js';

const adminRights = {
  can_manage_chat: true, can_delete_messages: true, can_restrict_members: true, can_invite_users: true, can_pin_messages: true,
  can_change_info: true, can_promote_members: false, can_post_messages: true, can_edit_messages: true, can_manage_topics: true,
};

export function openChatInfo(entry) {
  const { api, store } = context;
  const chatId = entry.chat.id;
  const isAdmin = entry.status === 'creator' || entry.status === 'administrator';
  // Who may answer join requests: the creator, and administrators with can_invite_users
  // (read with getChatMember when the dialog opens).
  let canInvite = entry.status === 'creator';
  const act = async (method, params, done) => {
    try {
      await api.call(method, { chat_id: chatId, ...params });
      toast(done);
      await refresh();
    } catch (error) { showError(error); }
  };
  const members = h('ul', { class: 'members', 'aria-label': 'Members' });
  const refresh = async () => {
    try {
      const list = await api.call('getChatMembers', { chat_id: chatId });
      members.replaceChildren(...list.map((member) => {
        const user = member.user;
        const self = user.id === store.me.id;
        return h('li', { dataset: { userId: user.id } },
          h('span', {}, `${nameOf(user)}${user.username ? ` @${user.username}` : ''}${user.is_bot ? ' (bot)' : ''} — ${member.status}`),
          isAdmin && !self && member.status !== 'creator' ? h('span', { class: 'member-actions' },
            member.status === 'administrator'
              ? h('button', { type: 'button', onclick: () => act('promoteChatMember', { user_id: user.id, ...Object.fromEntries(Object.keys(adminRights).map((key) => [key, false])) }, 'Demoted') }, 'Demote')
              : h('button', { type: 'button', onclick: () => act('promoteChatMember', { user_id: user.id, ...adminRights }, 'Promoted') }, 'Promote'),
            entry.chat.type !== 'channel' && entry.chat.type !== 'group'
              ? (member.status === 'restricted'
                ? h('button', { type: 'button', onclick: () => act('restrictChatMember', { user_id: user.id, permissions: allPermissions(true) }, 'Restrictions lifted') }, 'Unrestrict')
                : h('button', { type: 'button', onclick: () => act('restrictChatMember', { user_id: user.id, permissions: allPermissions(false) }, 'Restricted') }, 'Restrict'))
              : null,
            h('button', { type: 'button', class: 'danger', onclick: () => act('banChatMember', { user_id: user.id }, 'Banned') }, 'Ban')) : null);
      }));
    } catch (error) { showError(error); }
  };

  // Pending join requests, for those who may answer them (the list is read again when a
  // new request arrives while the dialog is open).
  const pending = h('ul', { class: 'join-requests', 'aria-label': 'Join requests' });
  const requestsCard = h('div', { class: 'card', hidden: true }, h('h3', {}, 'Join requests'), pending);
  const answer = async (method, user, done) => {
    try {
      await api.call(method, { chat_id: chatId, user_id: user.id });
      toast(`${done}: ${nameOf(user)}`);
    } catch (error) { showError(error); }
    await Promise.all([refresh(), loadRequests()]);
  };
  const loadRequests = async () => {
    if (!canInvite && entry.status === 'administrator') {
      const mine = await api.call('getChatMember', { chat_id: chatId, user_id: store.me.id }).catch(() => null);
      canInvite = Boolean(mine?.can_invite_users);
    }
    requestsCard.hidden = !canInvite;
    if (!canInvite) return;
    try {
      const list = await api.call('getChatJoinRequests', { chat_id: chatId });
      pending.replaceChildren(...(list.length ? list.map((request) => h('li', { dataset: { userId: request.from.id } },
        h('span', {}, `${nameOf(request.from)}${request.from.username ? ` @${request.from.username}` : ''} — ${new Date(request.date * 1000).toLocaleString()}`),
        h('span', { class: 'member-actions' },
          h('button', { type: 'button', onclick: () => answer('approveChatJoinRequest', request.from, 'Approved') }, 'Approve'),
          h('button', { type: 'button', class: 'danger', onclick: () => answer('declineChatJoinRequest', request.from, 'Declined') }, 'Decline'))))
        : [h('li', { class: 'empty' }, 'No pending requests')]));
    } catch (error) { showError(error); }
  };
  const onRequest = (event) => { if (event.detail.chat?.id === chatId) loadRequests(); };

  const dialog = modal(entry.chat.title ?? 'Chat', (dialog) => {
    const addInput = h('input', { id: 'add-member', placeholder: '@echo_bot or a user id', required: true });
    const add = h('form', { class: 'card', onsubmit: async (event) => {
      event.preventDefault();
      try {
        await api.call('addChatMember', { chat_id: chatId, user_id: await resolveUser(addInput.value) });
        addInput.value = '';
        toast('Added');
        await refresh();
      } catch (error) { showError(error); }
    } }, h('label', { for: 'add-member' }, 'Add a member or bot'), addInput, h('button', { type: 'submit' }, 'Add'));

    const unbanInput = h('input', { id: 'unban-member', placeholder: 'user id or @username' });
    const unban = h('form', { class: 'card', onsubmit: async (event) => {
      event.preventDefault();
      try { await act('unbanChatMember', { user_id: await resolveUser(unbanInput.value), only_if_banned: true }, 'Unbanned'); } catch (error) { showError(error); }
    } }, h('label', { for: 'unban-member' }, 'Unban'), unbanInput, h('button', { type: 'submit' }, 'Unban'));

    const linkOut = h('p', { class: 'invite-link', role: 'status' });
    const approval = h('input', { type: 'checkbox', id: 'link-approval' });
    const links = h('div', { class: 'card' },
      h('h3', {}, 'Invite links'),
      h('label', {}, approval, ' New members need approval'),
      h('button', { type: 'button', onclick: async () => {
        try {
          const link = await api.call('createChatInviteLink', { chat_id: chatId, creates_join_request: approval.checked || undefined });
          linkOut.replaceChildren('Link: ', h('code', {}, link.invite_link));
        } catch (error) { showError(error); }
      } }, 'Create invite link'), linkOut);


    const leave = h('button', { type: 'button', class: 'danger', onclick: async () => {
      try { await api.call('leaveChat', { chat_id: chatId }); dialog.close(); await store.loadChats(); } catch (error) { showError(error); }
    } }, entry.chat.type === 'channel' ? 'Leave channel' : 'Leave group');

    dialog.append(h('h3', {}, 'Members'), members, ...(isAdmin ? [requestsCard, add, unban, links] : []),
      entry.status === 'creator' && entry.chat.type === 'group'
        ? h('button', { type: 'button', onclick: async () => {
          try { await api.call('upgradeChat', { chat_id: chatId }); dialog.close(); await store.loadChats(); toast('Upgraded to a supergroup'); } catch (error) { showError(error); }
        } }, 'Upgrade to supergroup') : null,
      leave);
  });
  store.addEventListener('join_request', onRequest);
  dialog.addEventListener('close', () => store.removeEventListener('join_request', onRequest));
  refresh();
  loadRequests();
}

function allPermissions(value) {
  return {
    can_send_messages: value, can_send_audios: value, can_send_documents: value, can_send_photos: value, can_send_videos: value,
    can_send_video_notes: value, can_send_voice_notes: value, can_send_polls: value, can_send_other_messages: value,
    can_add_web_page_previews: value, can_invite_users: value,
  };
}

// A group's, supergroup's or channel's info: members (promote, restrict, ban, unban), add a
// member or bot, invite links and join requests, upgrade and make public.
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

  modal(entry.chat.title ?? 'Chat', (dialog) => {
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

    const requestInput = h('input', { id: 'join-request', placeholder: 'user id or @username' });
    const requests = h('form', { class: 'card', onsubmit: (event) => event.preventDefault() },
      h('label', { for: 'join-request' }, 'Join request of'), requestInput,
      h('button', { type: 'button', onclick: async () => act('approveChatJoinRequest', { user_id: await resolveUser(requestInput.value) }, 'Approved') }, 'Approve'),
      h('button', { type: 'button', onclick: async () => act('declineChatJoinRequest', { user_id: await resolveUser(requestInput.value) }, 'Declined') }, 'Decline'));

    const leave = h('button', { type: 'button', class: 'danger', onclick: async () => {
      try { await api.call('leaveChat', { chat_id: chatId }); dialog.close(); await store.loadChats(); } catch (error) { showError(error); }
    } }, entry.chat.type === 'channel' ? 'Leave channel' : 'Leave group');

    dialog.append(h('h3', {}, 'Members'), members, ...(isAdmin ? [add, unban, links, requests] : []),
      entry.status === 'creator' && entry.chat.type === 'group'
        ? h('button', { type: 'button', onclick: async () => {
          try { await api.call('upgradeChat', { chat_id: chatId }); dialog.close(); await store.loadChats(); toast('Upgraded to a supergroup'); } catch (error) { showError(error); }
        } }, 'Upgrade to supergroup') : null,
      leave);
  });
  refresh();
}

function allPermissions(value) {
  return {
    can_send_messages: value, can_send_audios: value, can_send_documents: value, can_send_photos: value, can_send_videos: value,
    can_send_video_notes: value, can_send_voice_notes: value, can_send_polls: value, can_send_other_messages: value,
    can_add_web_page_previews: value, can_invite_users: value,
  };
}

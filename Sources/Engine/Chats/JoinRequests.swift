import BotAPI
import Storage

/// Approving and declining join requests.
enum JoinRequests {
    /// Answers `user_id`'s pending request after checking the caller may manage invites.
    /// No request answers "HIDE_REQUESTER_MISSING", as Telegram does.
    static func answer(_ call: MethodCall, approve: Bool) async throws -> MethodResult {
        let p: ApproveChatJoinRequestParameters = try call.decode()
        let caller = call.account
        try await call.engine.write { tx in
            var group = try InviteLinks.managedGroup(p.chatId, caller: caller, now: tx.now, in: tx.store)
            guard p.userId > 0 else { throw APIError.badRequest("invalid user_id specified") }
            // A requester is seen by the chat's administrators even if nothing else links them.
            let requested = group.details.invites?.requests.contains { $0.userID == Int64(p.userId) } ?? false
            let user = requested ? try tx.store.account(id: Int64(p.userId)) : try Visibility.account(id: Int64(p.userId), viewer: caller, in: tx.store)
            guard let user, !user.isDeleted else { throw APIError.badRequest("user not found") }
            // A member has nothing to be approved for, request or not.
            if approve, try Groups.membership(of: user.id, in: group, now: tx.now, in: tx.store)?.isPresent == true {
                throw APIError.badRequest("USER_ALREADY_PARTICIPANT")
            }
            try settle(user, approve: approve, in: &group, by: caller, tx: tx)
        }
        return .true
    }

    /// Approves or declines `user`'s pending request on `caller`'s behalf (checked already).
    /// No request answers "HIDE_REQUESTER_MISSING".
    static func settle(_ user: AccountRecord, approve: Bool, in group: inout Group, by caller: AccountRecord, tx: Transaction) throws {
        guard let index = group.details.invites?.requests.firstIndex(where: { $0.userID == user.id }) else {
            throw APIError.badRequest("HIDE_REQUESTER_MISSING")
        }
        let request = group.details.invites!.requests.remove(at: index)
        guard approve else { return try Groups.save(group, in: tx.store) }
        if try Groups.membership(of: user.id, in: group, now: tx.now, in: tx.store)?.isPresent == true {
            throw APIError.badRequest("USER_ALREADY_PARTICIPANT")
        }
        var link: ChatInviteLink?
        if let hash = request.linkHash, let linkIndex = group.details.invites?.links.firstIndex(where: { $0.hash == hash }) {
            group.details.invites!.links[linkIndex].joinedIDs.append(user.id)
            link = try InviteLinks.view(group.details.invites!.links[linkIndex], in: group, in: tx.store)
        }
        try Groups.save(group, in: tx.store)
        try InviteLinks.admit(user, to: &group, by: caller, link: link, viaJoinRequest: true, tx: tx)
    }
}

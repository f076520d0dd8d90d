import BotAPI
import Foundation
import Storage

/// Joining and leaving: the membership change, its service message and its updates, in
/// the order Telegram produces them.
enum Membership {
    /// Adds `account` to `group` as a member (or with `status`), on `actor`'s behalf. Bots
    /// that may not join groups are refused; channels get no service message.
    static func add(
        _ account: AccountRecord, to group: inout Group, by actor: AccountRecord, status: MemberStatus = .member,
        details: MemberDetails = MemberDetails(), announce: Bool = true, tx: Transaction
    ) throws {
        if account.isBot && !account.canJoinGroups && !group.isChannel { throw APIError.badRequest("BOT_GROUPS_BLOCKED") }
        let existing = try Groups.membership(of: account.id, in: group, now: tx.now, in: tx.store)
        if let existing, existing.isPresent { throw APIError.badRequest("USER_ALREADY_PARTICIPANT") }
        var record = Groups.record(status, of: account, in: group, details: details, now: tx.now)
        if status == .member, let existing, existing.status == .restricted {
            // A restriction set while the account was away still applies once it is back.
            var kept = existing.decodedDetails
            kept.isMember = true
            record = Groups.record(.restricted, of: account, in: group, details: kept, now: tx.now)
        }
        try Groups.changeMembership(of: account, in: group, to: record, by: actor, in: tx)
        if announce && !group.isChannel {
            try GroupChats.postService(from: actor, in: &group, tx: tx) { message in
                message.newChatMembers = [Views.user(account)]
            }
        }
    }

    /// `account` leaves `group` (or is removed by `actor`, with `status` `kicked`).
    static func remove(
        _ account: AccountRecord, from group: inout Group, by actor: AccountRecord, status: MemberStatus = .left,
        untilDate: Int? = nil, tx: Transaction
    ) throws {
        let wasPresent = try Groups.membership(of: account.id, in: group, now: tx.now, in: tx.store)?.isPresent ?? false
        var details = MemberDetails()
        details.untilDate = untilDate
        let record = Groups.record(status, of: account, in: group, details: details, now: tx.now)
        try Groups.changeMembership(of: account, in: group, to: record, by: actor, in: tx)
        if wasPresent && !group.isChannel {
            // The departing account no longer gets messages; the others see it leave.
            try GroupChats.postService(from: actor, in: &group, tx: tx) { message in
                message.leftChatMember = Views.user(account)
            }
        }
    }
}

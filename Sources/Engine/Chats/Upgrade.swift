import BotAPI
import Foundation
import Storage

/// Upgrading a basic group to a supergroup, as Telegram's `messages.migrateChat` does.
///
/// The supergroup is a new chat with its own id. Members keep their status and rights.
/// The old group gets a `migrate_to_chat_id` service message and from then on answers
/// every call with 400 "group chat was upgraded to a supergroup chat" and
/// `parameters.migrate_to_chat_id`; the supergroup opens with `migrate_from_chat_id`.
/// History is not copied: as on Telegram, message ids start anew in the supergroup and
/// the old messages stay with the old group (clients show them above the new ones; bots
/// can't reach them through the new id). Invite links and pins stay behind too.
enum Upgrade {
    /// Upgrades `old` on `actor`'s behalf and returns the supergroup.
    static func upgrade(_ old: Group, by actor: AccountRecord, tx: Transaction) throws -> Group {
        var old = old
        let chat = try tx.store.insert(ChatRecord(kind: .supergroup))
        var details = GroupDetails()
        details.description = old.details.description
        details.permissions = old.details.permissions
        details.photo = old.details.photo
        details.migratedFromChatID = old.clientID
        let record = GroupRecord(chatID: chat.id, title: old.record.title, details: Data(details.jsonBytes))
        try tx.store.save(record)
        var new = Group(chat: chat, record: record, details: details)
        for member in try tx.store.members(chatID: old.chat.id) {
            guard var copy = try Groups.membership(of: member.accountID, in: old, now: tx.now, in: tx.store) else { continue }
            copy.chatID = chat.id
            try tx.store.save(copy)
        }
        try GroupChats.postService(from: actor, in: &old, tx: tx) { $0.migrateToChatId = Int(new.clientID) }
        old.details.migratedToChatID = new.clientID
        try Groups.save(old, in: tx.store)
        try GroupChats.postService(from: actor, in: &new, tx: tx) { $0.migrateFromChatId = Int(old.clientID) }
        return new
    }

    /// The basic group `chatID` names, for a method only its creator may use.
    static func basicGroupOwnedBy(_ caller: AccountRecord, chatID: ChatID, now: Int64, in tx: any StoreReader) throws -> Group {
        let group = try ChatLookup.group(chatID, caller: caller, now: now, privateError: "chat not found", in: tx)
        let member = try Groups.requirePresence(of: caller, in: group, now: now, in: tx)
        guard member.status == .creator else { throw APIError.badRequest("CHAT_ADMIN_REQUIRED") }
        return group
    }
}

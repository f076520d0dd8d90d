import BotAPI
import Foundation
import Storage

/// Managed bots: a bot another bot manages (on Telegram, one a user created through the
/// manager's `request_managed_bot` button; here the admin's `setManagedBot` makes the link).
/// The manager reads and replaces the managed bot's token and sets who may use it. The link
/// and the access settings are keys of the settings.
enum ManagedBots {
    /// Who may use a managed bot.
    struct Access: Codable, Sendable {
        var isRestricted: Bool
        var addedUserIDs: [Int64]
    }

    /// At most this many `added_user_ids` (the official server's limit).
    static let maxAddedUsers = 10

    private static func managerKey(_ bot: Int64) -> String { "managed_by:\(bot)" }
    private static func accessKey(_ bot: Int64) -> String { "bot_access:\(bot)" }

    /// The bot that manages `bot`, if any.
    static func manager(of bot: Int64, in store: any StoreReader) throws -> Int64? {
        try store.setting(managerKey(bot)).flatMap { Int64($0) }
    }

    /// Makes `manager` manage `bot` (nil: no one does) and tells the manager with
    /// `managed_bot`, whose `user` is the managed bot's owner.
    static func setManager(_ manager: AccountRecord?, of bot: AccountRecord, owner: AccountRecord?, in tx: Transaction) throws {
        try tx.store.setSetting(managerKey(bot.id), manager.map { String($0.id) } ?? "")
        guard let manager, let owner else { return }
        var writer = JSONWriter()
        writer.beginObject()
        writer.member("user", Views.user(owner))
        writer.member("bot", Views.user(bot))
        writer.endObject()
        try tx.enqueue(.managedBot(owner: owner.id, writer.bytes), for: manager.id)
    }

    /// The bot `user_id` names, which must be managed by `manager`: TDLib's "user not
    /// found" for an unknown id, Telegram's BOT_INVALID for a bot it does not manage.
    static func managed(_ userID: Int64, by manager: AccountRecord, in store: any StoreReader) throws -> AccountRecord {
        guard let bot = try store.account(id: userID), !bot.isDeleted else { throw APIError.badRequest("user not found") }
        guard bot.isBot, try self.manager(of: bot.id, in: store) == manager.id else { throw APIError.badRequest("BOT_INVALID") }
        return bot
    }

    static func access(of bot: Int64, in store: any StoreReader) throws -> Access {
        try JSONSetting.load(Access.self, accessKey(bot), from: store) ?? Access(isRestricted: false, addedUserIDs: [])
    }

    static func setAccess(_ access: Access, of bot: Int64, in store: any StoreWriter) throws {
        try JSONSetting.save(access, accessKey(bot), to: store)
    }

    /// BotAccessSettings: `added_users` only when there are some, as the official server writes it.
    static func view(_ access: Access, in store: any StoreReader) throws -> [UInt8] {
        var writer = JSONWriter()
        writer.beginObject()
        writer.member("is_access_restricted", access.isRestricted)
        let users = try store.accounts(ids: access.addedUserIDs)
        let byID = Dictionary(users.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let added = access.addedUserIDs.compactMap { byID[$0] }.map(Views.user)
        if !added.isEmpty { writer.member("added_users", added) }
        writer.endObject()
        return writer.bytes
    }

    /// Parses `added_user_ids` as the official server does (`get_user_ids`).
    static func userIDs(_ raw: String?) throws -> [Int64] {
        guard let raw, !raw.isEmpty else { throw APIError.badRequest("user identifiers are not specified") }
        guard let value = try? JSONSerialization.jsonObject(with: Data(raw.utf8), options: [.fragmentsAllowed]) else {
            throw APIError.badRequest("can't parse added_user_ids JSON object")
        }
        guard let array = value as? [Any] else { throw APIError.badRequest("expected an Array of user identifiers") }
        guard array.count <= maxAddedUsers else { throw APIError.badRequest("too many user identifiers specified") }
        return try array.map { item in
            let text: String
            switch item {
            case let number as NSNumber: text = number.stringValue
            case let string as String: text = string
            default: throw APIError.badRequest("user identifier must be a Number")
            }
            guard let id = Int64(text) else { throw APIError.badRequest("can't parse user identifier as a Number") }
            guard id > 0 else { throw APIError.badRequest("invalid user identifier specified") }
            return id
        }
    }
}

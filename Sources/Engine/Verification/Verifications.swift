import BotAPI
import Foundation
import Storage

/// Third-party verification (Telegram's "verified by an organization"): bots the admin makes
/// verifiers (`setBotVerifier`) mark users and chats as verified by their organization.
/// Bots never see verification (the Bot API has no field for it); people see it with the
/// user surface's `getVerification`. Everything lives in the key/value settings.
enum Verifications {
    /// A verifier bot's organization, as the admin set it up.
    struct Verifier: Codable, Sendable {
        var company: String
        /// Whether the bot may write its own `custom_description` per verification.
        var canModifyCustomDescription: Bool
    }

    /// One verification: which bot made it and what it says.
    struct Mark: Codable, Sendable {
        var botID: Int64
        var customDescription: String?
    }

    /// The target of a verification: a user, or a group, supergroup or channel by internal id.
    enum Target {
        case user(Int64)
        case chat(Int64)

        var key: String {
            switch self {
            case .user(let id): "verification:user:\(id)"
            case .chat(let id): "verification:chat:\(id)"
            }
        }
    }

    /// The longest `custom_description` (the Bot API's 0-70 characters).
    static let maxDescriptionLength = 70

    static func verifierKey(_ bot: Int64) -> String { "verifier:\(bot)" }

    static func verifier(_ bot: Int64, in store: any StoreReader) throws -> Verifier? {
        try JSONSetting.load(Verifier.self, verifierKey(bot), from: store)
    }

    static func setVerifier(_ verifier: Verifier?, bot: Int64, in store: any StoreWriter) throws {
        try JSONSetting.save(verifier, verifierKey(bot), to: store)
    }

    static func mark(of target: Target, in store: any StoreReader) throws -> Mark? {
        try JSONSetting.load(Mark.self, target.key, from: store)
    }

    /// Marks `target` as verified by `bot`, which must be a verifier (403
    /// BOT_VERIFIER_FORBIDDEN otherwise, Telegram's error). A target has one verification:
    /// a later one replaces it. Without a `custom_description`, or when the verifier may not
    /// write its own, the organization's wording is used (the description stays unset).
    static func verify(_ target: Target, by bot: AccountRecord, description: String?, in store: any StoreWriter) throws {
        guard let verifier = try verifier(bot.id, in: store) else { throw APIError.forbidden("BOT_VERIFIER_FORBIDDEN") }
        let text = description.map { String($0.prefix(maxDescriptionLength)) }.flatMap { $0.isEmpty ? nil : $0 }
        try JSONSetting.save(Mark(botID: bot.id, customDescription: verifier.canModifyCustomDescription ? text : nil), target.key, to: store)
    }

    /// Removes `bot`'s verification of `target`; a verification another bot made stays.
    static func remove(_ target: Target, by bot: AccountRecord, in store: any StoreWriter) throws {
        guard try verifier(bot.id, in: store) != nil else { throw APIError.forbidden("BOT_VERIFIER_FORBIDDEN") }
        guard let mark = try mark(of: target, in: store), mark.botID == bot.id else { return }
        try JSONSetting.save(Optional<Mark>.none, target.key, to: store)
    }

    /// The target a `verifyChat` / `removeChatVerification` call names, as the bot sees it:
    /// a group, supergroup or channel, or a user's private chat.
    static func chatTarget(_ chatID: ChatID, bot: AccountRecord, in store: any StoreReader) throws -> Target {
        switch try Outbox.destination(chatID, from: bot, in: store) {
        case .group(let group): .chat(group.chat.id)
        case .privateChat(let peer): .user(peer.id)
        }
    }

    /// What `getVerification` answers: `{"bot":User,"company":…,"description":…}`, or `null`.
    static func view(of target: Target, in store: any StoreReader) throws -> [UInt8] {
        guard let mark = try mark(of: target, in: store), let bot = try store.account(id: mark.botID),
              let verifier = try verifier(mark.botID, in: store)
        else { return Array("null".utf8) }
        var writer = JSONWriter()
        writer.beginObject()
        writer.member("bot", Views.user(bot))
        writer.member("company", verifier.company)
        writer.member("description", mark.customDescription ?? "Was verified by organization \"\(verifier.company)\"")
        writer.endObject()
        return writer.bytes
    }
}

import BotAPI
import Foundation
import Storage

/// `setChatAdministratorCustomTitle` (bots and users): the title shown for an administrator
/// the caller promoted. Titles are cut to 16 characters, as TDLib does; emoji are refused.
enum SetChatAdministratorCustomTitle: APIMethod {
    static let name = "setChatAdministratorCustomTitle"
    static let surfaces: Set<Surface> = [.bot, .user]

    /// `custom_title` may be empty (it removes the title), which the generated parameters,
    /// treating empty as absent, would refuse.
    struct Parameters: Decodable {
        let user_id: Int
        let chat_id: ChatID
        let custom_title: String?
    }

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let p: Parameters = try call.decode()
        let title = String(String.UnicodeScalarView(
            (p.custom_title ?? "").trimmingCharacters(in: .whitespacesAndNewlines).unicodeScalars.prefix(16)))
        return try await Moderation.administer(
            call, chat: p.chat_id, user: p.user_id, kinds: [.group, .supergroup],
            privateError: "method is available only for groups and supergroups"
        ) { chat, target, tx in
            guard let current = try Groups.membership(of: target.id, in: chat.group, now: tx.now, in: tx.store) else {
                throw APIError.badRequest("user is not an administrator")
            }
            switch current.status {
            case .creator where target.id != chat.actor.id:
                throw APIError.badRequest("only the owner can edit their custom title")
            case .creator:
                break
            case .administrator:
                guard chat.actorIsCreator || current.decodedDetails.promotedByID == chat.actor.id else {
                    throw APIError.badRequest("not enough rights to change custom title of the user")
                }
            default:
                throw APIError.badRequest("user is not an administrator")
            }
            if title.unicodeScalars.contains(where: Self.isEmoji) { throw APIError.badRequest("CUSTOM_TITLE_EMOJI_NOT_ALLOWED") }
            var details = current.decodedDetails
            guard (details.customTitle ?? "") != title else { return }
            details.customTitle = title.isEmpty ? nil : title
            var record = current
            record.details = Data(details.jsonBytes)
            try Groups.changeMembership(of: target, in: chat.group, to: record, by: chat.actor, in: tx)
        }
    }

    /// Emoji as Telegram refuses them in titles: pictographs, and symbols made emoji by a
    /// variation selector. Digits, `#` and `*` are not emoji on their own.
    static func isEmoji(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isEmojiPresentation || scalar.value == 0xFE0F || (scalar.properties.isEmoji && scalar.value >= 0x2100)
    }
}

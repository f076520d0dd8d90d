import BotAPI
import Foundation
import Storage

/// `setChatMemberTag` (bots and users): the tag shown next to a member's name in a group or
/// supergroup (`ChatMember.tag`). Telegram keeps one "rank" per member: an administrator's
/// rank is its custom title, so for administrators this sets the custom title, with the
/// rules of `setChatAdministratorCustomTitle`. Tagging members takes `can_manage_tags`.
enum SetChatMemberTag: APIMethod {
    static let name = "setChatMemberTag"
    static let surfaces: Set<Surface> = [.bot, .user]

    /// `tag` may be empty (it removes the tag), which the generated parameters, treating
    /// empty as absent, would refuse.
    struct Parameters: Decodable {
        let user_id: Int
        let chat_id: ChatID
        let tag: String?
    }

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let p: Parameters = try call.decode()
        // Cut to 16 characters as titles are; emoji are refused.
        let tag = String(String.UnicodeScalarView(
            (p.tag ?? "").trimmingCharacters(in: .whitespacesAndNewlines).unicodeScalars.prefix(16)))
        return try await Moderation.administer(
            call, chat: p.chat_id, user: p.user_id, kinds: [.group, .supergroup],
            privateError: "method is available only for groups and supergroups"
        ) { chat, target, tx in
            guard let current = try Groups.membership(of: target.id, in: chat.group, now: tx.now, in: tx.store),
                  current.isPresent
            else { throw APIError.badRequest("USER_NOT_PARTICIPANT") }
            switch current.status {
            case .creator where target.id != chat.actor.id:
                throw APIError.badRequest("TAG_CHANGE_FORBIDDEN")
            case .administrator where !chat.actorIsCreator && current.decodedDetails.promotedByID != chat.actor.id:
                throw APIError.badRequest("TAG_CHANGE_FORBIDDEN")
            case .member, .restricted:
                guard chat.actorIsCreator || chat.actorRights.canManageTags == true else {
                    throw APIError.badRequest("CHAT_ADMIN_REQUIRED")
                }
            default:
                break
            }
            if tag.unicodeScalars.contains(where: SetChatAdministratorCustomTitle.isEmoji) {
                throw APIError.badRequest("TAG_EMOJI_NOT_ALLOWED")
            }
            var details = current.decodedDetails
            guard (details.customTitle ?? "") != tag else { return }
            details.customTitle = tag.isEmpty ? nil : tag
            var record = current
            record.details = Data(details.jsonBytes)
            try Groups.changeMembership(of: target, in: chat.group, to: record, by: chat.actor, in: tx)
        }
    }
}

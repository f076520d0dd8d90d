import BotAPI
import Foundation
import Storage

/// `setChatDescription` (bots and users): sets or, when empty, removes the description.
/// Telegram refuses the description the chat already has; no service message records it.
enum SetChatDescription: APIMethod {
    static let name = "setChatDescription"
    static let surfaces: Set<Surface> = [.bot, .user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let chatID = try ChatSettings.chatID(of: call)
        let text = String((call.parameters["description"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines).prefix(255))
        let caller = call.account
        try await call.engine.write { tx in
            var (group, member) = try ChatSettings.group(
                chatID, caller: caller, now: tx.now, privateError: "can't change private chat description", in: tx.store)
            try ChatAccess(account: caller, member: member, group: group)
                .require(.changeInfo, otherwise: "not enough rights to set chat description")
            guard text != (group.details.description ?? "") else { throw APIError.badRequest("chat description is not modified") }
            group.details.description = text.isEmpty ? nil : text
            try Groups.save(group, in: tx.store)
        }
        return .true
    }
}

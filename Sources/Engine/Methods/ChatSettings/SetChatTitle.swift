import BotAPI
import Storage

/// `setChatTitle` (bots and users): renames a group, supergroup or channel and posts a
/// `new_chat_title` service message. The title is cleaned as TDLib cleans it (at most 128
/// characters); setting the current title changes nothing and succeeds.
enum SetChatTitle: APIMethod {
    static let name = "setChatTitle"
    static let surfaces: Set<Surface> = [.bot, .user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let chatID = try ChatSettings.chatID(of: call)
        let title = ChatSettings.cleanName(call.parameters["title"] ?? "", limit: 128)
        let caller = call.account
        try await call.engine.write { tx in
            var (group, member) = try ChatSettings.group(
                chatID, caller: caller, now: tx.now, privateError: "can't change private chat title", in: tx.store)
            guard !title.isEmpty else { throw APIError.badRequest("title must be non-empty") }
            try ChatAccess(account: caller, member: member, group: group)
                .require(.changeInfo, otherwise: "not enough rights to change chat title")
            guard title != group.record.title else { return }
            group.record.title = title
            try GroupChats.postService(from: caller, in: &group, tx: tx) { message in message.newChatTitle = title }
        }
        return .true
    }
}

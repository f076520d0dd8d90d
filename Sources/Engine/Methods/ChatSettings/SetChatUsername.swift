import BotAPI
import Storage

/// `setChatUsername` (users, an extension): the creator makes a chat public under
/// `username`, or private again with an empty one. Basic groups can't be public, so a
/// basic group is upgraded to a supergroup first, as Telegram's clients do; the answer is
/// the chat as it is afterwards (with its new id after an upgrade).
enum SetChatUsername: APIMethod {
    static let name = "setChatUsername"
    static let surfaces: Set<Surface> = [.user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let chatID = try ChatSettings.chatID(of: call)
        let username = call.parameters["username"].flatMap { $0.isEmpty ? nil : $0 }
        let caller = call.account
        if let username { try Usernames.validate(username, mustEndInBot: false) }
        let chat = try await call.engine.write { tx in
            var group = try Upgrade.basicGroupOwnedBy(caller, chatID: chatID, now: tx.now, in: tx.store)
            if let username, username.lowercased() != group.record.username?.lowercased() {
                try Usernames.ensureFree(username, in: tx.store)
            }
            if group.kind == .group {
                guard username != nil else { return Groups.view(group) }
                group = try Upgrade.upgrade(group, by: caller, tx: tx)
            }
            group.record.username = username
            try Groups.save(group, in: tx.store)
            return Groups.view(group)
        }
        return MethodResult(chat)
    }
}

import BotAPI
import Storage

/// `upgradeChat` (users, an extension): the creator upgrades a basic group to a
/// supergroup and gets the new chat (see ``Upgrade``).
enum UpgradeChat: APIMethod {
    static let name = "upgradeChat"
    static let surfaces: Set<Surface> = [.user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let chatID = try ChatSettings.chatID(of: call)
        let caller = call.account
        let chat = try await call.engine.write { tx in
            let group = try Upgrade.basicGroupOwnedBy(caller, chatID: chatID, now: tx.now, in: tx.store)
            guard group.kind == .group else { throw APIError.badRequest("chat is not a basic group") }
            return Groups.view(try Upgrade.upgrade(group, by: caller, tx: tx))
        }
        return MethodResult(chat)
    }
}

import BotAPI
import Storage

/// `getChatAdministrators` (bots and users): the creator and administrators of a group.
/// Other bots are left out unless `return_bots` is true; the caller itself is always in.
enum GetChatAdministrators: APIMethod {
    static let name = "getChatAdministrators"
    static let surfaces: Set<Surface> = [.bot, .user]

    struct Parameters: Decodable {
        let chat_id: ChatID
        let return_bots: Bool?
    }

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let p: Parameters = try call.decode()
        let caller = call.account
        let now = call.engine.clock.now()
        let admins = try await call.engine.store.read { tx -> [ChatMember] in
            let group = try ChatLookup.group(p.chat_id, caller: caller, now: now, privateError: "there are no administrators in the private chat", in: tx)
            var result: [ChatMember] = []
            for member in try Groups.presentMembers(of: group, now: now, in: tx) where member.isAdministrator {
                guard let account = try tx.account(id: member.accountID) else { continue }
                if account.isBot && account.id != caller.id && !(p.return_bots ?? false) { continue }
                result.append(Groups.chatMember(member, account: account, viewer: caller, group: group))
                if result.count == 100 { break }
            }
            return result
        }
        return MethodResult(admins)
    }
}

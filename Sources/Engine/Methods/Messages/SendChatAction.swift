import BotAPI
import Storage

/// `sendChatAction` for bots and users: checks the action and that the caller may write in
/// the chat, and answers True. Nothing is stored: an action is a few seconds of "typing…"
/// that no update carries; people with an open push channel see it as a `chat_action` event.
enum SendChatAction: APIMethod {
    static let name = "sendChatAction"
    static let surfaces: Set<Surface> = [.bot, .user]

    static let actions: Set<String> = [
        "typing", "upload_photo", "record_video", "upload_video", "record_voice", "upload_voice", "upload_document",
        "choose_sticker", "find_location", "record_video_note", "upload_video_note",
    ]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        if call.parameters["chat_id"] == nil { throw APIError.badRequest("chat_id is empty") }
        guard let action = call.parameters["action"], actions.contains(action.lowercased()) else {
            throw APIError.badRequest("wrong parameter action in request")
        }
        let p: SendChatActionParameters = try call.decode()
        let caller = call.account
        let business = call.businessConnectionID
        let (sender, audience) = try await call.engine.write { tx -> (AccountRecord, ChatActions.Audience) in
            // A business bot shows the action as its business account's.
            if let business {
                let access = try BusinessConnections.resolve(business, bot: caller, in: tx.store)
                let peer = try BusinessMessages.peer(p.chatId, access: access, in: tx.store)
                try access.require(.reply)
                return (access.user, ChatActions.audience(privateChatOf: access.user, with: peer))
            }
            let sender = caller
            switch try Outbox.destination(p.chatId, from: sender, in: tx.store) {
            case .privateChat(let peer):
                // Opening the chat checks blocks and who may start it; a person's action
                // alone does not create one.
                if sender.isBot || peer.isDeleted { _ = try PrivateChats.openChat(from: sender, to: peer, in: tx.store) }
                return (sender, ChatActions.audience(privateChatOf: sender, with: peer))
            case .group(let group):
                _ = try Groups.requirePresence(of: sender, in: group, now: tx.now, in: tx.store)
                return (sender, try ChatActions.audience(of: group, besides: sender, now: tx.now, in: tx.store))
            }
        }
        // MARK: Web client: the action reaches the people's open push channels (nothing is stored).
        call.engine.announce(action.lowercased(), by: sender, threadID: p.messageThreadId, to: audience)
        return .true
    }
}

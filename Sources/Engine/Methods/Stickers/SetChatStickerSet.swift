import BotAPI
import Storage

/// `setChatStickerSet` (bots and users): a regular sticker set for a supergroup of at least
/// ``ChatStickerSets/minimumMembers`` members; needs the right to change the chat's info.
enum SetChatStickerSet: APIMethod {
    static let name = "setChatStickerSet"
    static let surfaces: Set<Surface> = [.bot, .user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let chatID = try ChatSettings.chatID(of: call)
        let setName = (call.parameters["sticker_set_name"] ?? "").trimmingCharacters(in: .whitespaces)
        let caller = call.account
        try await call.engine.write { tx in
            let group = try ChatStickerSets.editable(chatID, caller: caller, now: tx.now, in: tx.store)
            guard !setName.isEmpty else { throw APIError.badRequest("sticker_set_name is empty") }
            guard let set = try tx.store.stickerSet(name: setName) else { throw APIError.badRequest("sticker set not found") }
            guard set.stickerType == StickerType.regular.rawValue else { throw StickerSets.setInvalid }
            guard try ChatStickerSets.isLargeEnough(group, now: tx.now, in: tx.store) else {
                throw APIError.badRequest("PARTICIPANTS_TOO_FEW")
            }
            try tx.store.setChatStickerSet(chatID: group.chat.id, setID: set.id)
        }
        return .true
    }
}

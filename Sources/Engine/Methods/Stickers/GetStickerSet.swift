import BotAPI
import Storage

/// `getStickerSet` (bots and users): any set by name, whoever made it. Its stickers'
/// `file_id`s are the caller's to send from then on, as on Telegram.
enum GetStickerSet: APIMethod {
    static let name = "getStickerSet"
    static let surfaces: Set<Surface> = [.bot, .user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let name = (call.parameters["name"] ?? "").trimmingCharacters(in: .whitespaces)
        let caller = call.account
        if name.lowercased() == TopicIcons.setName.lowercased() { try await TopicIcons.ensure(call.engine) }
        let view = try await call.engine.write { tx in
            guard !name.isEmpty, let set = try tx.store.stickerSet(name: name) else { throw StickerSets.setInvalid }
            let (view, files) = try StickerSets.view(set, in: tx.store)
            try StickerSets.grant(files, to: caller, in: tx.store)
            return view
        }
        return MethodResult(view)
    }
}

import BotAPI
import Storage

/// `getForumTopicIconStickers` (bots and users): the custom emoji usable as topic icons
/// (``TopicIcons``). Their `file_id`s are the caller's to use from then on.
enum GetForumTopicIconStickers: APIMethod {
    static let name = "getForumTopicIconStickers"
    static let surfaces: Set<Surface> = [.bot, .user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        try await TopicIcons.ensure(call.engine)
        let caller = call.account
        let stickers = try await call.engine.write { tx in
            guard let set = try tx.store.stickerSet(name: TopicIcons.setName) else { return [Sticker]() }
            let (view, files) = try StickerSets.view(set, in: tx.store)
            try StickerSets.grant(files, to: caller, in: tx.store)
            return view.set.stickers
        }
        return MethodResult(stickers)
    }
}

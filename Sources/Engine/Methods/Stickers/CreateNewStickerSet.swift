import BotAPI
import Storage

/// `createNewStickerSet`: a new set of 1-50 stickers owned by `user_id` and managed by the
/// calling bot, named `<something>_by_<bot username>`.
enum CreateNewStickerSet: APIMethod {
    static let name = "createNewStickerSet"
    static let surfaces: Set<Surface> = [.bot]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let parameters = call.parameters
        // The official order: user, stickers, type; then the owner, title and name.
        let userID = try StickerSets.ownerID(parameters["user_id"])
        let inputs = try StickerSets.parseList(parameters["stickers"])
        let containsMasks = parameters["contains_masks"].map(LenientParse.bool) == true
        let type = try containsMasks ? .mask : StickerType.parse(parameters["sticker_type"])
        let needsRepainting = type == .customEmoji && parameters["needs_repainting"].map(LenientParse.bool) == true
        let bot = call.account
        let owner = try await call.engine.store.read { try StickerSets.owner(userID, bot: bot, in: $0) }
        let title = try StickerSets.checkedTitle(parameters["title"])
        let name = try StickerSets.checkedName(parameters["name"], bot: bot)
        guard !inputs.isEmpty else { throw APIError.badRequest("STICKERS_EMPTY") }
        try await requireFree(name, engine: call.engine)
        var prepared: [PreparedSticker] = []
        for input in inputs {
            prepared.append(try await StickerSets.prepare(input, type: type, context: "can't parse InputSticker: ", in: call))
        }
        let stickers = prepared
        try await call.engine.write { tx in
            guard try tx.store.stickerSet(name: name) == nil else { throw CreateNewStickerSet.occupied }
            let set = try tx.store.insert(StickerSetRecord(
                name: name, title: title, stickerType: type.rawValue, needsRepainting: needsRepainting, ownerUserID: owner.id,
                botID: bot.id, createdAt: tx.now))
            for (position, sticker) in stickers.enumerated() {
                try StickerSets.add(sticker, to: set, position: position, tx: tx)
            }
        }
        return .true
    }

    static let occupied = APIError.badRequest("sticker set name is already occupied")

    /// Names are unique world-wide, whatever bot holds them.
    private static func requireFree(_ name: String, engine: Engine) async throws {
        if try await engine.store.read({ try $0.stickerSet(name: name) }) != nil { throw occupied }
    }
}

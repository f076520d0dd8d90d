import BotAPI
import Storage

/// `addStickerToSet`: appends a sticker to a set of the bot's that `user_id` owns; regular
/// and mask sets hold 120 stickers, custom emoji sets 200.
enum AddStickerToSet: APIMethod {
    static let name = "addStickerToSet"
    static let surfaces: Set<Surface> = [.bot]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let userID = try StickerSets.ownerID(call.parameters["user_id"])
        let name = call.parameters["name"]
        let input = try StickerSets.parseOne(call.parameters["sticker"])
        let bot = call.account
        let set = try await call.engine.store.read { tx in
            let owner = try StickerSets.owner(userID, bot: bot, in: tx)
            return try StickerSets.managed(name, by: bot, owner: owner, in: tx)
        }
        let type = StickerType(rawValue: set.stickerType) ?? .regular
        let prepared = try await StickerSets.prepare(input, type: type, context: "can't parse sticker: ", in: call)
        try await call.engine.write { tx in
            // The set may have changed while the file was checked.
            guard let current = try tx.store.stickerSet(id: set.id) else { throw StickerSets.setInvalid }
            let count = try tx.store.stickers(setID: current.id).count
            guard count < type.capacity else { throw APIError.badRequest("STICKERS_TOO_MUCH") }
            try StickerSets.add(prepared, to: current, position: count, tx: tx)
        }
        return .true
    }
}

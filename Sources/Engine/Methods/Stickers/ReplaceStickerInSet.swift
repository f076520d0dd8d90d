import BotAPI
import Storage

/// `replaceStickerInSet`: puts a new sticker in the place of `old_sticker`, in a set of the
/// bot's that `user_id` owns. The new sticker is a new file with its own (custom emoji) id.
enum ReplaceStickerInSet: APIMethod {
    static let name = "replaceStickerInSet"
    static let surfaces: Set<Surface> = [.bot]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let userID = try StickerSets.ownerID(call.parameters["user_id"])
        let name = call.parameters["name"]
        let oldFileID = (call.parameters["old_sticker"] ?? "").trimmingCharacters(in: .whitespaces)
        guard !oldFileID.isEmpty else { throw APIError.badRequest("sticker is not specified") }
        let input = try StickerSets.parseOne(call.parameters["sticker"])
        let bot = call.account
        let (set, old) = try await call.engine.store.read { tx in
            let owner = try StickerSets.owner(userID, bot: bot, in: tx)
            let set = try StickerSets.managed(name, by: bot, owner: owner, in: tx)
            let (old, oldSet) = try StickerSets.managedSticker(oldFileID, by: bot, in: tx)
            guard oldSet.id == set.id else { throw APIError.badRequest("STICKER_INVALID") }
            return (set, old)
        }
        let prepared = try await StickerSets.prepare(input, type: StickerType(rawValue: set.stickerType) ?? .regular, context: "can't parse sticker: ", in: call)
        try await call.engine.write { tx in
            guard let current = try tx.store.sticker(id: old.id), current.setID == set.id else { throw APIError.badRequest("STICKER_INVALID") }
            try tx.store.deleteSticker(id: current.id)
            try StickerSets.add(prepared, to: set, position: current.position, tx: tx)
        }
        return .true
    }
}

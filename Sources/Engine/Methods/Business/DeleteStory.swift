import BotAPI
import Storage

/// `deleteStory`: deletes a story the bot posted on the business account (right
/// `can_manage_stories`).
enum DeleteStory: APIMethod {
    static let name = "deleteStory"
    static let surfaces: Set<Surface> = [.bot]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let bot = call.account
        let id = call.businessConnectionID
        let storyID = call.parameters["story_id"].map(LenientParse.integer) ?? 0
        try await call.engine.write { tx in
            let access = try BusinessConnections.resolve(id, bot: bot, requiring: .manageStories, in: tx.store)
            // TDLib's check of the id, then Telegram's name for a story that isn't the bot's (guess).
            guard storyID > 0 else { throw APIError.badRequest("invalid story identifier specified") }
            guard let record = try tx.store.story(ownerID: access.user.id, storyID: Int64(storyID)), record.posterID == bot.id else {
                throw APIError.badRequest("STORY_ID_INVALID")
            }
            try tx.store.deleteStory(ownerID: record.ownerID, storyID: record.storyID)
        }
        return .true
    }
}

import BotAPI
import Storage

/// `repostStory`: reposts, on the business account (right `can_manage_stories`), an active
/// story this bot posted on another business account it manages (`from_chat_id`,
/// `from_story_id`), as Telegram requires.
enum RepostStory: APIMethod {
    static let name = "repostStory"
    static let surfaces: Set<Surface> = [.bot]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        guard let fromText = call.parameters["from_chat_id"], !fromText.isEmpty else {
            throw APIError.badRequest("parameter \"from_chat_id\" is required")
        }
        let bot = call.account
        let id = call.businessConnectionID
        let fromChat = Int64(LenientParse.integer(fromText))
        // The official server reads the story's id from `story_id`; the spec names it `from_story_id`.
        let fromStory = (call.parameters["from_story_id"] ?? call.parameters["story_id"]).map(LenientParse.integer) ?? 0
        let activePeriod = call.parameters["active_period"].map(LenientParse.integer) ?? 0
        let postToChatPage = call.parameters["post_to_chat_page"].map(LenientParse.bool) ?? false
        let protectContent = call.parameters["protect_content"].map(LenientParse.bool) ?? false
        let story = try await call.engine.write { tx in
            let access = try BusinessConnections.resolve(id, bot: bot, requiring: .manageStories, in: tx.store)
            guard Stories.activePeriods.contains(activePeriod) else { throw APIError.badRequest("invalid story active period specified") }
            // The source is another account managed by this bot, and the story is the bot's.
            let invalid = APIError.badRequest("invalid story to repost specified")
            guard fromChat > 0, fromChat != access.user.id, let source = try tx.store.account(id: fromChat), !source.isBot,
                  try BusinessConnections.enabledConnection(of: source.id, in: tx.store)?.botID == bot.id,
                  let (record, original) = try Stories.active(fromStory, of: source, in: tx.store, now: tx.now),
                  record.posterID == bot.id
            else { throw invalid }
            if original.protectContent { throw APIError.badRequest("story can't be reposted") }
            var story = original
            story.postToChatPage = postToChatPage
            story.protectContent = protectContent
            story.repostedFromChatID = Int(source.id)
            story.repostedFromStoryID = Int(record.storyID)
            return Stories.view(try Stories.post(story, of: access.user, by: bot, activePeriod: activePeriod, in: tx), owner: access.user)
        }
        return MethodResult(story)
    }
}

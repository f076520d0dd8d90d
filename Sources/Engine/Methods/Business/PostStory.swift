import BotAPI
import Storage

/// `postStory`: a story on the business account (right `can_manage_stories`): an uploaded
/// photo or video, a caption with entities, clickable areas, active for 6 or 12 hours, one
/// or two days.
enum PostStory: APIMethod {
    static let name = "postStory"
    static let surfaces: Set<Surface> = [.bot]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let (item, areas) = try await Stories.upload(in: call)
        let bot = call.account
        let id = call.businessConnectionID
        let activePeriod = call.parameters["active_period"].map(LenientParse.integer) ?? 0
        let postToChatPage = call.parameters["post_to_chat_page"].map(LenientParse.bool) ?? false
        let protectContent = call.parameters["protect_content"].map(LenientParse.bool) ?? false
        let story = try await call.engine.write { tx in
            let (caption, entities) = try Stories.caption(of: call, bot: bot, in: tx.store)
            let access = try BusinessConnections.resolve(id, bot: bot, requiring: .manageStories, in: tx.store)
            guard Stories.activePeriods.contains(activePeriod) else { throw APIError.badRequest("invalid story active period specified") }
            var story = StoredStory(content: try Stories.content(of: item, in: tx), caption: caption, captionEntities: entities, areas: areas)
            story.postToChatPage = postToChatPage
            story.protectContent = protectContent
            return Stories.view(try Stories.post(story, of: access.user, by: bot, activePeriod: activePeriod, in: tx), owner: access.user)
        }
        return MethodResult(story)
    }
}

import BotAPI
import Foundation
import Storage

/// `editStory`: replaces the content, caption and areas of an active story the bot posted
/// on the business account (right `can_manage_stories`); its date and period stay.
enum EditStory: APIMethod {
    static let name = "editStory"
    static let surfaces: Set<Surface> = [.bot]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let (item, areas) = try await Stories.upload(in: call)
        let bot = call.account
        let id = call.businessConnectionID
        let storyID = call.parameters["story_id"].map(LenientParse.integer) ?? 0
        let story = try await call.engine.write { tx in
            let (caption, entities) = try Stories.caption(of: call, bot: bot, in: tx.store)
            let access = try BusinessConnections.resolve(id, bot: bot, requiring: .manageStories, in: tx.store)
            guard var (record, story) = try Stories.active(storyID, of: access.user, in: tx.store, now: tx.now), record.posterID == bot.id
            else { throw APIError.badRequest("story can't be edited") }
            story.content = try Stories.content(of: item, in: tx)
            story.caption = caption
            story.captionEntities = entities
            story.areas = areas
            record.content = Data(story.jsonBytes)
            try tx.store.save(record)
            try Stories.grantFiles(of: story, to: access.user, in: tx.store)
            return Stories.view(record, owner: access.user)
        }
        return MethodResult(story)
    }
}

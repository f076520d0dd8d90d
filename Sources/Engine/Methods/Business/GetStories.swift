import BotAPI
import Storage

/// `getStories` (users, docs/user-api-extensions.md): the active stories of a person
/// (`user_id`, default the caller), oldest first, each with its content, caption and areas;
/// the caller may download their files from then on.
enum GetStories: APIMethod {
    static let name = "getStories"
    static let surfaces: Set<Surface> = [.user]

    /// One story as people see it: the Bot API's `Story` (`chat`, `id`) with its dates and
    /// what it shows.
    struct Seen: JSONWritable {
        let story: Story
        let date: Int64
        let expirationDate: Int64
        let content: StoredStory

        func writeJSON(to writer: inout JSONWriter) {
            writer.beginObject()
            writer.member("chat", story.chat)
            writer.member("id", story.id)
            writer.member("date", Int(date))
            writer.member("expiration_date", Int(expirationDate))
            writer.member("story", content)
            writer.endObject()
        }
    }

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let viewer = call.account
        let userID = call.parameters["user_id"].map { Int64(LenientParse.integer($0)) } ?? viewer.id
        let seen = try await call.engine.write { tx in
            guard userID > 0, let owner = try Visibility.account(id: userID, viewer: viewer, in: tx.store), !owner.isDeleted, !owner.isBot
            else { throw APIError.badRequest("user not found") }
            var seen: [Seen] = []
            for record in try tx.store.stories(ownerID: owner.id, activeAt: tx.now) {
                guard let (_, story) = try Stories.active(Int(record.storyID), of: owner, in: tx.store, now: tx.now) else { continue }
                try Stories.grantFiles(of: story, to: viewer, in: tx.store)
                seen.append(Seen(story: Stories.view(record, owner: owner), date: record.date, expirationDate: record.expiresAt, content: story))
            }
            return seen
        }
        return MethodResult(seen)
    }
}

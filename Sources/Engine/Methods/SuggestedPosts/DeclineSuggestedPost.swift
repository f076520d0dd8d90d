import BotAPI
import Storage

/// `declineSuggestedPost` (bots and users): a manager of a channel's direct messages
/// declines a post a user suggested there, with an optional comment for its author
/// (``SuggestedPosts``).
enum DeclineSuggestedPost: APIMethod {
    static let name = "declineSuggestedPost"
    static let surfaces: Set<Surface> = [.bot, .user]

    /// `message_id` is optional here, as in ``ApproveSuggestedPost``.
    struct Parameters: Decodable {
        let chat_id: ChatID
        let message_id: Int?
        let comment: String?
    }

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let p: Parameters = try call.decode()
        return try await SuggestedPosts.act(on: p.chat_id, messageID: p.message_id, call: call) { post, actor, tx in
            guard (p.comment ?? "").count <= 128 else { throw APIError.badRequest("comment is too long") }
            try SuggestedPosts.decline(post, comment: p.comment, by: actor, tx: tx)
        }
    }
}

import BotAPI
import Storage

/// `approveSuggestedPost` (bots and users): an administrator who may post in the channel
/// approves a post a user suggested in its direct messages (``SuggestedPosts``). The post
/// is published now, at `send_date`, or at the date it was suggested with.
enum ApproveSuggestedPost: APIMethod {
    static let name = "approveSuggestedPost"
    static let surfaces: Set<Surface> = [.bot, .user]

    /// `message_id` is optional here: the official server looks at the chat first and then
    /// answers "suggested post not found" for a missing one.
    struct Parameters: Decodable {
        let chat_id: ChatID
        let message_id: Int?
        let send_date: Int64?
    }

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let p: Parameters = try call.decode()
        // 0 means "the date already chosen", as omitting it does.
        let sendDate = p.send_date.flatMap { $0 == 0 ? nil : $0 }
        return try await SuggestedPosts.act(on: p.chat_id, messageID: p.message_id, call: call) { post, actor, tx in
            try SuggestedPosts.approve(post, sendDate: sendDate, by: actor, tx: tx)
        }
    }
}

import BotAPI

/// `getForumTopicIconStickers` (bots and users): the custom emoji usable as topic icons.
/// The server has no sticker sets, so the list is empty.
enum GetForumTopicIconStickers: APIMethod {
    static let name = "getForumTopicIconStickers"
    static let surfaces: Set<Surface> = [.bot, .user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        MethodResult(json: Array("[]".utf8))
    }
}

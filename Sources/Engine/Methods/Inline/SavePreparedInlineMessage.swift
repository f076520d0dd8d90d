import BotAPI
import Foundation
import Storage

/// `savePreparedInlineMessage`: stores a result a user of the bot's Mini App may then send
/// (``PreparedInlineMessages``). Answers `PreparedInlineMessage` with its id and expiry.
enum SavePreparedInlineMessage: APIMethod {
    static let name = "savePreparedInlineMessage"
    static let surfaces: Set<Surface> = [.bot]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let userID = call.parameters["user_id"].map(LenientParse.integer) ?? 0
        guard userID > 0 else { throw APIError.badRequest("invalid user_id specified") }
        let result = try InlineResults.parseSingle(call.parameters["result"])
        let allowed = PreparedInlineMessages.ChatTypes(
            users: call.parameters["allow_user_chats"].map(LenientParse.bool) ?? false,
            bots: call.parameters["allow_bot_chats"].map(LenientParse.bool) ?? false,
            groups: call.parameters["allow_group_chats"].map(LenientParse.bool) ?? false,
            channels: call.parameters["allow_channel_chats"].map(LenientParse.bool) ?? false)
        let bot = call.account
        try await InlineResults.check([result], bot: bot, engine: call.engine)
        guard allowed.any else { throw APIError.badRequest("PEER_TYPES_INVALID") }
        let prepared = try await call.engine.write { tx in
            guard let user = try Visibility.account(id: Int64(userID), viewer: bot, in: tx.store), !user.isBot else {
                throw APIError.badRequest("user not found")
            }
            try InlineSending.checkText(of: result, bot: bot, in: tx.store)
            return try PreparedInlineMessages.save(result, for: user, allowed: allowed, by: bot, in: tx)
        }
        return MethodResult(prepared)
    }
}

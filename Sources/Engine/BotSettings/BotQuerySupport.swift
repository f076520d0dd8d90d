import BotAPI
import Storage

/// Which kinds of queries a bot takes besides the usual ones (on Telegram, switched on in
/// @BotFather; here with the admin's `setBotQuerySupport`): guest queries (`guest_message`,
/// answered with `answerGuestQuery`) and join-request queries (`chat_join_request` with a
/// `query_id`, answered with `answerChatJoinRequestQuery`). getMe shows both.
struct BotQuerySupport: Codable, Sendable, Equatable {
    var guestQueries = false
    var joinRequestQueries = false

    private static func key(_ bot: Int64) -> String { "bot_queries:\(bot)" }

    static func of(_ bot: Int64, in store: any StoreReader) throws -> BotQuerySupport {
        try JSONSetting.load(BotQuerySupport.self, key(bot), from: store) ?? BotQuerySupport()
    }

    static func set(_ support: BotQuerySupport, of bot: Int64, in store: any StoreWriter) throws {
        try JSONSetting.save(support, key(bot), to: store)
    }
}

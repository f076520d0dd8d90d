import BotAPI
import Foundation
import Storage
import Synchronization

/// What a bot answered to a join-request query: `approve`, `decline` or `queue`
/// (`answerChatJoinRequestQuery`), or a Web App to show the user first
/// (`sendChatJoinRequestWebApp`).
struct JoinRequestAnswer: Codable, Sendable, Equatable {
    enum Result: String, Codable, Sendable {
        case approve, decline, queue
        case webApp = "web_app"
    }

    var result: Result
    var webAppURL: String?
}

/// Join-request queries: a user asks to join a chat through a link that needs approval, and
/// a bot administering the chat that takes these queries (`setBotQuerySupport`) gets the
/// `chat_join_request` with a `query_id`; the user's `joinChat` waits for its answer, as
/// `sendCallbackQuery` waits for a callback answer (``PendingAnswers``). The answer takes
/// effect in the bot's own call (the request is approved or declined there), so it holds
/// whether the user still waits or not; the wait only tells the user what happened.
enum JoinRequestQueries {
    /// A query to open while filing a request: its id and how long the user waits.
    final class Ask: Sendable {
        let queries: PendingAnswers<JoinRequestAnswer>
        let timeout: Duration
        private let random: String
        /// The id of the query opened, once one is: a failed transaction discards it.
        private let opened = Mutex<String?>(nil)

        init(queries: PendingAnswers<JoinRequestAnswer>, timeout: Duration) {
            self.queries = queries
            self.timeout = timeout
            random = queries.newQueryID()
        }

        fileprivate func open(botID: Int64, userID: Int64, chat: Int64, in tx: Transaction) throws -> String {
            let id = ChatQueryIDs.make(random, chat: chat)
            try queries.open(id, botID: botID, userID: userID, timeout: timeout, in: tx)
            opened.withLock { $0 = id }
            return id
        }

        /// Forgets the query if one was opened in a transaction that failed.
        func discard() {
            if let id = opened.withLock({ $0 }) { queries.discard(id) }
        }
    }

    /// The query that was opened: to which bot, in which chat (internal id).
    struct Asked: Sendable {
        let queryID: String
        let botID: Int64
        let chatID: Int64
    }

    /// How long `joinChat` waits by default, and at most (the `chat_join_request` update's
    /// first retention bound for queries, as for callback queries).
    static let defaultTimeout: Double = 10
    static let maxTimeout: Double = 150

    /// Opens a query for `user`'s new request in `group`, to the first administrator bot
    /// that may manage invite links and takes join-request queries; nil when none does.
    static func open(_ ask: Ask, for user: AccountRecord, in group: Group, tx: Transaction) throws -> Asked? {
        for admin in try Groups.presentMembers(of: group, now: tx.now, in: tx.store) where admin.isAdministrator {
            guard let bot = try tx.store.account(id: admin.accountID), bot.isBot, !bot.isDeleted,
                  ChatAccess(account: bot, member: admin, group: group).may(.manageInviteLinks),
                  try BotQuerySupport.of(bot.id, in: tx.store).joinRequestQueries
            else { continue }
            let id = try ask.open(botID: bot.id, userID: user.id, chat: group.chat.id, in: tx)
            return Asked(queryID: id, botID: bot.id, chatID: group.chat.id)
        }
        return nil
    }

    /// Records `bot`'s answer to `queryID` and acts on it: `approve` admits the user and
    /// `decline` drops the request, on the bot's behalf (it must still manage invite links);
    /// `queue` and a Web App leave the request to the chat's administrators.
    static func answer(
        _ queryID: String, with answer: JoinRequestAnswer, by bot: AccountRecord, queries: PendingAnswers<JoinRequestAnswer>,
        in tx: Transaction
    ) throws {
        guard let query = try queries.openQuery(queryID, botID: bot.id, in: tx), let chatID = ChatQueryIDs.chatID(of: queryID),
              var group = try Groups.load(internalID: chatID, in: tx.store),
              let user = try tx.store.account(id: query.userID), !user.isDeleted
        else { throw InlineQueries.tooOld }
        try InviteLinks.requireManager(bot, in: group, now: tx.now, in: tx.store)
        switch answer.result {
        case .approve: try JoinRequests.settle(user, approve: true, in: &group, by: bot, tx: tx)
        case .decline: try JoinRequests.settle(user, approve: false, in: &group, by: bot, tx: tx)
        case .queue: break
        case .webApp:
            // The user's app opens the Web App: a user-surface update tells it which.
            var writer = JSONWriter()
            writer.beginObject()
            writer.member("chat", Groups.view(group))
            writer.member("bot", Views.user(bot))
            writer.member("web_app_url", answer.webAppURL ?? "")
            writer.endObject()
            try tx.enqueue(.chatJoinRequestWebApp(chat: group.clientID, writer.bytes), for: user.id, toPerson: true)
        }
        guard try queries.answer(queryID, botID: bot.id, with: answer, in: tx) else { throw InlineQueries.tooOld }
    }

    /// Waits for the bot's answer to the user's request; the chat when the bot approved it.
    static func outcome(of asked: Asked, ask: Ask, user: AccountRecord, engine: Engine) async throws -> Chat? {
        let answer = await ask.queries.wait(for: asked.queryID, timeout: ask.timeout, engine: engine)
        // A wait ended by the user's token being revoked (or the user deleted) is a 401.
        if answer == nil { try await engine.requireCurrent(user) }
        guard answer?.result == .approve else { return nil }
        return try await engine.store.read { store in try Groups.load(internalID: asked.chatID, in: store).map(Groups.view) }
    }
}

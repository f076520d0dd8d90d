import BotAPI
import Storage

/// `sendChatJoinRequestWebApp` (bots): answers a join request put to the bot by asking the
/// user to open a Web App first (an HTTPS URL, checked as Web App buttons are). The user's
/// waiting `joinChat` ends with "INVITE_REQUEST_SENT", and the user gets the user-surface
/// update `chat_join_request_web_app`; the request stays pending for the bot (or an
/// administrator) to approve or decline with `approveChatJoinRequest` / `declineChatJoinRequest`.
enum SendChatJoinRequestWebApp: APIMethod {
    static let name = "sendChatJoinRequestWebApp"
    static let surfaces: Set<Surface> = [.bot]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let queryID = call.parameters["chat_join_request_query_id"] ?? ""
        let url = try Keyboards.checkedWebAppURL(call.parameters["web_app_url"] ?? "", what: "Web App ")
        let bot = call.account, queries = call.engine.joinRequestQueries
        try await call.engine.write { tx in
            try JoinRequestQueries.answer(queryID, with: JoinRequestAnswer(result: .webApp, webAppURL: url), by: bot, queries: queries, in: tx)
        }
        return .true
    }
}

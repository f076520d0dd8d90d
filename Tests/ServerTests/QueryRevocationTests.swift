import Foundation
import Testing

/// A user whose token ends while a query of theirs is open: the waiting call ends with 401,
/// the query takes no answer, and the orders they validated can't be paid with.
@Suite struct QueryRevocationTests {
    @Test func aRevokedTokenEndsTheWaitAndItsQueries() async throws {
        try await TestWorld().run { client in
            let pair = try await client.chatPair()
            let sent = try await client.botSends(pair, #"{"inline_keyboard":[[{"text":"Yes","callback_data":"yes"}]]}"#)
            async let pressed = client.user(pair.user, "sendCallbackQuery", [
                "chat_id": "\(pair.botID)", "message_id": "\(sent.resultObject["message_id"] as? Int ?? 0)", "data": "yes", "timeout": "30",
            ])
            let query = try await client.nextPaymentUpdate("callback_query", bot: pair.bot)
            let started = ContinuousClock.now
            let revoked = try await client.admin("revokeToken", ["user_id": "\(pair.userID)"])
            let newToken = try #require(revoked.resultObject["token"] as? String)
            #expect(try await pressed.status == 401)
            #expect(ContinuousClock.now - started < .seconds(10))
            let late = try await client.bot(pair.bot, "answerCallbackQuery", ["callback_query_id": query["id"] as? String ?? ""])
            #expect(late.description == "Bad Request: query is too old and response timeout expired or query ID is invalid")

            let invoice = try await client.bot(pair.bot, "sendInvoice", [
                "chat_id": "\(pair.userID)", "title": "Tea", "description": "Tea", "payload": "tea", "provider_token": "TEST:1",
                "currency": "USD", "prices": #"[{"label":"Tea","amount":300}]"#, "need_email": "true",
            ])
            let target = ["chat_id": "\(pair.botID)", "message_id": "\(invoice.resultObject["message_id"] as? Int ?? 0)"]
            var validation = target
            validation["order_info"] = #"{"email":"ann@example.com"}"#
            let validated = try await client.user(newToken, "validateOrderInfo", validation)
            var payment = target
            payment["order_info_id"] = try #require(validated.resultObject["order_info_id"] as? String, "\(validated.body)")
            let again = try await client.admin("revokeToken", ["user_id": "\(pair.userID)"])
            let newest = try #require(again.resultObject["token"] as? String)
            #expect(try await client.user(newest, "payInvoice", payment).description == "Bad Request: ORDER_INFO_ID_INVALID")
        }
    }
}

import Engine
import Foundation
import Storage
import Testing

/// A user's call waiting on one instance gets the bot's answer given on another (needs
/// BOTAPI_TEST_DATABASE: two instances on one PostgreSQL world, following each other's signals).
@Suite(.enabled(if: TestStores.databaseURL != nil, "needs BOTAPI_TEST_DATABASE"))
struct InstancesAnswersTests {
    static let tooOld = "Bad Request: query is too old and response timeout expired or query ID is invalid"

    @Test func aCallbackPressedOnOneInstanceIsAnsweredOnTheOther() async throws {
        try await InstancesTests.twoInstances { _, _, clientA, clientB in
            let pair = try await clientA.chatPair()
            let sent = try await clientA.botSends(pair, #"{"inline_keyboard":[[{"text":"Yes","callback_data":"vote:yes"}]]}"#, text: "Vote?")
            let messageID = sent.resultObject["message_id"] as? Int ?? 0
            let started = ContinuousClock.now
            async let pressed = clientB.user(pair.user, "sendCallbackQuery", [
                "chat_id": "\(pair.botID)", "message_id": "\(messageID)", "data": "vote:yes", "timeout": "30",
            ])
            let query = try await clientA.nextPaymentUpdate("callback_query", bot: pair.bot)
            let queryID = try #require(query["id"] as? String)
            let answered = try await clientA.bot(pair.bot, "answerCallbackQuery", [
                "callback_query_id": queryID, "text": "Counted", "show_alert": "true",
            ])
            #expect(answered.ok, "\(answered.body)")
            let answer = try await pressed
            #expect(answer.body == #"{"ok":true,"result":{"text":"Counted","show_alert":true,"cache_time":0}}"#)
            // Woken by the answer's signal, long before the 30 s timeout.
            #expect(ContinuousClock.now - started < .seconds(10))
            // A second answer, on either instance, is refused.
            for client in [clientA, clientB] {
                #expect(try await client.bot(pair.bot, "answerCallbackQuery", ["callback_query_id": queryID]).description == Self.tooOld)
            }
        }
    }

    @Test func anOrderValidatedOnOneInstanceIsPaidOnTheOther() async throws {
        try await InstancesTests.twoInstances { _, _, clientA, clientB in
            let pair = try await clientA.chatPair()
            let sent = try await clientA.bot(pair.bot, "sendInvoice", [
                "chat_id": "\(pair.userID)", "title": "Mug", "description": "A mug", "payload": "mug", "provider_token": "TEST:123",
                "currency": "USD", "prices": #"[{"label":"Mug","amount":1500}]"#, "is_flexible": "true", "need_name": "true",
            ])
            let target = ["chat_id": "\(pair.botID)", "message_id": "\(sent.resultObject["message_id"] as? Int ?? 0)"]
            var validation = target
            validation["order_info"] = #"{"name":"Ann","shipping_address":{"country_code":"DE","state":"","city":"Berlin","street_line1":"Unter den Linden 1","street_line2":"","post_code":"10117"}}"#
            validation["timeout"] = "30"
            // Validated on A, the shipping query answered on B…
            async let validating = clientA.user(pair.user, "validateOrderInfo", validation)
            let shipping = try await clientB.nextPaymentUpdate("shipping_query", bot: pair.bot)
            #expect(try await clientB.bot(pair.bot, "answerShippingQuery", [
                "shipping_query_id": shipping["id"] as? String ?? "", "ok": "true",
                "shipping_options": #"[{"id":"post","title":"Post","prices":[{"label":"Post","amount":500}]}]"#,
            ]).ok)
            let validated = try await validating
            let orderInfoID = try #require(validated.resultObject["order_info_id"] as? String, "\(validated.body)")
            // …paid on B, the pre-checkout query answered on A.
            var payment = target
            payment["order_info_id"] = orderInfoID
            payment["shipping_option_id"] = "post"
            payment["timeout"] = "30"
            async let paying = clientB.user(pair.user, "payInvoice", payment)
            let preCheckout = try await clientA.nextPaymentUpdate("pre_checkout_query", bot: pair.bot)
            #expect(preCheckout["total_amount"] as? Int == 2000)
            #expect(try await clientA.bot(pair.bot, "answerPreCheckoutQuery", [
                "pre_checkout_query_id": preCheckout["id"] as? String ?? "", "ok": "true",
            ]).ok)
            let paid = try await paying
            #expect((paid.resultObject["successful_payment"] as? [String: Any])?["total_amount"] as? Int == 2000, "\(paid.body)")
            // The id paid once: refused on both instances now.
            for client in [clientA, clientB] {
                #expect(try await client.user(pair.user, "payInvoice", payment).description == "Bad Request: ORDER_INFO_ID_INVALID")
            }
        }
    }
}

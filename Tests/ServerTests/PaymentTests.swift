import Foundation
import Testing

extension Client {
    /// Waits (bounded) for the bot's next update carrying `kind`, confirms it and returns
    /// its object.
    func nextPaymentUpdate(_ kind: String, bot token: String) async throws -> [String: Any] {
        for _ in 0..<5 {
            let updates = try await bot(token, "getUpdates", ["timeout": "2"]).resultArray
            if let last = updates.last?["update_id"] as? Int { _ = try await bot(token, "getUpdates", ["offset": "\(last + 1)"]) }
            if let update = updates.first(where: { $0[kind] != nil }) { return update[kind] as? [String: Any] ?? [:] }
        }
        Issue.record("no \(kind) update")
        return [:]
    }

    /// The admin's `addStars`; returns the new balance.
    func grantStars(_ accountID: Int, _ amount: Int) async throws -> Int {
        let answer = try await admin("addStars", ["user_id": "\(accountID)", "amount": "\(amount)"])
        try #require(answer.ok, "addStars failed: \(answer.body)")
        return answer.result as? Int ?? -1
    }

    func botStarBalance(bot token: String) async throws -> Int {
        let answer = try await bot(token, "getMyStarBalance")
        try #require(answer.ok, "\(answer.body)")
        return answer.resultObject["amount"] as? Int ?? -1
    }
}

/// Invoices, the user's `payInvoice` with shipping and pre-checkout queries, Stars balances,
/// transactions and refunds (issue 11, USER-API.md).
@Suite struct PaymentTests {
    static func starsInvoice(_ chatID: Int, amount: Int = 30, payload: String = "order-1") -> [String: String] {
        [
            "chat_id": "\(chatID)", "title": "Cookie", "description": "A very good cookie", "payload": payload,
            "currency": "XTR", "prices": #"[{"label":"Cookie","amount":\#(amount)}]"#,
        ]
    }

    @Test func invoiceParametersAreCheckedAsTelegramChecksThem() async throws {
        try await TestWorld().run { client in
            let pair = try await client.chatPair()
            let base = Self.starsInvoice(pair.userID)
            func refusal(_ change: [String: String?]) async throws -> String? {
                var parameters = base
                for (key, value) in change { parameters[key] = value }
                return try await client.bot(pair.bot, "sendInvoice", parameters).description
            }
            #expect(try await refusal(["title": nil]) == "Bad Request: parameter \"title\" is required")
            #expect(try await refusal(["prices": nil]) == "Bad Request: parameter \"prices\" is required")
            #expect(try await refusal(["prices": "{"]) == "Bad Request: can't parse prices JSON object")
            #expect(try await refusal(["prices": "{}"]) == "Bad Request: expected an Array of labeled prices")
            #expect(try await refusal(["prices": "[]"]) == "Bad Request: there must be at least one price")
            #expect(try await refusal(["prices": #"[{"label":"","amount":1}]"#])
                == "Bad Request: can't parse labeled price: LabeledPrice label must be non-empty")
            #expect(try await refusal(["prices": #"[{"label":"x","amount":0}]"#]) == "Bad Request: total price must be positive")
            #expect(try await refusal(["payload": String(repeating: "p", count: 129)]) == "Bad Request: INVOICE_PAYLOAD_INVALID")
            // Stars: no provider token, one price, no tips, nothing flexible.
            #expect(try await refusal(["provider_token": "123:TEST"]) == "Bad Request: STARS_INVOICE_INVALID")
            #expect(try await refusal(["prices": #"[{"label":"a","amount":1},{"label":"b","amount":2}]"#]) == "Bad Request: STARS_INVOICE_INVALID")
            #expect(try await refusal(["max_tip_amount": "5"]) == "Bad Request: STARS_INVOICE_INVALID")
            // What only a provider needs is ignored for Stars.
            #expect(try await refusal(["is_flexible": "true", "need_name": "true"]) == nil)
            #expect(try await refusal(["prices": #"[{"label":"a","amount":100001}]"#]) == "Bad Request: CURRENCY_TOTAL_AMOUNT_INVALID")
            // Other currencies need a provider and a total in the currency's range.
            #expect(try await refusal(["currency": "USD", "prices": #"[{"label":"a","amount":500}]"#]) == "Bad Request: PAYMENT_PROVIDER_INVALID")
            #expect(try await refusal(["currency": "USD", "provider_token": "t", "prices": #"[{"label":"a","amount":50}]"#])
                == "Bad Request: CURRENCY_TOTAL_AMOUNT_INVALID")
            #expect(try await refusal([
                "currency": "USD", "provider_token": "t", "prices": #"[{"label":"a","amount":500}]"#, "max_tip_amount": "100",
                "suggested_tip_amounts": "[50,200]",
            ]) == "Bad Request: suggested tip amount can't be bigger than max_tip_amount")
            #expect(try await refusal([
                "currency": "USD", "provider_token": "t", "prices": #"[{"label":"a","amount":500}]"#, "max_tip_amount": "100",
                "suggested_tip_amounts": "[1,2,3,4,5]",
            ]) == "Bad Request: there can be at most 4 suggested tip amounts")
            // The invoice is checked before the chat.
            #expect(try await refusal(["chat_id": "12345", "prices": "[]"]) == "Bad Request: there must be at least one price")
            #expect(try await refusal(["chat_id": "12345"]) == "Bad Request: chat not found")
            // subscription_period is for invoice links only; there it must be 30 days of Stars.
            let link = try await client.bot(pair.bot, "createInvoiceLink", base.merging(["subscription_period": "86400"]) { $1 })
            #expect(link.description == "Bad Request: SUBSCRIPTION_PERIOD_INVALID")

            let sent = try await client.bot(pair.bot, "sendInvoice", base.merging(["start_parameter": "cookie"]) { $1 })
            #expect(sent.ok, "\(sent.body)")
            let invoice = sent.resultObject["invoice"] as? [String: Any] ?? [:]
            #expect(invoice["title"] as? String == "Cookie" && invoice["currency"] as? String == "XTR")
            #expect(invoice["total_amount"] as? Int == 30 && invoice["start_parameter"] as? String == "cookie")
            let seen = try await client.drainUpdates(user: pair.user).compactMap { $0["message"] as? [String: Any] }
            #expect(seen.contains { ($0["invoice"] as? [String: Any])?["description"] as? String == "A very good cookie" })
            // Users don't issue invoices (the method is not on their surface).
            let byUser = try await client.user(pair.user, "sendInvoice", base)
            #expect(!byUser.ok && byUser.errorCode != 400)
        }
    }

    @Test func starsShopRoundTripWithRefund() async throws {
        try await TestWorld().run { client in
            let pair = try await client.chatPair()
            #expect(try await client.grantStars(pair.userID, 100) == 100)
            let sent = try await client.bot(pair.bot, "sendInvoice", Self.starsInvoice(pair.userID))
            let messageID = try #require(sent.resultObject["message_id"] as? Int)

            async let paying = client.user(pair.user, "payInvoice", ["chat_id": "\(pair.botID)", "message_id": "\(messageID)"])
            let query = try await client.nextPaymentUpdate("pre_checkout_query", bot: pair.bot)
            #expect(query["currency"] as? String == "XTR" && query["total_amount"] as? Int == 30)
            #expect(query["invoice_payload"] as? String == "order-1")
            #expect((query["from"] as? [String: Any])?["id"] as? Int == pair.userID)
            let queryID = try #require(query["id"] as? String)
            #expect(try await client.bot(pair.bot, "answerPreCheckoutQuery", ["pre_checkout_query_id": queryID, "ok": "true"]).ok)
            let paid = try await paying
            #expect(paid.ok, "\(paid.body)")
            let payment = paid.resultObject["successful_payment"] as? [String: Any] ?? [:]
            #expect(payment["currency"] as? String == "XTR" && payment["total_amount"] as? Int == 30)
            let chargeID = try #require(payment["telegram_payment_charge_id"] as? String)
            #expect(chargeID.hasPrefix("stx"))

            // The bot gets the service message; the Stars moved.
            let received = try await client.nextPaymentUpdate("message", bot: pair.bot)
            #expect((received["successful_payment"] as? [String: Any])?["invoice_payload"] as? String == "order-1")
            #expect((received["chat"] as? [String: Any])?["id"] as? Int == pair.userID)
            #expect(try await client.botStarBalance(bot: pair.bot) == 30)
            #expect(try await client.grantStars(pair.userID, 0) == 70)
            // The user reads the same balance (what a client shows before a Stars payment).
            #expect(try await client.user(pair.user, "getMyStarBalance").resultObject["amount"] as? Int == 70)
            let again = try await client.bot(pair.bot, "answerPreCheckoutQuery", ["pre_checkout_query_id": queryID, "ok": "true"])
            #expect(again.description == "Bad Request: query is too old and response timeout expired or query ID is invalid")

            let transactions = try await client.bot(pair.bot, "getStarTransactions").resultObject["transactions"] as? [[String: Any]] ?? []
            let first = try #require(transactions.first)
            #expect(first["id"] as? String == chargeID && first["amount"] as? Int == 30 && first["receiver"] == nil)
            let source = first["source"] as? [String: Any] ?? [:]
            #expect(source["type"] as? String == "user" && source["transaction_type"] as? String == "invoice_payment")
            #expect(source["invoice_payload"] as? String == "order-1")

            // A refund gives the Stars back once, and tells the bot.
            let refund = ["user_id": "\(pair.userID)", "telegram_payment_charge_id": chargeID]
            #expect(try await client.bot(pair.bot, "refundStarPayment", refund).result as? Bool == true)
            #expect(try await client.botStarBalance(bot: pair.bot) == 0)
            #expect(try await client.grantStars(pair.userID, 0) == 100)
            let refunded = try await client.nextPaymentUpdate("message", bot: pair.bot)
            #expect((refunded["refunded_payment"] as? [String: Any])?["telegram_payment_charge_id"] as? String == chargeID)
            #expect(try await client.bot(pair.bot, "refundStarPayment", refund).description == "Bad Request: CHARGE_ALREADY_REFUNDED")
            let unknown = try await client.bot(pair.bot, "refundStarPayment", ["user_id": "\(pair.userID)", "telegram_payment_charge_id": "stxNope"])
            #expect(unknown.description == "Bad Request: CHARGE_NOT_FOUND")
            let history = try await client.bot(pair.bot, "getStarTransactions", ["limit": "1"]).resultObject["transactions"] as? [[String: Any]] ?? []
            #expect(history.count == 1 && history.first?["receiver"] != nil && history.first?["amount"] as? Int == 30)
        }
    }

    @Test func shortBalancesRefusalsAndTimeoutsLeaveNothingBehind() async throws {
        try await TestWorld().run { client in
            let pair = try await client.chatPair()
            let sent = try await client.bot(pair.bot, "sendInvoice", Self.starsInvoice(pair.userID))
            let messageID = try #require(sent.resultObject["message_id"] as? Int)
            let target = ["chat_id": "\(pair.botID)", "message_id": "\(messageID)"]
            #expect(try await client.user(pair.user, "payInvoice", target).description == "Bad Request: BALANCE_TOO_LOW")
            #expect(try await client.user(pair.user, "payInvoice", ["chat_id": "\(pair.botID)", "message_id": "999"]).description
                == "Bad Request: MESSAGE_ID_INVALID")
            #expect(try await client.user(pair.user, "payInvoice", ["invoice_link": "https://t.me/$nothing"]).description
                == "Bad Request: SLUG_INVALID")

            _ = try await client.grantStars(pair.userID, 50)
            async let refused = client.user(pair.user, "payInvoice", target)
            let query = try await client.nextPaymentUpdate("pre_checkout_query", bot: pair.bot)
            let noMessage = try await client.bot(pair.bot, "answerPreCheckoutQuery", ["pre_checkout_query_id": query["id"] as? String ?? "", "ok": "false"])
            #expect(noMessage.description == "Bad Request: parameter \"error_message\" is required")
            #expect(try await client.bot(pair.bot, "answerPreCheckoutQuery", [
                "pre_checkout_query_id": query["id"] as? String ?? "", "ok": "false", "error_message": "Sold out, sorry",
            ]).ok)
            let answer = try await refused
            #expect(answer.status == 400 && answer.description == "Bad Request: Sold out, sorry")

            let timedOut = try await client.user(pair.user, "payInvoice", target.merging(["timeout": "0.05"]) { $1 })
            #expect(timedOut.description == "Bad Request: BOT_RESPONSE_TIMEOUT")
            let late = try await client.nextPaymentUpdate("pre_checkout_query", bot: pair.bot)
            let lateAnswer = try await client.bot(pair.bot, "answerPreCheckoutQuery", ["pre_checkout_query_id": late["id"] as? String ?? "", "ok": "true"])
            #expect(lateAnswer.description == "Bad Request: query is too old and response timeout expired or query ID is invalid")
            #expect(try await client.botStarBalance(bot: pair.bot) == 0)
            #expect(try await client.grantStars(pair.userID, 0) == 50)
        }
    }

    @Test func flexibleInvoiceAsksForShippingOptions() async throws {
        try await TestWorld().run { client in
            let pair = try await client.chatPair()
            let sent = try await client.bot(pair.bot, "sendInvoice", [
                "chat_id": "\(pair.userID)", "title": "Mug", "description": "A mug", "payload": "mug", "provider_token": "TEST:123",
                "currency": "USD", "prices": #"[{"label":"Mug","amount":1500},{"label":"Tax","amount":300}]"#, "is_flexible": "true",
                "need_name": "true", "max_tip_amount": "500", "suggested_tip_amounts": "[100,200]",
            ])
            #expect(sent.ok, "\(sent.body)")
            let messageID = sent.resultObject["message_id"] as? Int ?? 0
            let address = #"{"country_code":"DE","state":"","city":"Berlin","street_line1":"Unter den Linden 1","street_line2":"","post_code":"10117"}"#
            var parameters = [
                "chat_id": "\(pair.botID)", "message_id": "\(messageID)", "shipping_address": address, "tip_amount": "200",
                "shipping_option_id": "express",
            ]
            #expect(try await client.user(pair.user, "payInvoice", parameters).description == "Bad Request: REQ_INFO_NAME_INVALID")
            parameters["order_info"] = #"{"name":"Alice Example","email":"not asked for"}"#

            async let paying = client.user(pair.user, "payInvoice", parameters)
            let shipping = try await client.nextPaymentUpdate("shipping_query", bot: pair.bot)
            #expect(shipping["invoice_payload"] as? String == "mug")
            #expect((shipping["shipping_address"] as? [String: Any])?["city"] as? String == "Berlin")
            let shippingID = try #require(shipping["id"] as? String)
            let badOptions = try await client.bot(pair.bot, "answerShippingQuery", ["shipping_query_id": shippingID, "ok": "true", "shipping_options": "[]"])
            #expect(badOptions.description == "Bad Request: there must be at least one shipping option")
            // Amounts beyond TDLib's bound, alone or summed (two of Int64's largest would overflow).
            for prices in [#"[{"label":"A","amount":10000000000000}]"#, #"[{"label":"A","amount":"9223372036854775807"},{"label":"B","amount":"9223372036854775807"}]"#,
                           #"[{"label":"A","amount":9999999999999},{"label":"B","amount":9999999999999}]"#] {
                let huge = #"[{"id":"post","title":"Post","prices":\#(prices)}]"#
                let refused = try await client.bot(pair.bot, "answerShippingQuery", ["shipping_query_id": shippingID, "ok": "true", "shipping_options": huge])
                #expect(refused.description == "Bad Request: too big amount of the currency specified")
            }
            let options = #"[{"id":"post","title":"Post","prices":[{"label":"Post","amount":500}]},{"id":"express","title":"Express","prices":[{"label":"Express","amount":1000}]}]"#
            #expect(try await client.bot(pair.bot, "answerShippingQuery", ["shipping_query_id": shippingID, "ok": "true", "shipping_options": options]).ok)
            let checkout = try await client.nextPaymentUpdate("pre_checkout_query", bot: pair.bot)
            #expect(checkout["total_amount"] as? Int == 1500 + 300 + 1000 + 200)
            #expect(checkout["shipping_option_id"] as? String == "express")
            let orderInfo = checkout["order_info"] as? [String: Any] ?? [:]
            #expect(orderInfo["name"] as? String == "Alice Example" && orderInfo["email"] == nil)
            #expect(try await client.bot(pair.bot, "answerPreCheckoutQuery", ["pre_checkout_query_id": checkout["id"] as? String ?? "", "ok": "1"]).ok)
            let paid = try await paying
            let payment = paid.resultObject["successful_payment"] as? [String: Any] ?? [:]
            #expect(payment["currency"] as? String == "USD" && payment["total_amount"] as? Int == 3000, "\(paid.body)")
            #expect(payment["shipping_option_id"] as? String == "express")
            #expect((payment["provider_payment_charge_id"] as? String ?? "").isEmpty == false)
            // A test provider charges nothing in Stars.
            #expect(try await client.botStarBalance(bot: pair.bot) == 0)
        }
    }

    @Test func paymentFormsGoInStepsAndTheChosenShippingOptionIsCharged() async throws {
        let world = try TestWorld()
        try await world.run { client in
            let pair = try await client.chatPair()
            func sendMug() async throws -> Int {
                let sent = try await client.bot(pair.bot, "sendInvoice", [
                    "chat_id": "\(pair.userID)", "title": "Mug", "description": "A mug", "payload": "mug", "provider_token": "TEST:123",
                    "currency": "USD", "prices": #"[{"label":"Mug","amount":1500},{"label":"Tax","amount":300}]"#, "is_flexible": "true",
                    "need_name": "true", "max_tip_amount": "500", "suggested_tip_amounts": "[100,200]",
                ])
                try #require(sent.ok, "\(sent.body)")
                return sent.resultObject["message_id"] as? Int ?? 0
            }
            let messageID = try await sendMug()
            let target = ["chat_id": "\(pair.botID)", "message_id": "\(messageID)"]

            // The form: what the invoice costs and asks for, before anything is sent to the bot.
            let form = try await client.user(pair.user, "getPaymentForm", target).resultObject
            #expect(form["title"] as? String == "Mug" && form["currency"] as? String == "USD" && form["total_amount"] as? Int == 1800)
            #expect((form["prices"] as? [[String: Any]])?.map { $0["label"] as? String ?? "" } == ["Mug", "Tax"])
            #expect(form["need_name"] as? Bool == true && form["need_email"] as? Bool == false && form["need_phone_number"] as? Bool == false)
            #expect(form["need_shipping_address"] as? Bool == true && form["is_flexible"] as? Bool == true, "flexible implies the address")
            #expect(form["max_tip_amount"] as? Int == 500 && form["suggested_tip_amounts"] as? [Int] == [100, 200])
            #expect(form["is_stars"] as? Bool == false && form["star_balance"] == nil)
            #expect((form["bot"] as? [String: Any])?["id"] as? Int == pair.botID)
            let missing = try await client.user(pair.user, "getPaymentForm", ["chat_id": "\(pair.botID)", "message_id": "999"])
            #expect(missing.description == "Bad Request: MESSAGE_ID_INVALID")

            // Validation checks the order information as payInvoice does, then asks the bot.
            let address = #"{"country_code":"DE","state":"","city":"Berlin","street_line1":"Unter den Linden 1","street_line2":"","post_code":"10117"}"#
            var validation = target
            validation["order_info"] = #"{"shipping_address":\#(address)}"#
            #expect(try await client.user(pair.user, "validateOrderInfo", validation).description == "Bad Request: REQ_INFO_NAME_INVALID")
            validation["order_info"] = #"{"name":"Alice Example","shipping_address":\#(address)}"#
            async let validating = client.user(pair.user, "validateOrderInfo", validation)
            let shipping = try await client.nextPaymentUpdate("shipping_query", bot: pair.bot)
            #expect((shipping["shipping_address"] as? [String: Any])?["city"] as? String == "Berlin")
            let options = #"[{"id":"post","title":"Post","prices":[{"label":"Post","amount":500}]},{"id":"express","title":"Express","prices":[{"label":"Express","amount":700},{"label":"Insurance","amount":300}]}]"#
            #expect(try await client.bot(pair.bot, "answerShippingQuery", [
                "shipping_query_id": shipping["id"] as? String ?? "", "ok": "true", "shipping_options": options,
            ]).ok)
            let validated = try await validating
            let orderInfoID = try #require(validated.resultObject["order_info_id"] as? String, "\(validated.body)")
            let offered = validated.resultObject["shipping_options"] as? [[String: Any]] ?? []
            #expect(offered.map { $0["id"] as? String ?? "" } == ["post", "express"])
            #expect((offered.last?["prices"] as? [[String: Any]])?.map { $0["amount"] as? Int ?? 0 } == [700, 300])

            // Paying with it: the option must be one offered; an unknown id, or the id for
            // another invoice, is refused; nothing reaches the bot.
            var payment = target
            payment["order_info_id"] = orderInfoID
            #expect(try await client.user(pair.user, "payInvoice", payment).description == "Bad Request: SHIPPING_OPTION_INVALID")
            payment["shipping_option_id"] = "pigeon"
            #expect(try await client.user(pair.user, "payInvoice", payment).description == "Bad Request: SHIPPING_OPTION_INVALID")
            payment["shipping_option_id"] = "express"
            payment["order_info_id"] = "nothing-like-it"
            #expect(try await client.user(pair.user, "payInvoice", payment).description == "Bad Request: ORDER_INFO_ID_INVALID")
            var elsewhere = payment
            elsewhere["message_id"] = "\(try await sendMug())"
            elsewhere["order_info_id"] = orderInfoID
            #expect(try await client.user(pair.user, "payInvoice", elsewhere).description == "Bad Request: ORDER_INFO_ID_INVALID")
            #expect(try await client.drainUpdates(bot: pair.bot).allSatisfy { $0["shipping_query"] == nil && $0["pre_checkout_query"] == nil })

            // The second option, chosen: no new shipping query, the bot's pre-checkout and
            // successful_payment carry it, and the total adds its prices and the tip.
            payment["order_info_id"] = orderInfoID
            payment["tip_amount"] = "100"
            payment["order_info"] = #"{"name":"Someone Else"}"#
            async let paying = client.user(pair.user, "payInvoice", payment)
            let updates = try await client.bot(pair.bot, "getUpdates", ["timeout": "5"]).resultArray
            #expect(updates.allSatisfy { $0["shipping_query"] == nil })
            let checkout = try #require(updates.first { $0["pre_checkout_query"] != nil }?["pre_checkout_query"] as? [String: Any], "\(updates)")
            #expect(checkout["shipping_option_id"] as? String == "express")
            #expect(checkout["total_amount"] as? Int == 1800 + 1000 + 100)
            #expect((checkout["order_info"] as? [String: Any])?["name"] as? String == "Alice Example", "the validated order information")
            #expect(try await client.bot(pair.bot, "answerPreCheckoutQuery", ["pre_checkout_query_id": checkout["id"] as? String ?? "", "ok": "true"]).ok)
            let paid = try await paying
            let receipt = paid.resultObject["successful_payment"] as? [String: Any] ?? [:]
            #expect(receipt["shipping_option_id"] as? String == "express" && receipt["total_amount"] as? Int == 2900, "\(paid.body)")
            // A payment made uses the id up.
            #expect(try await client.user(pair.user, "payInvoice", payment).description == "Bad Request: ORDER_INFO_ID_INVALID")

            // Ids expire after an hour, and belong to their user.
            _ = try await client.drainUpdates(bot: pair.bot)
            let plain = try await client.bot(pair.bot, "sendInvoice", [
                "chat_id": "\(pair.userID)", "title": "Tea", "description": "Tea", "payload": "tea", "provider_token": "TEST:1",
                "currency": "EUR", "prices": #"[{"label":"Tea","amount":400}]"#, "need_email": "true",
            ])
            var tea = ["chat_id": "\(pair.botID)", "message_id": "\(plain.resultObject["message_id"] as? Int ?? 0)"]
            tea["order_info"] = #"{"email":"alice@example.com"}"#
            let teaOrder = try await client.user(pair.user, "validateOrderInfo", tea)
            #expect((teaOrder.resultObject["shipping_options"] as? [[String: Any]])?.isEmpty == true, "\(teaOrder.body)")
            #expect(try await client.drainUpdates(bot: pair.bot).isEmpty, "no shipping query for a fixed price")
            world.clock.advance(by: 3601)
            tea["order_info_id"] = teaOrder.resultObject["order_info_id"] as? String ?? ""
            #expect(try await client.user(pair.user, "payInvoice", tea).description == "Bad Request: ORDER_INFO_ID_INVALID")
        }
    }

    @Test func starsPaymentFormsShowTheBalance() async throws {
        try await TestWorld().run { client in
            let pair = try await client.chatPair()
            let sent = try await client.bot(pair.bot, "sendInvoice", Self.starsInvoice(pair.userID, amount: 30))
            _ = try await client.grantStars(pair.userID, 12)
            let form = try await client.user(pair.user, "getPaymentForm", [
                "chat_id": "\(pair.botID)", "message_id": "\(sent.resultObject["message_id"] as? Int ?? 0)",
            ]).resultObject
            #expect(form["is_stars"] as? Bool == true && form["currency"] as? String == "XTR" && form["total_amount"] as? Int == 30)
            #expect(form["star_balance"] as? Int == 12 && form["need_name"] as? Bool == false)
            let link = try await client.bot(pair.bot, "createInvoiceLink", Self.starsInvoice(0, amount: 7).filter { $0.key != "chat_id" })
            let linked = try await client.user(pair.user, "getPaymentForm", ["invoice_link": link.result as? String ?? ""])
            #expect(linked.resultObject["total_amount"] as? Int == 7, "\(linked.body)")
            #expect(try await client.user(pair.user, "getPaymentForm", ["invoice_link": "$nope"]).description == "Bad Request: SLUG_INVALID")
        }
    }

    @Test func shippingRefusalEndsThePayment() async throws {
        try await TestWorld().run { client in
            let pair = try await client.chatPair()
            let sent = try await client.bot(pair.bot, "sendInvoice", [
                "chat_id": "\(pair.userID)", "title": "Mug", "description": "A mug", "payload": "mug", "provider_token": "TEST:123",
                "currency": "EUR", "prices": #"[{"label":"Mug","amount":1500}]"#, "is_flexible": "true",
            ])
            let address = #"{"country_code":"AQ","state":"","city":"McMurdo","street_line1":"Hut 1","street_line2":"","post_code":"0"}"#
            async let paying = client.user(pair.user, "payInvoice", [
                "chat_id": "\(pair.botID)", "message_id": "\(sent.resultObject["message_id"] as? Int ?? 0)", "shipping_address": address,
            ])
            let shipping = try await client.nextPaymentUpdate("shipping_query", bot: pair.bot)
            #expect(try await client.bot(pair.bot, "answerShippingQuery", [
                "shipping_query_id": shipping["id"] as? String ?? "", "ok": "false", "error_message": "We don't ship to Antarctica",
            ]).ok)
            #expect(try await paying.description == "Bad Request: We don't ship to Antarctica")
            let missing = try await client.bot(pair.bot, "answerShippingQuery", ["ok": "false", "error_message": "x"])
            #expect(missing.description == "Bad Request: query is too old and response timeout expired or query ID is invalid")
        }
    }

    @Test func subscriptionLinksRenewOnTheWorldsClock() async throws {
        let world = try TestWorld()
        try await world.run { client in
            let pair = try await client.chatPair()
            var parameters = Self.starsInvoice(pair.userID, amount: 10, payload: "monthly")
            parameters["chat_id"] = nil
            parameters["subscription_period"] = "2592000"
            let created = try await client.bot(pair.bot, "createInvoiceLink", parameters)
            let link = try #require(created.result as? String, "\(created.body)")
            #expect(link.hasPrefix("https://t.me/$"))
            _ = try await client.grantStars(pair.userID, 25)

            async let paying = client.user(pair.user, "payInvoice", ["invoice_link": link])
            let query = try await client.nextPaymentUpdate("pre_checkout_query", bot: pair.bot)
            #expect(try await client.bot(pair.bot, "answerPreCheckoutQuery", ["pre_checkout_query_id": query["id"] as? String ?? "", "ok": "true"]).ok)
            let payment = try await paying.resultObject["successful_payment"] as? [String: Any] ?? [:]
            #expect(payment["is_recurring"] as? Bool == true && payment["is_first_recurring"] as? Bool == true)
            let expires = try #require(payment["subscription_expiration_date"] as? Int)
            #expect(expires == Int(world.clock.now()) + 2_592_000)
            let chargeID = payment["telegram_payment_charge_id"] as? String ?? ""
            _ = try await client.drainUpdates(bot: pair.bot)

            // A month later the next access renews it.
            world.clock.advance(by: 2_592_000)
            #expect(try await client.botStarBalance(bot: pair.bot) == 20)
            let renewal = try await client.nextPaymentUpdate("message", bot: pair.bot)
            let renewed = renewal["successful_payment"] as? [String: Any] ?? [:]
            #expect(renewed["is_recurring"] as? Bool == true && renewed["is_first_recurring"] == nil)
            #expect(renewed["subscription_expiration_date"] as? Int == expires + 2_592_000)

            // Cancelled, it is not renewed again.
            let cancel = ["user_id": "\(pair.userID)", "telegram_payment_charge_id": chargeID, "is_canceled": "true"]
            #expect(try await client.bot(pair.bot, "editUserStarSubscription", cancel).result as? Bool == true)
            world.clock.advance(by: 2_592_000)
            #expect(try await client.botStarBalance(bot: pair.bot) == 20)
            #expect(try await client.grantStars(pair.userID, 0) == 5)
            let reenable = cancel.merging(["is_canceled": "false"]) { $1 }
            #expect(try await client.bot(pair.bot, "editUserStarSubscription", reenable).description == "Bad Request: SUBSCRIPTION_EXPIRED")
        }
    }

    @Test func addStarsNeverGoesBelowZeroAndSurvivesRestarts() async throws {
        let world = try TestWorld()
        let userID = try await world.run { client in
            let (_, userID) = try await client.createUser()
            #expect(try await client.grantStars(userID, 40) == 40)
            #expect(try await client.grantStars(userID, -15) == 25)
            #expect(try await client.grantStars(userID, -100) == 0)
            #expect(try await client.admin("addStars", ["user_id": "987654321", "amount": "5"]).description == "Bad Request: user not found")
            #expect(try await client.admin("addStars", ["user_id": "\(userID)"]).description == "Bad Request: parameter \"amount\" is required")
            #expect(try await client.grantStars(userID, 12) == 12)
            return userID
        }
        try await world.restarted().run { client in
            let balance = try await client.grantStars(userID, 0)
            #expect(balance == 12)
        }
    }

    @Test func paidMediaUnlocksForBuyers() async throws {
        try await TestWorld().run { client in
            let pair = try await client.chatPair()
            let image = FileTests.png(width: 64, height: 48)
            let sent = try await client.upload("bot\(pair.bot)", "sendPaidMedia", [
                "chat_id": "\(pair.userID)", "star_count": "7", "payload": "secret-1", "caption": "Look",
                "media": #"[{"type":"photo","media":"attach://pic"}]"#,
            ], files: [("pic", "p.png", "image/png", image)])
            #expect(sent.ok, "\(sent.body)")
            let sentMedia = sent.resultObject["paid_media"] as? [String: Any] ?? [:]
            #expect(sentMedia["star_count"] as? Int == 7)
            let full = (sentMedia["paid_media"] as? [[String: Any]])?.first ?? [:]
            #expect(full["type"] as? String == "photo")
            let fileID = try #require(((full["photo"] as? [[String: Any]])?.last)?["file_id"] as? String)
            #expect(try await client.bot(pair.bot, "getFile", ["file_id": fileID]).ok)

            let seen = try await client.drainUpdates(user: pair.user).compactMap { $0["message"] as? [String: Any] }
            let message = try #require(seen.first { $0["paid_media"] != nil })
            let preview = ((message["paid_media"] as? [String: Any])?["paid_media"] as? [[String: Any]])?.first ?? [:]
            #expect(preview["type"] as? String == "preview" && preview["width"] as? Int == 64 && preview["height"] as? Int == 48 && preview["photo"] == nil)
            #expect(try await client.user(pair.user, "getFile", ["file_id": fileID]).ok == false)

            let buy = ["chat_id": "\(pair.botID)", "message_id": "\(message["message_id"] as? Int ?? 0)"]
            #expect(try await client.user(pair.user, "buyPaidMedia", buy).description == "Bad Request: BALANCE_TOO_LOW")
            _ = try await client.grantStars(pair.userID, 10)
            let bought = try await client.user(pair.user, "buyPaidMedia", buy)
            #expect(bought.ok, "\(bought.body)")
            let unlocked = ((bought.resultObject["paid_media"] as? [String: Any])?["paid_media"] as? [[String: Any]])?.first ?? [:]
            #expect(unlocked["type"] as? String == "photo")
            #expect(try await client.user(pair.user, "getFile", ["file_id": fileID]).ok)
            let purchase = try await client.nextPaymentUpdate("purchased_paid_media", bot: pair.bot)
            #expect(purchase["paid_media_payload"] as? String == "secret-1")
            #expect((purchase["from"] as? [String: Any])?["id"] as? Int == pair.userID)
            // Buying again charges nothing.
            #expect(try await client.user(pair.user, "buyPaidMedia", buy).ok)
            #expect(try await client.botStarBalance(bot: pair.bot) == 7)
            #expect(try await client.grantStars(pair.userID, 0) == 3)
            let transactions = try await client.bot(pair.bot, "getStarTransactions").resultObject["transactions"] as? [[String: Any]] ?? []
            let source = transactions.first?["source"] as? [String: Any] ?? [:]
            #expect(source["transaction_type"] as? String == "paid_media_payment" && source["paid_media_payload"] as? String == "secret-1")
        }
    }

    @Test func channelSubscriptionLinksChargeOnJoiningAndEachMonth() async throws {
        let world = try TestWorld()
        try await world.run { client in
            let (alice, aliceID) = try await client.createUser("Alice")
            let (bob, bobID) = try await client.createUser("Bob")
            let channel = try await client.user(alice, "createChat", ["type": "channel", "title": "News"]).resultObject["id"] as? Int ?? 0
            let group = try await client.user(alice, "createChat", ["type": "supergroup", "title": "Chat"]).resultObject["id"] as? Int ?? 0
            let terms = ["subscription_period": "2592000", "subscription_price": "15"]
            #expect(try await client.user(alice, "createChatSubscriptionInviteLink", terms.merging(["chat_id": "\(group)"]) { $1 }).description
                == "Bad Request: CHAT_NOT_CHANNEL")
            #expect(try await client.user(alice, "createChatSubscriptionInviteLink", [
                "chat_id": "\(channel)", "subscription_period": "86400", "subscription_price": "15",
            ]).description == "Bad Request: SUBSCRIPTION_PERIOD_INVALID")
            let created = try await client.user(alice, "createChatSubscriptionInviteLink", terms.merging(["chat_id": "\(channel)", "name": "Monthly"]) { $1 })
            #expect(created.ok, "\(created.body)")
            #expect(created.resultObject["subscription_price"] as? Int == 15 && created.resultObject["subscription_period"] as? Int == 2_592_000)
            let link = try #require(created.resultObject["invite_link"] as? String)

            #expect(try await client.user(bob, "joinChat", ["invite_link": link]).description == "Bad Request: BALANCE_TOO_LOW")
            _ = try await client.grantStars(bobID, 20)
            #expect(try await client.user(bob, "joinChat", ["invite_link": link]).ok)
            #expect(try await client.grantStars(bobID, 0) == 5)
            #expect(try await client.grantStars(aliceID, 0) == 15)

            let renamed = try await client.user(alice, "editChatSubscriptionInviteLink", ["chat_id": "\(channel)", "invite_link": link, "name": "Monthly+"])
            #expect(renamed.resultObject["name"] as? String == "Monthly+" && renamed.resultObject["subscription_price"] as? Int == 15)

            // A month later Bob can't pay the renewal: he is out of the channel.
            world.clock.advance(by: 2_592_000)
            #expect(try await client.grantStars(bobID, 0) == 5)
            let member = try await client.user(alice, "getChatMember", ["chat_id": "\(channel)", "user_id": "\(bobID)"])
            #expect(member.resultObject["status"] as? String == "left", "\(member.body)")
        }
    }

    @Test func inlineInvoiceResultsAreCheckedSentAndPaidLikeSentInvoices() async throws {
        try await TestWorld().run { client in
            let w = try await client.inlineWorld()
            func result(_ terms: String) -> String {
                #"{"type":"article","id":"inv","title":"Buy","input_message_content":{"title":"Cookie","description":"A very good cookie",\#(terms)}}"#
            }
            func refusal(_ terms: String) async throws -> String? {
                try await client.bot(w.bot, "answerInlineQuery", ["inline_query_id": "12345", "results": "[\(result(terms))]"]).description
            }
            let stars = #""payload":"order-1","currency":"XTR","prices":[{"label":"Cookie","amount":30}]"#
            let usd = #""payload":"p","currency":"USD","provider_token":"t","#
            // InputInvoiceMessageContent is read as the official server reads it...
            let parse = "Bad Request: can't parse inline query result: "
            #expect(try await refusal(#""payload":"p","currency":"XTR""#) == parse + #"Can't find field "prices""#)
            #expect(try await refusal(#""payload":"p","currency":"XTR","prices":{}"#) == parse + #"Field "prices" must be of type Array"#)
            #expect(try await refusal(#""payload":"p","currency":"XTR","prices":[]"#) == parse + "There must be at least one price")
            #expect(try await refusal(#""payload":"p","currency":"XTR","prices":[{"label":"","amount":1}]"#)
                == parse + "Can't parse labeled price: LabeledPrice label must be non-empty")
            #expect(try await refusal(usd + #""prices":[{"label":"a","amount":500}],"suggested_tip_amounts":[{}]"#)
                == parse + "Suggested tip amount must be of type Number or String")
            // ...and checked as sendInvoice checks its parameters.
            #expect(try await refusal(#""payload":"p","currency":"XTR","prices":[{"label":"x","amount":0}]"#) == "Bad Request: total price must be positive")
            #expect(try await refusal(stars + #","provider_token":"123:TEST""#) == "Bad Request: STARS_INVOICE_INVALID")
            #expect(try await refusal(#""payload":"p","currency":"USD","prices":[{"label":"a","amount":500}]"#) == "Bad Request: PAYMENT_PROVIDER_INVALID")
            #expect(try await refusal(usd + #""prices":[{"label":"a","amount":50}]"#) == "Bad Request: CURRENCY_TOTAL_AMOUNT_INVALID")
            #expect(try await refusal(usd + #""prices":[{"label":"a","amount":500}],"max_tip_amount":100,"suggested_tip_amounts":[50,200]"#)
                == "Bad Request: suggested tip amount can't be bigger than max_tip_amount")
            #expect(try await refusal(stars) == InlineModeTests.tooOld)

            // Alice shares the bot's invoice with Bob, who pays the bot for it.
            let queryID = try await client.answeredInlineQuery(w, query: "cookie", results: "[\(result(stars))]")
            let sent = try await client.user(w.alice, "sendInlineResult", ["chat_id": "\(w.bobID)", "query_id": queryID, "result_id": "inv"])
            #expect(sent.ok, "\(sent.body)")
            let messageID = try #require(sent.resultObject["message_id"] as? Int)
            let invoice = sent.resultObject["invoice"] as? [String: Any] ?? [:]
            #expect(invoice["title"] as? String == "Cookie" && invoice["currency"] as? String == "XTR" && invoice["total_amount"] as? Int == 30)
            #expect((sent.resultObject["via_bot"] as? [String: Any])?["id"] as? Int == w.botID)
            let received = try await client.drainUpdates(user: w.bob).last?["message"] as? [String: Any]
            #expect((received?["invoice"] as? [String: Any])?["description"] as? String == "A very good cookie")
            #expect(try await client.nextUpdate("chosen_inline_result", bot: w.bot)["result_id"] as? String == "inv")

            #expect(try await client.grantStars(w.bobID, 100) == 100)
            async let paying = client.user(w.bob, "payInvoice", ["chat_id": "\(w.aliceID)", "message_id": "\(messageID)"])
            let query = try await client.nextPaymentUpdate("pre_checkout_query", bot: w.bot)
            #expect(query["invoice_payload"] as? String == "order-1" && query["total_amount"] as? Int == 30)
            #expect((query["from"] as? [String: Any])?["id"] as? Int == w.bobID)
            let confirmed = try await client.bot(w.bot, "answerPreCheckoutQuery", ["pre_checkout_query_id": query["id"] as? String ?? "", "ok": "true"])
            #expect(confirmed.ok, "\(confirmed.body)")
            let paid = try await paying
            #expect((paid.resultObject["successful_payment"] as? [String: Any])?["total_amount"] as? Int == 30, "\(paid.body)")
            let service = try await client.nextPaymentUpdate("message", bot: w.bot)
            #expect((service["successful_payment"] as? [String: Any])?["invoice_payload"] as? String == "order-1")
            #expect((service["from"] as? [String: Any])?["id"] as? Int == w.bobID)
            #expect(try await client.botStarBalance(bot: w.bot) == 30)
            #expect(try await client.grantStars(w.bobID, 0) == 70)
        }
    }
}

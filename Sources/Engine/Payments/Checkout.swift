import BotAPI
import Foundation
import Storage

/// A user paying an invoice (`payInvoice`), in Telegram's order: the order information is
/// checked, a flexible invoice asks the bot for shipping options (`shipping_query`), the bot
/// confirms the final order (`pre_checkout_query`), and only then is the payment made, in one
/// transaction: Stars move from the user to the bot, the payment is recorded and the bot gets
/// the `successful_payment` message. Any refusal or timeout leaves nothing behind.
enum Checkout {
    /// What the user asks to pay.
    struct Request: Sendable {
        var invoice: InvoiceRecord
        var terms: InvoiceTerms
        var bot: AccountRecord
        var shippingAddress: ShippingAddress?
        var shippingOptionID: String?
        var orderInfo: OrderInfo?
        var tipAmount: Int64
        var timeout: Duration
        /// An id from `validateOrderInfo`: its order information and shipping options are used
        /// instead of asking again.
        var orderInfoID: String? = nil
    }

    /// The invoice a user's payment call names, with its terms and bot: an invoice message
    /// (`chat_id` + `message_id`) or an invoice link.
    static func locate(
        chatID: ChatID?, messageID: Int?, link: String?, user: AccountRecord, engine: Engine
    ) async throws -> (invoice: InvoiceRecord, terms: InvoiceTerms, bot: AccountRecord) {
        let now = engine.clock.now()
        let (invoice, bot) = try await engine.store.read { store -> (InvoiceRecord, AccountRecord) in
            let invoice: InvoiceRecord
            if let link {
                guard let slug = slug(inLink: link), let found = try store.invoice(slug: slug) else {
                    throw APIError.badRequest("SLUG_INVALID")
                }
                invoice = found
            } else {
                guard let chatID else { throw APIError.badRequest("parameter \"invoice_link\" is required") }
                let chat = try MessageEditing.actingChat(chatID, actor: user, now: now, in: store).chat
                guard let messageID, messageID > 0,
                      let found = try store.invoice(chatID: chat.id, messageID: Int64(messageID)),
                      try store.message(chatID: chat.id, messageID: Int64(messageID)) != nil
                else { throw APIError.badRequest("MESSAGE_ID_INVALID") }
                invoice = found
            }
            guard let bot = try store.account(id: invoice.botID), bot.isBot, !bot.isDeleted else { throw APIError.badRequest("BOT_INVALID") }
            return (invoice, bot)
        }
        return (invoice, try InvoiceTerms.decode(invoice.terms), bot)
    }

    /// A call's `timeout` (seconds) as a wait for the bot: default 10 s, at most a query's lifetime.
    static func timeout(_ seconds: Double?) -> Duration {
        .milliseconds(Int(min(max(seconds ?? defaultTimeout, 0), lifetime) * 1000))
    }

    /// How long a shipping or pre-checkout query may be waited for: its update lives 150 s.
    static let lifetime: Double = 150
    static let defaultTimeout: Double = 10

    /// The invoice an `invoice_link` names (`https://t.me/$<slug>`, `t.me/$<slug>` or `$<slug>`).
    static func slug(inLink link: String) -> String? {
        var text = link.trimmingCharacters(in: .whitespaces)
        for scheme in ["https://", "http://"] where text.lowercased().hasPrefix(scheme) { text.removeFirst(scheme.count) }
        for host in ["t.me/", "telegram.me/", "telegram.dog/"] where text.lowercased().hasPrefix(host) { text.removeFirst(host.count) }
        if text.lowercased().hasPrefix("invoice/") { text.removeFirst("invoice/".count) } else if text.hasPrefix("$") { text.removeFirst() }
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }) else { return nil }
        return text
    }

    /// The order information the invoice asked for, checked as Telegram's payment form
    /// checks it (`payments.validateRequestedInfo`), keeping only what was asked for.
    static func validatedOrderInfo(_ request: Request) throws -> OrderInfo? {
        let terms = request.terms
        let given = request.orderInfo ?? OrderInfo()
        var info = OrderInfo()
        if terms.needName {
            guard let name = given.name?.trimmingCharacters(in: .whitespaces), !name.isEmpty else {
                throw APIError.badRequest("REQ_INFO_NAME_INVALID")
            }
            info.name = name
        }
        if terms.needPhoneNumber {
            guard let phone = given.phoneNumber, phone.contains(where: \.isNumber) else { throw APIError.badRequest("REQ_INFO_PHONE_INVALID") }
            info.phoneNumber = phone
        }
        if terms.needEmail {
            guard let email = given.email, email.contains("@"), !email.hasPrefix("@"), !email.hasSuffix("@") else {
                throw APIError.badRequest("REQ_INFO_EMAIL_INVALID")
            }
            info.email = email
        }
        if terms.needShippingAddress {
            guard let address = request.shippingAddress ?? given.shippingAddress else { throw APIError.badRequest("ADDRESS_INVALID") }
            try check(address)
            info.shippingAddress = address
        }
        return info == OrderInfo() ? nil : info
    }

    /// A shipping address as Telegram's form requires it.
    static func check(_ address: ShippingAddress) throws {
        let country = address.countryCode
        guard country.count == 2, country.allSatisfy({ $0.isASCII && $0.isLetter }) else {
            throw APIError.badRequest("ADDRESS_COUNTRY_INVALID")
        }
        if address.city.trimmingCharacters(in: .whitespaces).isEmpty { throw APIError.badRequest("ADDRESS_CITY_INVALID") }
        if address.streetLine1.trimmingCharacters(in: .whitespaces).isEmpty { throw APIError.badRequest("ADDRESS_STREET_LINE1_INVALID") }
        if address.postCode.trimmingCharacters(in: .whitespaces).isEmpty { throw APIError.badRequest("ADDRESS_POSTCODE_INVALID") }
    }

    /// `validateOrderInfo`: checks the order information and, for a flexible invoice, asks
    /// the bot for its shipping options; both are kept under a new `order_info_id`.
    static func validate(_ request: Request, by user: AccountRecord, engine: Engine) async throws -> ValidatedOrderView {
        let orderInfo = try validatedOrderInfo(request)
        var options: [ShippingChoice] = []
        if request.terms.isFlexible, let address = orderInfo?.shippingAddress {
            options = try await askShipping(request, address: address, user: user, engine: engine)
        }
        let now = engine.clock.now()
        let id = engine.paymentQueries.validated.keep(
            ValidatedOrders.Order(
                userID: user.id, invoiceID: request.invoice.id, orderInfo: orderInfo, shippingOptions: options,
                expiresAt: now + ValidatedOrders.lifetime),
            now: now)
        return ValidatedOrderView(id: id, options: options)
    }

    /// Runs the payment for `user` and returns the `successful_payment` message as the user
    /// sees it.
    static func pay(_ request: Request, by user: AccountRecord, engine: Engine) async throws -> Message {
        let terms = request.terms
        if request.tipAmount < 0 || request.tipAmount > terms.maxTipAmount { throw APIError.badRequest("TIP_AMOUNT_INVALID") }
        var validated: ValidatedOrders.Order?
        if let id = request.orderInfoID {
            validated = engine.paymentQueries.validated.order(id, userID: user.id, invoiceID: request.invoice.id, now: engine.clock.now())
            if validated == nil { throw APIError.badRequest("ORDER_INFO_ID_INVALID") }
        }
        let orderInfo = try validated.map(\.orderInfo) ?? validatedOrderInfo(request)
        if terms.isStars {
            // The user's client refuses before asking anyone.
            let balance = try await engine.store.read { try $0.starBalance(accountID: user.id) }
            if balance < terms.total { throw APIError.badRequest("BALANCE_TOO_LOW") }
        }

        var shipping: ShippingChoice?
        if let validated {
            // The user chose among the options the bot offered at validation.
            if !validated.shippingOptions.isEmpty {
                guard let option = validated.shippingOptions.first(where: { $0.id == request.shippingOptionID }) else {
                    throw APIError.badRequest("SHIPPING_OPTION_INVALID")
                }
                shipping = option
            }
        } else if terms.isFlexible, let address = orderInfo?.shippingAddress {
            let options = try await askShipping(request, address: address, user: user, engine: engine)
            if let chosen = request.shippingOptionID {
                guard let option = options.first(where: { $0.id == chosen }) else { throw APIError.badRequest("SHIPPING_OPTION_INVALID") }
                shipping = option
            } else {
                // The one-call form: the user takes the first option offered, as a form preselects it.
                shipping = options.first
            }
        }
        let total = terms.total + (shipping?.total ?? 0) + request.tipAmount
        try await confirm(request, total: total, shipping: shipping, orderInfo: orderInfo, user: user, engine: engine)
        let shippingOptionID = shipping?.id
        let receipt = try await engine.write { tx in
            try settle(request, total: total, shippingOptionID: shippingOptionID, orderInfo: orderInfo, user: user, tx: tx)
        }
        if let id = request.orderInfoID { engine.paymentQueries.validated.forget(id) }
        return receipt
    }

    /// Sends the bot a `shipping_query` and waits for its options.
    private static func askShipping(
        _ request: Request, address: ShippingAddress, user: AccountRecord, engine: Engine
    ) async throws -> [ShippingChoice] {
        let queries = engine.paymentQueries.shipping
        let queryID = queries.newQueryID()
        let query = ShippingQuery(id: queryID, from: Views.user(user), invoicePayload: request.terms.payload, shippingAddress: address)
        try await post(
            queryID, to: request.bot, from: user, kind: .shipping, payload: query.jsonBytes, registry: queries, engine: engine)
        switch try await wait(for: queryID, in: queries, user: user, timeout: request.timeout, engine: engine) {
        case .options(let options): return options
        case .refused(let message): throw APIError(code: 400, description: "Bad Request: " + message)
        }
    }

    /// Sends the bot the `pre_checkout_query` and waits for its confirmation.
    private static func confirm(
        _ request: Request, total: Int64, shipping: ShippingChoice?, orderInfo: OrderInfo?, user: AccountRecord, engine: Engine
    ) async throws {
        let queries = engine.paymentQueries.preCheckout
        let queryID = queries.newQueryID()
        let query = PreCheckoutQuery(
            id: queryID, from: Views.user(user), currency: request.terms.currency, totalAmount: Int(total),
            invoicePayload: request.terms.payload, shippingOptionId: shipping?.id, orderInfo: orderInfo)
        try await post(
            queryID, to: request.bot, from: user, kind: .preCheckout, payload: query.jsonBytes, registry: queries,
            engine: engine)
        if case .refused(let message) = try await wait(for: queryID, in: queries, user: user, timeout: request.timeout, engine: engine) {
            throw APIError(code: 400, description: "Bad Request: " + message)
        }
    }

    /// Opens `queryID` and commits its update; the query is forgotten if the update isn't.
    private static func post<Answer: Sendable>(
        _ queryID: String, to bot: AccountRecord, from user: AccountRecord, kind: UpdateDelivery.PaymentQueryKind, payload: [UInt8],
        registry: PendingAnswers<Answer>, engine: Engine
    ) async throws {
        do {
            try await engine.write { tx in
                registry.open(queryID, botID: bot.id, userID: user.id)
                try tx.enqueue(.paymentQuery(kind, from: user.id, payload), for: bot.id)
            }
        } catch {
            registry.discard(queryID)
            throw error
        }
    }

    private static func wait<Answer: Sendable>(
        for queryID: String, in registry: PendingAnswers<Answer>, user: AccountRecord, timeout: Duration, engine: Engine
    ) async throws -> Answer {
        guard let answer = await registry.wait(for: queryID, timeout: timeout) else {
            // A wait ended by the user's token being revoked (or the user deleted) is a 401.
            try await engine.requireCurrent(user)
            throw APIError.badRequest("BOT_RESPONSE_TIMEOUT")
        }
        return answer
    }

    /// Makes the payment: charges Stars (a test provider always charges other currencies),
    /// records it and posts the `successful_payment` message from the user to the bot.
    private static func settle(
        _ request: Request, total: Int64, shippingOptionID: String?, orderInfo: OrderInfo?, user: AccountRecord, tx: Transaction
    ) throws -> Message {
        try Subscriptions.renewDue(tx)
        guard let bot = try tx.store.account(id: request.bot.id), !bot.isDeleted else { throw APIError.badRequest("BOT_INVALID") }
        let terms = request.terms
        let chargeID = terms.isStars ? StarLedger.newChargeID() : StarLedger.newChargeID(prefix: "\(bot.id)_")
        let providerChargeID = terms.isStars ? "\(user.id)_\(tx.now)" : "test_" + StarLedger.newChargeID(prefix: "")
        if terms.isStars {
            try StarLedger.transfer(
                total, from: user.id, to: bot.id, transactionID: chargeID,
                payerSees: StarLedger.partner(bot, kind: .invoicePayment, invoicePayload: nil),
                payeeSees: StarLedger.partner(
                    user, kind: .invoicePayment, invoicePayload: terms.payload, subscriptionPeriod: terms.subscriptionPeriod),
                now: tx.now, in: tx.store)
        }
        let details = PaymentDetails(shippingOptionID: shippingOptionID, providerChargeID: providerChargeID, orderInfo: orderInfo.map { Data($0.jsonBytes) })
        let expires = terms.subscriptionPeriod.map { tx.now + $0 }
        try tx.store.save(PaymentRecord(
            chargeID: chargeID, botID: bot.id, userID: user.id, currency: terms.currency, totalAmount: total, payload: terms.payload,
            date: tx.now, subscriptionPeriod: terms.subscriptionPeriod, subscriptionExpiresAt: expires, invoiceID: request.invoice.id,
            details: details.encoded))
        var payment = SuccessfulPayment(
            currency: terms.currency, totalAmount: Int(total), invoicePayload: terms.payload, shippingOptionId: shippingOptionID,
            orderInfo: orderInfo, telegramPaymentChargeId: chargeID, providerPaymentChargeId: providerChargeID)
        if let expires {
            payment.subscriptionExpirationDate = Int(expires)
            payment.isRecurring = true
            payment.isFirstRecurring = true
        }
        return try postService(from: user, to: bot, tx: tx) { $0.successfulPayment = payment }
    }

    /// A payment service message (`successful_payment`, `refunded_payment`) in the private
    /// chat of `user` and `bot`, from the user, as the bot receives it.
    static func postService(
        from user: AccountRecord, to bot: AccountRecord, tx: Transaction, _ fill: (inout Message) -> Void
    ) throws -> Message {
        let draft = MessageDraft(content: fill)
        return try PrivateChats.send(draft, from: user, to: bot, in: tx)
    }
}

/// What a payment record keeps for its service messages.
struct PaymentDetails: Codable, Sendable {
    var shippingOptionID: String?
    var providerChargeID: String
    /// The `OrderInfo` JSON, if any was given.
    var orderInfo: Data?

    var encoded: Data { (try? JSONEncoder().encode(self)) ?? Data("{}".utf8) }

    static func decode(_ data: Data) -> PaymentDetails {
        (try? JSONDecoder().decode(PaymentDetails.self, from: data)) ?? PaymentDetails(providerChargeID: "")
    }
}

import BotAPI
import Foundation

/// One line of an invoice or shipping option: `LabeledPrice`, kept in storable form.
struct PriceLine: Codable, Sendable, Equatable {
    var label: String
    var amount: Int64

    var labeledPrice: LabeledPrice { LabeledPrice(label: label, amount: Int(amount)) }
}

extension Sequence<PriceLine> {
    /// The amounts' sum, held at Int64's bounds instead of overflowing: the amounts come from
    /// requests, and every caller refuses totals far below those bounds.
    var total: Int64 {
        reduce(0) { sum, line in
            let (added, overflow) = sum.addingReportingOverflow(line.amount)
            return overflow ? (line.amount > 0 ? .max : .min) : added
        }
    }
}

/// Everything a bot said about an invoice (`sendInvoice`, `createInvoiceLink`): what the
/// invoice message shows and what only the payment flow uses (payload, provider, the
/// information to ask for).
struct InvoiceTerms: Codable, Sendable, Equatable {
    var title: String
    var description: String
    var payload: String
    var providerToken: String
    var providerData: String?
    var currency: String
    var prices: [PriceLine]
    var maxTipAmount: Int64 = 0
    var suggestedTipAmounts: [Int64] = []
    var startParameter: String = ""
    var photoURL: String?
    var photoSize: Int?
    var photoWidth: Int?
    var photoHeight: Int?
    var needName = false
    var needPhoneNumber = false
    var needEmail = false
    var needShippingAddress = false
    var sendPhoneNumberToProvider = false
    var sendEmailToProvider = false
    var isFlexible = false
    /// Seconds between renewals of a Stars subscription (`createInvoiceLink` only).
    var subscriptionPeriod: Int64?

    /// The sum of the prices.
    var total: Int64 { prices.total }
    var isStars: Bool { currency == Stars.currency }

    /// The `invoice` field of the invoice message.
    var invoice: Invoice {
        Invoice(title: title, description: description, startParameter: startParameter, currency: currency, totalAmount: Int(total))
    }

    var encoded: Data { (try? JSONEncoder().encode(self)) ?? Data("{}".utf8) }

    static func decode(_ data: Data) throws -> InvoiceTerms { try JSONDecoder().decode(InvoiceTerms.self, from: data) }
}

/// Reading and checking invoice parameters as the official server and Telegram do.
enum InvoiceRules {
    /// The only subscription period Telegram accepts: 30 days.
    static let subscriptionPeriod: Int64 = 2_592_000
    /// A Stars invoice costs 1…100 000 Stars, a subscription at most 10 000 a period.
    static let maxStars: Int64 = 100_000
    static let maxSubscriptionStars: Int64 = 10_000
    /// TDLib's bound on any amount of any currency.
    static let maxAmount: Int64 = 9_999_9999_9999

    /// Reads the invoice parameters of `sendInvoice` / `createInvoiceLink` in the official
    /// server's order (behaviour.md §2.1 and TDLib's invoice checks), then Telegram's rules
    /// for the provider, currency, tips and subscription.
    static func terms(from parameters: Parameters, allowsSubscription: Bool) throws -> InvoiceTerms {
        func value(_ name: String) throws -> String {
            guard let value = parameters[name] else { throw APIError.badRequest("parameter \"\(name)\" is required") }
            return value
        }
        let title = try value("title")
        let description = try value("description")
        let payload = try value("payload")
        let currency = try value("currency")
        let pricesText = try value("prices")
        let prices = try priceLines(pricesText, container: "prices")
        var maxTip: Int64 = 0
        if let text = parameters["max_tip_amount"] {
            guard let amount = Int64(text.trimmingCharacters(in: .whitespaces)) else {
                throw APIError.badRequest("can't parse \"max_tip_amount\" as Number")
            }
            maxTip = amount
        }
        var suggested: [Int64] = []
        if let text = parameters["suggested_tip_amounts"] {
            suggested = try tipAmounts(text)
        }
        func flag(_ name: String) -> Bool { parameters[name].map(LenientParse.bool) ?? false }
        func bounded(_ name: String, _ upper: Int) -> Int? { photoMeasure(parameters[name].map(LenientParse.integer), upper: upper) }
        var terms = InvoiceTerms(
            title: title, description: description, payload: payload, providerToken: parameters.rawValue("provider_token") ?? "",
            providerData: parameters["provider_data"], currency: currency, prices: prices, maxTipAmount: maxTip,
            suggestedTipAmounts: suggested, startParameter: parameters["start_parameter"] ?? "", photoURL: parameters["photo_url"],
            photoSize: bounded("photo_size", maxPhotoSize), photoWidth: bounded("photo_width", maxPhotoSide),
            photoHeight: bounded("photo_height", maxPhotoSide), needName: flag("need_name"), needPhoneNumber: flag("need_phone_number"),
            needEmail: flag("need_email"), needShippingAddress: flag("need_shipping_address"),
            sendPhoneNumberToProvider: flag("send_phone_number_to_provider"), sendEmailToProvider: flag("send_email_to_provider"),
            isFlexible: flag("is_flexible"))
        if allowsSubscription, let period = parameters["subscription_period"] {
            let seconds = Int64(LenientParse.integer(period))
            if seconds > 0 { terms.subscriptionPeriod = seconds }
        }
        try check(&terms)
        return terms
    }

    /// The invoice photo's size and sides, clamped to these as TDLib clamps them.
    static let maxPhotoSize = 1_000_000_000
    static let maxPhotoSide = 10000

    /// A photo size or side as kept: clamped to 0…`upper`; 0 (or nothing) is none.
    static func photoMeasure(_ value: Int?, upper: Int) -> Int? {
        value.map { min(max($0, 0), upper) }.flatMap { $0 > 0 ? $0 : nil }
    }

    /// TDLib's checks (texts as the Bot API shows them), then Telegram's.
    static func check(_ terms: inout InvoiceTerms) throws {
        for price in terms.prices where !(-maxAmount...maxAmount).contains(price.amount) {
            throw APIError.badRequest("too big amount of the currency specified")
        }
        let total = terms.prices.total
        if total <= 0 { throw APIError.badRequest("total price must be positive") }
        if total > maxAmount { throw APIError.badRequest("total price is too big") }
        if terms.maxTipAmount < 0 || terms.maxTipAmount > maxAmount {
            throw APIError.badRequest("invalid max_tip_amount of the currency specified")
        }
        for tip in terms.suggestedTipAmounts {
            if tip <= 0 { throw APIError.badRequest("suggested tip amount must be positive") }
            if tip > terms.maxTipAmount { throw APIError.badRequest("suggested tip amount can't be bigger than max_tip_amount") }
        }
        if terms.suggestedTipAmounts.count > 4 { throw APIError.badRequest("there can be at most 4 suggested tip amounts") }
        // TDLib implies what the flags need.
        if terms.sendPhoneNumberToProvider { terms.needPhoneNumber = true }
        if terms.sendEmailToProvider { terms.needEmail = true }
        if terms.isFlexible { terms.needShippingAddress = true }

        // Telegram's own rules.
        if terms.payload.utf8.count > 128 { throw APIError.badRequest("INVOICE_PAYLOAD_INVALID") }
        if terms.title.count > 32 { throw APIError.badRequest("INVOICE_TITLE_INVALID") }
        if terms.description.count > 255 { throw APIError.badRequest("INVOICE_DESCRIPTION_INVALID") }
        if terms.isStars {
            // Stars: no provider, one price, no tips; what a provider would need is ignored.
            guard terms.providerToken.isEmpty, terms.prices.count == 1, terms.maxTipAmount == 0 else {
                throw APIError.badRequest("STARS_INVOICE_INVALID")
            }
            terms.needName = false
            terms.needPhoneNumber = false
            terms.needEmail = false
            terms.needShippingAddress = false
            terms.sendPhoneNumberToProvider = false
            terms.sendEmailToProvider = false
            terms.isFlexible = false
            if let period = terms.subscriptionPeriod {
                if period != subscriptionPeriod { throw APIError.badRequest("SUBSCRIPTION_PERIOD_INVALID") }
                if total > maxSubscriptionStars { throw APIError.badRequest("SUBSCRIPTION_AMOUNT_INVALID") }
            }
            if total > maxStars { throw APIError.badRequest("CURRENCY_TOTAL_AMOUNT_INVALID") }
        } else {
            if terms.subscriptionPeriod != nil { throw APIError.badRequest("SUBSCRIPTION_CURRENCY_INVALID") }
            if terms.providerToken.isEmpty { throw APIError.badRequest("PAYMENT_PROVIDER_INVALID") }
            guard let limits = Currencies.limits(of: terms.currency) else { throw APIError.badRequest("CURRENCY_INVALID") }
            if !limits.contains(total) { throw APIError.badRequest("CURRENCY_TOTAL_AMOUNT_INVALID") }
            // Telegram wants suggested tips in increasing order.
            if zip(terms.suggestedTipAmounts, terms.suggestedTipAmounts.dropFirst()).contains(where: { $0 >= $1 }) {
                throw APIError.badRequest("TIP_AMOUNTS_SORTED_INVALID")
            }
        }
    }

    /// A failure described in TDLib's words (capitalised); ``official(_:)`` turns it into
    /// the description clients see.
    struct Failure: Error {
        let text: String
    }

    /// 400 with `text` as the official server words it: the first letter lower-cased unless
    /// the text is a raw code (behaviour.md §2).
    static func official(_ text: String) -> APIError {
        let characters = Array(text)
        guard characters.count > 1, !(characters[1] == "_" || ("A"..."Z").contains(characters[1])) else {
            return APIError.badRequest(text)
        }
        return APIError.badRequest(characters[0].lowercased() + String(characters.dropFirst()))
    }

    /// Reads the parameter `text` (named `what`) as JSON with `read`: text that is not JSON is
    /// "can't parse <what> JSON object", and `read`'s failures are worded as the official
    /// server words them.
    private static func parsed<T>(_ text: String, what: String, _ read: (Any) throws -> T) throws -> T {
        guard let json = try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) else {
            throw APIError.badRequest("can't parse \(what) JSON object")
        }
        do {
            return try read(json)
        } catch let failure as Failure {
            throw official(failure.text)
        }
    }

    /// A JSON array of `LabeledPrice` objects given as the parameter `container`.
    static func priceLines(_ text: String, container: String) throws -> [PriceLine] {
        try parsed(text, what: container) { (json: Any) in try priceLines(json) }
    }

    /// An already parsed array of `LabeledPrice` objects, failing with TDLib's texts.
    static func priceLines(_ json: Any) throws -> [PriceLine] {
        guard let array = json as? [Any] else { throw Failure(text: "Expected an Array of labeled prices") }
        var lines: [PriceLine] = []
        for element in array {
            func fail(_ detail: String) -> Failure { Failure(text: "Can't parse labeled price: " + detail) }
            guard let object = element as? [String: Any] else { throw fail("LabeledPrice must be an Object") }
            guard let label = object["label"] else { throw fail("Can't find field \"label\"") }
            guard let labelText = label as? String else { throw fail("Field \"label\" must be of type String") }
            if labelText.isEmpty { throw fail("LabeledPrice label must be non-empty") }
            guard let amountValue = object["amount"] else { throw fail("Can't find field \"amount\"") }
            guard let amount = integer(amountValue) else { throw fail("Field \"amount\" must be a valid Number") }
            lines.append(PriceLine(label: labelText, amount: amount))
        }
        if lines.isEmpty { throw Failure(text: "There must be at least one price") }
        return lines
    }

    /// `shipping_options` of `answerShippingQuery`, with the official errors.
    static func shippingChoices(_ text: String) throws -> [ShippingChoice] {
        guard let json = try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) else {
            throw APIError.badRequest("can't parse shipping options JSON object")
        }
        guard let array = json as? [Any] else { throw APIError.badRequest("expected an Array of shipping options") }
        var choices: [ShippingChoice] = []
        for element in array {
            func fail(_ detail: String) -> APIError { official("Can't parse shipping option: " + detail) }
            guard let object = element as? [String: Any] else { throw fail("ShippingOption must be an Object") }
            guard let id = object["id"] else { throw fail("Can't find field \"id\"") }
            guard let idText = id as? String else { throw fail("Field \"id\" must be of type String") }
            if idText.isEmpty { throw fail("ShippingOption identifier must be non-empty") }
            guard let title = object["title"] else { throw fail("Can't find field \"title\"") }
            guard let titleText = title as? String else { throw fail("Field \"title\" must be of type String") }
            if titleText.isEmpty { throw fail("ShippingOption title must be non-empty") }
            guard let prices = object["prices"] else { throw fail("Can't find field \"prices\"") }
            let lines: [PriceLine]
            do {
                lines = try priceLines(prices)
            } catch let failure as Failure {
                throw fail("Can't parse shipping option prices: " + failure.text)
            }
            // TDLib's bound on every amount; the option's total is added to the invoice's.
            if lines.contains(where: { !(-maxAmount...maxAmount).contains($0.amount) }) || !(-maxAmount...maxAmount).contains(lines.total) {
                throw APIError.badRequest("too big amount of the currency specified")
            }
            choices.append(ShippingChoice(id: idText, title: titleText, prices: lines))
        }
        if choices.isEmpty { throw APIError.badRequest("there must be at least one shipping option") }
        return choices
    }

    /// `suggested_tip_amounts`: numbers or numeric strings.
    static func tipAmounts(_ text: String) throws -> [Int64] {
        try parsed(text, what: "suggested_tip_amounts") { (json: Any) in try tipAmounts(json) }
    }

    /// An already parsed array of suggested tip amounts, failing with the official texts.
    static func tipAmounts(_ json: Any) throws -> [Int64] {
        guard let array = json as? [Any] else { throw Failure(text: "Expected an Array of suggested tip amounts") }
        return try array.map { element in
            guard element is NSNumber || element is String else {
                throw Failure(text: "Suggested tip amount must be of type Number or String")
            }
            guard let value = integer(element) else { throw Failure(text: "Can't parse suggested tip amount as Number") }
            return value
        }
    }

    /// A JSON integer (or a string holding one) within 64 bits; nil otherwise.
    static func integer(_ value: Any) -> Int64? {
        if let text = value as? String { return Int64(text) }
        guard let number = value as? NSNumber else { return nil }
        let double = number.doubleValue
        guard double.rounded() == double, abs(double) < 9.2e18 else { return nil }
        return number.int64Value
    }
}

/// The currencies the payment providers take, with the smallest and largest total Telegram
/// accepts for each (from Telegram's currencies.json, about US$1 to US$10 000).
enum Currencies {
    private static let table: [String: ClosedRange<Int64>] = [
        "USD": 100...1_000_000, "EUR": 100...1_000_000, "GBP": 100...1_000_000, "CHF": 100...1_000_000,
        "CAD": 100...1_500_000, "AUD": 100...1_500_000, "NZD": 100...1_700_000, "SGD": 100...1_400_000,
        "RUB": 10_000...100_000_000, "UAH": 4_000...40_000_000, "KZT": 40_000...500_000_000,
        "INR": 8_000...80_000_000, "BRL": 500...5_000_000, "TRY": 3_000...30_000_000, "PLN": 400...4_000_000,
        "JPY": 100...1_500_000, "CNY": 700...7_000_000, "ILS": 300...4_000_000, "AED": 300...3_700_000,
    ]

    /// The accepted range of totals for `code`, nil for a currency Telegram does not take.
    static func limits(of code: String) -> ClosedRange<Int64>? { table[code] }
}

/// Telegram Stars.
enum Stars {
    /// The currency code of Stars.
    static let currency = "XTR"
}

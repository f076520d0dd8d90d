import Foundation

/// One change of an account's Telegram Stars balance, as `getStarTransactions` lists it.
public struct StarTransactionRecord: Sendable, Equatable, Codable {
    /// The transaction's id as clients see it (for payments, the `telegram_payment_charge_id`).
    public var id: String
    /// Whose balance changed.
    public var accountID: Int64
    /// Signed: positive when Stars came in, negative when they went out.
    public var amount: Int64
    public var date: Int64
    /// Engine-defined JSON: the other party (a `TransactionPartner`).
    public var partner: Data

    public init(id: String, accountID: Int64, amount: Int64, date: Int64, partner: Data) {
        self.id = id
        self.accountID = accountID
        self.amount = amount
        self.date = date
        self.partner = partner
    }
}

/// An invoice a bot issued: in a message (`sendInvoice`) or behind a link (`createInvoiceLink`).
/// Its terms (prices, payload, provider token…) are kept here because the message shows only
/// part of them.
public struct InvoiceRecord: Sendable, Equatable, Codable {
    /// Assigned on insert.
    public var id: Int64
    public var botID: Int64
    /// The internal chat and message of an invoice message; nil for a link.
    public var chatID: Int64?
    public var messageID: Int64?
    /// The link's slug (`https://t.me/$<slug>`); nil for a message.
    public var slug: String?
    /// Engine-defined JSON: the invoice's terms.
    public var terms: Data

    public init(id: Int64 = 0, botID: Int64, chatID: Int64? = nil, messageID: Int64? = nil, slug: String? = nil, terms: Data) {
        self.id = id
        self.botID = botID
        self.chatID = chatID
        self.messageID = messageID
        self.slug = slug
        self.terms = terms
    }
}

/// A payment a user made to a bot (an invoice, or a chat subscription through an invite link),
/// by its `telegram_payment_charge_id`.
public struct PaymentRecord: Sendable, Equatable, Codable {
    public var chargeID: String
    /// Who was paid: the bot, or for a chat subscription the chat's creator.
    public var botID: Int64
    public var userID: Int64
    public var currency: String
    /// What was paid, in the currency's smallest units (Stars for XTR).
    public var totalAmount: Int64
    public var payload: String
    public var date: Int64
    public var isRefunded: Bool
    /// A subscription's period in seconds, and when the paid period ends.
    public var subscriptionPeriod: Int64?
    public var subscriptionExpiresAt: Int64?
    /// The user or bot cancelled the subscription: it is not renewed.
    public var subscriptionCanceled: Bool
    /// The invoice paid, or for a chat subscription the chat (internal id).
    public var invoiceID: Int64?
    public var chatID: Int64?
    /// Engine-defined JSON: the details the service message repeats (shipping option,
    /// order info, provider charge id).
    public var details: Data

    public init(
        chargeID: String, botID: Int64, userID: Int64, currency: String, totalAmount: Int64, payload: String, date: Int64,
        isRefunded: Bool = false, subscriptionPeriod: Int64? = nil, subscriptionExpiresAt: Int64? = nil,
        subscriptionCanceled: Bool = false, invoiceID: Int64? = nil, chatID: Int64? = nil, details: Data = Data("{}".utf8)
    ) {
        self.chargeID = chargeID
        self.botID = botID
        self.userID = userID
        self.currency = currency
        self.totalAmount = totalAmount
        self.payload = payload
        self.date = date
        self.isRefunded = isRefunded
        self.subscriptionPeriod = subscriptionPeriod
        self.subscriptionExpiresAt = subscriptionExpiresAt
        self.subscriptionCanceled = subscriptionCanceled
        self.invoiceID = invoiceID
        self.chatID = chatID
        self.details = details
    }
}

/// A paid-media message: what it really holds, which its recipients see only as previews
/// until they buy it.
public struct PaidMediaRecord: Sendable, Equatable, Codable {
    /// The internal chat and the message.
    public var chatID: Int64
    public var messageID: Int64
    public var botID: Int64
    public var starCount: Int64
    public var payload: String
    /// Engine-defined JSON: the full paid media.
    public var media: Data

    public init(chatID: Int64, messageID: Int64, botID: Int64, starCount: Int64, payload: String, media: Data) {
        self.chatID = chatID
        self.messageID = messageID
        self.botID = botID
        self.starCount = starCount
        self.payload = payload
        self.media = media
    }
}

import BotAPI
import Foundation
import Storage

/// Telegram Stars balances: every change is a transaction on the account, and no balance
/// ever goes below zero (the database refuses it too).
enum StarLedger {
    /// Adds `delta` Stars (negative: takes them) to `accountID`'s balance and records the
    /// transaction with its other party. Refuses with "BALANCE_TOO_LOW" when the balance
    /// would go below zero. Returns the new balance.
    @discardableResult
    static func post(
        _ delta: Int64, to accountID: Int64, transactionID: String, partner: TransactionPartner, now: Int64,
        in store: any StoreWriter
    ) throws -> Int64 {
        let balance = try store.starBalance(accountID: accountID)
        let (updated, overflow) = balance.addingReportingOverflow(delta)
        guard !overflow, updated >= 0 else { throw APIError.badRequest("BALANCE_TOO_LOW") }
        try store.setStarBalance(accountID: accountID, amount: updated)
        if delta != 0 {
            try store.insert(StarTransactionRecord(
                id: transactionID, accountID: accountID, amount: delta, date: now, partner: Data(partner.jsonBytes)))
        }
        return updated
    }

    /// Moves `amount` Stars from `payer` to `payee` under one transaction id, each side
    /// naming the other (`payerSees`, `payeeSees`).
    static func transfer(
        _ amount: Int64, from payer: Int64, to payee: Int64, transactionID: String, payerSees: TransactionPartner,
        payeeSees: TransactionPartner, now: Int64, in store: any StoreWriter
    ) throws {
        try post(-amount, to: payer, transactionID: transactionID, partner: payerSees, now: now, in: store)
        try post(amount, to: payee, transactionID: transactionID, partner: payeeSees, now: now, in: store)
    }

    /// The kinds of `TransactionPartnerUser.transaction_type` this server records.
    enum Kind: String {
        case invoicePayment = "invoice_payment"
        case paidMediaPayment = "paid_media_payment"
        case businessAccountTransfer = "business_account_transfer"
    }

    /// A user (or bot) as the other party of a transaction.
    static func partner(
        _ account: AccountRecord, kind: Kind, invoicePayload: String? = nil, subscriptionPeriod: Int64? = nil,
        paidMedia: [PaidMedia]? = nil, paidMediaPayload: String? = nil
    ) -> TransactionPartner {
        .user(TransactionPartnerUser(
            transactionType: kind.rawValue, user: Views.user(account), invoicePayload: invoicePayload,
            subscriptionPeriod: subscriptionPeriod.map(Int.init), paidMedia: paidMedia,
            paidMediaPayload: paidMediaPayload.flatMap { $0.isEmpty ? nil : $0 }))
    }

    /// The transaction as `getStarTransactions` shows it: incoming Stars name their `source`,
    /// outgoing ones their `receiver`, and the amount is always positive.
    static func view(_ record: StarTransactionRecord) -> StarTransaction {
        let partner = try? JSONDecoder().decode(TransactionPartner.self, from: record.partner)
        let incoming = record.amount > 0
        return StarTransaction(
            id: record.id, amount: Int(incoming ? record.amount : -record.amount), date: Int(record.date),
            source: incoming ? partner : nil, receiver: incoming ? nil : partner)
    }

    /// A new `telegram_payment_charge_id` for a Stars payment: "stx" and random letters and
    /// digits, the shape Telegram's have.
    static func newChargeID(prefix: String = "stx") -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        var generator = SystemRandomNumberGenerator()
        return prefix + String((0..<64).map { _ in alphabet[Int(generator.next(upperBound: UInt64(alphabet.count)))] })
    }
}

import Foundation
import GRDB

/// Telegram Stars balances and transactions, invoices, payments and paid media.
extension SQLiteTransaction {
    // MARK: Balances and transactions

    func starBalance(accountID: Int64) throws -> Int64 {
        let statement = try db.cachedStatement(sql: "SELECT amount FROM star_balance WHERE account_id = ?")
        return try Int64.fetchOne(statement, arguments: [accountID]) ?? 0
    }

    func setStarBalance(accountID: Int64, amount: Int64) throws {
        let statement = try db.cachedStatement(
            sql: "INSERT INTO star_balance (account_id, amount) VALUES (?, ?) ON CONFLICT (account_id) DO UPDATE SET amount = excluded.amount")
        try statement.execute(arguments: [accountID, amount])
    }

    func starTransactions(accountID: Int64, offset: Int, limit: Int) throws -> [StarTransactionRecord] {
        let statement = try db.cachedStatement(
            sql: """
                SELECT id, account_id, amount, date, partner FROM star_transaction WHERE account_id = ?
                ORDER BY seq DESC LIMIT ? OFFSET ?
                """)
        return try Row.fetchAll(statement, arguments: [accountID, limit, offset]).map { row in
            StarTransactionRecord(id: row[0], accountID: row[1], amount: row[2], date: row[3], partner: row[4])
        }
    }

    func insert(_ record: StarTransactionRecord) throws {
        let statement = try db.cachedStatement(
            sql: "INSERT INTO star_transaction (id, account_id, amount, date, partner) VALUES (?, ?, ?, ?, ?)")
        try statement.execute(arguments: [record.id, record.accountID, record.amount, record.date, record.partner])
    }

    // MARK: Invoices

    private static let invoiceColumns = "id, bot_id, chat_id, message_id, slug, terms"

    private func invoice(from row: Row) -> InvoiceRecord {
        InvoiceRecord(id: row[0], botID: row[1], chatID: row[2], messageID: row[3], slug: row[4], terms: row[5])
    }

    func invoice(id: Int64) throws -> InvoiceRecord? {
        let statement = try db.cachedStatement(sql: "SELECT \(Self.invoiceColumns) FROM invoice WHERE id = ?")
        return try Row.decodeFirst(statement, arguments: [id], invoice(from:))
    }

    func invoice(chatID: Int64, messageID: Int64) throws -> InvoiceRecord? {
        let statement = try db.cachedStatement(sql: "SELECT \(Self.invoiceColumns) FROM invoice WHERE chat_id = ? AND message_id = ?")
        return try Row.decodeFirst(statement, arguments: [chatID, messageID], invoice(from:))
    }

    func invoice(slug: String) throws -> InvoiceRecord? {
        let statement = try db.cachedStatement(sql: "SELECT \(Self.invoiceColumns) FROM invoice WHERE slug = ?")
        return try Row.decodeFirst(statement, arguments: [slug], invoice(from:))
    }

    func insert(_ record: InvoiceRecord) throws -> InvoiceRecord {
        let statement = try db.cachedStatement(
            sql: "INSERT INTO invoice (bot_id, chat_id, message_id, slug, terms) VALUES (?, ?, ?, ?, ?)")
        try statement.execute(arguments: [record.botID, record.chatID, record.messageID, record.slug, record.terms])
        var inserted = record
        inserted.id = db.lastInsertedRowID
        return inserted
    }

    // MARK: Payments

    private static let paymentColumns = """
        charge_id, bot_id, user_id, currency, total_amount, payload, date, is_refunded, subscription_period,
        subscription_expires_at, subscription_canceled, invoice_id, chat_id, details
        """

    private func payment(from row: Row) -> PaymentRecord {
        PaymentRecord(
            chargeID: row[0], botID: row[1], userID: row[2], currency: row[3], totalAmount: row[4], payload: row[5], date: row[6],
            isRefunded: row[7], subscriptionPeriod: row[8], subscriptionExpiresAt: row[9], subscriptionCanceled: row[10],
            invoiceID: row[11], chatID: row[12], details: row[13])
    }

    func payment(chargeID: String) throws -> PaymentRecord? {
        let statement = try db.cachedStatement(sql: "SELECT \(Self.paymentColumns) FROM payment WHERE charge_id = ?")
        return try Row.decodeFirst(statement, arguments: [chargeID], payment(from:))
    }

    func dueSubscriptions(now: Int64) throws -> [PaymentRecord] {
        let statement = try db.cachedStatement(
            sql: """
                SELECT \(Self.paymentColumns) FROM payment
                WHERE subscription_expires_at <= ? AND subscription_canceled = 0 AND is_refunded = 0
                ORDER BY subscription_expires_at, charge_id
                """)
        return try Row.fetchAll(statement, arguments: [now]).map(payment(from:))
    }

    func save(_ record: PaymentRecord) throws {
        let statement = try db.cachedStatement(
            sql: "INSERT OR REPLACE INTO payment (\(Self.paymentColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        try statement.execute(arguments: [
            record.chargeID, record.botID, record.userID, record.currency, record.totalAmount, record.payload, record.date,
            record.isRefunded, record.subscriptionPeriod, record.subscriptionExpiresAt, record.subscriptionCanceled,
            record.invoiceID, record.chatID, record.details,
        ])
    }

    // MARK: Paid media

    func paidMedia(chatID: Int64, messageID: Int64) throws -> PaidMediaRecord? {
        let statement = try db.cachedStatement(
            sql: "SELECT chat_id, message_id, bot_id, star_count, payload, media FROM paid_media WHERE chat_id = ? AND message_id = ?")
        return try Row.decodeFirst(statement, arguments: [chatID, messageID]) { row in
            PaidMediaRecord(chatID: row[0], messageID: row[1], botID: row[2], starCount: row[3], payload: row[4], media: row[5])
        }
    }

    func save(_ record: PaidMediaRecord) throws {
        let statement = try db.cachedStatement(
            sql: "INSERT OR REPLACE INTO paid_media (chat_id, message_id, bot_id, star_count, payload, media) VALUES (?, ?, ?, ?, ?, ?)")
        try statement.execute(arguments: [record.chatID, record.messageID, record.botID, record.starCount, record.payload, record.media])
    }

    func hasBoughtPaidMedia(chatID: Int64, messageID: Int64, userID: Int64) throws -> Bool {
        let statement = try db.cachedStatement(
            sql: "SELECT 1 FROM paid_media_purchase WHERE chat_id = ? AND message_id = ? AND user_id = ?")
        return try Int.fetchOne(statement, arguments: [chatID, messageID, userID]) != nil
    }

    func recordPaidMediaPurchase(chatID: Int64, messageID: Int64, userID: Int64) throws {
        let statement = try db.cachedStatement(
            sql: "INSERT OR IGNORE INTO paid_media_purchase (chat_id, message_id, user_id) VALUES (?, ?, ?)")
        try statement.execute(arguments: [chatID, messageID, userID])
    }
}

extension SQLiteSchema {
    /// Balances can never go negative: the database refuses it even if the engine errs.
    static let paymentsSQL = """
        CREATE TABLE star_balance (
            account_id INTEGER PRIMARY KEY,
            amount INTEGER NOT NULL CHECK (amount >= 0)
        );
        CREATE TABLE star_transaction (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            id TEXT NOT NULL,
            account_id INTEGER NOT NULL,
            amount INTEGER NOT NULL,
            date INTEGER NOT NULL,
            partner BLOB NOT NULL
        );
        CREATE INDEX star_transaction_account ON star_transaction (account_id, seq);
        CREATE TABLE invoice (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            bot_id INTEGER NOT NULL,
            chat_id INTEGER,
            message_id INTEGER,
            slug TEXT UNIQUE,
            terms BLOB NOT NULL
        );
        CREATE INDEX invoice_message ON invoice (chat_id, message_id);
        CREATE TABLE payment (
            charge_id TEXT PRIMARY KEY,
            bot_id INTEGER NOT NULL,
            user_id INTEGER NOT NULL,
            currency TEXT NOT NULL,
            total_amount INTEGER NOT NULL,
            payload TEXT NOT NULL,
            date INTEGER NOT NULL,
            is_refunded INTEGER NOT NULL DEFAULT 0,
            subscription_period INTEGER,
            subscription_expires_at INTEGER,
            subscription_canceled INTEGER NOT NULL DEFAULT 0,
            invoice_id INTEGER,
            chat_id INTEGER,
            details BLOB NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX payment_subscription_due ON payment (subscription_expires_at) WHERE subscription_expires_at IS NOT NULL;
        CREATE TABLE paid_media (
            chat_id INTEGER NOT NULL,
            message_id INTEGER NOT NULL,
            bot_id INTEGER NOT NULL,
            star_count INTEGER NOT NULL,
            payload TEXT NOT NULL,
            media BLOB NOT NULL,
            PRIMARY KEY (chat_id, message_id)
        ) WITHOUT ROWID;
        CREATE TABLE paid_media_purchase (
            chat_id INTEGER NOT NULL,
            message_id INTEGER NOT NULL,
            user_id INTEGER NOT NULL,
            PRIMARY KEY (chat_id, message_id, user_id)
        ) WITHOUT ROWID;
        """
}

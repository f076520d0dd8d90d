import PostgresNIO

/// Telegram Stars balances and transactions, invoices, payments and paid media.
extension PostgresTransaction {
    // MARK: Balances and transactions

    func starBalance(accountID: Int64) throws -> Int64 {
        try value("SELECT amount FROM star_balance WHERE account_id = \(accountID)") ?? 0
    }

    func setStarBalance(accountID: Int64, amount: Int64) throws {
        try run("""
            INSERT INTO star_balance (account_id, amount) VALUES (\(accountID), \(amount))
            ON CONFLICT (account_id) DO UPDATE SET amount = excluded.amount
            """)
    }

    func starTransactions(accountID: Int64, offset: Int, limit: Int) throws -> [StarTransactionRecord] {
        try rows("""
            SELECT id, account_id, amount, date, partner FROM star_transaction WHERE account_id = \(accountID)
            ORDER BY seq DESC LIMIT \(limit) OFFSET \(offset)
            """).map { row in
            try StarTransactionRecord(id: row[0], accountID: row[1], amount: row[2], date: row[3], partner: row[4])
        }
    }

    func insert(_ r: StarTransactionRecord) throws {
        try run("""
            INSERT INTO star_transaction (id, account_id, amount, date, partner)
            VALUES (\(r.id), \(r.accountID), \(r.amount), \(r.date), \(r.partner))
            """)
    }

    // MARK: Invoices

    private static let invoiceColumns = "id, bot_id, chat_id, message_id, slug, terms"

    private func invoice(from row: PostgresCells) throws -> InvoiceRecord {
        try InvoiceRecord(id: row[0], botID: row[1], chatID: row[2], messageID: row[3], slug: row[4], terms: row[5])
    }

    func invoice(id: Int64) throws -> InvoiceRecord? {
        try row("SELECT \(unescaped: Self.invoiceColumns) FROM invoice WHERE id = \(id)").map(invoice(from:))
    }

    func invoice(chatID: Int64, messageID: Int64) throws -> InvoiceRecord? {
        // The first one, as SQLite's index on (chat_id, message_id) then rowid gives it.
        try row("""
            SELECT \(unescaped: Self.invoiceColumns) FROM invoice WHERE chat_id = \(chatID) AND message_id = \(messageID) ORDER BY id LIMIT 1
            """).map(invoice(from:))
    }

    func invoice(slug: String) throws -> InvoiceRecord? {
        try row("SELECT \(unescaped: Self.invoiceColumns) FROM invoice WHERE slug = \(slug)").map(invoice(from:))
    }

    func insert(_ r: InvoiceRecord) throws -> InvoiceRecord {
        var inserted = r
        inserted.id = try value("""
            INSERT INTO invoice (bot_id, chat_id, message_id, slug, terms)
            VALUES (\(r.botID), \(r.chatID), \(r.messageID), \(r.slug), \(r.terms))
            RETURNING id
            """) ?? 0
        return inserted
    }

    // MARK: Payments

    private static let paymentColumns = """
        charge_id, bot_id, user_id, currency, total_amount, payload, date, is_refunded, subscription_period,
        subscription_expires_at, subscription_canceled, invoice_id, chat_id, details
        """

    private func payment(from row: PostgresCells) throws -> PaymentRecord {
        try PaymentRecord(
            chargeID: row[0], botID: row[1], userID: row[2], currency: row[3], totalAmount: row[4], payload: row[5], date: row[6],
            isRefunded: row[7], subscriptionPeriod: row[8], subscriptionExpiresAt: row[9], subscriptionCanceled: row[10],
            invoiceID: row[11], chatID: row[12], details: row[13])
    }

    func payment(chargeID: String) throws -> PaymentRecord? {
        try row("SELECT \(unescaped: Self.paymentColumns) FROM payment WHERE charge_id = \(chargeID)").map(payment(from:))
    }

    func dueSubscriptions(now: Int64) throws -> [PaymentRecord] {
        // Charge ids compare bytewise, as in SQLite, whatever the database's collation.
        try rows("""
            SELECT \(unescaped: Self.paymentColumns) FROM payment
            WHERE subscription_expires_at <= \(now) AND NOT subscription_canceled AND NOT is_refunded
            ORDER BY subscription_expires_at, charge_id COLLATE "C"
            """).map(payment(from:))
    }

    func save(_ r: PaymentRecord) throws {
        try run("""
            INSERT INTO payment (\(unescaped: Self.paymentColumns))
            VALUES (\(r.chargeID), \(r.botID), \(r.userID), \(r.currency), \(r.totalAmount), \(r.payload), \(r.date),
                \(r.isRefunded), \(r.subscriptionPeriod), \(r.subscriptionExpiresAt), \(r.subscriptionCanceled),
                \(r.invoiceID), \(r.chatID), \(r.details))
            ON CONFLICT (charge_id) DO UPDATE SET bot_id = excluded.bot_id, user_id = excluded.user_id,
                currency = excluded.currency, total_amount = excluded.total_amount, payload = excluded.payload,
                date = excluded.date, is_refunded = excluded.is_refunded, subscription_period = excluded.subscription_period,
                subscription_expires_at = excluded.subscription_expires_at,
                subscription_canceled = excluded.subscription_canceled, invoice_id = excluded.invoice_id,
                chat_id = excluded.chat_id, details = excluded.details
            """)
    }

    // MARK: Paid media

    func paidMedia(chatID: Int64, messageID: Int64) throws -> PaidMediaRecord? {
        try row("""
            SELECT chat_id, message_id, bot_id, star_count, payload, media FROM paid_media
            WHERE chat_id = \(chatID) AND message_id = \(messageID)
            """).map { row in
            try PaidMediaRecord(chatID: row[0], messageID: row[1], botID: row[2], starCount: row[3], payload: row[4], media: row[5])
        }
    }

    func save(_ r: PaidMediaRecord) throws {
        try run("""
            INSERT INTO paid_media (chat_id, message_id, bot_id, star_count, payload, media)
            VALUES (\(r.chatID), \(r.messageID), \(r.botID), \(r.starCount), \(r.payload), \(r.media))
            ON CONFLICT (chat_id, message_id) DO UPDATE SET bot_id = excluded.bot_id, star_count = excluded.star_count,
                payload = excluded.payload, media = excluded.media
            """)
    }

    func hasBoughtPaidMedia(chatID: Int64, messageID: Int64, userID: Int64) throws -> Bool {
        try exists("""
            SELECT 1 FROM paid_media_purchase WHERE chat_id = \(chatID) AND message_id = \(messageID) AND user_id = \(userID)
            """)
    }

    func recordPaidMediaPurchase(chatID: Int64, messageID: Int64, userID: Int64) throws {
        try run("""
            INSERT INTO paid_media_purchase (chat_id, message_id, user_id) VALUES (\(chatID), \(messageID), \(userID))
            ON CONFLICT DO NOTHING
            """)
    }
}

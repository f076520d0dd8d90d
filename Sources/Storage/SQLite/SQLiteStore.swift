import CoreMetrics
import Foundation
import GRDB

/// The embedded store: one SQLite database in WAL mode under the data directory.
///
/// Durability: every write transaction is committed with `synchronous = FULL` before
/// ``write(_:)`` returns, so a state change that was answered survives a crash or power
/// loss. GRDB sets `synchronous = NORMAL` on pools after `prepareDatabase` runs, so the
/// setting is applied on the writer connection after opening and can be read back with
/// ``synchronousMode()``.
public final class SQLiteStore: Store {
    let pool: DatabasePool
    private let groupCommit: GroupCommit
    /// The database file; its directory is the data directory (snapshots go beside it).
    let path: String
    /// Whether commits and file contents are synced to disk (false for `botapi serve --memory`).
    let isDurable: Bool

    /// Opens (creating if needed) the database at `path` and migrates it.
    ///
    /// - Parameters:
    ///   - durable: false to skip every fsync (`synchronous = OFF`, unsynced file contents):
    ///     for a throwaway world (`botapi serve --memory`) whose speed matters, not its
    ///     survival of a crash.
    ///   - metrics: where commit batch sizes and durations are recorded.
    public init(path: String, durable: Bool = true, metrics: any MetricsFactory = NOOPMetricsHandler.instance) throws {
        self.path = path
        isDurable = durable
        let tuning = SQLiteTuning.current
        // SQLite's default 2 MB cache made the writer re-read pages of large tables.
        let configuration = SQLiteTuning.configuration(label: "botapi", pragma: "PRAGMA cache_size = \(tuning.cacheSizePragma)")
        pool = try DatabasePool(path: path, configuration: configuration)
        try pool.writeWithoutTransaction { db in
            try db.execute(sql: durable ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = OFF")
            if let pages = tuning.writerAutoCheckpointPages {
                try db.execute(sql: "PRAGMA wal_autocheckpoint = \(pages)")
            }
        }
        try SQLiteSchema.migrator.migrate(pool)
        let checkpointer = tuning.backgroundCheckpointEvery > 0
            ? try Checkpointer(path: path, everyWrites: tuning.backgroundCheckpointEvery, durable: durable) : nil
        groupCommit = GroupCommit(pool: pool, checkpointer: checkpointer, tuning: tuning, metrics: metrics)
    }

    /// The writer connection's `PRAGMA synchronous` value: 2 means FULL.
    public func synchronousMode() throws -> Int {
        try pool.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1 }
    }

    /// The journal mode, "wal" when healthy.
    public func journalMode() throws -> String {
        try pool.writeWithoutTransaction { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "" }
    }

    public func read<T: Sendable>(_ body: @Sendable (any StoreReader) throws -> T) async throws -> T {
        try await pool.read { db in try body(SQLiteTransaction(db: db, effects: nil)) }
    }

    /// The data directory's file vault, synced as the database is.
    public func blobStore(filesDirectory: URL) -> any BlobStore {
        DiskBlobStore(directory: filesDirectory, synchronizes: isDurable)
    }

    /// No other process shares an SQLite world.
    public func signalsFromOtherInstances() -> AsyncStream<String>? { nil }

    /// Concurrent writes share one commit (see ``GroupCommit``); each caller returns only
    /// after the commit holding its changes.
    public func write<T: Sendable>(_ body: @escaping @Sendable (any StoreWriter) throws -> T) async throws -> T {
        try await groupCommit.write { db, effects in try body(SQLiteTransaction(db: db, effects: effects)) }
    }
}

/// The schema, as versioned migrations. Never edit a registered migration: add a new one.
enum SQLiteSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: accounts, chats, messages, update queues") { db in
            try db.execute(sql: """
                CREATE TABLE account (
                    id INTEGER PRIMARY KEY,
                    is_bot INTEGER NOT NULL,
                    first_name TEXT NOT NULL,
                    last_name TEXT,
                    username TEXT,
                    username_key TEXT UNIQUE,
                    language_code TEXT,
                    is_premium INTEGER NOT NULL DEFAULT 0,
                    token_secret TEXT NOT NULL,
                    can_join_groups INTEGER NOT NULL DEFAULT 0,
                    can_read_all_group_messages INTEGER NOT NULL DEFAULT 0,
                    supports_inline_queries INTEGER NOT NULL DEFAULT 0,
                    owner_user_id INTEGER,
                    is_deleted INTEGER NOT NULL DEFAULT 0,
                    created_at INTEGER NOT NULL
                );
                CREATE TABLE chat (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    kind TEXT NOT NULL,
                    low_account_id INTEGER,
                    high_account_id INTEGER,
                    low_has_written INTEGER NOT NULL DEFAULT 0,
                    high_has_written INTEGER NOT NULL DEFAULT 0,
                    low_blocked_high INTEGER NOT NULL DEFAULT 0,
                    high_blocked_low INTEGER NOT NULL DEFAULT 0,
                    last_message_id INTEGER NOT NULL DEFAULT 0
                );
                CREATE UNIQUE INDEX chat_private_pair ON chat(low_account_id, high_account_id)
                    WHERE kind = 'private';
                CREATE TABLE message (
                    chat_id INTEGER NOT NULL,
                    message_id INTEGER NOT NULL,
                    sender_id INTEGER NOT NULL,
                    date INTEGER NOT NULL,
                    edit_date INTEGER,
                    content BLOB NOT NULL,
                    PRIMARY KEY (chat_id, message_id)
                ) WITHOUT ROWID;
                CREATE TABLE update_queue (
                    recipient_id INTEGER PRIMARY KEY,
                    next_update_id INTEGER NOT NULL,
                    allowed_updates TEXT
                );
                CREATE TABLE pending_update (
                    recipient_id INTEGER NOT NULL,
                    update_id INTEGER NOT NULL,
                    kind TEXT NOT NULL,
                    expires_at INTEGER NOT NULL,
                    payload BLOB NOT NULL,
                    PRIMARY KEY (recipient_id, update_id)
                ) WITHOUT ROWID;
                CREATE TABLE setting (
                    key TEXT PRIMARY KEY,
                    value TEXT NOT NULL
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v2: webhooks, per-key delivery order") { db in
            try db.execute(sql: """
                ALTER TABLE pending_update ADD COLUMN delivery_key TEXT NOT NULL DEFAULT '';
                CREATE TABLE webhook (
                    bot_id INTEGER PRIMARY KEY,
                    url TEXT NOT NULL,
                    secret_token TEXT,
                    max_connections INTEGER NOT NULL,
                    ip_address TEXT,
                    certificate BLOB,
                    last_error_date INTEGER,
                    last_error_message TEXT,
                    generation INTEGER NOT NULL
                );
                """)
        }
        migrator.registerMigration("v3: group chats and members") { db in
            try db.execute(sql: groupChatsSQL)
        }
        migrator.registerMigration("v4: reactions and poll answers") { db in
            try db.execute(sql: messageChoicesSQL)
        }
        migrator.registerMigration("v5: files") { db in
            try db.execute(sql: filesSQL)
        }
        migrator.registerMigration("v6: sightings") { db in
            try db.execute(sql: sightingsSQL)
        }
        migrator.registerMigration("v7: inline") { db in
            try db.execute(sql: inlineSQL)
        }
        // MARK: Stars and payments
        migrator.registerMigration("v8: stars and payments") { db in
            try db.execute(sql: paymentsSQL)
        }
        // MARK: Stickers
        migrator.registerMigration("v9: stickers and profiles") { db in
            try db.execute(sql: stickersAndProfilesSQL)
        }
        // MARK: Games
        migrator.registerMigration("v10: games") { db in
            try db.execute(sql: gamesSQL)
        }
        // MARK: Media
        migrator.registerMigration("v11: media") { db in
            try db.execute(sql: mediaSQL)
            try db.execute(sql: pollDeadlinesSQL)
        }
        // MARK: Webhook delivery leases
        migrator.registerMigration("v12: webhook delivery leases") { db in
            try db.execute(sql: webhookLeasesSQL)
        }
        // MARK: Queries
        migrator.registerMigration("v13: queries answered across instances") { db in
            try db.execute(sql: queriesSQL)
        }
        // MARK: Business accounts
        migrator.registerMigration("v14: business connections and stories") { db in
            try db.execute(sql: businessSQL)
        }
        // MARK: Gifts
        migrator.registerMigration("v15: gifts") { db in
            try db.execute(sql: giftsSQL)
        }
        // MARK: Message drafts
        migrator.registerMigration("v17: message drafts") { db in
            try db.execute(sql: messageDraftsSQL)
        }
        // MARK: Ephemeral messages
        migrator.registerMigration("v18: ephemeral messages") { db in
            try db.execute(sql: ephemeralMessagesSQL)
        }
        // MARK: Suggested posts
        migrator.registerMigration("v20: channel direct messages") { db in
            try db.execute(sql: suggestedPostJobsSQL)
        }
        // MARK: Write volume
        // `message` and `pending_update` were WITHOUT ROWID tables keyed by chat (recipient)
        // and id. Such a table is an index b-tree whose interior pages hold whole rows, so
        // with rows of ~200 bytes its fan-out was about 16, and a batch of messages to 30
        // chats dirtied two pages per message and table: 4.4 WAL frames (18 KB) per
        // sendMessage, written to the WAL and again by the checkpoint. As rowid tables, a
        // batch's rows go to the same rightmost leaves, and only the small (chat, id) index
        // entries land on one page per chat: durable sendMessage to 64 chats ran 25 % faster
        // (BENCHMARKS.md, fourth round).
        migrator.registerMigration("v21: messages and pending updates in rowid tables") { db in
            try db.execute(sql: """
                CREATE TABLE message_v21 (
                    chat_id INTEGER NOT NULL,
                    message_id INTEGER NOT NULL,
                    sender_id INTEGER NOT NULL,
                    date INTEGER NOT NULL,
                    edit_date INTEGER,
                    content BLOB NOT NULL
                );
                INSERT INTO message_v21 (chat_id, message_id, sender_id, date, edit_date, content)
                    SELECT chat_id, message_id, sender_id, date, edit_date, content FROM message ORDER BY chat_id, message_id;
                DROP TABLE message;
                ALTER TABLE message_v21 RENAME TO message;
                CREATE UNIQUE INDEX message_key ON message(chat_id, message_id);
                CREATE TABLE pending_update_v21 (
                    recipient_id INTEGER NOT NULL,
                    update_id INTEGER NOT NULL,
                    kind TEXT NOT NULL,
                    expires_at INTEGER NOT NULL,
                    payload BLOB NOT NULL,
                    delivery_key TEXT NOT NULL DEFAULT ''
                );
                INSERT INTO pending_update_v21 (recipient_id, update_id, kind, expires_at, payload, delivery_key)
                    SELECT recipient_id, update_id, kind, expires_at, payload, delivery_key FROM pending_update
                    ORDER BY recipient_id, update_id;
                DROP TABLE pending_update;
                ALTER TABLE pending_update_v21 RENAME TO pending_update;
                CREATE UNIQUE INDEX pending_update_key ON pending_update(recipient_id, update_id);
                """)
        }
        return migrator
    }
}

/// One transaction's view of the database, implementing the store's queries with cached
/// statements.
struct SQLiteTransaction: StoreWriter {
    let db: Database
    /// Where a write transaction's post-commit effects go; nil in reads.
    let effects: CommitEffects?

    func afterCommit(_ effect: @escaping @Sendable () -> Void) {
        guard let effects else { preconditionFailure("afterCommit outside a write transaction") }
        effects.append(effect)
    }

    /// One process: there is no one to tell.
    func signalOtherInstances(_ signal: String) {}

    // MARK: Accounts

    private static let accountColumns = """
        id, is_bot, first_name, last_name, username, language_code, is_premium, token_secret, can_join_groups,
        can_read_all_group_messages, supports_inline_queries, owner_user_id, is_deleted, created_at
        """

    private func account(from row: Row) -> AccountRecord {
        AccountRecord(
            id: row[0], isBot: row[1], firstName: row[2], lastName: row[3], username: row[4], languageCode: row[5],
            isPremium: row[6], tokenSecret: row[7], canJoinGroups: row[8], canReadAllGroupMessages: row[9],
            supportsInlineQueries: row[10], ownerUserID: row[11], isDeleted: row[12], createdAt: row[13])
    }

    func account(id: Int64) throws -> AccountRecord? {
        let statement = try db.cachedStatement(sql: "SELECT \(Self.accountColumns) FROM account WHERE id = ?")
        return try Row.decodeFirst(statement, arguments: [id], account(from:))
    }

    func accounts(ids: [Int64]) throws -> [AccountRecord] {
        // One statement for any number of ids: the list goes in as one JSON array.
        let statement = try db.cachedStatement(
            sql: "SELECT \(Self.accountColumns) FROM account WHERE id IN (SELECT value FROM json_each(?))")
        return try Row.fetchAll(statement, arguments: [Self.jsonArray(ids)]).map(account(from:))
    }

    /// `[1,2,3]`, for `json_each`.
    static func jsonArray(_ ids: [Int64]) -> String {
        "[" + ids.map(String.init).joined(separator: ",") + "]"
    }

    func account(username: String) throws -> AccountRecord? {
        let statement = try db.cachedStatement(sql: "SELECT \(Self.accountColumns) FROM account WHERE username_key = ?")
        return try Row.decodeFirst(statement, arguments: [username.lowercased()], account(from:))
    }

    func accounts(offset: Int, limit: Int, isBot: Bool?) throws -> [AccountRecord] {
        var sql = "SELECT \(Self.accountColumns) FROM account WHERE is_deleted = 0"
        var arguments: StatementArguments = []
        if let isBot {
            sql += " AND is_bot = ?"
            _ = arguments.append(contentsOf: [isBot])
        }
        sql += " ORDER BY id LIMIT ? OFFSET ?"
        _ = arguments.append(contentsOf: [limit, offset])
        return try Row.fetchAll(db, sql: sql, arguments: arguments).map(account(from:))
    }

    func insert(_ record: AccountRecord) throws -> AccountRecord {
        var record = record
        if record.id == 0 {
            record.id = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 5000000000) + 1 FROM account") ?? 5_000_000_001
        }
        try db.execute(
            sql: """
                INSERT INTO account (\(Self.accountColumns), username_key)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: accountArguments(record))
        return record
    }

    func update(_ record: AccountRecord) throws {
        var arguments = accountArguments(record)
        _ = arguments.append(contentsOf: [record.id])
        try db.execute(
            sql: """
                UPDATE account SET id = ?, is_bot = ?, first_name = ?, last_name = ?, username = ?, language_code = ?,
                    is_premium = ?, token_secret = ?, can_join_groups = ?, can_read_all_group_messages = ?,
                    supports_inline_queries = ?, owner_user_id = ?, is_deleted = ?, created_at = ?, username_key = ?
                WHERE id = ?
                """,
            arguments: arguments)
    }

    private func accountArguments(_ r: AccountRecord) -> StatementArguments {
        [
            r.id, r.isBot, r.firstName, r.lastName, r.username, r.languageCode, r.isPremium, r.tokenSecret,
            r.canJoinGroups, r.canReadAllGroupMessages, r.supportsInlineQueries, r.ownerUserID, r.isDeleted,
            r.createdAt, r.isDeleted ? nil : r.username?.lowercased(),
        ]
    }

    // MARK: Chats

    static let chatColumns = """
        id, kind, low_account_id, high_account_id, low_has_written, high_has_written, low_blocked_high,
        high_blocked_low, last_message_id
        """

    func chat(from row: Row) throws -> ChatRecord {
        try ChatRecord(
            id: row[0], kind: ChatKind(stored: row[1]), lowAccountID: row[2], highAccountID: row[3], lowHasWritten: row[4],
            highHasWritten: row[5], lowBlockedHigh: row[6], highBlockedLow: row[7], lastMessageID: row[8])
    }

    func privateChat(between first: Int64, and second: Int64) throws -> ChatRecord? {
        let statement = try db.cachedStatement(
            sql: "SELECT \(Self.chatColumns) FROM chat WHERE kind = 'private' AND low_account_id = ? AND high_account_id = ?")
        return try Row.decodeFirst(statement, arguments: [min(first, second), max(first, second)], chat(from:))
    }

    func insert(_ record: ChatRecord) throws -> ChatRecord {
        let arguments = StatementArguments(Array(chatValues(record).dropFirst()))
        try db.execute(
            sql: """
                INSERT INTO chat (kind, low_account_id, high_account_id, low_has_written, high_has_written,
                    low_blocked_high, high_blocked_low, last_message_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: arguments)
        var inserted = record
        inserted.id = db.lastInsertedRowID
        return inserted
    }

    func update(_ record: ChatRecord) throws {
        var values = Array(chatValues(record).dropFirst())
        values.append(record.id)
        let statement = try db.cachedStatement(
            sql: """
                UPDATE chat SET kind = ?, low_account_id = ?, high_account_id = ?, low_has_written = ?,
                    high_has_written = ?, low_blocked_high = ?, high_blocked_low = ?, last_message_id = ?
                WHERE id = ?
                """)
        try statement.execute(arguments: StatementArguments(values))
    }

    private func chatValues(_ r: ChatRecord) -> [(any DatabaseValueConvertible)?] {
        [r.id, r.kind.rawValue, r.lowAccountID, r.highAccountID, r.lowHasWritten, r.highHasWritten, r.lowBlockedHigh,
         r.highBlockedLow, r.lastMessageID]
    }

    // MARK: Messages

    func message(chatID: Int64, messageID: Int64) throws -> MessageRecord? {
        let statement = try db.cachedStatement(
            sql: "SELECT chat_id, message_id, sender_id, date, edit_date, content FROM message WHERE chat_id = ? AND message_id = ?")
        return try Row.decodeFirst(statement, arguments: [chatID, messageID]) { row in
            MessageRecord(chatID: row[0], messageID: row[1], senderID: row[2], date: row[3], editDate: row[4], content: row[5])
        }
    }

    func insert(_ record: MessageRecord) throws {
        let statement = try db.cachedStatement(
            sql: "INSERT INTO message (chat_id, message_id, sender_id, date, edit_date, content) VALUES (?, ?, ?, ?, ?, ?)")
        try statement.execute(arguments: [record.chatID, record.messageID, record.senderID, record.date, record.editDate, record.content])
    }

    func update(_ record: MessageRecord) throws {
        let statement = try db.cachedStatement(
            sql: "UPDATE message SET sender_id = ?, date = ?, edit_date = ?, content = ? WHERE chat_id = ? AND message_id = ?")
        try statement.execute(arguments: [record.senderID, record.date, record.editDate, record.content, record.chatID, record.messageID])
    }

    func deleteMessage(chatID: Int64, messageID: Int64) throws {
        let statement = try db.cachedStatement(sql: "DELETE FROM message WHERE chat_id = ? AND message_id = ?")
        try statement.execute(arguments: [chatID, messageID])
    }

    // MARK: Update queues

    func updateQueue(recipientID: Int64) throws -> UpdateQueueRecord? {
        let statement = try db.cachedStatement(
            sql: "SELECT recipient_id, next_update_id, allowed_updates FROM update_queue WHERE recipient_id = ?")
        return try Row.decodeFirst(statement, arguments: [recipientID]) { row in
            UpdateQueueRecord(recipientID: row[0], nextUpdateID: row[1], allowedUpdates: row[2])
        }
    }

    func updateQueues(recipientIDs: [Int64]) throws -> [UpdateQueueRecord] {
        let statement = try db.cachedStatement(
            sql: """
                SELECT recipient_id, next_update_id, allowed_updates FROM update_queue
                WHERE recipient_id IN (SELECT value FROM json_each(?))
                """)
        return try Row.fetchAll(statement, arguments: [Self.jsonArray(recipientIDs)]).map { row in
            UpdateQueueRecord(recipientID: row[0], nextUpdateID: row[1], allowedUpdates: row[2])
        }
    }

    func save(_ record: UpdateQueueRecord) throws {
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO update_queue (recipient_id, next_update_id, allowed_updates) VALUES (?, ?, ?)
                ON CONFLICT (recipient_id) DO UPDATE SET
                    next_update_id = excluded.next_update_id, allowed_updates = excluded.allowed_updates
                """)
        try statement.execute(arguments: [record.recipientID, record.nextUpdateID, record.allowedUpdates])
    }

    func pendingUpdates(recipientID: Int64, fromUpdateID: Int64, limit: Int) throws -> [UpdateRecord] {
        let statement = try db.cachedStatement(
            sql: """
                SELECT recipient_id, update_id, kind, expires_at, payload, delivery_key FROM pending_update
                WHERE recipient_id = ? AND update_id >= ? ORDER BY update_id LIMIT ?
                """)
        return try Row.fetchAll(statement, arguments: [recipientID, fromUpdateID, limit]).map { row in
            UpdateRecord(recipientID: row[0], updateID: row[1], kind: row[2], expiresAt: row[3], payload: row[4], deliveryKey: row[5])
        }
    }

    func pendingUpdateTotal() throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM pending_update") ?? 0
    }

    func pendingUpdateCount(recipientID: Int64) throws -> Int {
        let statement = try db.cachedStatement(sql: "SELECT COUNT(*) FROM pending_update WHERE recipient_id = ?")
        return try Int.fetchOne(statement, arguments: [recipientID]) ?? 0
    }

    func oldestPendingUpdateID(recipientID: Int64) throws -> Int64? {
        let statement = try db.cachedStatement(sql: "SELECT MIN(update_id) FROM pending_update WHERE recipient_id = ?")
        return try Int64.fetchOne(statement, arguments: [recipientID])
    }

    func insert(_ record: UpdateRecord) throws {
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO pending_update (recipient_id, update_id, kind, expires_at, payload, delivery_key)
                VALUES (?, ?, ?, ?, ?, ?)
                """)
        try statement.execute(arguments: [
            record.recipientID, record.updateID, record.kind, record.expiresAt, record.payload, record.deliveryKey,
        ])
    }

    func deleteUpdates(recipientID: Int64, below updateID: Int64) throws {
        let statement = try db.cachedStatement(sql: "DELETE FROM pending_update WHERE recipient_id = ? AND update_id < ?")
        try statement.execute(arguments: [recipientID, updateID])
    }

    func deleteExpiredUpdates(recipientID: Int64, now: Int64) throws {
        let statement = try db.cachedStatement(sql: "DELETE FROM pending_update WHERE recipient_id = ? AND expires_at <= ?")
        try statement.execute(arguments: [recipientID, now])
    }

    func deleteUpdate(recipientID: Int64, updateID: Int64) throws {
        let statement = try db.cachedStatement(sql: "DELETE FROM pending_update WHERE recipient_id = ? AND update_id = ?")
        try statement.execute(arguments: [recipientID, updateID])
    }

    func deleteAllUpdates(recipientID: Int64) throws {
        try db.execute(sql: "DELETE FROM pending_update WHERE recipient_id = ?", arguments: [recipientID])
    }

    // MARK: Webhooks

    private static let webhookColumns = """
        bot_id, url, secret_token, max_connections, ip_address, certificate, last_error_date, last_error_message, generation
        """

    private func webhook(from row: Row) -> WebhookRecord {
        WebhookRecord(
            botID: row[0], url: row[1], secretToken: row[2], maxConnections: row[3], ipAddress: row[4], certificate: row[5],
            lastErrorDate: row[6], lastErrorMessage: row[7], generation: row[8])
    }

    func webhook(botID: Int64) throws -> WebhookRecord? {
        let statement = try db.cachedStatement(sql: "SELECT \(Self.webhookColumns) FROM webhook WHERE bot_id = ?")
        return try Row.decodeFirst(statement, arguments: [botID], webhook(from:))
    }

    func webhooks() throws -> [WebhookRecord] {
        try Row.fetchAll(db, sql: "SELECT \(Self.webhookColumns) FROM webhook ORDER BY bot_id").map(webhook(from:))
    }

    func save(_ record: WebhookRecord) throws {
        try db.execute(
            sql: "INSERT OR REPLACE INTO webhook (\(Self.webhookColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            arguments: [
                record.botID, record.url, record.secretToken, record.maxConnections, record.ipAddress, record.certificate,
                record.lastErrorDate, record.lastErrorMessage, record.generation,
            ])
    }

    func deleteWebhook(botID: Int64) throws {
        try db.execute(sql: "DELETE FROM webhook WHERE bot_id = ?", arguments: [botID])
    }

    // MARK: Settings

    func setting(_ key: String) throws -> String? {
        try String.fetchOne(db.cachedStatement(sql: "SELECT value FROM setting WHERE key = ?"), arguments: [key])
    }

    func setSetting(_ key: String, _ value: String) throws {
        try db.execute(sql: "INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)", arguments: [key, value])
    }
}

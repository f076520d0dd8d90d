import CoreMetrics
import Foundation
import Logging
import NIOCore
import PostgresNIO
import Synchronization

/// The shared store: the world in a PostgreSQL database (`botapi serve --database postgres://…`).
///
/// Transaction bodies are synchronous (see ``Store``), so each runs on a dispatch queue of
/// its own connection, never on a NIO event loop, and waits there for each statement's
/// result. Writes go through one writer connection, one at a time; reads use a small pool of
/// reader connections, each read in a `REPEATABLE READ READ ONLY` transaction (one snapshot).
public final class PostgresStore: Store {
    /// Where the database is and how to use it.
    public struct Configuration: Sendable {
        public var host: String
        public var port: Int
        public var username: String
        public var password: String?
        public var database: String
        /// A schema of its own (created if missing), for tests that give each world a fresh
        /// one; nil uses the role's default search path.
        public var schema: String?
        /// Reader connections (the writer is one more).
        public var readerCount: Int = 4
        /// Statements running longer are cancelled by the server; nil means no limit.
        public var statementTimeout: Duration?
        /// Connection attempts at start-up, one a second, while the server is not up yet.
        public var connectAttempts: Int = 30

        public init(host: String, port: Int = 5432, username: String, password: String?, database: String) {
            self.host = host
            self.port = port
            self.username = username
            self.password = password
            self.database = database
        }

        /// Reads `postgres://user:password@host:port/database` (also `postgresql://`; user,
        /// password and database percent-decoded). `?schema=name` keeps the world in a schema
        /// of that name (created if missing), so one database can hold several worlds.
        public init(url: String) throws {
            guard let components = URLComponents(string: url), ["postgres", "postgresql"].contains(components.scheme ?? ""),
                  let host = components.host, !host.isEmpty
            else { throw PostgresStoreError.configuration("expected postgres://user:password@host:port/database") }
            let database = String(components.percentEncodedPath.drop(while: { $0 == "/" })).removingPercentEncoding ?? ""
            guard let user = components.user, !user.isEmpty, !database.isEmpty else {
                throw PostgresStoreError.configuration("the database URL needs a user and a database name")
            }
            self.init(host: host, port: components.port ?? 5432, username: user, password: components.password, database: database)
            for item in components.queryItems ?? [] {
                guard item.name == "schema", let name = item.value else {
                    throw PostgresStoreError.configuration("the database URL's only option is ?schema=name")
                }
                guard PostgresSchema.isPlainIdentifier(name) else {
                    throw PostgresStoreError.configuration("schema names are lowercase letters, digits and _")
                }
                schema = name
            }
        }

        /// `host:port/database`: what logs and messages may show (never the password).
        public var displayName: String { "\(host):\(port)/\(database)" }

        func connectionConfiguration() -> PostgresConnection.Configuration {
            var configuration = PostgresConnection.Configuration(
                host: host, port: port, username: username, password: password, database: database, tls: .disable)
            // Run-time settings go in the start-up packet, so every connection has them
            // before its first statement, reconnections included.
            var parameters: [(String, String)] = [("application_name", "botapi")]
            if let schema { parameters.append(("search_path", schema)) }
            if let statementTimeout {
                let milliseconds = statementTimeout.components.seconds * 1000 + statementTimeout.components.attoseconds / 1_000_000_000_000_000
                parameters.append(("statement_timeout", "\(max(1, milliseconds))"))
            }
            configuration.options.additionalStartupParameters = parameters
            return configuration
        }
    }

    private let configuration: Configuration
    private let logger: Logger
    private let writer: PostgresSession
    private let readers: ReaderPool
    /// File contents (``PostgresBlobStore``), on connections of their own.
    private let blobs: PostgresBlobStore
    /// Batches writes into transactions that take the world's write lock (``write(_:)``).
    let groupCommit: PostgresGroupCommit
    /// This store's name among the instances sharing the database: signals carry it, so an
    /// instance skips its own.
    private let instanceID: String
    /// The NOTIFY channel of this world (one per schema).
    private let signalChannel: String
    /// Listeners to stop when the store closes.
    private let listeners = Mutex<[Task<Void, Never>]>([])

    /// Connects (waiting for the server, up to `configuration.connectAttempts` seconds) and
    /// migrates the database. `waiting` is told once if the server is not up yet.
    /// `metrics` records each write's duration (`/metrics`), as SQLite's group commit does.
    public init(
        configuration: Configuration, logger: Logger = Logger(label: "botapi.postgres"), metrics: (any MetricsFactory)? = nil,
        waiting: (String) -> Void = { _ in }
    ) throws {
        if let schema = configuration.schema, !PostgresSchema.isPlainIdentifier(schema) {
            throw PostgresStoreError.configuration("schema names are lowercase letters, digits and _")
        }
        self.configuration = configuration
        self.logger = logger
        let channel = "botapi_signals_" + (configuration.schema ?? "public"), sender = UUID().uuidString.lowercased()
        signalChannel = channel
        instanceID = sender
        let writer = try PostgresSession(
            label: "botapi.postgres.writer",
            connection: Self.connect(configuration, logger: logger, attempts: configuration.connectAttempts, waiting: waiting),
            configuration: configuration, logger: logger)
        do {
            try writer.queue.sync { try PostgresSchema.migrate(writer.transaction(), schema: configuration.schema) }
        } catch {
            writer.close()
            throw error
        }
        self.writer = writer
        groupCommit = PostgresGroupCommit(
            writer: writer, lockKey: PostgresSchema.lockKey("write", schema: configuration.schema), channel: channel,
            sender: sender, metrics: metrics ?? NOOPMetricsHandler.instance)
        readers = ReaderPool(capacity: max(1, configuration.readerCount), configuration: configuration, logger: logger)
        blobs = PostgresBlobStore(configuration: configuration, logger: logger)
    }

    deinit {
        for listener in listeners.withLock({ $0 }) { listener.cancel() }
        writer.close()
        readers.close()
    }

    /// File contents live in the database: instances share them, the data directory holds none.
    public func blobStore(filesDirectory: URL) -> any BlobStore { blobs }

    /// Other instances' signals, heard on a connection of its own (LISTEN). A lost
    /// connection is opened again after a second; signals sent meanwhile are missed, so a
    /// call parked here may wake only at its timeout (nothing is lost: updates stay queued
    /// in the database).
    public var isSharedWithOtherInstances: Bool { true }

    public func signalsFromOtherInstances() -> AsyncStream<String>? {
        let (stream, continuation) = AsyncStream<String>.makeStream()
        let configuration = configuration, logger = logger, channel = signalChannel
        let ownPrefix = instanceID + " "
        let listener = Task {
            while !Task.isCancelled {
                do {
                    let connection = try await PostgresConnection.connect(
                        configuration: configuration.connectionConfiguration(), id: PostgresSession.nextID(), logger: logger)
                    defer { connection.close().whenComplete { _ in _ = connection } }
                    try await connection.listen(on: channel) { notifications in
                        for try await notification in notifications {
                            let payload = notification.payload
                            guard !payload.hasPrefix(ownPrefix), let space = payload.firstIndex(of: " ") else { continue }
                            continuation.yield(String(payload[payload.index(after: space)...]))
                        }
                    }
                } catch {
                    if Task.isCancelled { break }
                    logger.warning("listening to other instances failed; retrying in 1 s: \(PostgresStoreError(error))")
                }
                try? await Task.sleep(for: .seconds(1))
            }
            continuation.finish()
        }
        continuation.onTermination = { _ in listener.cancel() }
        listeners.withLock { $0.append(listener) }
        return stream
    }

    /// Applies the migrations a database lacks and returns their names (`botapi migrate`).
    public static func migrate(configuration: Configuration, logger: Logger = Logger(label: "botapi.postgres"), waiting: (String) -> Void = { _ in }) throws -> [String] {
        let connection = try connect(configuration, logger: logger, attempts: configuration.connectAttempts, waiting: waiting)
        defer { _ = try? connection.close().wait() }
        return try PostgresSchema.migrate(PostgresTransaction(connection: connection, logger: logger), schema: configuration.schema)
    }

    /// Opens one connection, retrying once a second while the server refuses or is unreachable.
    static func connect(_ configuration: Configuration, logger: Logger, attempts: Int, waiting: (String) -> Void = { _ in }) throws -> PostgresConnection {
        var attempt = 1
        while true {
            do {
                return try PostgresConnection.connect(
                    on: PostgresConnection.defaultEventLoopGroup.any(), configuration: configuration.connectionConfiguration(),
                    id: PostgresSession.nextID(), logger: logger
                ).wait()
            } catch let error as PSQLError where attempt < attempts && (error.serverInfo == nil || error.serverInfo?[.sqlState] == "57P03") {
                // No server answered (refused, unreachable), or it answered that it is still
                // starting (57P03): wait for it. Other refusals (a wrong password) are final.
                if attempt == 1 { waiting("waiting for PostgreSQL at \(configuration.host):\(configuration.port)…") }
                attempt += 1
                Thread.sleep(forTimeInterval: 1)
            } catch let error as PSQLError where error.serverInfo == nil {
                throw PostgresStoreError.configuration(
                    "no answer from PostgreSQL at \(configuration.host):\(configuration.port) (\(error.code))")
            } catch {
                throw PostgresStoreError(error)
            }
        }
    }

    public func read<T: Sendable>(_ body: @Sendable (any StoreReader) throws -> T) async throws -> T {
        let session = try await readers.acquire()
        defer { readers.release(session) }
        return try await withoutActuallyEscaping(body) { body in
            try await session.perform { tx in
                try tx.transaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") { try body(tx) }
            }
        }
    }

    /// Writes go through ``PostgresGroupCommit``: concurrent writes share one transaction on
    /// the one writer connection, each in its own savepoint. The transaction's first
    /// statement takes a transaction-scoped advisory lock, so writes of several instances on
    /// one database run one batch at a time too: each write sees every earlier commit, as
    /// with SQLite's single writer. The writer stays at READ COMMITTED on purpose: each
    /// statement sees what committed before it, including commits that finished while this
    /// transaction waited for the lock (a REPEATABLE READ snapshot would be taken before the
    /// wait and miss them). A `NOTIFY` sent in a write is delivered at COMMIT, so wake-ups for
    /// other instances join the transaction that caused them.
    public func write<T: Sendable>(_ body: @escaping @Sendable (any StoreWriter) throws -> T) async throws -> T {
        try await groupCommit.write { tx in try body(tx) }
    }
}

/// One write's signals to other instances, sent together before its COMMIT.
final class SignalBuffer: @unchecked Sendable {
    // Unchecked: used only on the writer's queue, by one write at a time.
    private var texts: [String] = []

    func append(_ text: String) { texts.append(text) }

    func take() -> [String] {
        defer { texts = [] }
        return texts
    }
}

/// A PostgreSQL failure, with the server's SQLSTATE and message (PostgresNIO's own error
/// description hides them); the engine logs it under a reference and answers a plain 500.
public struct PostgresStoreError: Error, CustomStringConvertible {
    /// The SQLSTATE code, e.g. "23505", when the server answered.
    public let sqlState: String?
    public let message: String

    /// A UNIQUE or PRIMARY KEY constraint refused the row.
    public var isUniqueViolation: Bool { sqlState == "23505" }

    init(_ error: any Error) {
        if let error = error as? PSQLError, let info = error.serverInfo {
            sqlState = info[.sqlState]
            message = [info[.message], info[.detail]].compactMap { $0 }.joined(separator: ": ")
        } else if let error = error as? PostgresStoreError {
            self = error
            return
        } else {
            sqlState = nil
            message = (error as? PSQLError).map { "\($0.code)" } ?? String(describing: error)
        }
    }

    static func configuration(_ message: String) -> PostgresStoreError { PostgresStoreError(sqlState: nil, message: message) }

    /// The database holds something the store never writes.
    static func inconsistent(_ message: String) -> PostgresStoreError { PostgresStoreError(sqlState: nil, message: message) }

    private init(sqlState: String?, message: String) {
        self.sqlState = sqlState
        self.message = message
    }

    public var description: String { sqlState.map { "PostgreSQL error \($0): \(message)" } ?? "PostgreSQL: \(message)" }
}

// MARK: Connections

/// One connection and the serial queue its transactions run on. A connection that was lost
/// is opened again before the next transaction.
final class PostgresSession: @unchecked Sendable {
    private static let ids = Atomic<Int>(0)
    static func nextID() -> Int { ids.add(1, ordering: .relaxed).newValue }

    let queue: DispatchQueue
    private let configuration: PostgresStore.Configuration
    private let logger: Logger
    /// Touched only on `queue` (and in `close()`, once nothing runs any more).
    private var connection: PostgresConnection

    init(label: String, connection: PostgresConnection, configuration: PostgresStore.Configuration, logger: Logger) {
        queue = DispatchQueue(label: label)
        self.connection = connection
        self.configuration = configuration
        self.logger = logger
    }

    /// A transaction object for the current connection; call on `queue`.
    func transaction() throws -> PostgresTransaction {
        if connection.isClosed {
            close()
            connection = try PostgresStore.connect(configuration, logger: logger, attempts: 1)
        }
        return PostgresTransaction(connection: connection, logger: logger)
    }

    /// Runs `work` on this session's queue and returns its result. `work` is released before
    /// the caller resumes: reads pass a closure that must not outlive their call (see
    /// `withoutActuallyEscaping` in ``PostgresStore/read(_:)``), and the queue's block may
    /// be released only later.
    func perform<T: Sendable>(_ work: @escaping @Sendable (PostgresTransaction) throws -> T) async throws -> T {
        let box = WorkBox(work)
        return try await withCheckedThrowingContinuation { continuation in
            queue.async {
                let result = Result { try box.take()(self.transaction()) }
                continuation.resume(with: result)
            }
        }
    }

    /// Hands its closure out once, keeping no reference to it.
    private final class WorkBox<T>: @unchecked Sendable {
        private var work: ((PostgresTransaction) throws -> T)?
        init(_ work: @escaping (PostgresTransaction) throws -> T) { self.work = work }
        func take() -> (PostgresTransaction) throws -> T {
            defer { work = nil }
            return work!
        }
    }

    /// Closes the connection; PostgresNIO requires it before the connection is released.
    func close() {
        let connection = connection
        connection.close().whenComplete { _ in _ = connection }
    }
}

/// Reader sessions, opened on demand up to `capacity`; a read waits for a free one.
final class ReaderPool: Sendable {
    private struct State {
        var idle: [PostgresSession] = []
        var opened = 0
        var waiters: [CheckedContinuation<PostgresSession, any Error>] = []
        var all: [PostgresSession] = []
    }

    private let capacity: Int
    private let configuration: PostgresStore.Configuration
    private let logger: Logger
    private let state = Mutex(State())

    init(capacity: Int, configuration: PostgresStore.Configuration, logger: Logger) {
        self.capacity = capacity
        self.configuration = configuration
        self.logger = logger
    }

    func acquire() async throws -> PostgresSession {
        enum Next { case use(PostgresSession), open, wait }
        let next = state.withLock { state -> Next in
            if let session = state.idle.popLast() { return .use(session) }
            if state.opened < capacity {
                state.opened += 1
                return .open
            }
            return .wait
        }
        switch next {
        case .use(let session): return session
        case .open:
            do {
                let connection = try await PostgresConnection.connect(
                    configuration: configuration.connectionConfiguration(), id: PostgresSession.nextID(), logger: logger)
                let session = PostgresSession(label: "botapi.postgres.reader", connection: connection, configuration: configuration, logger: logger)
                state.withLock { $0.all.append(session) }
                return session
            } catch {
                // The server may be out of connection slots: wait for a reader of ours if
                // there is one, rather than failing the read.
                let others = state.withLock { state -> Int in
                    state.opened -= 1
                    return state.opened
                }
                if others == 0 { throw PostgresStoreError(error) }
                return try await waitForIdle()
            }
        case .wait:
            return try await waitForIdle()
        }
    }

    private func waitForIdle() async throws -> PostgresSession {
        try await withCheckedThrowingContinuation { continuation in
            let session = state.withLock { state -> PostgresSession? in
                if let session = state.idle.popLast() { return session }
                state.waiters.append(continuation)
                return nil
            }
            if let session { continuation.resume(returning: session) }
        }
    }

    func release(_ session: PostgresSession) {
        let waiter = state.withLock { state -> CheckedContinuation<PostgresSession, any Error>? in
            if state.waiters.isEmpty {
                state.idle.append(session)
                return nil
            }
            return state.waiters.removeFirst()
        }
        waiter?.resume(returning: session)
    }

    func close() {
        for session in state.withLock({ $0.all }) { session.close() }
    }
}

// MARK: Transactions

/// One row of a result: `row[i]` decodes column `i` as the type the context asks for.
struct PostgresCells {
    let cells: PostgresRandomAccessRow

    subscript<T: PostgresDecodable>(_ index: Int) -> T {
        get throws { try cells[index].decode(T.self) }
    }
}

/// One transaction's view of the database, implementing the store's queries. Values are
/// always bound through `PostgresQuery` interpolation; only column lists and other constant
/// SQL text go in `unescaped:`.
struct PostgresTransaction: StoreWriter {
    let connection: PostgresConnection
    let logger: Logger
    /// Where a write transaction's post-commit effects go; nil in reads and migrations.
    var effects: CommitEffects? = nil

    /// Where a write transaction's signals to other instances go; nil in reads and migrations.
    var signals: SignalBuffer? = nil

    func afterCommit(_ effect: @escaping @Sendable () -> Void) {
        guard let effects else { preconditionFailure("afterCommit outside a write transaction") }
        effects.append(effect)
    }

    func signalOtherInstances(_ signal: String) {
        guard let signals else { preconditionFailure("signalOtherInstances outside a write transaction") }
        signals.append(signal)
    }

    /// Runs `query` and returns every row (blocking: call from a session queue only).
    func rows(_ query: PostgresQuery) throws -> [PostgresCells] {
        do {
            return try connection.query(query, logger: logger).wait().map { PostgresCells(cells: $0.makeRandomAccess()) }
        } catch {
            throw PostgresStoreError(error)
        }
    }

    func row(_ query: PostgresQuery) throws -> PostgresCells? { try rows(query).first }

    func run(_ query: PostgresQuery) throws { _ = try rows(query) }

    /// The first column of the first row, nil without a row or for NULL.
    func value<T: PostgresDecodable>(_ query: PostgresQuery, as type: T.Type = T.self) throws -> T? where T._DecodableType == T {
        guard let row = try row(query) else { return nil }
        let value: T? = try row[0]
        return value
    }

    func exists(_ query: PostgresQuery) throws -> Bool { try row(query) != nil }

    /// Runs `body` between `begin` and COMMIT; a failure rolls back and is rethrown.
    func transaction<T>(_ begin: PostgresQuery, _ body: () throws -> T) throws -> T {
        try run(begin)
        do {
            let value = try body()
            try run("COMMIT")
            return value
        } catch {
            // A lost connection has nothing left to roll back.
            _ = try? run("ROLLBACK")
            throw error
        }
    }

    // MARK: Accounts

    private static let accountColumns = """
        id, is_bot, first_name, last_name, username, language_code, is_premium, token_secret, can_join_groups,
        can_read_all_group_messages, supports_inline_queries, owner_user_id, is_deleted, created_at
        """

    private func account(from row: PostgresCells) throws -> AccountRecord {
        try AccountRecord(
            id: row[0], isBot: row[1], firstName: row[2], lastName: row[3], username: row[4], languageCode: row[5],
            isPremium: row[6], tokenSecret: row[7], canJoinGroups: row[8], canReadAllGroupMessages: row[9],
            supportsInlineQueries: row[10], ownerUserID: row[11], isDeleted: row[12], createdAt: row[13])
    }

    func account(id: Int64) throws -> AccountRecord? {
        try row("SELECT \(unescaped: Self.accountColumns) FROM account WHERE id = \(id)").map(account(from:))
    }

    func accounts(ids: [Int64]) throws -> [AccountRecord] {
        // One statement for any number of ids: the list is bound as one BIGINT[].
        try rows("SELECT \(unescaped: Self.accountColumns) FROM account WHERE id = ANY(\(ids))").map(account(from:))
    }

    func account(username: String) throws -> AccountRecord? {
        try row("SELECT \(unescaped: Self.accountColumns) FROM account WHERE username_key = \(username.lowercased())").map(account(from:))
    }

    func accounts(offset: Int, limit: Int, isBot: Bool?) throws -> [AccountRecord] {
        let query: PostgresQuery = if let isBot {
            "SELECT \(unescaped: Self.accountColumns) FROM account WHERE NOT is_deleted AND is_bot = \(isBot) ORDER BY id LIMIT \(limit) OFFSET \(offset)"
        } else {
            "SELECT \(unescaped: Self.accountColumns) FROM account WHERE NOT is_deleted ORDER BY id LIMIT \(limit) OFFSET \(offset)"
        }
        return try rows(query).map(account(from:))
    }

    func insert(_ record: AccountRecord) throws -> AccountRecord {
        var r = record
        if r.id == 0 {
            r.id = try value("SELECT COALESCE(MAX(id), 5000000000) + 1 FROM account") ?? 5_000_000_001
        }
        try run("""
            INSERT INTO account (\(unescaped: Self.accountColumns), username_key)
            VALUES (\(r.id), \(r.isBot), \(r.firstName), \(r.lastName), \(r.username), \(r.languageCode), \(r.isPremium),
                \(r.tokenSecret), \(r.canJoinGroups), \(r.canReadAllGroupMessages), \(r.supportsInlineQueries), \(r.ownerUserID),
                \(r.isDeleted), \(r.createdAt), \(usernameKey(r)))
            """)
        return r
    }

    func update(_ r: AccountRecord) throws {
        try run("""
            UPDATE account SET is_bot = \(r.isBot), first_name = \(r.firstName), last_name = \(r.lastName),
                username = \(r.username), language_code = \(r.languageCode), is_premium = \(r.isPremium),
                token_secret = \(r.tokenSecret), can_join_groups = \(r.canJoinGroups),
                can_read_all_group_messages = \(r.canReadAllGroupMessages), supports_inline_queries = \(r.supportsInlineQueries),
                owner_user_id = \(r.ownerUserID), is_deleted = \(r.isDeleted), created_at = \(r.createdAt),
                username_key = \(usernameKey(r))
            WHERE id = \(r.id)
            """)
    }

    /// Deleted accounts give their username back.
    private func usernameKey(_ r: AccountRecord) -> String? { r.isDeleted ? nil : r.username?.lowercased() }

    // MARK: Chats

    static let chatColumns = """
        id, kind, low_account_id, high_account_id, low_has_written, high_has_written, low_blocked_high,
        high_blocked_low, last_message_id
        """

    func chat(from row: PostgresCells) throws -> ChatRecord {
        try ChatRecord(
            id: row[0], kind: ChatKind(stored: row[1]), lowAccountID: row[2], highAccountID: row[3], lowHasWritten: row[4],
            highHasWritten: row[5], lowBlockedHigh: row[6], highBlockedLow: row[7], lastMessageID: row[8])
    }

    func privateChat(between first: Int64, and second: Int64) throws -> ChatRecord? {
        try row("""
            SELECT \(unescaped: Self.chatColumns) FROM chat
            WHERE kind = 'private' AND low_account_id = \(min(first, second)) AND high_account_id = \(max(first, second))
            """).map(chat(from:))
    }

    func insert(_ record: ChatRecord) throws -> ChatRecord {
        let r = record
        var inserted = record
        inserted.id = try value("""
            INSERT INTO chat (kind, low_account_id, high_account_id, low_has_written, high_has_written,
                low_blocked_high, high_blocked_low, last_message_id)
            VALUES (\(r.kind.rawValue), \(r.lowAccountID), \(r.highAccountID), \(r.lowHasWritten), \(r.highHasWritten),
                \(r.lowBlockedHigh), \(r.highBlockedLow), \(r.lastMessageID))
            RETURNING id
            """) ?? 0
        return inserted
    }

    func update(_ r: ChatRecord) throws {
        try run("""
            UPDATE chat SET kind = \(r.kind.rawValue), low_account_id = \(r.lowAccountID), high_account_id = \(r.highAccountID),
                low_has_written = \(r.lowHasWritten), high_has_written = \(r.highHasWritten),
                low_blocked_high = \(r.lowBlockedHigh), high_blocked_low = \(r.highBlockedLow), last_message_id = \(r.lastMessageID)
            WHERE id = \(r.id)
            """)
    }

    // MARK: Messages

    static let messageColumns = "chat_id, message_id, sender_id, date, edit_date, content"

    func message(from row: PostgresCells) throws -> MessageRecord {
        try MessageRecord(chatID: row[0], messageID: row[1], senderID: row[2], date: row[3], editDate: row[4], content: row[5])
    }

    func message(chatID: Int64, messageID: Int64) throws -> MessageRecord? {
        try row("SELECT \(unescaped: Self.messageColumns) FROM message WHERE chat_id = \(chatID) AND message_id = \(messageID)")
            .map(message(from:))
    }

    func insert(_ r: MessageRecord) throws {
        try run("""
            INSERT INTO message (\(unescaped: Self.messageColumns))
            VALUES (\(r.chatID), \(r.messageID), \(r.senderID), \(r.date), \(r.editDate), \(r.content))
            """)
    }

    func update(_ r: MessageRecord) throws {
        try run("""
            UPDATE message SET sender_id = \(r.senderID), date = \(r.date), edit_date = \(r.editDate), content = \(r.content)
            WHERE chat_id = \(r.chatID) AND message_id = \(r.messageID)
            """)
    }

    func deleteMessage(chatID: Int64, messageID: Int64) throws {
        try run("DELETE FROM message WHERE chat_id = \(chatID) AND message_id = \(messageID)")
    }

    // MARK: Update queues

    func updateQueue(recipientID: Int64) throws -> UpdateQueueRecord? {
        try row("SELECT recipient_id, next_update_id, allowed_updates FROM update_queue WHERE recipient_id = \(recipientID)").map { row in
            try UpdateQueueRecord(recipientID: row[0], nextUpdateID: row[1], allowedUpdates: row[2])
        }
    }

    func updateQueues(recipientIDs: [Int64]) throws -> [UpdateQueueRecord] {
        try rows("""
            SELECT recipient_id, next_update_id, allowed_updates FROM update_queue WHERE recipient_id = ANY(\(recipientIDs))
            """).map { row in
            try UpdateQueueRecord(recipientID: row[0], nextUpdateID: row[1], allowedUpdates: row[2])
        }
    }

    func save(_ r: UpdateQueueRecord) throws {
        try run("""
            INSERT INTO update_queue (recipient_id, next_update_id, allowed_updates)
            VALUES (\(r.recipientID), \(r.nextUpdateID), \(r.allowedUpdates))
            ON CONFLICT (recipient_id) DO UPDATE SET
                next_update_id = excluded.next_update_id, allowed_updates = excluded.allowed_updates
            """)
    }

    func pendingUpdates(recipientID: Int64, fromUpdateID: Int64, limit: Int) throws -> [UpdateRecord] {
        try rows("""
            SELECT recipient_id, update_id, kind, expires_at, payload, delivery_key FROM pending_update
            WHERE recipient_id = \(recipientID) AND update_id >= \(fromUpdateID) ORDER BY update_id LIMIT \(limit)
            """).map { row in
            try UpdateRecord(recipientID: row[0], updateID: row[1], kind: row[2], expiresAt: row[3], payload: row[4], deliveryKey: row[5])
        }
    }

    func pendingUpdateCount(recipientID: Int64) throws -> Int {
        try value("SELECT COUNT(*) FROM pending_update WHERE recipient_id = \(recipientID)") ?? 0
    }

    func oldestPendingUpdateID(recipientID: Int64) throws -> Int64? {
        try value("SELECT MIN(update_id) FROM pending_update WHERE recipient_id = \(recipientID)")
    }

    func pendingUpdateTotal() throws -> Int {
        try value("SELECT COUNT(*) FROM pending_update") ?? 0
    }

    func insert(_ r: UpdateRecord) throws {
        try run("""
            INSERT INTO pending_update (recipient_id, update_id, kind, expires_at, payload, delivery_key)
            VALUES (\(r.recipientID), \(r.updateID), \(r.kind), \(r.expiresAt), \(r.payload), \(r.deliveryKey))
            """)
    }

    func deleteUpdates(recipientID: Int64, below updateID: Int64) throws {
        try run("DELETE FROM pending_update WHERE recipient_id = \(recipientID) AND update_id < \(updateID)")
    }

    func deleteExpiredUpdates(recipientID: Int64, now: Int64) throws {
        try run("DELETE FROM pending_update WHERE recipient_id = \(recipientID) AND expires_at <= \(now)")
    }

    func deleteUpdate(recipientID: Int64, updateID: Int64) throws {
        try run("DELETE FROM pending_update WHERE recipient_id = \(recipientID) AND update_id = \(updateID)")
    }

    func deleteAllUpdates(recipientID: Int64) throws {
        try run("DELETE FROM pending_update WHERE recipient_id = \(recipientID)")
    }

    // MARK: Webhooks

    private static let webhookColumns = """
        bot_id, url, secret_token, max_connections, ip_address, certificate, last_error_date, last_error_message, generation
        """

    private func webhook(from row: PostgresCells) throws -> WebhookRecord {
        try WebhookRecord(
            botID: row[0], url: row[1], secretToken: row[2], maxConnections: row[3], ipAddress: row[4], certificate: row[5],
            lastErrorDate: row[6], lastErrorMessage: row[7], generation: row[8])
    }

    func webhook(botID: Int64) throws -> WebhookRecord? {
        try row("SELECT \(unescaped: Self.webhookColumns) FROM webhook WHERE bot_id = \(botID)").map(webhook(from:))
    }

    func webhooks() throws -> [WebhookRecord] {
        try rows("SELECT \(unescaped: Self.webhookColumns) FROM webhook ORDER BY bot_id").map(webhook(from:))
    }

    func save(_ r: WebhookRecord) throws {
        try run("""
            INSERT INTO webhook (\(unescaped: Self.webhookColumns))
            VALUES (\(r.botID), \(r.url), \(r.secretToken), \(r.maxConnections), \(r.ipAddress), \(r.certificate),
                \(r.lastErrorDate), \(r.lastErrorMessage), \(r.generation))
            ON CONFLICT (bot_id) DO UPDATE SET url = excluded.url, secret_token = excluded.secret_token,
                max_connections = excluded.max_connections, ip_address = excluded.ip_address, certificate = excluded.certificate,
                last_error_date = excluded.last_error_date, last_error_message = excluded.last_error_message,
                generation = excluded.generation
            """)
    }

    func deleteWebhook(botID: Int64) throws {
        try run("DELETE FROM webhook WHERE bot_id = \(botID)")
    }

    // MARK: Settings

    func setting(_ key: String) throws -> String? {
        try value("SELECT value FROM setting WHERE key = \(key)")
    }

    func setSetting(_ key: String, _ value: String) throws {
        try run("INSERT INTO setting (key, value) VALUES (\(key), \(value)) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
    }
}

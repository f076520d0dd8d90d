import ArgumentParser
import BotAPI
import Engine
import Foundation
import Hummingbird
import Logging
import Server
import ServiceLifecycle
import Storage
import UnixSignals
import Webhooks

/// `botapi`: a standalone server that speaks the Telegram Bot API.
@main
struct BotAPICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "botapi",
        abstract: "A standalone server that speaks the Telegram Bot API.",
        subcommands: [Serve.self, UserCommand.self, BotCommand.self, AdminToken.self, OpenCommand.self, Migrate.self, SnapshotCommand.self],
        defaultSubcommand: Serve.self)
}

/// Options every command shares: where the world is kept.
struct DataOptions: ParsableArguments {
    @Option(help: "The data directory (created if missing).")
    var dataDir: String = ProcessInfo.processInfo.environment["BOTAPI_DATA_DIR"] ?? "./botapi-data"

    @OptionGroup var database: DatabaseOptions

    /// Opens the store: the PostgreSQL database of `--database` if given, else SQLite in
    /// the data directory. The directory is created first either way (it holds the file
    /// vault and the admin token). The world holds every token, so the directory is the
    /// owner's only (0700) and everything in it is created 0600 (the umask covers the
    /// database, its journal files and the file vault); a directory or database left readable
    /// by an older version is tightened.
    ///
    /// - Parameter durable: false for `serve --memory`: SQLite without fsync.
    func openStore(metrics: ServerMetrics? = nil, durable: Bool = true) throws -> any Store {
        umask(0o077)
        let manager = FileManager.default
        try manager.createDirectory(atPath: dataDir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try manager.setAttributes([.posixPermissions: 0o700], ofItemAtPath: dataDir)
        let path = (dataDir as NSString).appendingPathComponent("botapi.sqlite")
        for file in [path, path + "-wal", path + "-shm", (dataDir as NSString).appendingPathComponent("admin-token")]
        where manager.fileExists(atPath: file) {
            try manager.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
        }
        if let configuration = try database.configuration() {
            return try PostgresStore(
                configuration: configuration, metrics: metrics?.factory,
                waiting: DatabaseOptions.tellWaiting)
        }
        if let metrics { return try SQLiteStore(path: path, durable: durable, metrics: metrics.factory) }
        return try SQLiteStore(path: path, durable: durable)
    }

    /// The file vault of an SQLite world (a PostgreSQL world keeps file contents in the database).
    var filesDirectory: URL { URL(fileURLWithPath: dataDir).appendingPathComponent("files", isDirectory: true) }

    /// Where the world is, for the start-up line (never the database password).
    var location: String {
        (try? database.configuration())?.map { "postgres://\($0.displayName)" } ?? dataDir
    }

    /// The admin token: the given one, else the first line of `file`, else the one stored in
    /// the data directory, else a new one that is stored there (readable by the owner only).
    func adminToken(given: String?, file: String? = nil) throws -> (token: String, isNew: Bool) {
        if let given, !given.isEmpty { return (given, false) }
        if let file, !file.isEmpty {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8),
                  let token = text.split(whereSeparator: \.isNewline).first.map({ $0.trimmingCharacters(in: .whitespaces) }),
                  !token.isEmpty
            else { throw ValidationError("--admin-token-file: can't read a token from \(file)") }
            return (token, false)
        }
        let path = (dataDir as NSString).appendingPathComponent("admin-token")
        if let stored = try? String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines), !stored.isEmpty {
            return (stored, false)
        }
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        var generator = SystemRandomNumberGenerator()
        let token = String((0..<40).map { _ in alphabet[Int(generator.next(upperBound: UInt64(alphabet.count)))] })
        try FileManager.default.createDirectory(atPath: dataDir, withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: path, contents: Data((token + "\n").utf8), attributes: [.posixPermissions: 0o600]) else {
            throw ValidationError("cannot write the admin token to \(path)")
        }
        return (token, true)
    }
}

/// Options naming a PostgreSQL database to keep the world in instead of SQLite.
struct DatabaseOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Keep the world in this PostgreSQL database instead of SQLite in the data directory (or set $BOTAPI_DATABASE).",
        valueName: "postgres://user:password@host:port/database"))
    var database: String?

    @Option(help: "PostgreSQL reader connections (one writer connection more).")
    var databasePoolSize = 4

    @Option(help: "Cancel a PostgreSQL statement running longer than this many seconds (0: no limit).")
    var databaseStatementTimeout = 30

    func validate() throws {
        guard databasePoolSize >= 1 else { throw ValidationError("--database-pool-size must be at least 1") }
        guard databaseStatementTimeout >= 0 else { throw ValidationError("--database-statement-timeout can't be negative") }
        _ = try configuration()
    }

    /// The configuration of `--database` (else $BOTAPI_DATABASE), nil for SQLite.
    func configuration() throws -> PostgresStore.Configuration? {
        guard let url = database ?? ProcessInfo.processInfo.environment["BOTAPI_DATABASE"], !url.isEmpty else { return nil }
        do {
            var configuration = try PostgresStore.Configuration(url: url)
            configuration.readerCount = databasePoolSize
            configuration.statementTimeout = databaseStatementTimeout > 0 ? .seconds(databaseStatementTimeout) : nil
            return configuration
        } catch {
            throw ValidationError("--database: \(error)")
        }
    }

    /// Said once while start-up waits for the database server.
    static func tellWaiting(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }
}

/// `botapi migrate`: brings a PostgreSQL database's schema up to date and exits.
struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Apply the PostgreSQL schema migrations (serve also applies them when it starts).")

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        guard let configuration = try database.configuration() else {
            throw ValidationError("migrate needs --database postgres://… (or $BOTAPI_DATABASE)")
        }
        let applied = try PostgresStore.migrate(configuration: configuration, waiting: DatabaseOptions.tellWaiting)
        for name in applied { print("applied \(name)") }
        print(applied.isEmpty ? "\(configuration.displayName): up to date" : "\(configuration.displayName): \(applied.count) migrations applied")
    }
}

/// `botapi serve`: runs the server.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the server (the default command).")

    @OptionGroup var data: DataOptions

    @Option(help: "The address to listen on.")
    var host: String = ProcessInfo.processInfo.environment["BOTAPI_HOST"] ?? "127.0.0.1"

    @Option(help: "The port to listen on.")
    var port: Int = ProcessInfo.processInfo.environment["BOTAPI_PORT"].flatMap(Int.init) ?? 8081

    @Option(help: "The admin token. Visible to other local users in `ps`: prefer $BOTAPI_ADMIN_TOKEN or --admin-token-file.")
    var adminToken: String?

    @Option(help: "Read the admin token from this file's first line (or name the file in $BOTAPI_ADMIN_TOKEN_FILE).")
    var adminTokenFile: String?

    @Option(help: "Serve HTTPS with this PEM certificate chain (needs --tls-key).")
    var tlsCert: String?

    @Option(help: "The PEM private key of --tls-cert.")
    var tlsKey: String?

    @Flag(help: "Apply the cloud server's webhook rules: https only, ports 443/80/88/8443, no reserved addresses.")
    var strictWebhooks = false

    @Flag(help: "Local mode for files, as the official --local: uploads up to 2000 MB, no 20 MB getFile limit, absolute file paths, file:// inputs.")
    var local = false

    @Flag(name: .customLong("allow-private-urls"), help: "Let URL inputs (photo=http://…) fetch from loopback, private and other non-public addresses (on with --local).")
    var allowPrivateURLs = false

    @Option(help: "The world's clock: real (real time, moved further by the admin's advanceTime) or manual (stands still unless advanced, starting at the real time).")
    var clock: ClockMode = .real

    @Flag(help: "Enforce Telegram's sending limits: about 1 message per second per private chat (short bursts allowed), 20 per minute per group, 30 per second per bot (1000 with allow_paid_broadcast); over them, 429 with retry_after.")
    var floodLimits = false

    @Option(help: "Concurrent connections accepted from one client address; the next is answered 429.")
    var maxConnectionsPerAddress = ServerLimits().maxConnectionsPerAddress

    @Flag(help: "Keep the world in a temporary directory, without fsync, removed at exit (--data-dir is not used): for tests that want speed over durability. Snapshots are kept there too.")
    var memory = false

    @Option(help: "Log lines as text or as one JSON object per line (json).")
    var logFormat: LogFormat = .text

    @Option(help: "The least severe level logged: trace, debug, info (one line per API call), notice, warning, error, critical.")
    var logLevel: LogLevelOption = .init(.info)

    func validate() throws {
        guard maxConnectionsPerAddress >= 1 else { throw ValidationError("--max-connections-per-address must be at least 1") }
        if (tlsCert == nil) != (tlsKey == nil) { throw ValidationError("--tls-cert and --tls-key go together") }
        if adminToken != nil && adminTokenFile != nil { throw ValidationError("--admin-token and --admin-token-file exclude each other") }
        if memory, try data.database.configuration() != nil {
            throw ValidationError("--memory keeps the world in SQLite: it excludes --database (and $BOTAPI_DATABASE)")
        }
    }

    func run() async throws {
        let (format, level) = (logFormat, logLevel.level)
        LoggingSystem.bootstrap { label in
            switch format {
            case .text:
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = level
                return handler
            case .json: return JSONLogHandler(label: label, level: level)
            }
        }
        // One registry for the whole server, served at GET /metrics.
        let metrics = ServerMetrics()
        // --memory: a temporary data directory, removed when the server stops.
        var data = self.data
        let temporary = memory ? FileManager.default.temporaryDirectory.appendingPathComponent("botapi-memory-\(UUID().uuidString)") : nil
        if let temporary { data.dataDir = temporary.path }
        defer { if let temporary { try? FileManager.default.removeItem(at: temporary) } }
        let store = try data.openStore(metrics: metrics, durable: !memory)
        if memory {
            print("--memory: the world is kept in a temporary directory without fsync; its data and snapshots are lost at exit")
        }
        if adminToken != nil {
            FileHandle.standardError.write(Data("warning: --admin-token shows in the process list; prefer BOTAPI_ADMIN_TOKEN or --admin-token-file\n".utf8))
        }
        // The command line first, then the environment, then the data directory.
        let environment = ProcessInfo.processInfo.environment
        let (token, isNew) = adminToken != nil || adminTokenFile != nil
            ? try data.adminToken(given: adminToken, file: adminTokenFile)
            : try data.adminToken(given: environment["BOTAPI_ADMIN_TOKEN"], file: environment["BOTAPI_ADMIN_TOKEN_FILE"])
        let files = data.filesDirectory
        // Photos, thumbnails and durations need libvips and FFmpeg, loaded at the first media
        // file (a server that sees only text stays ~30 MB smaller); if they are missing, that
        // upload answers 500 and the log says why.
        var options = EngineOptions(
            strictWebhooks: strictWebhooks, filesDirectory: files, localFiles: local,
            remoteFileLoader: RemoteFileFetcher(allowsPrivateAddresses: local || allowPrivateURLs), mediaProcessor: NativeMediaProcessor())
        options.floodLimits = floodLimits
        let worldClock: any EngineClock = clock == .manual ? ManualClock(now: Int64(Date().timeIntervalSince1970)) : AdvancedRealClock()
        let engine = Engine(store: store, clock: worldClock, adminToken: token, options: options)
        if clock == .manual { print("The world's clock stands still (--clock manual): move it with the admin's advanceTime") }
        if isNew { print(memory ? "Admin token: \(token)" : "Admin token (stored in \(data.dataDir)/admin-token): \(token)") }
        let swept = try await engine.sweepFileVault()
        if swept.blobs + swept.temporaryFiles > 0 {
            let place = engine.blobStore is DiskBlobStore ? files.path : "the database and \(files.path)"
            print("Removed \(swept.blobs) unused uploads and \(swept.temporaryFiles) partial files from \(place)")
        }
        await engine.resumeTimers()
        let tls = tlsCert.map { BotAPIServer.TLSFiles(certificatePath: $0, privateKeyPath: tlsKey ?? "") }
        let scheme = tls == nil ? "http" : "https"
        let dispatcher = WebhookDispatcher(engine: engine, metrics: metrics.factory)
        let location = memory ? "in memory, lost at exit" : data.location
        let app = try BotAPIServer.makeApplication(
            engine: engine, host: host, port: port,
            // Room for the largest upload plus the other parameters.
            limits: ServerLimits(
                maxBodyBytes: local ? (2000 << 20) + (16 << 20) : ServerLimits().maxBodyBytes,
                maxConnectionsPerAddress: maxConnectionsPerAddress),
            tls: tls, services: [WebhookService(dispatcher: dispatcher)], metrics: metrics
        ) { boundPort in
            // Written unbuffered: scripts wait for this line on a pipe.
            FileHandle.standardOutput.write(Data("botapi listening on \(scheme)://\(host):\(boundPort) (data: \(location))\n".utf8))
        }
        // Other instances on the same database wake this one's parked calls and end its
        // cached sessions (nothing to follow with SQLite).
        let follower = Task { await engine.followOtherInstances() }
        // GET /health answers 503 while the store does not answer.
        let healthWatch = Task { await engine.watchStoreHealth() }
        // On SIGTERM or SIGINT the parked long polls answer at once (they found nothing) and
        // nothing parks any more, so the graceful shutdown that the same signal starts drains
        // the connections instead of waiting for each poll's timeout (up to 50 s).
        let stopParking = Task {
            for await _ in await UnixSignalsSequence(trapping: .sigterm, .sigint) {
                engine.hub.stopParking()
                return
            }
        }
        defer {
            follower.cancel()
            healthWatch.cancel()
            stopParking.cancel()
        }
        try await app.runService()
    }
}

/// Runs one admin method in-process against the data directory and prints its result.
private func runAdminMethod(_ method: String, _ parameters: BotAPI.Parameters, data: DataOptions) async throws -> String {
    let store = try data.openStore()
    // In-process calls need no shared secret: a one-off admin token authenticates them.
    let token = UUID().uuidString
    let engine = Engine(store: store, adminToken: token, options: EngineOptions(filesDirectory: data.filesDirectory))
    switch await engine.call(surface: .admin, token: Substring(token), method: method, parameters: parameters) {
    case .success(let result): return String(decoding: result.json, as: UTF8.self)
    case .failure(let error): throw ValidationError(error.description)
    }
}

/// Prints the `token` member of an admin result, or the whole result.
private func printToken(of json: String) {
    if let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any], let token = object["token"] as? String {
        print(token)
    } else {
        print(json)
    }
}

/// `botapi user create …`
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "user", abstract: "Manage users.", subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a user and print its token.")
        @OptionGroup var data: DataOptions
        @Option(help: "First name.") var firstName: String
        @Option(help: "Last name.") var lastName: String?
        @Option(help: "Username (5-32 letters, digits, underscores).") var username: String?
        @Option(help: "IETF language code, e.g. en.") var languageCode: String?

        func run() async throws {
            var parameters = BotAPI.Parameters()
            parameters.append("first_name", firstName)
            if let lastName { parameters.append("last_name", lastName) }
            if let username { parameters.append("username", username) }
            if let languageCode { parameters.append("language_code", languageCode) }
            let json = try await runAdminMethod("createUser", parameters, data: data)
            printToken(of: json)
            // The token alone on stdout (scripts capture it); the sign-in link on stderr.
            if let token = tokenMember(of: json) { printSignInLink(token: token) }
        }
    }
}

// MARK: Web client links

/// The token member of an admin result.
private func tokenMember(of json: String) -> String? {
    (try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])?["token"] as? String
}

/// The server's address as `botapi serve` would bind it from the environment, or
/// `$BOTAPI_PUBLIC_URL` when it is reached at another address.
private func serverAddress() -> String {
    let environment = ProcessInfo.processInfo.environment
    if let url = environment["BOTAPI_PUBLIC_URL"], !url.isEmpty { return url.hasSuffix("/") ? String(url.dropLast()) : url }
    let host = environment["BOTAPI_HOST"].flatMap { $0.isEmpty || $0 == "0.0.0.0" || $0 == "::" ? nil : $0 } ?? "127.0.0.1"
    let port = environment["BOTAPI_PORT"].flatMap(Int.init) ?? 8081
    return "http://\(host.contains(":") ? "[\(host)]" : host):\(port)"
}

/// The web client's sign-in link: the token in the fragment, which browsers never send.
private func signInLink(token: String) -> String { "\(serverAddress())/#token=\(token)" }

private func printSignInLink(token: String) {
    FileHandle.standardError.write(Data("Open in a browser: \(signInLink(token: token))\n".utf8))
}

/// `botapi open --user NAME`: prints the web client's sign-in link of an existing user.
struct OpenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open", abstract: "Print the web client's sign-in link of a user (set BOTAPI_PUBLIC_URL if the server is elsewhere).")
    @OptionGroup var data: DataOptions
    @Option(help: "The user's username (with or without @).") var user: String

    func run() async throws {
        let store = try data.openStore()
        let username = user.hasPrefix("@") ? String(user.dropFirst()) : user
        guard let account = try await store.read({ try $0.account(username: username) }), !account.isBot, !account.isDeleted else {
            throw ValidationError("no user @\(username) in \(data.dataDir)")
        }
        print(signInLink(token: "\(account.id):\(account.tokenSecret)"))
    }
}

/// `botapi bot create …`
struct BotCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bot", abstract: "Manage bots.", subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a bot and print its token.")
        @OptionGroup var data: DataOptions
        @Option(help: "Username, ending in \"bot\".") var username: String
        @Option(help: "Display name.") var name: String
        @Flag(help: "Let the bot see every group message (privacy mode off).") var readAllGroupMessages = false
        @Flag(help: "The bot answers inline queries.") var inline = false

        func run() async throws {
            var parameters = BotAPI.Parameters()
            parameters.append("username", username)
            parameters.append("first_name", name)
            if readAllGroupMessages { parameters.append("can_read_all_group_messages", "true") }
            if inline { parameters.append("supports_inline_queries", "true") }
            printToken(of: try await runAdminMethod("createBot", parameters, data: data))
        }
    }
}

/// `botapi snapshot save|restore|list`: snapshots of a stopped server's world (the admin's
/// `saveSnapshot` / `restoreSnapshot` / `listSnapshots` run in-process).
struct SnapshotCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot", abstract: "Save, restore or list snapshots of the world (stop the server first).")

    enum Action: String, ExpressibleByArgument, CaseIterable {
        case save, restore, list
    }

    @OptionGroup var data: DataOptions
    @Argument(help: "save NAME (replacing a snapshot of that name), restore NAME, or list.") var action: Action
    @Argument(help: "The snapshot's name: 1-64 letters, digits, underscores and hyphens.") var name: String?

    func validate() throws {
        if (action == .list) != (name == nil) {
            throw ValidationError(action == .list ? "list takes no name" : "\(action.rawValue) needs the snapshot's NAME")
        }
    }

    func run() async throws {
        var parameters = BotAPI.Parameters()
        if let name { parameters.append("name", name) }
        switch action {
        case .save:
            _ = try await runAdminMethod("saveSnapshot", parameters, data: data)
            print("saved snapshot \(name ?? "")")
        case .restore:
            _ = try await runAdminMethod("restoreSnapshot", parameters, data: data)
            print("restored snapshot \(name ?? "")")
        case .list:
            let json = try await runAdminMethod("listSnapshots", parameters, data: data)
            let list = (try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]]) ?? []
            let formatter = ISO8601DateFormatter()
            for snapshot in list {
                let savedAt = (snapshot["saved_at"] as? NSNumber)?.doubleValue ?? 0
                print("\(snapshot["name"] as? String ?? "")\t\(formatter.string(from: Date(timeIntervalSince1970: savedAt)))")
            }
        }
    }
}

/// `botapi admin-token`: prints the admin token of a data directory.
struct AdminToken: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "admin-token", abstract: "Print the admin token of the data directory.")
    @OptionGroup var data: DataOptions

    func run() async throws {
        print(try data.adminToken(given: nil).token)
    }
}

/// Runs webhook delivery for the life of the server, stopping on graceful shutdown.
struct WebhookService: Service {
    let dispatcher: WebhookDispatcher

    func run() async throws {
        try await cancelWhenGracefulShutdown { try await dispatcher.run() }
    }
}

/// `--clock`: how the world's time passes.
enum ClockMode: String, ExpressibleByArgument, CaseIterable {
    case real, manual
}

/// `--log-format`.
enum LogFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// `--log-level`: swift-log's levels by name.
struct LogLevelOption: ExpressibleByArgument {
    let level: Logger.Level

    init(_ level: Logger.Level) { self.level = level }

    init?(argument: String) {
        guard let level = Logger.Level(rawValue: argument.lowercased()) else { return nil }
        self.level = level
    }

    var defaultValueDescription: String { level.rawValue }
}

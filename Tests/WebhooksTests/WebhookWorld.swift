import BotAPI
import Engine
import Foundation
import Logging
import Storage
import Testing
import Webhooks

@testable import Server

/// A real engine over a fresh store (SQLite, or PostgreSQL with BOTAPI_TEST_DATABASE) plus
/// helpers to create accounts, send messages and manage webhooks through the engine's own API
/// surface.
struct WebhookWorld: Sendable {
    static let adminToken = "webhook-test-admin"

    let path: String
    let clock: ManualClock
    let engine: Engine

    init(path: String = WebhookWorld.newDatabasePath(), clock: ManualClock = ManualClock()) throws {
        self.path = path
        self.clock = clock
        engine = Engine(store: try TestStores.open(path: path), clock: clock, adminToken: Self.adminToken)
    }

    /// The same database opened by a new engine, as after a restart.
    func restarted() throws -> WebhookWorld { try WebhookWorld(path: path, clock: clock) }

    static func newDatabasePath() -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("botapi-webhook-test-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory.appendingPathComponent("botapi.sqlite").path
    }

    /// Fast retries for tests: 0, 20, 40 ms, then 50–80 ms.
    static let fastPolicy = WebhookDeliveryPolicy(
        backoff: [.zero, .milliseconds(20), .milliseconds(40)], laterBackoff: .milliseconds(50) ... .milliseconds(80),
        retryAfterUnit: .milliseconds(100), readTimeout: .seconds(5), connectTimeout: .seconds(5), pollInterval: .seconds(2),
        resyncInterval: .seconds(2))

    func dispatcher(policy: WebhookDeliveryPolicy = WebhookWorld.fastPolicy) -> WebhookDispatcher {
        var logger = Logger(label: "webhooks-test")
        logger.logLevel = .warning
        return WebhookDispatcher(engine: engine, policy: policy, logger: logger)
    }

    /// Runs `body` while a dispatcher delivers; the dispatcher is stopped afterwards.
    @discardableResult
    func withDispatcher<T: Sendable>(
        policy: WebhookDeliveryPolicy = WebhookWorld.fastPolicy, _ body: @Sendable (WebhookDispatcher) async throws -> T
    ) async throws -> T {
        let dispatcher = dispatcher(policy: policy)
        let task = Task { try await dispatcher.run() }
        do {
            let result = try await body(dispatcher)
            task.cancel()
            try await task.value
            return result
        } catch {
            task.cancel()
            _ = try? await task.value
            throw error
        }
    }

    // MARK: API calls

    @discardableResult
    func call(_ surface: Surface, _ token: String, _ method: String, _ parameters: Parameters = Parameters()) async throws -> Any? {
        switch await engine.call(surface: surface, token: Substring(token), method: method, parameters: parameters) {
        case .success(let result):
            return try JSONSerialization.jsonObject(with: Data(result.json), options: [.fragmentsAllowed])
        case .failure(let error):
            throw CallFailed(method: method, error: "\(error)")
        }
    }

    struct CallFailed: Error, CustomStringConvertible {
        let method: String
        let error: String
        var description: String { "\(method) failed: \(error)" }
    }

    struct Account: Sendable {
        let token: String
        let id: Int64
    }

    func createBot(_ username: String = "hook_bot") async throws -> Account {
        try account(await call(.admin, Self.adminToken, "createBot", Parameters(["username": username, "first_name": "Hook"])))
    }

    func createUser(_ name: String = "Alice") async throws -> Account {
        try account(await call(.admin, Self.adminToken, "createUser", Parameters(["first_name": name])))
    }

    private func account(_ result: Any?) throws -> Account {
        let object = try #require(result as? [String: Any])
        let user = try #require(object["user"] as? [String: Any])
        return Account(token: try #require(object["token"] as? String), id: Int64(try #require(user["id"] as? Int)))
    }

    /// A user writes to a bot (its private chat with the bot).
    func send(_ text: String, from user: Account, to bot: Account) async throws {
        try await call(.user, user.token, "sendMessage", Parameters(["chat_id": "\(bot.id)", "text": text]))
    }

    /// setWebhook through the API; waits out the one-per-second limit when it hits it.
    func setWebhook(
        _ bot: Account, url: String, secretToken: String? = nil, maxConnections: Int? = nil, ipAddress: String? = nil,
        certificate: Data? = nil
    ) async throws {
        var parameters = Parameters(["url": url])
        if let secretToken { parameters.append("secret_token", secretToken) }
        if let maxConnections { parameters.append("max_connections", "\(maxConnections)") }
        if let ipAddress { parameters.append("ip_address", ipAddress) }
        if let certificate {
            parameters.append(file: UploadedFile(fieldName: "certificate", filename: "cert.pem", contentType: nil, data: certificate))
        }
        for _ in 0..<3 {
            do {
                try await call(.bot, bot.token, "setWebhook", parameters)
                return
            } catch let error as CallFailed where error.error.contains("retry after") {
                try await Task.sleep(for: .milliseconds(1100))
            }
        }
        try await call(.bot, bot.token, "setWebhook", parameters)
    }

    func deleteWebhook(_ bot: Account) async throws {
        try await call(.bot, bot.token, "deleteWebhook")
    }

    /// getWebhookInfo's fields.
    struct WebhookInfo: Sendable {
        let url: String?
        let hasCustomCertificate: Bool?
        let pendingUpdateCount: Int?
        let lastErrorDate: Int?
        let lastErrorMessage: String?
        let maxConnections: Int?
    }

    func webhookInfo(_ bot: Account) async throws -> WebhookInfo {
        let object = try #require(try await call(.bot, bot.token, "getWebhookInfo") as? [String: Any])
        return WebhookInfo(
            url: object["url"] as? String, hasCustomCertificate: object["has_custom_certificate"] as? Bool,
            pendingUpdateCount: object["pending_update_count"] as? Int, lastErrorDate: object["last_error_date"] as? Int,
            lastErrorMessage: object["last_error_message"] as? String, maxConnections: object["max_connections"] as? Int)
    }

    /// Waits (bounded) until getWebhookInfo satisfies `condition`.
    @discardableResult
    func waitForInfo(
        _ bot: Account, timeout: Duration = .seconds(10), _ condition: @Sendable (WebhookInfo) -> Bool
    ) async throws -> WebhookInfo {
        let deadline = ContinuousClock.now + timeout
        while true {
            let info = try await webhookInfo(bot)
            if condition(info) { return info }
            guard ContinuousClock.now < deadline else { throw TestTimeout("getWebhookInfo never matched: \(info)") }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// A message as a user's getUpdates shows it.
    struct UserMessage: Sendable {
        let text: String?
        let fromID: Int?
        let entityTypes: [String]
        let hasReplyMarkup: Bool
    }

    /// The messages waiting in a user's queue (the user surface's getUpdates).
    func userMessages(_ user: Account) async throws -> [UserMessage] {
        let updates = try #require(try await call(.user, user.token, "getUpdates") as? [[String: Any]])
        return updates.compactMap { $0["message"] as? [String: Any] }.map { message in
            UserMessage(
                text: message["text"] as? String, fromID: (message["from"] as? [String: Any])?["id"] as? Int,
                entityTypes: (message["entities"] as? [[String: Any]] ?? []).compactMap { $0["type"] as? String },
                hasReplyMarkup: message["reply_markup"] != nil)
        }
    }

    /// Waits (bounded) for the user to have a message satisfying `condition`.
    @discardableResult
    func waitForUserMessage(
        _ user: Account, timeout: Duration = .seconds(10), _ condition: @Sendable (UserMessage) -> Bool
    ) async throws -> UserMessage {
        let deadline = ContinuousClock.now + timeout
        while true {
            let messages = try await userMessages(user)
            if let match = messages.first(where: condition) { return match }
            guard ContinuousClock.now < deadline else {
                throw TestTimeout("no matching user message; have \(messages.map { $0.text ?? "?" })")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }
}

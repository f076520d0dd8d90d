import BotAPI
import Engine
import Foundation
import Hummingbird
import Logging
import HummingbirdTesting
import Server
import Storage
import Testing

/// A server over a fresh data directory (and a fresh PostgreSQL schema with BOTAPI_TEST_DATABASE), driven in-process through its HTTP layer.
struct TestWorld {
    static let adminToken = "test-admin-token"

    let path: String
    let clock: ManualClock
    let engine: Engine

    init(path: String = TestWorld.newDatabasePath(), clock: ManualClock = ManualClock(), options: EngineOptions = EngineOptions()) throws {
        self.path = path
        self.clock = clock
        engine = Engine(store: try TestStores.open(path: path), clock: clock, adminToken: Self.adminToken, options: options)
    }

    /// The same data directory opened again, as after a restart.
    func restarted() throws -> TestWorld { try TestWorld(path: path, clock: clock, options: engine.options) }

    static func newDatabasePath() -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("botapi-test-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory.appendingPathComponent("botapi.sqlite").path
    }

    /// Runs `body` with a client of this world's server.
    func run<T: Sendable>(_ setup: TestingSetup = .router, _ body: @Sendable (Client) async throws -> T) async throws -> T {
        // Warnings and errors only: not a line per call in the test output.
        var logger = Logger(label: "botapi.test-server")
        logger.logLevel = .warning
        let app = try BotAPIServer.makeApplication(engine: engine, host: "127.0.0.1", port: 0, logger: logger)
        return try await app.test(setup) { client in try await body(Client(client: client)) }
    }
}

/// Polls `condition` for at most about 5 s; the caller asserts the outcome. For states that
/// only the engine shows (a call parked), where a fixed sleep would race a loaded machine.
func eventually(_ condition: () -> Bool) async throws {
    for _ in 0..<500 where !condition() {
        try await Task.sleep(for: .milliseconds(10))
    }
}

/// An answer as a client sees it.
struct Answer: Sendable {
    let status: Int
    let contentType: String?
    let body: String
    let headers: HTTPFields

    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]) ?? [:]
    }
    var ok: Bool { json["ok"] as? Bool ?? false }
    var result: Any? { json["result"] }
    var resultObject: [String: Any] { result as? [String: Any] ?? [:] }
    var resultArray: [[String: Any]] { result as? [[String: Any]] ?? [] }
    var description: String? { json["description"] as? String }
    var errorCode: Int? { json["error_code"] as? Int }
}

/// A test client with Bot API helpers.
struct Client: Sendable {
    let client: any TestClientProtocol

    /// A raw request.
    func request(_ uri: String, method: HTTPRequest.Method = .post, contentType: String? = nil, body: String? = nil) async throws -> Answer {
        var headers = HTTPFields()
        if let contentType { headers[.contentType] = contentType }
        return try await client.execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) }) { response in
            Answer(status: Int(response.status.code), contentType: response.headers[.contentType], body: String(buffer: response.body), headers: response.headers)
        }
    }

    /// A form-encoded call.
    func call(_ prefix: String, _ method: String, _ parameters: [String: String] = [:]) async throws -> Answer {
        let body = parameters.map { "\(Self.escape($0.key))=\(Self.escape($0.value))" }.joined(separator: "&")
        return try await request("/\(prefix)/\(method)", contentType: "application/x-www-form-urlencoded", body: body)
    }

    func admin(_ method: String, _ parameters: [String: String] = [:]) async throws -> Answer {
        try await call("admin\(TestWorld.adminToken)", method, parameters)
    }

    func bot(_ token: String, _ method: String, _ parameters: [String: String] = [:]) async throws -> Answer {
        try await call("bot\(token)", method, parameters)
    }

    func user(_ token: String, _ method: String, _ parameters: [String: String] = [:]) async throws -> Answer {
        try await call("user\(token)", method, parameters)
    }

    /// Creates a bot and returns (token, id).
    func createBot(_ username: String = "echo_bot", name: String = "Echo") async throws -> (token: String, id: Int) {
        let answer = try await admin("createBot", ["username": username, "first_name": name])
        try #require(answer.ok, "createBot failed: \(answer.body)")
        let user = answer.resultObject["user"] as? [String: Any] ?? [:]
        return (answer.resultObject["token"] as? String ?? "", user["id"] as? Int ?? 0)
    }

    /// Creates a user and returns (token, id).
    func createUser(_ firstName: String = "Alice", username: String? = nil) async throws -> (token: String, id: Int) {
        var parameters = ["first_name": firstName]
        if let username { parameters["username"] = username }
        let answer = try await admin("createUser", parameters)
        try #require(answer.ok, "createUser failed: \(answer.body)")
        let user = answer.resultObject["user"] as? [String: Any] ?? [:]
        return (answer.resultObject["token"] as? String ?? "", user["id"] as? Int ?? 0)
    }

    static func escape(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}

import Foundation
import NIOCore

/// A bot or a user of the server under test: its id and API token.
struct Account: Sendable {
    let id: Int64
    let token: String
}

/// A decoded Bot API answer: `{"ok":…,"result":…}` or `{"ok":false,"error_code":…,"description":…}`.
struct APIAnswer {
    let status: Int
    let ok: Bool
    let result: Any?
    let description: String?

    init(_ response: HTTPResponse) {
        status = Int(response.status.code)
        let object = (try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView))) as? [String: Any]
        ok = object?["ok"] as? Bool ?? false
        result = object?["result"]
        description = object?["description"] as? String ?? (object == nil ? response.text : nil)
    }

    /// The result, or an error naming `method` and the server's description.
    func requireResult(of method: String) throws -> Any {
        guard ok, let result else { throw BenchError("\(method) failed: HTTP \(status) \(description ?? "")") }
        return result
    }
}

/// The server's bot, user and admin surfaces, for setup and probes (load phases build their
/// requests once and use ``LoadGenerator`` instead).
struct BotAPIClient: Sendable {
    let connection: HTTPConnection
    let host: String
    let adminToken: String

    /// Calls `method` on the surface at `prefix` ("/bot<token>", "/user<token>", "/admin<token>").
    func call(
        _ prefix: String, _ method: String, _ parameters: FormParameters = [:], timeout: Duration = .seconds(60)
    ) async throws -> APIAnswer {
        let request = HTTPRequest.post("\(prefix)/\(method)", form: parameters, host: host)
        return APIAnswer(try await connection.response(to: request, timeout: timeout))
    }

    func admin(_ method: String, _ parameters: FormParameters) async throws -> APIAnswer {
        try await call("/admin\(adminToken)", method, parameters)
    }

    /// createBot; the username must end in "bot". `readsAllGroupMessages`: privacy mode off.
    func createBot(username: String, firstName: String, readsAllGroupMessages: Bool = false) async throws -> Account {
        var parameters: FormParameters = ["username": username, "first_name": firstName]
        if readsAllGroupMessages { parameters.append("can_read_all_group_messages", "true") }
        return try Self.account(from: try await admin("createBot", parameters), method: "createBot")
    }

    func createUser(firstName: String) async throws -> Account {
        try Self.account(from: try await admin("createUser", ["first_name": firstName]), method: "createUser")
    }

    /// The user presses Start in the bot's chat; until then the bot may not write to them.
    func startBot(user: Account, botID: Int64) async throws {
        _ = try await call("/user\(user.token)", "startBot", ["bot_id": String(botID)]).requireResult(of: "startBot")
    }

    private static func account(from answer: APIAnswer, method: String) throws -> Account {
        guard let result = try answer.requireResult(of: method) as? [String: Any],
              let user = result["user"] as? [String: Any],
              let id = (user["id"] as? NSNumber)?.int64Value,
              let token = result["token"] as? String
        else { throw BenchError("\(method): unexpected result shape") }
        return Account(id: id, token: token)
    }
}

/// Where the server under test listens, and its admin token.
struct ServerAddress: Sendable {
    let port: Int
    let adminToken: String

    /// The Host header value.
    var host: String { "127.0.0.1:\(port)" }

    func connect(on eventLoop: any EventLoop) async throws -> HTTPConnection {
        try await HTTPConnection.connect(host: "127.0.0.1", port: port, on: eventLoop)
    }

    /// Runs `body` with a client on a new connection, closed afterwards.
    func withClient<T>(on eventLoop: any EventLoop, _ body: (BotAPIClient) async throws -> T) async throws -> T {
        let connection = try await connect(on: eventLoop)
        let client = BotAPIClient(connection: connection, host: host, adminToken: adminToken)
        do {
            let value = try await body(client)
            await connection.close()
            return value
        } catch {
            await connection.close()
            throw error
        }
    }
}

/// Creates many accounts at once, over several connections, since each creation is a
/// durable write and the server commits concurrent writes together.
enum AccountFactory {
    /// Creates `count` accounts; `make(client, index)` creates number `index`.
    static func create(
        count: Int, server: ServerAddress, eventLoop: any EventLoop, parallelism: Int = 32,
        _ make: @escaping @Sendable (BotAPIClient, Int) async throws -> Account
    ) async throws -> [Account] {
        let workers = max(1, min(parallelism, count))
        return try await withThrowingTaskGroup(of: [(Int, Account)].self) { group in
            for worker in 0..<workers {
                group.addTask {
                    try await server.withClient(on: eventLoop) { client in
                        var created: [(Int, Account)] = []
                        for index in stride(from: worker, to: count, by: workers) {
                            created.append((index, try await make(client, index)))
                        }
                        return created
                    }
                }
            }
            var accounts = [Account?](repeating: nil, count: count)
            for try await batch in group {
                for (index, account) in batch { accounts[index] = account }
            }
            return accounts.map { $0! }
        }
    }
}

/// Update ids in a getUpdates answer or a webhook body, found without a full JSON parse.
enum UpdateIDs {
    private static let key = Array(#""update_id":"#.utf8)

    /// Every `"update_id":N` in `body`, in order.
    static func all(in body: ByteBuffer) -> [Int64] {
        body.withUnsafeReadableBytes { bytes in
            var ids: [Int64] = []
            var index = 0
            while index + key.count <= bytes.count {
                if bytes[index] == key[0] && zip(key.indices, key).allSatisfy({ bytes[index + $0] == $1 }) {
                    index += key.count
                    var value: Int64 = 0
                    while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
                        value = value * 10 + Int64(bytes[index] - UInt8(ascii: "0"))
                        index += 1
                    }
                    ids.append(value)
                } else {
                    index += 1
                }
            }
            return ids
        }
    }
}

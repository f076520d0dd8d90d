import BotAPI
import Foundation
import Storage
import Synchronization

/// What the developer pane shows: the Bot API calls each bot made, newest last, kept in
/// memory only and bounded (``capacityPerBot`` entries per bot, ``maxBots`` bots, the
/// least recently active dropped first): at worst about 64 × 100 × (2 KiB of result + the
/// parameters), in practice a few hundred bytes per call.
///
/// Recording sits on every bot call's path, so it copies nothing it can share: parameter
/// values and small results are kept by reference (Swift strings and arrays are
/// copy-on-write). Only oversized values are cut, and the cut is the only copy. The token is
/// never part of the parameters (it is in the path); parameters that carry secrets
/// (`*token*`) are recorded as "<hidden>"; uploaded files are recorded by name and size,
/// never their contents.
final class CallLog: Sendable {
    /// Entries kept per bot.
    static let capacityPerBot = 100
    /// Bots with a log at once.
    static let maxBots = 64
    /// Longest parameter value kept, in UTF-8 bytes; longer ones are cut.
    static let maxValueBytes = 1024
    /// Longest result kept as JSON; longer ones are kept as a cut text.
    static let maxResultBytes = 2048

    private struct Ring {
        var entries: [CallLogEntry] = []
        var start = 0
        var lastSequence: UInt64 = 0

        mutating func append(_ entry: CallLogEntry) {
            if entries.count < CallLog.capacityPerBot {
                entries.append(entry)
            } else {
                entries[start] = entry
                start = (start + 1) % entries.count
            }
            lastSequence = entry.id
        }

        /// Oldest first.
        var ordered: [CallLogEntry] { Array(entries[start...] + entries[..<start]) }
    }

    private struct State {
        var rings: [Int64: Ring] = [:]
        var nextSequence: UInt64 = 0
        var listeners: [CallLogListenerKey: [UInt64: AsyncStream<PushSignal>.Continuation]] = [:]
        var nextListener: UInt64 = 0
    }

    private let state = Mutex(State())

    /// Records a finished call of `bot`.
    func record(
        bot: AccountRecord, method: String, parameters: Parameters, started: Double, duration: Duration,
        outcome: Result<MethodResult, APIError>
    ) {
        var values = parameters.pairs
        // Kept as they came (shared, not copied) unless a value must be hidden or cut.
        if values.contains(where: { Self.isSecret($0.name) || $0.value.utf8.count > Self.maxValueBytes }) {
            values = values.map { pair -> (name: String, value: String) in
                if Self.isSecret(pair.name) { return (name: pair.name, value: "<hidden>") }
                return (name: pair.name, value: pair.value.utf8.count > Self.maxValueBytes ? Self.cut(pair.value) : pair.value)
            }
        }
        // A webhook URL may carry the bot's token in its path, as many bots do.
        if method.utf8.count == 10, method.lowercased() == "setwebhook", !bot.tokenSecret.isEmpty {
            values = values.map { (name: $0.name, value: $0.value.replacingOccurrences(of: bot.tokenSecret, with: "<hidden>")) }
        }
        let files = parameters.files.map { CallLogEntry.File(field: $0.fieldName, filename: $0.filename, size: $0.data.count) }
        let result: CallLogEntry.Outcome
        switch outcome {
        case .success(let answer):
            result = answer.json.count <= Self.maxResultBytes
                ? .result(answer.json)
                : .cutResult(String(decoding: answer.json.prefix(Self.maxResultBytes), as: UTF8.self))
        case .failure(let error):
            result = .error(code: error.code, description: error.description)
        }
        let milliseconds = Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
        let (entry, listeners) = state.withLock { state -> (CallLogEntry, [AsyncStream<PushSignal>.Continuation]) in
            state.nextSequence += 1
            let entry = CallLogEntry(
                id: state.nextSequence, botID: bot.id, date: started, method: method, parameters: values, files: files,
                outcome: result, durationMilliseconds: milliseconds)
            if state.rings[bot.id] == nil, state.rings.count >= Self.maxBots,
               let quietest = state.rings.min(by: { $0.value.lastSequence < $1.value.lastSequence })?.key {
                state.rings[quietest] = nil
            }
            state.rings[bot.id, default: Ring()].append(entry)
            guard !state.listeners.isEmpty else { return (entry, []) }
            var listeners = state.listeners[.bot(bot.id)].map { Array($0.values) } ?? []
            if let owner = bot.ownerUserID { listeners += state.listeners[.owner(owner)].map { Array($0.values) } ?? [] }
            return (entry, listeners)
        }
        if !listeners.isEmpty {
            let event = PushEvent(name: "bot_call", id: nil, data: entry.jsonBytes)
            for listener in listeners { listener.yield(.event(event)) }
        }
    }

    /// The bot's entries with ids above `after`, newest first, at most `limit`.
    func entries(of botID: Int64, after: UInt64, limit: Int) -> [CallLogEntry] {
        let ordered = state.withLock { $0.rings[botID]?.ordered ?? [] }
        return Array(ordered.reversed().prefix { $0.id > after }.prefix(limit))
    }

    /// Sends every new entry of the bots `key` names to `continuation` until removed.
    func addListener(_ key: CallLogListenerKey, _ continuation: AsyncStream<PushSignal>.Continuation) -> UInt64 {
        state.withLock { state in
            state.nextListener += 1
            state.listeners[key, default: [:]][state.nextListener] = continuation
            return state.nextListener
        }
    }

    func removeListener(_ key: CallLogListenerKey, id: UInt64) {
        state.withLock { state in
            state.listeners[key]?[id] = nil
            if state.listeners[key]?.isEmpty == true { state.listeners[key] = nil }
        }
    }

    /// Whether a parameter's name says it carries a secret (`provider_token`,
    /// `secret_token`…): "token" in any case, found without allocating.
    static func isSecret(_ name: String) -> Bool {
        let needle = Array("token".utf8)
        let bytes = name.utf8
        guard bytes.count >= needle.count else { return false }
        var matched = 0
        for byte in bytes {
            let lower = byte | 0x20
            if lower == needle[matched] {
                matched += 1
                if matched == needle.count { return true }
            } else {
                matched = lower == needle[0] ? 1 : 0
            }
        }
        return false
    }

    private static func cut(_ value: String) -> String {
        String(decoding: value.utf8.prefix(maxValueBytes), as: UTF8.self) + "…"
    }
}

/// Whose calls a listener follows.
enum CallLogListenerKey: Hashable, Sendable {
    /// One bot's.
    case bot(Int64)
    /// Every bot this user owns.
    case owner(Int64)
}

/// One recorded call.
struct CallLogEntry: Sendable, JSONWritable {
    struct File: Sendable {
        let field: String
        let filename: String
        let size: Int
    }

    enum Outcome: Sendable {
        /// The result's JSON.
        case result([UInt8])
        /// The first bytes of a result too long to keep.
        case cutResult(String)
        case error(code: Int, description: String)
    }

    /// Grows by one with every recorded call (over all bots).
    let id: UInt64
    let botID: Int64
    /// Unix time the call began, with fractions.
    let date: Double
    let method: String
    let parameters: [(name: String, value: String)]
    let files: [File]
    let outcome: Outcome
    let durationMilliseconds: Double

    func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("id", Int(id))
        writer.member("bot_id", Int(botID))
        writer.member("date", date)
        writer.member("method", method)
        writer.key("parameters")
        writer.beginObject()
        for (name, value) in parameters {
            writer.key(name)
            writer.string(value)
        }
        writer.endObject()
        if !files.isEmpty {
            writer.key("files")
            writer.beginArray()
            for file in files {
                writer.beginObject()
                writer.member("field", file.field)
                writer.member("filename", file.filename)
                writer.member("size", file.size)
                writer.endObject()
            }
            writer.endArray()
        }
        switch outcome {
        case .result(let json):
            writer.member("ok", true)
            writer.key("result")
            writer.rawValue(json)
        case .cutResult(let text):
            writer.member("ok", true)
            writer.member("result_cut", text)
        case .error(let code, let description):
            writer.member("ok", false)
            writer.member("error_code", code)
            writer.member("description", description)
        }
        writer.member("duration_ms", (durationMilliseconds * 1000).rounded() / 1000)
        writer.endObject()
    }
}

import Foundation
import Logging
import Synchronization

/// A swift-log handler that writes one JSON object per line (`botapi serve --log-format
/// json`), for log collectors that parse fields instead of text:
///
/// ```json
/// {"time":"2026-12-03T09:30:00.123Z","level":"info","label":"botapi.server","message":"call","surface":"bot","method":"getMe","status":"200"}
/// ```
///
/// Metadata becomes top-level members (nested values as strings); `time`, `level`, `label`
/// and `message` are never overwritten by metadata.
public struct JSONLogHandler: LogHandler {
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    private let label: String
    private let output: JSONLogOutput

    /// A handler for `label` writing to standard error.
    public init(label: String, level: Logger.Level, metadataProvider: Logger.MetadataProvider? = nil) {
        self.init(label: label, level: level, metadataProvider: metadataProvider, output: .standardError)
    }

    init(label: String, level: Logger.Level, metadataProvider: Logger.MetadataProvider?, output: JSONLogOutput) {
        self.label = label
        logLevel = level
        self.metadataProvider = metadataProvider
        self.output = output
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var fields = metadata
        if let provided = metadataProvider?.get() { fields.merge(provided) { _, new in new } }
        if let given = event.metadata { fields.merge(given) { _, new in new } }
        var line = "{\"time\":" + Self.quoted(Self.timestamp()) + ",\"level\":" + Self.quoted(event.level.rawValue)
        line += ",\"label\":" + Self.quoted(label) + ",\"message\":" + Self.quoted(event.message.description)
        for (key, value) in fields.sorted(by: { $0.key < $1.key }) where !["time", "level", "label", "message"].contains(key) {
            line += "," + Self.quoted(key) + ":" + Self.quoted(value.description)
        }
        output.write(line + "}\n")
    }

    /// Whole lines, one writer at a time, so concurrent requests never interleave.
    final class JSONLogOutput: Sendable {
        static let standardError = JSONLogOutput { FileHandle.standardError.write(Data($0.utf8)) }
        private let lock = Mutex(())
        private let sink: @Sendable (String) -> Void

        init(sink: @escaping @Sendable (String) -> Void) { self.sink = sink }

        func write(_ line: String) { lock.withLock { _ in sink(line) } }
    }

    static func timestamp() -> String {
        Date().formatted(.iso8601.year().month().day().dateSeparator(.dash).time(includingFractionalSeconds: true).timeSeparator(.colon)) + "Z"
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20: result += String(format: "\\u%04x", scalar.value)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}

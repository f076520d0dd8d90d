import BotAPI
import Engine

/// The one place answers are encoded: `{"ok":true,"result":…}` or
/// `{"ok":false,"error_code":N,"description":"…","parameters":{…}}`, keys in the official
/// order (behaviour.md §1.7).
enum Envelope {
    static func success(_ result: MethodResult) -> [UInt8] {
        var writer = JSONWriter(reservingCapacity: result.json.count + 64)
        writer.beginObject()
        writer.member("ok", true)
        writer.key("result")
        writer.rawValue(result.json)
        if let description = result.description { writer.member("description", description) }
        writer.endObject()
        return writer.bytes
    }

    static func failure(_ error: APIError) -> [UInt8] {
        var writer = JSONWriter(reservingCapacity: 128)
        writer.beginObject()
        writer.member("ok", false)
        writer.member("error_code", error.code)
        writer.member("description", error.description)
        if error.retryAfter != nil || error.migrateToChatID != nil {
            writer.key("parameters")
            writer.beginObject()
            if let migrate = error.migrateToChatID { writer.member("migrate_to_chat_id", Int(migrate)) }
            if let retry = error.retryAfter { writer.member("retry_after", retry) }
            writer.endObject()
        }
        writer.endObject()
        return writer.bytes
    }
}

import BotAPI
import Engine
import NIOCore

/// The one place answers are encoded: `{"ok":true,"result":…}` or
/// `{"ok":false,"error_code":N,"description":"…","parameters":{…}}`, keys in the official
/// order (behaviour.md §1.7).
enum Envelope {
    /// The success envelope, written straight into the buffer the response goes out in: the
    /// result's bytes are copied once, not into an intermediate array first.
    static func success(_ result: MethodResult) -> ByteBuffer {
        var description: [UInt8] = []
        if let text = result.description {
            var writer = JSONWriter(reservingCapacity: text.utf8.count + 24)
            writer.member("description", text)
            description = writer.bytes
        }
        var buffer = ByteBufferAllocator().buffer(capacity: result.json.count + description.count + 22)
        buffer.writeStaticString(#"{"ok":true,"result":"#)
        buffer.writeBytes(result.json)
        if !description.isEmpty {
            buffer.writeInteger(UInt8(ascii: ","))
            buffer.writeBytes(description)
        }
        buffer.writeInteger(UInt8(ascii: "}"))
        return buffer
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

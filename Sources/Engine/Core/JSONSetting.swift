import Foundation
import Storage

/// A small Codable value kept under one key of the store's key/value `setting` table, for
/// state that is read by key and never searched (a bot's verifier flag, one user's boosts in
/// one chat): both stores have the table, so no schema change is needed. An empty value
/// means "absent", which is how deletions are stored (the table has no delete).
enum JSONSetting {
    /// The value under `key`, nil when absent, cleared or unreadable.
    static func load<Value: Decodable>(_ type: Value.Type, _ key: String, from store: any StoreReader) throws -> Value? {
        guard let text = try store.setting(key), !text.isEmpty else { return nil }
        return try? JSONDecoder().decode(Value.self, from: Data(text.utf8))
    }

    /// Stores `value` under `key`, or clears the key when it is nil.
    static func save<Value: Encodable>(_ value: Value?, _ key: String, to store: any StoreWriter) throws {
        guard let value else { return try store.setSetting(key, "") }
        let data = try JSONEncoder().encode(value)
        try store.setSetting(key, String(decoding: data, as: UTF8.self))
    }
}

import BotAPI
import Foundation
import Storage

/// The errors a bot reported in a user's Telegram Passport data (`setPassportDataErrors`),
/// checked as the official server parses them, and kept per (bot, user): on Telegram the
/// user sees them the next time the bot's passport form opens, and here with the user's
/// `getPassportDataErrors`. A new call replaces the bot's earlier list, as TDLib's does.
enum PassportErrors {
    /// Telegram Passport element types (`EncryptedPassportElement.type`).
    static let elementTypes: Set<String> = [
        "personal_details", "passport", "driver_license", "identity_card", "internal_passport", "address",
        "utility_bill", "bank_statement", "rental_agreement", "passport_registration", "temporary_registration",
        "phone_number", "email",
    ]

    static func key(bot: Int64, user: Int64) -> String { "passport_errors:\(bot):\(user)" }

    /// Parses the `errors` parameter: a JSON array of PassportElementError. Each error is
    /// kept as the bot sent it, with its `source` written out (an absent one is
    /// `unspecified`); answers the array as JSON text, to be stored.
    static func parse(_ raw: String?) throws -> String {
        guard let value = try? JSONSerialization.jsonObject(with: Data((raw ?? "").utf8), options: [.fragmentsAllowed]) else {
            throw APIError.badRequest("can't parse errors JSON object")
        }
        guard let array = value as? [Any] else { throw APIError.badRequest("expected an Array of PassportElementError") }
        let errors = try array.map { element in
            do {
                return try error(element)
            } catch let failure as ParseFailure {
                throw APIError.badRequest("can't parse PassportElementError: " + failure.message)
            }
        }
        let data = try JSONSerialization.data(withJSONObject: errors, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    private struct ParseFailure: Error {
        let message: String
    }

    /// One error, with TDLib's checks in TDLib's order: type, message, then the source's
    /// own fields.
    private static func error(_ value: Any) throws -> [String: Any] {
        guard let object = value as? [String: Any] else { throw ParseFailure(message: "expected an Object") }
        let type = try requiredString("type", in: object)
        guard elementTypes.contains(type) else { throw ParseFailure(message: "wrong Telegram Passport element type specified") }
        let message = try requiredString("message", in: object)
        var source = try optionalString("source", in: object)
        if source.isEmpty { source = "unspecified" }
        var result: [String: Any] = ["source": source, "type": type, "message": message]
        switch source {
        case "unspecified":
            result["element_hash"] = try hash(requiredString("element_hash", in: object))
        case "data":
            result["data_hash"] = try hash(requiredString("data_hash", in: object))
            result["field_name"] = try requiredString("field_name", in: object)
        case "file", "selfie", "translation_file", "front_side", "reverse_side":
            result["file_hash"] = try hash(requiredString("file_hash", in: object))
        case "files", "translation_files":
            guard let field = object["file_hashes"] else { throw ParseFailure(message: "Can't find field \"file_hashes\"") }
            guard let hashes = field as? [Any] else { throw ParseFailure(message: "Field \"file_hashes\" must be of type Array") }
            result["file_hashes"] = try hashes.map { item -> String in
                guard let text = item as? String else { throw ParseFailure(message: "hash must be a string") }
                return try hash(text)
            }
        default:
            throw ParseFailure(message: "wrong source specified")
        }
        return result
    }

    /// A string field as TDLib reads one: a JSON string, or a number taken as its text.
    private static func requiredString(_ name: String, in object: [String: Any]) throws -> String {
        guard object[name] != nil else { throw ParseFailure(message: "Can't find field \"\(name)\"") }
        return try optionalString(name, in: object)
    }

    private static func optionalString(_ name: String, in object: [String: Any]) throws -> String {
        switch object[name] {
        case nil: return ""
        case let text as String: return text
        case let number as NSNumber: return number.stringValue
        default: throw ParseFailure(message: "Field \"\(name)\" must be of type String")
        }
    }

    /// A hash must be base64 (TDLib's `is_base64`: padded, of the standard alphabet).
    private static func hash(_ text: String) throws -> String {
        guard text.utf8.count % 4 == 0, Data(base64Encoded: text) != nil else {
            throw ParseFailure(message: "hash isn't a valid base64-encoded string")
        }
        return text
    }

    /// Replaces the errors `bot` reported for `user` (``parse(_:)``'s JSON).
    static func save(_ errors: String, bot: Int64, user: Int64, in store: any StoreWriter) throws {
        try store.setSetting(key(bot: bot, user: user), errors)
    }

    /// The errors `bot` reported for `user`, as a JSON array (`[]` when none).
    static func stored(bot: Int64, user: Int64, in store: any StoreReader) throws -> [UInt8] {
        guard let text = try store.setting(key(bot: bot, user: user)), !text.isEmpty else { return Array("[]".utf8) }
        return Array(text.utf8)
    }
}

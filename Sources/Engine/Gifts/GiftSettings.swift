import BotAPI
import Foundation
import Storage

/// Which gifts a user accepts and whether their profile shows the gift button: what
/// `setBusinessAccountGiftSettings` sets and `getChat` shows as `accepted_gift_types`. Kept
/// in the setting `gift_settings:<user id>`; a user who never chose accepts every kind, as
/// Telegram's default is.
enum GiftSettings {
    struct Stored: Codable {
        var showGiftButton: Bool
        /// The `AcceptedGiftTypes` JSON.
        var accepted: Data
    }

    /// Telegram's code for a gift the receiver doesn't accept (the server's guess: the text
    /// is not public).
    static let refused = APIError.badRequest("USER_DISALLOWED_STARGIFTS")

    static let acceptsEverything = AcceptedGiftTypes(
        unlimitedGifts: true, limitedGifts: true, uniqueGifts: true, premiumSubscription: true, giftsFromChannels: true)

    private static func key(_ userID: Int64) -> String { "gift_settings:\(userID)" }

    /// The kinds of gifts `userID` accepts.
    static func accepted(by userID: Int64, in store: any StoreReader) throws -> AcceptedGiftTypes {
        guard let text = try store.setting(key(userID)), let stored = try? JSONDecoder().decode(Stored.self, from: Data(text.utf8)),
              let types = try? JSONDecoder().decode(AcceptedGiftTypes.self, from: stored.accepted)
        else { return acceptsEverything }
        return types
    }

    static func set(showGiftButton: Bool, accepted: AcceptedGiftTypes, for userID: Int64, in store: any StoreWriter) throws {
        let stored = Stored(showGiftButton: showGiftButton, accepted: Data(accepted.jsonBytes))
        try store.setSetting(key(userID), String(decoding: try JSONEncoder().encode(stored), as: UTF8.self))
    }

    /// `accepted_gift_types` as the official server reads it, with its refusals (first
    /// letter lower-cased, as the official server answers TDLib's texts).
    static func parse(_ raw: String?) throws -> AcceptedGiftTypes {
        guard let raw, !raw.isEmpty else { throw APIError.badRequest("accepted gift types aren't specified") }
        guard let value = SettingsJSON.parse(raw) else { throw APIError.badRequest("can't parse accepted gift types JSON object") }
        guard case .object(let object) = value else { throw APIError.badRequest("object expected as accepted gift types") }
        do throws(SettingsJSON.FieldError) {
            // Required booleans: absent is an error, unlike `optionalBool`'s false.
            func required(_ name: String) throws(SettingsJSON.FieldError) -> Bool {
                guard object.field(name) != nil else { throw SettingsJSON.FieldError("Can't find field \"\(name)\"") }
                return try object.optionalBool(name)
            }
            let fromChannels = object.field("gifts_from_channels") == nil ? true : try object.optionalBool("gifts_from_channels")
            return AcceptedGiftTypes(
                unlimitedGifts: try required("unlimited_gifts"), limitedGifts: try required("limited_gifts"),
                uniqueGifts: try required("unique_gifts"), premiumSubscription: try required("premium_subscription"),
                giftsFromChannels: fromChannels)
        } catch {
            throw APIError.badRequest(error.message.prefix(1).lowercased() + error.message.dropFirst())
        }
    }

    /// Refuses a regular gift of `gift`'s kind for a user who doesn't accept it.
    static func requireAccepted(_ gift: GiftRecord, by userID: Int64, in store: any StoreReader) throws {
        let accepted = try accepted(by: userID, in: store)
        guard gift.totalCount == nil ? accepted.unlimitedGifts : accepted.limitedGifts else { throw refused }
    }
}

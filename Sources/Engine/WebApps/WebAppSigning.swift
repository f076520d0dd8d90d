import Crypto
import Foundation
import Storage

/// How init data is signed, as Telegram documents it for Mini Apps:
///
/// - `hash`: hex HMAC-SHA-256 of the data-check-string (every other field as `key=value`,
///   sorted by key, joined by newlines), keyed with HMAC-SHA-256 of the bot token under the
///   key "WebAppData". This is what bot libraries check (aiogram's
///   `safe_parse_webapp_init_data`, pyTelegramBotAPI's `validate_web_app_data`).
/// - `signature`: for third parties who know only the bot id, an Ed25519 signature (base64url,
///   unpadded) of "<bot id>:WebAppData\n" followed by the data-check-string without `hash`
///   and `signature`. Telegram signs with its own key; this world signs with a key of its own,
///   made on first use and kept in the store (admin `getWebAppPublicKey` tells its public half).
enum WebAppSigning {
    /// The setting that holds the world's Ed25519 private key, hex.
    static let privateKeySetting = "web_app:ed25519_private_key"

    /// The data-check-string of `fields`: `key=value` lines sorted by key.
    static func dataCheckString(_ fields: [(key: String, value: String)]) -> String {
        fields.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "\n")
    }

    /// The `hash` field for `fields` (which hold neither `hash` nor anything unsigned).
    static func hash(_ fields: [(key: String, value: String)], botToken: String) -> String {
        let secret = HMAC<SHA256>.authenticationCode(for: Data(botToken.utf8), using: SymmetricKey(data: Data("WebAppData".utf8)))
        let mac = HMAC<SHA256>.authenticationCode(for: Data(dataCheckString(fields).utf8), using: SymmetricKey(data: Data(secret)))
        return HexDigits.string(mac)
    }

    /// The `signature` field for `fields` (without `hash` and `signature`) of `botID`'s Mini App.
    static func signature(_ fields: [(key: String, value: String)], botID: Int64, key: Curve25519.Signing.PrivateKey) throws -> String {
        let signed = "\(botID):WebAppData\n" + dataCheckString(fields)
        return base64URL(try key.signature(for: Data(signed.utf8)))
    }

    /// The world's signing key, made and stored on first use.
    static func signingKey(in store: any StoreWriter) throws -> Curve25519.Signing.PrivateKey {
        if let stored = try storedKey(in: store) { return stored }
        let key = Curve25519.Signing.PrivateKey()
        try store.setSetting(privateKeySetting, HexDigits.string(key.rawRepresentation))
        return key
    }

    /// The world's signing key, if one was made.
    static func storedKey(in store: any StoreReader) throws -> Curve25519.Signing.PrivateKey? {
        guard let hex = try store.setting(privateKeySetting), let bytes = HexDigits.bytes(hex) else { return nil }
        return try Curve25519.Signing.PrivateKey(rawRepresentation: bytes)
    }

    /// Base64url without padding, as Telegram writes signatures.
    static func base64URL(_ data: Data) -> String {
        var text = data.base64EncodedString()
        text = text.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        while text.hasSuffix("=") { text.removeLast() }
        return text
    }
}

extension HexDigits {
    /// The bytes of even-length hex text, nil for anything else.
    static func bytes(_ text: String) -> [UInt8]? {
        let digits = Array(text.utf8)
        guard digits.count % 2 == 0 else { return nil }
        func value(_ digit: UInt8) -> UInt8? {
            switch digit {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
            default: nil
            }
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let high = value(digits[index]), let low = value(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
        }
        return bytes
    }
}

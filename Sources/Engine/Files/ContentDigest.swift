import Crypto
import Foundation

/// SHA-256 as the engine uses it: swift-crypto's, named here so that the rest of the engine
/// (and its tests) say `SHA256` without importing Crypto.
typealias SHA256 = Crypto.SHA256

extension Crypto.SHA256 {
    /// The lowercase hex digest of `bytes`: how file contents are named in the blob store.
    static func hex(_ bytes: some Collection<UInt8>) -> String {
        let digest = if let data = bytes as? Data { hash(data: data) } else { hash(data: Array(bytes)) }
        return HexDigits.string(digest)
    }
}

/// Lowercase hexadecimal text of bytes.
enum HexDigits {
    private static let digits = Array("0123456789abcdef".utf8)

    static func string(_ bytes: some Sequence<UInt8>) -> String {
        var text: [UInt8] = []
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}

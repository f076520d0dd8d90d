import Foundation
import Storage

/// What a file was sent as. A file's bytes are stored once; the kind travels in each
/// `file_id`, because the same bytes sent as a photo and as a document are different
/// attachments with different ids (and the same `file_unique_id`).
enum MediaKind: UInt8, Sendable, CaseIterable {
    case photo = 1, document, audio, video, animation, voice, videoNote, thumbnail, sticker

    /// The name in "there is no <name> in the request".
    var parameterDescription: String {
        switch self {
        case .photo: "photo"
        case .document: "document"
        case .audio: "audio"
        case .video: "video"
        case .animation: "animation"
        case .voice: "voice"
        case .videoNote: "video note"
        case .thumbnail: "thumbnail"
        case .sticker: "sticker"
        }
    }

    /// The directory of `file_path`, as the official server names them.
    var directory: String {
        switch self {
        case .photo: "photos"
        case .document: "documents"
        case .audio: "music"
        case .video: "videos"
        case .animation: "animations"
        case .voice: "voice"
        case .videoNote: "video_notes"
        case .thumbnail: "thumbnails"
        case .sticker: "stickers"
        }
    }

    /// Whether a `file_id` of kind `other` may be sent as this kind. Photos are compressed
    /// images on Telegram, so they only travel as photos (or thumbnails), and other media
    /// never become photos; everything else may be re-sent as any file-like kind.
    func accepts(_ other: MediaKind) -> Bool {
        let imageKinds: Set<MediaKind> = [.photo, .thumbnail]
        return imageKinds.contains(self) == imageKinds.contains(other)
    }
}

/// `file_id` and `file_unique_id`.
///
/// - `file_unique_id` depends on the bytes only (a prefix of their SHA-256), so equal bytes
///   have equal unique ids everywhere, as on Telegram where it names the file itself.
/// - `file_id` = base64url(version, kind, file row id, the row's random access key). It is
///   stable (the same file as the same kind always gets the same id) and cannot be made up
///   from a row id alone. Unlike Telegram's, it is the same for every account, but only the
///   accounts that were given the file may use it (``FileAccess``).
enum FileIdentifiers {
    private static let version: UInt8 = 1

    static func fileID(for record: FileRecord, as kind: MediaKind) -> String {
        var bytes: [UInt8] = [version, kind.rawValue]
        bytes += bigEndian(record.id)
        bytes += bigEndian(record.accessKey)
        return base64url(bytes)
    }

    static func uniqueID(for record: FileRecord) -> String {
        // "AQAD"-like leading byte keeps ids from ever starting with '-' or '_' by accident.
        var bytes: [UInt8] = [0x01]
        var hex = Array(record.sha256.utf8).makeIterator()
        while bytes.count < 16, let high = hex.next(), let low = hex.next() {
            bytes.append(hexValue(high) << 4 | hexValue(low))
        }
        return base64url(bytes)
    }

    /// A decoded `file_id`: the row it names, its access key and the kind it was issued for.
    struct Decoded: Equatable {
        var rowID: Int64
        var accessKey: Int64
        var kind: MediaKind
    }

    /// Why a string is not one of our file ids, in TDLib's words.
    enum DecodeError: Error, Equatable {
        /// Not base64url at all: TDLib's base64 error text.
        case base64(String)
        /// Base64url, but not a file id.
        case cannotUnserialize
    }

    static func decode(_ text: String) throws(DecodeError) -> Decoded {
        guard text.utf8.count % 4 != 1 else { throw .base64("Wrong string length") }
        guard let bytes = base64urlDecode(text) else { throw .base64("Wrong character in string") }
        guard bytes.count == 18, bytes[0] == version, let kind = MediaKind(rawValue: bytes[1]) else {
            throw .cannotUnserialize
        }
        return Decoded(rowID: int64(bytes[2..<10]), accessKey: int64(bytes[10..<18]), kind: kind)
    }

    /// A new random access key for a file row.
    static func makeAccessKey() -> Int64 {
        Int64.random(in: 1...Int64.max)
    }

    // MARK: Encoding helpers

    private static func bigEndian(_ value: Int64) -> [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: value >> (56 - 8 * $0)) }
    }

    private static func int64(_ bytes: ArraySlice<UInt8>) -> Int64 {
        bytes.reduce(0) { $0 << 8 | Int64($1) }
    }

    private static func hexValue(_ digit: UInt8) -> UInt8 {
        digit >= UInt8(ascii: "a") ? digit - UInt8(ascii: "a") + 10 : digit - UInt8(ascii: "0")
    }

    static func base64url(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func base64urlDecode(_ text: String) -> [UInt8]? {
        guard text.utf8.allSatisfy({ byte in
            (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
        }) else { return nil }
        var standard = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while standard.utf8.count % 4 != 0 { standard += "=" }
        return Data(base64Encoded: standard).map(Array.init)
    }
}

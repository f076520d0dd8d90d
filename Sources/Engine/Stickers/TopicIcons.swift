import BotAPI
import Foundation
import Storage

/// The custom emoji forum topics may use as icons (`getForumTopicIconStickers`): one
/// custom emoji set owned by the world, seeded the first time it is needed, with a real
/// 100×100 WEBP per emoji. The forum methods accept exactly these ids.
enum TopicIcons {
    /// The set's name; it can't clash with a bot's set, whose names end in `_by_<bot>`.
    static let setName = "TopicIcons"

    /// The emoji, each drawn as its own colour.
    static let emoji: [String] = [
        "📰", "💡", "⚡️", "🎙", "🔝", "🗣", "🆒", "❗️", "📝", "📆", "📁", "🔎", "📣", "🔥", "❤️", "❓", "📈", "📉",
        "💎", "💰", "💸", "🎮", "💻", "📱", "🚗", "🏠", "🎉", "🏆", "🏁", "🎬", "🎵", "📚", "👑", "⚽️", "📺", "👀",
        "✈️", "🦄", "🛒", "🤖", "🎓", "🔬", "🎤", "💼", "🧪", "🎨", "🍕", "☕️", "💬", "✍️",
    ]

    /// Creates the set unless it exists. Idempotent and safe to race: the second writer
    /// finds the set and stops.
    static func ensure(_ engine: Engine) async throws {
        if try await engine.store.read({ try $0.stickerSet(name: setName) }) != nil { return }
        var blobs: [(FileRecord, Data)] = []
        for (index, _) in emoji.enumerated() {
            let data = Data(SolidWebP.make(width: 100, height: 100, argb: color(index)))
            let (sha256, _) = try engine.storeBlob(data)
            blobs.append((FileRecord(
                sha256: sha256, size: Int64(data.count), accessKey: 0, mimeType: "image/webp", width: 100, height: 100,
                fileName: "topic_icon_\(index).webp", createdAt: 0), data))
        }
        let blobStore = engine.blobStore
        let files = blobs
        try await engine.write { tx in
            guard try tx.store.stickerSet(name: TopicIcons.setName) == nil else { return }
            let set = try tx.store.insert(StickerSetRecord(
                name: TopicIcons.setName, title: "Topic Icons", stickerType: StickerType.customEmoji.rawValue,
                ownerUserID: StickerSetRecord.worldOwnerID, botID: StickerSetRecord.worldOwnerID, createdAt: tx.now))
            for (index, (record, data)) in files.enumerated() {
                let file = IncomingFile(source: .new(record), fileName: record.fileName, bytes: data, blobs: blobStore)
                try StickerSets.add(
                    PreparedSticker(file: file, format: .static, width: 100, height: 100, details: StickerDetails(emoji: [TopicIcons.emoji[index]])),
                    to: set, position: index, tx: tx)
            }
        }
    }

    /// Whether `customEmojiID` is one of the topic icons.
    static func isIcon(_ customEmojiID: String, in tx: any StoreReader) throws -> Bool {
        guard let row = StickerSets.stickerID(customEmojiID: customEmojiID), let sticker = try tx.sticker(id: row),
              let set = try tx.stickerSet(id: sticker.setID)
        else { return false }
        return set.name == setName && set.ownerUserID == StickerSetRecord.worldOwnerID
    }

    /// The `icon_custom_emoji_id` of createForumTopic and editForumTopic: empty, or a topic icon.
    static func requireIcon(_ customEmojiID: String?, in tx: any StoreReader) throws {
        guard let customEmojiID, !customEmojiID.isEmpty else { return }
        guard try isIcon(customEmojiID, in: tx) else { throw APIError.badRequest("DOCUMENT_INVALID") }
    }

    /// An opaque colour per icon, spread around the hue circle.
    private static func color(_ index: Int) -> UInt32 {
        let hue = Double(index) * 0.618_033_988_75
        let h = (hue - hue.rounded(.down)) * 6
        let sector = Int(h)
        let f = h - Double(sector)
        let (v, p, q, t) = (0.9, 0.9 * 0.35, 0.9 * (1 - 0.65 * f), 0.9 * (1 - 0.65 * (1 - f)))
        let (r, g, b): (Double, Double, Double) = switch sector {
        case 0: (v, t, p)
        case 1: (q, v, p)
        case 2: (p, v, t)
        case 3: (p, q, v)
        case 4: (t, p, v)
        default: (v, p, q)
        }
        return 0xFF00_0000 | UInt32(r * 255) << 16 | UInt32(g * 255) << 8 | UInt32(b * 255)
    }
}

/// A lossless WEBP (VP8L) of one colour: five one-symbol prefix codes, so no pixel needs a
/// single bit. Every WEBP decoder reads it.
enum SolidWebP {
    static func make(width: Int, height: Int, argb: UInt32) -> [UInt8] {
        var bits = BitWriter()
        bits.write(0x2F, 8)  // VP8L signature
        bits.write(UInt32(width - 1), 14)
        bits.write(UInt32(height - 1), 14)
        bits.write(argb >> 24 == 0xFF ? 0 : 1, 1)  // alpha is used
        bits.write(0, 3)  // version
        bits.write(0, 1)  // no transforms
        bits.write(0, 1)  // no colour cache
        bits.write(0, 1)  // no meta prefix codes
        // Green, red, blue, alpha, then distance: each a simple code with one 8-bit symbol.
        for symbol in [argb >> 8 & 0xFF, argb >> 16 & 0xFF, argb & 0xFF, argb >> 24, 0] {
            bits.write(1, 1)  // simple code
            bits.write(0, 1)  // one symbol
            bits.write(1, 1)  // eight bits wide
            bits.write(symbol, 8)
        }
        var payload = bits.bytes
        // Short images are padded; decoders stop after the last pixel.
        while payload.count < 10 { payload.append(0) }
        if payload.count % 2 == 1 { payload.append(0) }
        var file = Array("RIFF".utf8) + le32(UInt32(4 + 8 + payload.count)) + Array("WEBP".utf8)
        file += Array("VP8L".utf8) + le32(UInt32(payload.count)) + payload
        return file
    }

    private static func le32(_ v: UInt32) -> [UInt8] { [0, 8, 16, 24].map { UInt8(v >> UInt32($0) & 0xFF) } }

    /// Least significant bit first, as VP8L reads.
    struct BitWriter {
        var bytes: [UInt8] = []
        var used = 0

        mutating func write(_ value: UInt32, _ count: Int) {
            for i in 0..<count {
                if used == 0 { bytes.append(0) }
                bytes[bytes.count - 1] |= UInt8((value >> UInt32(i)) & 1) << UInt8(used)
                used = (used + 1) % 8
            }
        }
    }
}

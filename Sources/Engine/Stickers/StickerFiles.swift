import Foundation

/// A sticker's file format, as `sticker_format` / `InputSticker.format` name it.
enum StickerFormat: String, Sendable, CaseIterable {
    /// WEBP or PNG.
    case `static`
    /// TGS: gzipped Lottie JSON.
    case animated
    /// WEBM with VP9 video.
    case video

    var isAnimated: Bool { self == .animated }
    var isVideo: Bool { self == .video }

    /// The official parse, including its error (inside an `InputSticker`, after its
    /// `context`, TDLib's capital stays).
    static func parse(_ text: String?, context: String = "") throws -> StickerFormat {
        guard let text, let format = StickerFormat(rawValue: text) else {
            throw APIError.badRequest(context.isEmpty ? "invalid sticker format specified" : context + "Invalid sticker format specified")
        }
        return format
    }
}

/// A sticker set's kind, `sticker_type`.
enum StickerType: String, Sendable, CaseIterable {
    case regular, mask
    case customEmoji = "custom_emoji"

    /// Absent or empty means regular, as on the official server.
    static func parse(_ text: String?) throws -> StickerType {
        guard let text, !text.isEmpty else { return .regular }
        guard let type = StickerType(rawValue: text) else { throw APIError.badRequest("unsupported sticker type specified") }
        return type
    }

    /// How many stickers a set of this type holds.
    var capacity: Int { self == .customEmoji ? 200 : 120 }

    /// The side every sticker of this type has: 512 px (the other side at most that), or
    /// exactly 100×100 for custom emoji.
    var side: Int { self == .customEmoji ? 100 : 512 }
}

/// What Telegram checks in a sticker file before accepting it into a set (the limits of
/// TDLib's `get_max_sticker_file_size` and Telegram's documented sticker requirements),
/// read from the file's own headers.
enum StickerFiles {
    /// The width and height of a valid sticker file.
    struct Checked: Equatable {
        var width: Int
        var height: Int
    }

    /// The largest file of `format` for a sticker of `type` (or a set thumbnail).
    static func maxSize(_ format: StickerFormat, type: StickerType, thumbnail: Bool = false) -> Int {
        switch format {
        case .static: thumbnail || type == .customEmoji ? 128 << 10 : 512 << 10
        case .animated: thumbnail ? 32 << 10 : 64 << 10
        case .video: thumbnail ? 32 << 10 : type == .customEmoji ? 64 << 10 : 256 << 10
        }
    }

    /// Checks `bytes` as a sticker of `format` and `type`, answering Telegram's errors:
    /// a static sticker is a WEBP or PNG with one side of 512 px and the other at most 512
    /// (custom emoji: 100×100); an animated one is a TGS (gzip) file; a video one is a WEBM
    /// with VP9 video of at most 3 seconds, sized as static ones.
    static func check(_ bytes: [UInt8], format: StickerFormat, type: StickerType) throws -> Checked {
        guard bytes.count <= maxSize(format, type: type) else { throw APIError.badRequest("file is too big") }
        switch format {
        case .static:
            guard let image = ImageProbe.probe(Array(bytes.prefix(1 << 20))), image.mimeType == "image/png" || image.mimeType == "image/webp" else {
                throw APIError.badRequest("STICKER_PNG_NOPNG")
            }
            guard fits(image.width, image.height, type: type) else { throw APIError.badRequest("STICKER_PNG_DIMENSIONS") }
            return Checked(width: image.width, height: image.height)
        case .animated:
            guard isGzip(bytes) else { throw APIError.badRequest("STICKER_TGS_NOTGS") }
            // Lottie stickers are drawn at 512×512 (custom emoji 100×100).
            return Checked(width: type.side, height: type.side)
        case .video:
            guard let video = WebM.probe(bytes), video.codecID == "V_VP9" else { throw APIError.badRequest("STICKER_VIDEO_NOWEBM") }
            guard let width = video.width, let height = video.height, fits(width, height, type: type) else {
                throw APIError.badRequest("STICKER_VIDEO_NOWEBM")
            }
            guard let duration = video.duration, duration <= 3.0 else { throw APIError.badRequest("STICKER_VIDEO_LONG") }
            return Checked(width: width, height: height)
        }
    }

    /// uploadStickerFile's check: the file is what `format` says and within the size of a
    /// regular sticker; its dimensions are checked when it goes into a set of some type.
    static func checkFormat(_ bytes: [UInt8], format: StickerFormat) throws {
        guard bytes.count <= maxSize(format, type: .regular) else { throw APIError.badRequest("file is too big") }
        switch format {
        case .static:
            guard let image = ImageProbe.probe(Array(bytes.prefix(1 << 20))), image.mimeType == "image/png" || image.mimeType == "image/webp" else {
                throw APIError.badRequest("STICKER_PNG_NOPNG")
            }
        case .animated:
            guard isGzip(bytes) else { throw APIError.badRequest("STICKER_TGS_NOTGS") }
        case .video:
            guard let video = WebM.probe(bytes), video.codecID == "V_VP9" else { throw APIError.badRequest("STICKER_VIDEO_NOWEBM") }
        }
    }

    /// A set thumbnail: a 100×100 PNG or WEBP (128 KB), a TGS or a VP9 WEBM (32 KB each);
    /// without `format`, whichever the bytes are. Returns the format found.
    static func checkThumbnail(_ bytes: [UInt8], format: StickerFormat?) throws -> StickerFormat {
        let image = ImageProbe.probe(Array(bytes.prefix(1 << 20)))
        let isImage = image?.mimeType == "image/png" || image?.mimeType == "image/webp"
        let found: StickerFormat
        if let format {
            found = format
        } else if isImage {
            found = .static
        } else if isGzip(bytes) {
            found = .animated
        } else {
            found = .video
        }
        guard bytes.count <= maxSize(found, type: .regular, thumbnail: true) else { throw APIError.badRequest("file is too big") }
        switch found {
        case .static:
            guard isImage, image?.width == 100, image?.height == 100 else { throw APIError.badRequest("STICKER_THUMB_PNG_NOPNG") }
        case .animated:
            guard isGzip(bytes) else { throw APIError.badRequest("STICKER_THUMB_TGS_NOTGS") }
        case .video:
            guard let video = WebM.probe(bytes), video.codecID == "V_VP9" else { throw APIError.badRequest("STICKER_THUMB_WEBM_NOWEBM") }
        }
        return found
    }

    /// What a file sent with `sendSticker` (not into a set) is: a still PNG, WEBP or JPEG image, a TGS
    /// or a WEBM video, with its own dimensions; nil for anything else.
    static func standalone(_ bytes: [UInt8]) -> (format: StickerFormat, width: Int, height: Int)? {
        if let image = ImageProbe.probe(Array(bytes.prefix(1 << 20))), image.mimeType != "image/gif" {
            return (.static, image.width, image.height)
        }
        if isGzip(bytes) { return (.animated, 512, 512) }
        if let video = WebM.probe(bytes), let width = video.width, let height = video.height { return (.video, width, height) }
        return nil
    }

    /// One side exactly the type's side, the other at most that (custom emoji: both exactly).
    static func fits(_ width: Int, _ height: Int, type: StickerType) -> Bool {
        let side = type.side
        if type == .customEmoji { return width == side && height == side }
        return max(width, height) == side && min(width, height) > 0
    }

    /// A gzip member header (RFC 1952: magic, deflate, no reserved flags), as TGS files are.
    static func isGzip(_ b: [UInt8]) -> Bool {
        b.count >= 18 && b[0] == 0x1F && b[1] == 0x8B && b[2] == 0x08 && b[3] & 0xE0 == 0
    }

    /// The MIME type a sticker file of `format` is stored under.
    static func mimeType(_ format: StickerFormat, bytes: [UInt8]) -> String {
        switch format {
        case .static: ImageProbe.probe(Array(bytes.prefix(1 << 20)))?.mimeType ?? "image/webp"
        case .animated: "application/x-tgsticker"
        case .video: "video/webm"
        }
    }
}

/// Reads what a WEBM (Matroska) file's headers say: the document type, the first video
/// track's codec and size, and the duration (from the segment info, or else from the
/// clusters' timecodes).
enum WebM {
    struct Info: Equatable {
        var codecID: String?
        var width: Int?
        var height: Int?
        /// Seconds.
        var duration: Double?
    }

    /// nil when `bytes` are not an EBML document of type "webm".
    static func probe(_ bytes: [UInt8]) -> Info? {
        var reader = Reader(bytes: bytes)
        guard let header = reader.element(), header.id == 0x1A45_DFA3 else { return nil }
        var docType: String?
        reader.children(of: header) { r, e in
            if e.id == 0x4282 { docType = r.string(e) }
        }
        guard docType == "webm" else { return nil }
        reader.offset = header.end
        var info = Info()
        var timecodeScale = 1_000_000.0
        var rawDuration: Double?
        var lastTimecode: Int64 = -1
        while let segment = reader.element() {
            guard segment.id == 0x1853_8067 else {
                reader.offset = segment.end
                continue
            }
            reader.children(of: segment) { r, e in
                switch e.id {
                case 0x1549_A966:  // Info
                    r.children(of: e) { r, f in
                        if f.id == 0x2A_D7B1, let scale = r.unsigned(f) { timecodeScale = Double(scale) }
                        if f.id == 0x4489 { rawDuration = r.float(f) }
                    }
                case 0x1654_AE6B:  // Tracks
                    r.children(of: e) { r, entry in
                        guard entry.id == 0xAE, info.codecID == nil else { return }
                        var codec: String?, type: UInt64?, width: Int?, height: Int?
                        r.children(of: entry) { r, f in
                            switch f.id {
                            case 0x86: codec = r.string(f)
                            case 0x83: type = r.unsigned(f)
                            case 0xE0:
                                r.children(of: f) { r, v in
                                    if v.id == 0xB0 { width = r.unsigned(v).map { Int(clamping: $0) } }
                                    if v.id == 0xBA { height = r.unsigned(v).map { Int(clamping: $0) } }
                                }
                            default: break
                            }
                        }
                        if type == 1 { (info.codecID, info.width, info.height) = (codec, width, height) }
                    }
                case 0x1F43_B675 where rawDuration == nil:  // Cluster: timecode plus each block's offset
                    var clusterTime: Int64 = 0
                    r.children(of: e) { r, f in
                        if f.id == 0xE7, let time = r.unsigned(f) { clusterTime = Int64(clamping: time) }
                        if f.id == 0xA3 || f.id == 0xA1, let relative = r.blockTimecode(f) {
                            lastTimecode = max(lastTimecode, clusterTime + Int64(relative))
                        }
                    }
                default: break
                }
            }
            reader.offset = segment.end
        }
        if let rawDuration {
            info.duration = rawDuration * timecodeScale / 1e9
        } else if lastTimecode >= 0 {
            info.duration = Double(lastTimecode) * timecodeScale / 1e9
        }
        return info
    }

    struct Element {
        var id: UInt32
        var start: Int
        var end: Int
    }

    /// A bounds-checked EBML reader: malformed input ends the walk, it never traps.
    struct Reader {
        let bytes: [UInt8]
        var offset = 0

        /// The element at `offset`, moving past its header; an unknown or overlong size
        /// extends to the end of the data.
        mutating func element(limit: Int? = nil) -> Element? {
            let end = min(limit ?? bytes.count, bytes.count)
            guard offset < end, let (id, idLength) = vint(at: offset, keepMarker: true), idLength <= 4 else { return nil }
            guard let (size, sizeLength) = vint(at: offset + idLength, keepMarker: false) else { return nil }
            let start = offset + idLength + sizeLength
            guard start <= end else { return nil }
            let unknown = size == (UInt64(1) << (7 * UInt64(sizeLength))) - 1
            let last = unknown || size > UInt64(end - start) ? end : start + Int(size)
            offset = start
            return Element(id: UInt32(truncatingIfNeeded: id), start: start, end: last)
        }

        /// Calls `body` for each child of `parent`, then moves past it.
        mutating func children(of parent: Element, _ body: (inout Reader, Element) -> Void) {
            offset = parent.start
            while let child = element(limit: parent.end) {
                body(&self, child)
                offset = max(child.end, offset)
            }
            offset = parent.end
        }

        func vint(at index: Int, keepMarker: Bool) -> (UInt64, Int)? {
            guard index < bytes.count else { return nil }
            let first = bytes[index]
            guard first != 0 else { return nil }
            let length = first.leadingZeroBitCount + 1
            guard index + length <= bytes.count else { return nil }
            var value = UInt64(keepMarker ? first : first & (0xFF >> UInt8(length)))
            for i in 1..<length { value = value << 8 | UInt64(bytes[index + i]) }
            return (value, length)
        }

        func unsigned(_ e: Element) -> UInt64? {
            guard e.end - e.start <= 8 else { return nil }
            return bytes[e.start..<e.end].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        }

        func float(_ e: Element) -> Double? {
            guard let raw = unsigned(e) else { return nil }
            switch e.end - e.start {
            case 4: return Double(Float(bitPattern: UInt32(truncatingIfNeeded: raw)))
            case 8: return Double(bitPattern: raw)
            default: return nil
            }
        }

        func string(_ e: Element) -> String {
            String(decoding: bytes[e.start..<e.end].prefix { $0 != 0 }, as: UTF8.self)
        }

        /// A (Simple)Block's timecode relative to its cluster: after the track number.
        func blockTimecode(_ e: Element) -> Int16? {
            guard let (_, length) = vint(at: e.start, keepMarker: false), e.start + length + 2 <= e.end else { return nil }
            return Int16(bitPattern: UInt16(bytes[e.start + length]) << 8 | UInt16(bytes[e.start + length + 1]))
        }
    }
}

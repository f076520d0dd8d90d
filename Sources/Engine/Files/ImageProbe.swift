/// Reads an image's format and dimensions from its header, without decoding pixels: what
/// photo messages report as `width` and `height`.
public enum ImageProbe {
    /// What a header says.
    public struct Info: Sendable, Equatable {
        public var width: Int
        public var height: Int
        public var mimeType: String
        /// The usual file extension, without the dot.
        public var fileExtension: String
    }

    /// The image's info, or nil when `bytes` are not a PNG, JPEG, GIF or WebP image with
    /// readable dimensions.
    public static func probe(_ bytes: [UInt8]) -> Info? {
        png(bytes) ?? jpeg(bytes) ?? gif(bytes) ?? webp(bytes)
    }

    static func png(_ b: [UInt8]) -> Info? {
        guard b.count >= 24, b.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
              b[12..<16].elementsEqual(Array("IHDR".utf8))
        else { return nil }
        return info(width: be32(b, 16), height: be32(b, 20), mime: "image/png", ext: "png")
    }

    static func gif(_ b: [UInt8]) -> Info? {
        guard b.count >= 10, b.starts(with: Array("GIF87a".utf8)) || b.starts(with: Array("GIF89a".utf8)) else { return nil }
        return info(width: le16(b, 6), height: le16(b, 8), mime: "image/gif", ext: "gif")
    }

    /// Walks the marker segments up to the first start-of-frame; EXIF and other APP segments
    /// are skipped by their lengths, so images without EXIF read the same.
    static func jpeg(_ b: [UInt8]) -> Info? {
        guard b.count >= 4, b[0] == 0xFF, b[1] == 0xD8 else { return nil }
        var i = 2
        while i + 3 < b.count {
            guard b[i] == 0xFF else { return nil }
            var marker = b[i + 1]
            // Fill bytes: any number of 0xFF before a marker.
            while marker == 0xFF, i + 2 < b.count {
                i += 1
                marker = b[i + 1]
            }
            i += 2
            // Markers without a length.
            if marker == 0x01 || (0xD0...0xD8).contains(marker) { continue }
            if marker == 0xD9 || marker == 0xDA { return nil }
            guard i + 1 < b.count else { return nil }
            let length = be16(b, i)
            guard length >= 2 else { return nil }
            let isStartOfFrame = (0xC0...0xCF).contains(marker) && marker != 0xC4 && marker != 0xC8 && marker != 0xCC
            if isStartOfFrame {
                guard i + 7 <= b.count else { return nil }
                return info(width: be16(b, i + 5), height: be16(b, i + 3), mime: "image/jpeg", ext: "jpg")
            }
            i += length
        }
        return nil
    }

    static func webp(_ b: [UInt8]) -> Info? {
        guard b.count >= 30, b.starts(with: Array("RIFF".utf8)), b[8..<12].elementsEqual(Array("WEBP".utf8)) else { return nil }
        let chunk = String(decoding: b[12..<16], as: UTF8.self)
        switch chunk {
        case "VP8 ":
            // Frame tag (3 bytes), start code 9d 01 2a, then 14-bit width and height.
            guard b[23] == 0x9D, b[24] == 0x01, b[25] == 0x2A else { return nil }
            return info(width: le16(b, 26) & 0x3FFF, height: le16(b, 28) & 0x3FFF, mime: "image/webp", ext: "webp")
        case "VP8L":
            guard b[20] == 0x2F else { return nil }
            let bits = Int(b[21]) | Int(b[22]) << 8 | Int(b[23]) << 16 | Int(b[24]) << 24
            return info(width: (bits & 0x3FFF) + 1, height: (bits >> 14 & 0x3FFF) + 1, mime: "image/webp", ext: "webp")
        case "VP8X":
            let width = (Int(b[24]) | Int(b[25]) << 8 | Int(b[26]) << 16) + 1
            let height = (Int(b[27]) | Int(b[28]) << 8 | Int(b[29]) << 16) + 1
            return info(width: width, height: height, mime: "image/webp", ext: "webp")
        default:
            return nil
        }
    }

    private static func info(width: Int, height: Int, mime: String, ext: String) -> Info? {
        guard width > 0, height > 0 else { return nil }
        return Info(width: width, height: height, mimeType: mime, fileExtension: ext)
    }

    private static func be16(_ b: [UInt8], _ i: Int) -> Int { Int(b[i]) << 8 | Int(b[i + 1]) }
    private static func le16(_ b: [UInt8], _ i: Int) -> Int { Int(b[i]) | Int(b[i + 1]) << 8 }
    private static func be32(_ b: [UInt8], _ i: Int) -> Int {
        Int(b[i]) << 24 | Int(b[i + 1]) << 16 | Int(b[i + 2]) << 8 | Int(b[i + 3])
    }
}

import Foundation
import Storage
import Testing

@testable import Engine

/// Image headers, content digests and file identifiers (issue 4, item 2).
@Suite struct FileProbeTests {
    static func be16(_ value: Int) -> [UInt8] { [UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)] }
    static func le16(_ value: Int) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF)] }

    /// A JPEG's marker structure: SOI, optional APP segments, a quantization table, then
    /// the start-of-frame `marker` with the given size.
    static func jpeg(width: Int, height: Int, exif: Bool, marker: UInt8 = 0xC0) -> [UInt8] {
        var bytes: [UInt8] = [0xFF, 0xD8]
        bytes += [0xFF, 0xE0] + be16(16) + Array("JFIF".utf8) + [0, 1, 1, 0, 0, 1, 0, 1, 0, 0]
        if exif {
            let payload = Array("Exif".utf8) + [0, 0] + [UInt8](repeating: 0x2A, count: 300)
            bytes += [0xFF, 0xE1] + be16(payload.count + 2) + payload
        }
        bytes += [0xFF, 0xDB] + be16(67) + [0] + [UInt8](repeating: 1, count: 64)
        // Fill bytes before a marker are allowed.
        bytes += [0xFF, 0xFF, marker] + be16(17) + [8] + be16(height) + be16(width) + [3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]
        bytes += [0xFF, 0xD9]
        return bytes
    }

    @Test func jpegDimensionsWithAndWithoutEXIF() {
        #expect(ImageProbe.probe(Self.jpeg(width: 640, height: 480, exif: false)) == .init(width: 640, height: 480, mimeType: "image/jpeg", fileExtension: "jpg"))
        #expect(ImageProbe.probe(Self.jpeg(width: 1280, height: 720, exif: true))?.width == 1280)
        #expect(ImageProbe.probe(Self.jpeg(width: 33, height: 4000, exif: true, marker: 0xC2))?.height == 4000)
        // A DHT segment (0xC4) is not a frame header.
        #expect(ImageProbe.probe(Array(Self.jpeg(width: 10, height: 10, exif: false, marker: 0xC4).dropLast(2))) == nil)
    }

    @Test func pngGifAndWebP() {
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + Array("IHDR".utf8)
            + [0, 0, 0x03, 0x20, 0, 0, 0x02, 0x58, 8, 6, 0, 0, 0]
        #expect(ImageProbe.probe(png) == .init(width: 800, height: 600, mimeType: "image/png", fileExtension: "png"))
        let gif = Array("GIF89a".utf8) + Self.le16(320) + Self.le16(200) + [0, 0, 0]
        #expect(ImageProbe.probe(gif)?.mimeType == "image/gif" && ImageProbe.probe(gif)?.height == 200)

        let riff = Array("RIFF".utf8) + [0, 0, 0, 0] + Array("WEBP".utf8)
        let lossy = riff + Array("VP8 ".utf8) + [0, 0, 0, 0] + [0, 0, 0, 0x9D, 0x01, 0x2A] + Self.le16(1024) + Self.le16(768)
        #expect(ImageProbe.probe(lossy)?.width == 1024 && ImageProbe.probe(lossy)?.height == 768)
        let bits = (500 - 1) | (300 - 1) << 14
        let lossless = riff + Array("VP8L".utf8) + [0, 0, 0, 0] + [0x2F] + [0, 8, 16, 24].map { UInt8(bits >> $0 & 0xFF) } + [0, 0, 0, 0, 0]
        #expect(ImageProbe.probe(lossless) == .init(width: 500, height: 300, mimeType: "image/webp", fileExtension: "webp"))
        let extended = riff + Array("VP8X".utf8) + [10, 0, 0, 0] + [0, 0, 0, 0] + [0x3F, 0x0D, 0x03] + [0xFF, 0x00, 0x00]
        #expect(ImageProbe.probe(extended)?.width == 200_000 && ImageProbe.probe(extended)?.height == 256)
    }

    @Test func garbageIsNotAnImage() {
        #expect(ImageProbe.probe([]) == nil)
        #expect(ImageProbe.probe(Array("%PDF-1.7 not an image at all".utf8)) == nil)
        #expect(ImageProbe.probe([0xFF, 0xD8, 0xFF, 0xDA, 0, 2]) == nil)
        #expect(ImageProbe.probe([0xFF, 0xD8, 0xFF, 0xE0, 0xFF, 0xFF]) == nil)
    }

    @Test func sha256KnownVectors() {
        #expect(SHA256.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let long = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
        #expect(SHA256.hex(long) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hex([UInt8](repeating: 0x61, count: 1_000)) == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }

    @Test func fileIDsRoundTripAndRejectGarbage() throws {
        let record = Storage.FileRecord(id: 42, sha256: String(repeating: "ab", count: 32), size: 10, accessKey: 987_654_321, createdAt: 0)
        let id = FileIdentifiers.fileID(for: record, as: .document)
        #expect(try FileIdentifiers.decode(id) == .init(rowID: 42, accessKey: 987_654_321, kind: .document))
        #expect(FileIdentifiers.fileID(for: record, as: .photo) != id)
        #expect(FileIdentifiers.uniqueID(for: record) == FileIdentifiers.uniqueID(for: record))
        #expect(throws: FileIdentifiers.DecodeError.base64("Wrong string length")) { try FileIdentifiers.decode("abcde") }
        #expect(throws: FileIdentifiers.DecodeError.base64("Wrong character in string")) { try FileIdentifiers.decode("ab$d") }
        #expect(throws: FileIdentifiers.DecodeError.cannotUnserialize) { try FileIdentifiers.decode("AgACAgIAAxkBAAIBZ2ZmZmZmZmZmZmZm") }
    }
}

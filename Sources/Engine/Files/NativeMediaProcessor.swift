import CMedia
import Foundation

/// ``MediaProcessor`` on the system's libvips (images) and FFmpeg (audio and video), through
/// the C shim in Sources/CMedia. The libraries are not linked into the binary: the first use
/// loads them (about 30 MB and 170 shared libraries that a server seeing only text never
/// needs), so creating a processor is free and ``start()`` is where they can fail.
public struct NativeMediaProcessor: MediaProcessor {
    /// Why the media libraries could not start.
    public struct StartError: Error, CustomStringConvertible {
        public let description: String
    }

    /// JPEG quality of every image the server makes (Telegram's photos are around 87).
    static let quality: Int32 = 87

    public init() {}

    /// Loads and starts libvips and FFmpeg (once per process; later calls repeat the first
    /// answer). Throws when they are missing or unusable, so callers fail loudly instead of
    /// reporting zeros for every file.
    public func start() throws {
        // Called before every use: the common case (started) allocates nothing.
        guard cmedia_start(nil, 0) != 0 else { return }
        var message = [CChar](repeating: 0, count: 512)
        guard cmedia_start(&message, message.count) == 0 else {
            let reason = String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            throw StartError(description: "media libraries (libvips, FFmpeg) unusable: \(reason)")
        }
    }

    public func imageSize(_ data: Data) -> (width: Int, height: Int)? {
        guard !data.isEmpty else { return nil }
        var width: Int32 = 0, height: Int32 = 0
        let result = data.withUnsafeBytes { raw in
            cmedia_image_size(raw.bindMemory(to: UInt8.self).baseAddress, raw.count, &width, &height)
        }
        return result == 0 ? (Int(width), Int(height)) : nil
    }

    public func jpeg(fromImage data: Data, maxSide: Int) -> EncodedImage? {
        encode(data, maxSide: maxSide, cmedia_image_jpeg)
    }

    public func jpeg(fromVideo data: Data, maxSide: Int) -> EncodedImage? {
        encode(data, maxSide: maxSide, cmedia_av_frame_jpeg)
    }

    public func probe(_ data: Data) -> MediaInfo? {
        guard !data.isEmpty else { return nil }
        var info = cmedia_av_info()
        let result = data.withUnsafeBytes { raw in cmedia_av_probe(raw.bindMemory(to: UInt8.self).baseAddress, raw.count, &info) }
        guard result == 0 else { return nil }
        let hasVideo = info.has_video != 0 && info.width > 0 && info.height > 0
        return MediaInfo(
            duration: info.duration, width: hasVideo ? Int(info.width) : nil, height: hasVideo ? Int(info.height) : nil,
            hasVideo: hasVideo, hasAudio: info.has_audio != 0, title: Self.text(&info.title), performer: Self.text(&info.artist),
            mimeType: Self.mimeType(format: Self.text(&info.format) ?? "", hasVideo: hasVideo))
    }

    /// The MIME type of FFmpeg's container format names (a comma-separated list of the
    /// formats one demuxer reads).
    static func mimeType(format: String, hasVideo: Bool) -> String? {
        let names = Set(format.split(separator: ",").map(String.init))
        if names.contains("mp4") { return hasVideo ? "video/mp4" : "audio/mp4" }
        if names.contains("webm") { return hasVideo ? "video/webm" : "audio/webm" }
        if names.contains("ogg") { return hasVideo ? "video/ogg" : "audio/ogg" }
        if names.contains("mp3") { return "audio/mpeg" }
        if names.contains("gif") { return "image/gif" }
        if names.contains("flac") { return "audio/flac" }
        if names.contains("wav") { return "audio/x-wav" }
        return nil
    }

    private typealias Encoder = (UnsafePointer<UInt8>?, Int, Int32, Int32, UnsafeMutablePointer<cmedia_jpeg>?) -> Int32

    private func encode(_ data: Data, maxSide: Int, _ encoder: Encoder) -> EncodedImage? {
        guard !data.isEmpty, (1...10_000).contains(maxSide) else { return nil }
        var out = cmedia_jpeg()
        let result = data.withUnsafeBytes { raw in
            encoder(raw.bindMemory(to: UInt8.self).baseAddress, raw.count, Int32(maxSide), Self.quality, &out)
        }
        defer { cmedia_free(out.bytes) }
        guard result == 0, let bytes = out.bytes, out.size > 0 else { return nil }
        return EncodedImage(bytes: Data(bytes: bytes, count: out.size), width: Int(out.width), height: Int(out.height))
    }

    /// A fixed-size C string field as text; nil when empty.
    private static func text<T>(_ field: inout T) -> String? {
        let value = withUnsafeBytes(of: &field) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }
}

import Foundation

/// What the server reads from media files and makes of them, as Telegram's servers do: the
/// JPEG sizes of a photo, thumbnails, and the duration and size of audio and video. The
/// engine asks an ``EngineOptions/mediaProcessor``; ``NativeMediaProcessor`` implements it
/// with libvips and FFmpeg.
public protocol MediaProcessor: Sendable {
    /// Readies the processor; called before each use, so it must be cheap once it has
    /// succeeded. Throws when the processor cannot work at all.
    func start() throws
    /// The displayed size of an image (EXIF orientation applied), or nil when `data` is not
    /// an image the processor reads.
    func imageSize(_ data: Data) -> (width: Int, height: Int)?
    /// The image re-encoded as a JPEG whose longer side is at most `maxSide` (never
    /// enlarged), or nil when it cannot be decoded.
    func jpeg(fromImage data: Data, maxSide: Int) -> EncodedImage?
    /// Duration, picture size and tags of an audio or video file, or nil when it is neither.
    func probe(_ data: Data) -> MediaInfo?
    /// The first frame of a video as a JPEG whose longer side is at most `maxSide`, or nil.
    func jpeg(fromVideo data: Data, maxSide: Int) -> EncodedImage?
}

/// A JPEG made by a ``MediaProcessor``.
public struct EncodedImage: Sendable, Equatable {
    public var bytes: Data
    public var width: Int
    public var height: Int

    public init(bytes: Data, width: Int, height: Int) {
        self.bytes = bytes
        self.width = width
        self.height = height
    }
}

/// What an audio or video container says.
public struct MediaInfo: Sendable, Equatable {
    /// Seconds, 0 when unknown.
    public var duration: Double
    /// The video's displayed size; nil without video.
    public var width: Int?
    public var height: Int?
    public var hasVideo: Bool
    public var hasAudio: Bool
    /// The `title` and `artist` tags.
    public var title: String?
    public var performer: String?
    /// The container's MIME type, when the format has a usual one.
    public var mimeType: String?

    public init(
        duration: Double, width: Int? = nil, height: Int? = nil, hasVideo: Bool, hasAudio: Bool, title: String? = nil,
        performer: String? = nil, mimeType: String? = nil
    ) {
        self.mimeType = mimeType
        self.duration = duration
        self.width = width
        self.height = height
        self.hasVideo = hasVideo
        self.hasAudio = hasAudio
        self.title = title
        self.performer = performer
    }

    /// Whole seconds, as messages report them: rounded to the nearest second, as Telegram does.
    public var seconds: Int {
        guard duration.isFinite, duration > 0 else { return 0 }
        return Int(min(duration, 1e9).rounded())
    }
}

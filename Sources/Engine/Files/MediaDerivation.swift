import BotAPI
import Foundation
import Storage

/// The files and facts the server makes from an upload, as Telegram's servers do, prepared
/// before the sending transaction (processing takes milliseconds to seconds and must not
/// hold the writer), then stored with the file's row inside it.
struct PreparedMedia: Sendable {
    /// What was read from an audio or video file.
    var info: MediaInfo?
    /// A photo's JPEG sizes, smallest first.
    var photoSizes: [IncomingFile] = []
    /// A thumbnail made from a video's first frame or an image.
    var thumbnail: IncomingFile? {
        get { thumbnailStorage.first }
        set { thumbnailStorage = newValue.map { [$0] } ?? [] }
    }

    /// An array, because an `IncomingFile` holds its `PreparedMedia` and a struct cannot
    /// contain itself inline.
    private var thumbnailStorage: [IncomingFile] = []

    init(info: MediaInfo? = nil, photoSizes: [IncomingFile] = []) {
        self.info = info
        self.photoSizes = photoSizes
    }
}

/// A file with everything stored about it: its row, its photo sizes, its generated
/// thumbnail, what was read from it.
struct StoredMedia: Sendable {
    var record: FileRecord
    /// Smallest first; empty for files that are not photos (or were stored before photos
    /// had sizes).
    var photoSizes: [FileRecord] = []
    var thumbnail: FileRecord?
    var info: FileMediaRecord?
}

/// Telegram's processing of media: photo sizes, thumbnails, durations, chat photo sizes.
enum MediaDerivation {
    /// The longer side of each of Telegram's photo sizes ('s', 'm', 'x', 'y', 'w').
    static let photoSides = [90, 320, 800, 1280, 2560]
    /// The largest photo size: larger images are scaled down to it.
    static let maxPhotoSide = 2560
    /// Thumbnails (generated, or uploaded by the caller) are at most this large.
    static let thumbnailSide = 320
    /// A chat photo's small and big files.
    static let chatPhotoSides = (small: 160, big: 640)

    /// The processor, started, or a logged 500 when the engine has none
    /// (``EngineOptions/mediaProcessor``) or it cannot start: never silent zeros.
    static func processor(of engine: Engine) throws -> any MediaProcessor {
        guard let processor = engine.options.mediaProcessor else {
            throw engine.internalFailure(MediaUnavailable(), during: "media processing")
        }
        do {
            try processor.start()
        } catch {
            throw engine.internalFailure(error, during: "media processing")
        }
        return processor
    }

    struct MediaUnavailable: Error, CustomStringConvertible {
        var description: String { "no media processor configured" }
    }

    /// The longer sides of the sizes a photo of `width`×`height` gets: every standard size
    /// smaller than the image, then the image itself, capped at 2560.
    static func photoLadder(width: Int, height: Int) -> [Int] {
        let largest = min(max(width, height), maxPhotoSide)
        return photoSides.filter { $0 < largest } + [largest]
    }

    /// Processes a new upload sent as `kind`; files given by `file_id` were processed when
    /// they were uploaded.
    static func prepare(_ file: inout IncomingFile, as kind: MediaKind, in call: MethodCall) throws {
        guard case .new(var record) = file.source, let bytes = file.bytes else { return }
        let processor = try Self.processor(of: call.engine)
        switch kind {
        case .photo:
            // Formats the header probe does not know (BMP, TIFF, HEIF…) get their size from
            // the decoder, and EXIF-turned JPEGs their displayed size.
            guard let size = processor.imageSize(bytes) ?? file.dimensions else { return }
            let (width, height) = size
            record.width = width
            record.height = height
            file.source = .new(record)
            // Out-of-limits images are refused by ``MediaSending/requireImage(_:)`` without
            // being decoded.
            guard width + height <= 10000, max(width, height) <= 20 * min(width, height) else { return }
            var sizes: [IncomingFile] = []
            for side in photoLadder(width: width, height: height) {
                guard let jpeg = processor.jpeg(fromImage: bytes, maxSide: side) else {
                    throw APIError.badRequest("IMAGE_PROCESS_FAILED")
                }
                sizes.append(try FileInputs.store(jpeg.bytes, fileName: nil, declaredType: "image/jpeg", in: call))
            }
            file.prepared = PreparedMedia(photoSizes: sizes)
        case .thumbnail, .sticker:
            return
        case .audio, .voice:
            let info = processor.probe(bytes)
            setMimeType(of: &file, from: info)
            file.prepared = PreparedMedia(info: info)
        case .document, .video, .animation, .videoNote:
            let info = processor.probe(bytes)
            setMimeType(of: &file, from: info)
            var prepared = PreparedMedia(info: info)
            // Images (which FFmpeg also reads, as one-frame videos) go through libvips, which
            // knows EXIF orientation and transparency; videos give their first frame.
            let jpeg = processor.imageSize(bytes) != nil
                ? processor.jpeg(fromImage: bytes, maxSide: thumbnailSide)
                : info?.hasVideo == true ? processor.jpeg(fromVideo: bytes, maxSide: thumbnailSide) : nil
            if let jpeg {
                prepared.thumbnail = try FileInputs.store(jpeg.bytes, fileName: nil, declaredType: "image/jpeg", in: call)
            }
            file.prepared = prepared
        }
    }

    /// A file whose name and declared type said nothing gets the type of its container,
    /// as Telegram reports `video/mp4` for any MP4 however it was uploaded.
    private static func setMimeType(of file: inout IncomingFile, from info: MediaInfo?) {
        guard case .new(var record) = file.source, record.mimeType == nil, let type = info?.mimeType else { return }
        record.mimeType = type
        file.source = .new(record)
    }

    /// An uploaded thumbnail, scaled as Telegram scales it (a JPEG at most 320 pixels on its
    /// longer side); nil when the upload is not an image.
    static func thumbnail(from data: Data, in call: MethodCall) throws -> IncomingFile? {
        guard let jpeg = try processor(of: call.engine).jpeg(fromImage: data, maxSide: thumbnailSide) else { return nil }
        return try FileInputs.store(jpeg.bytes, fileName: nil, declaredType: "image/jpeg", in: call)
    }

    /// A chat photo's small and big files, made from an uploaded image.
    static func chatPhotoSizes(of file: IncomingFile, in call: MethodCall) throws -> (small: IncomingFile, big: IncomingFile) {
        guard let bytes = file.bytes else { throw APIError.badRequest("IMAGE_PROCESS_FAILED") }
        let processor = try Self.processor(of: call.engine)
        guard let small = processor.jpeg(fromImage: bytes, maxSide: chatPhotoSides.small),
              let big = processor.jpeg(fromImage: bytes, maxSide: chatPhotoSides.big)
        else { throw APIError.badRequest("IMAGE_PROCESS_FAILED") }
        return (
            try FileInputs.store(small.bytes, fileName: nil, declaredType: "image/jpeg", in: call),
            try FileInputs.store(big.bytes, fileName: nil, declaredType: "image/jpeg", in: call)
        )
    }

    // MARK: In the transaction

    /// Stores a prepared upload's derived files and facts with its row, or loads those stored
    /// when the file was uploaded.
    static func store(_ file: IncomingFile, in store: any StoreWriter, now: Int64) throws -> StoredMedia {
        let record = try file.record(in: store, now: now)
        guard let prepared = file.prepared else { return try load(record, in: store) }
        var media = StoredMedia(record: record)
        if !prepared.photoSizes.isEmpty {
            media.photoSizes = try prepared.photoSizes.map { try $0.record(in: store, now: now) }
            try store.setDerivatives(media.photoSizes.map(\.id), of: record.id, role: .photoSize)
        }
        if let thumbnail = prepared.thumbnail {
            let row = try thumbnail.record(in: store, now: now)
            try store.setDerivatives([row.id], of: record.id, role: .thumbnail)
            media.thumbnail = row
        }
        if let info = prepared.info {
            let facts = FileMediaRecord(
                fileID: record.id, duration: info.seconds, width: info.width, height: info.height, title: info.title,
                performer: info.performer)
            try store.save(facts)
            media.info = facts
        }
        return media
    }

    /// What is stored about `record`. A `file_id` of any of a photo's sizes names the whole
    /// photo, as on Telegram.
    static func load(_ record: FileRecord, in store: any StoreReader) throws -> StoredMedia {
        var media = StoredMedia(record: record)
        var sizes = try store.derivatives(of: record.id, role: .photoSize)
        if sizes.isEmpty, let source = try store.derivativeSource(of: record.id, role: .photoSize) {
            sizes = try store.derivatives(of: source, role: .photoSize)
        }
        media.photoSizes = try sizes.compactMap { try store.file(id: $0) }
        media.thumbnail = try store.derivatives(of: record.id, role: .thumbnail).first.flatMap { try store.file(id: $0) }
        media.info = try store.fileMedia(fileID: record.id)
        return media
    }
}

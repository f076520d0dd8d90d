/// What a stored file was turned into: the files the server made from it (photo sizes,
/// thumbnails, chat photo sizes) and what it read from it (duration, picture size, tags).

/// The part a derived file plays for its source file.
public enum FileDerivativeRole: Int64, Sendable, CaseIterable {
    /// One JPEG size of a photo; a source has several, smallest first.
    case photoSize = 1
    /// The thumbnail made from a video's first frame or from an image.
    case thumbnail = 2
    /// A chat photo's 160-pixel and 640-pixel files.
    case chatPhotoSmall = 3
    case chatPhotoBig = 4
}

/// What the server read from an audio or video file (or an image sent as a document).
public struct FileMediaRecord: Sendable, Equatable {
    /// The file's row.
    public var fileID: Int64
    /// Whole seconds.
    public var duration: Int
    /// The video's displayed size.
    public var width: Int?
    public var height: Int?
    /// The `title` and `artist` tags.
    public var title: String?
    public var performer: String?

    public init(fileID: Int64, duration: Int, width: Int? = nil, height: Int? = nil, title: String? = nil, performer: String? = nil) {
        self.fileID = fileID
        self.duration = duration
        self.width = width
        self.height = height
        self.title = title
        self.performer = performer
    }
}

// MARK: Poll deadlines (stored with the media tables, migration "v11: media")

/// When a poll with `open_period` or `close_date` closes by itself.
public struct PollDeadlineRecord: Sendable, Equatable {
    public var chatID: Int64
    public var messageID: Int64
    /// Unix time.
    public var closeAt: Int64

    public init(chatID: Int64, messageID: Int64, closeAt: Int64) {
        self.chatID = chatID
        self.messageID = messageID
        self.closeAt = closeAt
    }
}

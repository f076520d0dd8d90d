import Foundation

/// A user or a bot: both are accounts with a token, as on Telegram, where bots are users.
public struct AccountRecord: Sendable, Equatable, Codable {
    /// Positive, unique across users and bots.
    public var id: Int64
    public var isBot: Bool
    public var firstName: String
    public var lastName: String?
    /// Unique across accounts and public chats, compared case-insensitively.
    public var username: String?
    public var languageCode: String?
    public var isPremium: Bool
    /// The part of the token after `<id>:`.
    public var tokenSecret: String
    public var canJoinGroups: Bool
    public var canReadAllGroupMessages: Bool
    public var supportsInlineQueries: Bool
    public var ownerUserID: Int64?
    /// Deleted accounts keep their id so that old messages still render.
    public var isDeleted: Bool
    public var createdAt: Int64

    public init(
        id: Int64 = 0, isBot: Bool, firstName: String, lastName: String? = nil, username: String? = nil,
        languageCode: String? = nil, isPremium: Bool = false, tokenSecret: String, canJoinGroups: Bool = false,
        canReadAllGroupMessages: Bool = false, supportsInlineQueries: Bool = false, ownerUserID: Int64? = nil,
        isDeleted: Bool = false, createdAt: Int64
    ) {
        self.id = id
        self.isBot = isBot
        self.firstName = firstName
        self.lastName = lastName
        self.username = username
        self.languageCode = languageCode
        self.isPremium = isPremium
        self.tokenSecret = tokenSecret
        self.canJoinGroups = canJoinGroups
        self.canReadAllGroupMessages = canReadAllGroupMessages
        self.supportsInlineQueries = supportsInlineQueries
        self.ownerUserID = ownerUserID
        self.isDeleted = isDeleted
        self.createdAt = createdAt
    }
}

/// A conversation. Private chats are stored once for both parties (`lowAccountID` <
/// `highAccountID`); each party sees the other's id as the chat id, as on Telegram.
public struct ChatRecord: Sendable, Equatable, Codable {
    /// Internal id, never shown to clients for private chats.
    public var id: Int64
    public var kind: ChatKind
    public var lowAccountID: Int64?
    public var highAccountID: Int64?
    /// Whether the lower/higher account has ever written in this chat: a bot may only write
    /// to a user who wrote to it first.
    public var lowHasWritten: Bool
    public var highHasWritten: Bool
    /// Whether the lower/higher account blocked the other.
    public var lowBlockedHigh: Bool
    public var highBlockedLow: Bool
    /// The last message id used in this chat; ids are assigned sequentially.
    public var lastMessageID: Int64

    public init(
        id: Int64 = 0, kind: ChatKind, lowAccountID: Int64? = nil, highAccountID: Int64? = nil,
        lowHasWritten: Bool = false, highHasWritten: Bool = false, lowBlockedHigh: Bool = false,
        highBlockedLow: Bool = false, lastMessageID: Int64 = 0
    ) {
        self.id = id
        self.kind = kind
        self.lowAccountID = lowAccountID
        self.highAccountID = highAccountID
        self.lowHasWritten = lowHasWritten
        self.highHasWritten = highHasWritten
        self.lowBlockedHigh = lowBlockedHigh
        self.highBlockedLow = highBlockedLow
        self.lastMessageID = lastMessageID
    }
}

/// A message as stored: routing columns plus the engine's own JSON description of the
/// content, so that new kinds of content need no migration.
public struct MessageRecord: Sendable, Equatable, Codable {
    public var chatID: Int64
    public var messageID: Int64
    public var senderID: Int64
    public var date: Int64
    public var editDate: Int64?
    /// Engine-defined JSON (text, entities, reply markup, reply target, ...).
    public var content: Data

    public init(chatID: Int64, messageID: Int64, senderID: Int64, date: Int64, editDate: Int64? = nil, content: Data) {
        self.chatID = chatID
        self.messageID = messageID
        self.senderID = senderID
        self.date = date
        self.editDate = editDate
        self.content = content
    }
}

/// One pending update of one recipient (a bot, or a user on the user surface).
public struct UpdateRecord: Sendable, Equatable, Codable {
    public var recipientID: Int64
    public var updateID: Int64
    /// The Update field name: "message", "callback_query", ...
    public var kind: String
    /// Unix time after which the update is dropped undelivered.
    public var expiresAt: Int64
    /// The Update's JSON members after `update_id`, e.g. `"message":{...}`, so the whole
    /// Update is `{"update_id":N,\n` + payload + `}` without re-encoding.
    public var payload: Data
    /// Updates with the same key are delivered to a webhook strictly in order, one at a
    /// time; different keys in parallel (e.g. "message:<chat id>").
    public var deliveryKey: String

    public init(recipientID: Int64, updateID: Int64, kind: String, expiresAt: Int64, payload: Data, deliveryKey: String = "") {
        self.recipientID = recipientID
        self.updateID = updateID
        self.kind = kind
        self.expiresAt = expiresAt
        self.payload = payload
        self.deliveryKey = deliveryKey
    }
}

/// Per-recipient update-queue state.
public struct UpdateQueueRecord: Sendable, Equatable, Codable {
    public var recipientID: Int64
    /// The id the next enqueued update gets.
    public var nextUpdateID: Int64
    /// The allowed update kinds as a JSON array, or nil for the default set.
    public var allowedUpdates: String?

    public init(recipientID: Int64, nextUpdateID: Int64, allowedUpdates: String? = nil) {
        self.recipientID = recipientID
        self.nextUpdateID = nextUpdateID
        self.allowedUpdates = allowedUpdates
    }
}

/// A bot's webhook: where its updates are POSTed instead of waiting for getUpdates.
public struct WebhookRecord: Sendable, Equatable, Codable {
    public var botID: Int64
    public var url: String
    /// Sent as `X-Telegram-Bot-Api-Secret-Token` when set.
    public var secretToken: String?
    public var maxConnections: Int
    /// Deliveries go to this address instead of resolving the URL's host.
    public var ipAddress: String?
    /// An uploaded self-signed certificate (PEM or DER) that becomes the TLS trust anchor.
    public var certificate: Data?
    public var lastErrorDate: Int64?
    public var lastErrorMessage: String?
    /// Grows with every setWebhook, so deliverers notice a change of settings.
    public var generation: Int64

    public init(
        botID: Int64, url: String, secretToken: String? = nil, maxConnections: Int = 40, ipAddress: String? = nil,
        certificate: Data? = nil, lastErrorDate: Int64? = nil, lastErrorMessage: String? = nil, generation: Int64 = 1
    ) {
        self.botID = botID
        self.url = url
        self.secretToken = secretToken
        self.maxConnections = maxConnections
        self.ipAddress = ipAddress
        self.certificate = certificate
        self.lastErrorDate = lastErrorDate
        self.lastErrorMessage = lastErrorMessage
        self.generation = generation
    }
}

/// One stored file, kept once per distinct content: the bytes live on disk under the data
/// directory's `files/`, named by their SHA-256, so the same bytes uploaded twice (by anyone,
/// as any kind of media) are one record.
public struct FileRecord: Sendable, Equatable, Codable {
    /// Internal id, part of every `file_id` issued for the file.
    public var id: Int64
    /// Lowercase hex SHA-256 of the bytes: the blob's name on disk and the source of the
    /// `file_unique_id`.
    public var sha256: String
    public var size: Int64
    /// A random number that a `file_id` must repeat, so ids cannot be guessed from `id`.
    public var accessKey: Int64
    /// The type sniffed from the bytes (or given by the uploader), if known.
    public var mimeType: String?
    /// Dimensions read from the image header, for images.
    public var width: Int?
    public var height: Int?
    /// The name the bytes were first uploaded under: documents re-sent by `file_id` keep it.
    public var fileName: String?
    public var createdAt: Int64

    public init(
        id: Int64 = 0, sha256: String, size: Int64, accessKey: Int64, mimeType: String? = nil, width: Int? = nil,
        height: Int? = nil, fileName: String? = nil, createdAt: Int64
    ) {
        self.id = id
        self.sha256 = sha256
        self.size = size
        self.accessKey = accessKey
        self.mimeType = mimeType
        self.width = width
        self.height = height
        self.fileName = fileName
        self.createdAt = createdAt
    }
}

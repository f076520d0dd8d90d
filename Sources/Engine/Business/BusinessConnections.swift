import BotAPI
import Foundation
import Storage

/// One of the rights a user grants the business bot (the fields of `BusinessBotRights`).
enum BusinessRight: String, CaseIterable, Sendable {
    case reply = "can_reply"
    case readMessages = "can_read_messages"
    case deleteSentMessages = "can_delete_sent_messages"
    case deleteAllMessages = "can_delete_all_messages"
    case editName = "can_edit_name"
    case editBio = "can_edit_bio"
    case editProfilePhoto = "can_edit_profile_photo"
    case editUsername = "can_edit_username"
    case changeGiftSettings = "can_change_gift_settings"
    case viewGiftsAndStars = "can_view_gifts_and_stars"
    case convertGiftsToStars = "can_convert_gifts_to_stars"
    case transferAndUpgradeGifts = "can_transfer_and_upgrade_gifts"
    case transferStars = "can_transfer_stars"
    case manageStories = "can_manage_stories"

    /// Whether `rights` grants this right.
    func isGranted(in rights: BusinessBotRights) -> Bool {
        let value: Bool? = switch self {
        case .reply: rights.canReply
        case .readMessages: rights.canReadMessages
        case .deleteSentMessages: rights.canDeleteSentMessages
        case .deleteAllMessages: rights.canDeleteAllMessages
        case .editName: rights.canEditName
        case .editBio: rights.canEditBio
        case .editProfilePhoto: rights.canEditProfilePhoto
        case .editUsername: rights.canEditUsername
        case .changeGiftSettings: rights.canChangeGiftSettings
        case .viewGiftsAndStars: rights.canViewGiftsAndStars
        case .convertGiftsToStars: rights.canConvertGiftsToStars
        case .transferAndUpgradeGifts: rights.canTransferAndUpgradeGifts
        case .transferStars: rights.canTransferStars
        case .manageStories: rights.canManageStories
        }
        return value ?? false
    }
}

/// A business connection as a bot's call uses it: the connection, the business account it
/// acts for, and the rights the account granted.
struct BusinessAccess: Sendable {
    let connection: BusinessConnectionRecord
    /// The business account: the user who connected the bot.
    let user: AccountRecord
    let rights: BusinessBotRights

    /// Whether the account granted `right`.
    func has(_ right: BusinessRight) -> Bool { right.isGranted(in: rights) }

    /// Throws Telegram's refusal when the connection was disabled or the account did not
    /// grant `right`.
    func require(_ right: BusinessRight) throws {
        guard connection.isEnabled else { throw BusinessConnections.disabled }
        guard has(right) else { throw BusinessConnections.accessForbidden }
    }
}

/// Business connections: a user connects a bot to their account (`connectBusinessBot`), the
/// bot gets `business_connection`, then acts for the account within the granted rights by
/// passing the connection's id (`business_connection_id`) to its methods.
enum BusinessConnections {
    /// An unknown id, or one of another bot's connections (the official server's text).
    static let notFound = APIError.badRequest("business connection not found")
    /// The account did not grant the right the call needs (Telegram's error name).
    static let accessForbidden = APIError.badRequest("BOT_ACCESS_FORBIDDEN")
    /// The user disconnected the bot: the connection exists but acts no more.
    static let disabled = APIError.badRequest("BUSINESS_CONNECTION_INVALID")

    /// Resolves the `business_connection_id` of a call by `bot` into the business account
    /// and its rights. With `right`, also checks that the connection is enabled and grants
    /// it; without, any connection of the bot resolves, enabled or not (as
    /// `getBusinessConnection` needs).
    ///
    /// Errors: 400 "business connection not found" for a missing, unknown or other bot's
    /// id; 400 "BUSINESS_CONNECTION_INVALID" for a disabled one and 400
    /// "BOT_ACCESS_FORBIDDEN" for a right not granted, when `right` is given.
    static func resolve(
        _ id: String?, bot: AccountRecord, requiring right: BusinessRight? = nil, in store: any StoreReader
    ) throws -> BusinessAccess {
        guard let id, !id.isEmpty, let connection = try store.businessConnection(id: id), connection.botID == bot.id,
              let user = try store.account(id: connection.userID), !user.isDeleted
        else { throw notFound }
        let access = BusinessAccess(connection: connection, user: user, rights: rights(of: connection))
        if let right { try access.require(right) }
        return access
    }

    /// The enabled connection of a user, if they connected a bot.
    static func enabledConnection(of userID: Int64, in store: any StoreReader) throws -> BusinessConnectionRecord? {
        try store.businessConnections(userID: userID).first(where: \.isEnabled)
    }

    /// The rights a connection grants.
    static func rights(of connection: BusinessConnectionRecord) -> BusinessBotRights {
        (try? JSONDecoder().decode(BusinessBotRights.self, from: connection.rights)) ?? BusinessBotRights()
    }

    /// The `BusinessConnection` object bots see.
    static func view(_ connection: BusinessConnectionRecord, user: AccountRecord) -> BusinessConnection {
        let rights = rights(of: connection)
        return BusinessConnection(
            id: connection.id, user: Views.user(user), userChatId: Int(user.id), date: Int(connection.date),
            rights: rights, isEnabled: connection.isEnabled)
    }

    /// Connects `bot` to `user`'s account with `rights`, replacing the bot connected before
    /// (a user has one business bot, as on Telegram; the replaced bot learns it is
    /// disabled). Reconnecting the same bot keeps the connection's id. Both bots get
    /// `business_connection`.
    static func connect(_ bot: AccountRecord, to user: AccountRecord, rights: BusinessBotRights, in tx: Transaction) throws -> BusinessConnectionRecord {
        let existing = try tx.store.businessConnections(userID: user.id)
        for var other in existing where other.isEnabled && other.botID != bot.id {
            other.isEnabled = false
            other.date = tx.now
            try save(other, user: user, in: tx)
        }
        let rightsJSON = Data(normalized(rights).jsonBytes)
        var connection = existing.first { $0.botID == bot.id }
            ?? BusinessConnectionRecord(id: newID(), userID: user.id, botID: bot.id, rights: rightsJSON, isEnabled: true, date: tx.now)
        connection.rights = rightsJSON
        connection.isEnabled = true
        connection.date = tx.now
        try save(connection, user: user, in: tx)
        return connection
    }

    /// Disables the user's connection with `bot`; the bot gets `business_connection` with
    /// `is_enabled` false. Answers whether there was an enabled connection.
    @discardableResult
    static func disconnect(_ bot: AccountRecord, from user: AccountRecord, in tx: Transaction) throws -> Bool {
        guard var connection = try tx.store.businessConnections(userID: user.id).first(where: { $0.botID == bot.id && $0.isEnabled })
        else { return false }
        connection.isEnabled = false
        connection.date = tx.now
        try save(connection, user: user, in: tx)
        return true
    }

    /// Stores a changed connection and tells its bot.
    private static func save(_ connection: BusinessConnectionRecord, user: AccountRecord, in tx: Transaction) throws {
        try tx.store.save(connection)
        // The bot knows its business account from then on (getChat, getUserProfilePhotos…).
        try tx.store.recordSighting(of: user.id, by: connection.botID)
        try tx.enqueue(.businessConnection(of: user.id, view(connection, user: user).jsonBytes), for: connection.botID)
    }

    /// Rights with every false right left out, as the official server writes them.
    private static func normalized(_ rights: BusinessBotRights) -> BusinessBotRights {
        var result = BusinessBotRights()
        let granted = Set(BusinessRight.allCases.filter { $0.isGranted(in: rights) })
        if granted.contains(.reply) { result.canReply = true }
        if granted.contains(.readMessages) { result.canReadMessages = true }
        if granted.contains(.deleteSentMessages) { result.canDeleteSentMessages = true }
        if granted.contains(.deleteAllMessages) { result.canDeleteAllMessages = true }
        if granted.contains(.editName) { result.canEditName = true }
        if granted.contains(.editBio) { result.canEditBio = true }
        if granted.contains(.editProfilePhoto) { result.canEditProfilePhoto = true }
        if granted.contains(.editUsername) { result.canEditUsername = true }
        if granted.contains(.changeGiftSettings) { result.canChangeGiftSettings = true }
        if granted.contains(.viewGiftsAndStars) { result.canViewGiftsAndStars = true }
        if granted.contains(.convertGiftsToStars) { result.canConvertGiftsToStars = true }
        if granted.contains(.transferAndUpgradeGifts) { result.canTransferAndUpgradeGifts = true }
        if granted.contains(.transferStars) { result.canTransferStars = true }
        if granted.contains(.manageStories) { result.canManageStories = true }
        return result
    }

    /// A new connection id: 16 random bytes, URL-safe base64 without padding (the shape of
    /// Telegram's ids).
    private static func newID() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    // MARK: Bots that may be connected

    /// Whether the admin let the bot connect to business accounts (`can_connect_to_business`
    /// of `createBot` / `editBot`; Business Mode in @BotFather on Telegram).
    static func canConnect(botID: Int64, in store: any StoreReader) throws -> Bool {
        try BotSettingsStorage.value(BotSettingsStorage.key(bot: botID, "can_connect_to_business"), in: store) == "1"
    }

    /// Changes the bot's `can_connect_to_business`; nil leaves it as it is.
    static func setCanConnect(_ value: Bool?, botID: Int64, in store: any StoreWriter) throws {
        guard let value else { return }
        try BotSettingsStorage.set(BotSettingsStorage.key(bot: botID, "can_connect_to_business"), value ? "1" : nil, in: store)
    }
}

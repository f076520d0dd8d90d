import Foundation
import GRDB

/// Sticker sets and their stickers, supergroup sticker sets, profile photos and audios,
/// and emoji statuses.
extension SQLiteTransaction {
    // MARK: Sticker sets

    private static let setColumns = """
        id, name, title, sticker_type, needs_repainting, owner_user_id, bot_id, thumbnail_file_id, thumbnail_format,
        thumbnail_sticker_id, created_at
        """

    private func stickerSet(from row: Row) -> StickerSetRecord {
        StickerSetRecord(
            id: row[0], name: row[1], title: row[2], stickerType: row[3], needsRepainting: row[4], ownerUserID: row[5],
            botID: row[6], thumbnailFileID: row[7], thumbnailFormat: row[8], thumbnailStickerID: row[9], createdAt: row[10])
    }

    func stickerSet(id: Int64) throws -> StickerSetRecord? {
        let statement = try db.cachedStatement(sql: "SELECT \(Self.setColumns) FROM sticker_set WHERE id = ?")
        return try Row.decodeFirst(statement, arguments: [id], stickerSet(from:))
    }

    func stickerSet(name: String) throws -> StickerSetRecord? {
        let statement = try db.cachedStatement(sql: "SELECT \(Self.setColumns) FROM sticker_set WHERE name_key = ?")
        return try Row.decodeFirst(statement, arguments: [name.lowercased()], stickerSet(from:))
    }

    func insert(_ record: StickerSetRecord) throws -> StickerSetRecord {
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO sticker_set (name, title, sticker_type, needs_repainting, owner_user_id, bot_id, thumbnail_file_id,
                    thumbnail_format, thumbnail_sticker_id, created_at, name_key)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        try statement.execute(arguments: [
            record.name, record.title, record.stickerType, record.needsRepainting, record.ownerUserID, record.botID,
            record.thumbnailFileID, record.thumbnailFormat, record.thumbnailStickerID, record.createdAt, record.name.lowercased(),
        ])
        var inserted = record
        inserted.id = db.lastInsertedRowID
        return inserted
    }

    func update(_ record: StickerSetRecord) throws {
        let statement = try db.cachedStatement(
            sql: """
                UPDATE sticker_set SET title = ?, thumbnail_file_id = ?, thumbnail_format = ?, thumbnail_sticker_id = ?
                WHERE id = ?
                """)
        try statement.execute(arguments: [
            record.title, record.thumbnailFileID, record.thumbnailFormat, record.thumbnailStickerID, record.id,
        ])
    }

    func deleteStickerSet(id: Int64) throws {
        try db.execute(sql: "DELETE FROM sticker WHERE set_id = ?", arguments: [id])
        try db.execute(sql: "DELETE FROM chat_sticker_set WHERE set_id = ?", arguments: [id])
        try db.execute(sql: "DELETE FROM sticker_set WHERE id = ?", arguments: [id])
    }

    // MARK: Stickers

    private static let stickerColumns = "id, set_id, position, file_id, format, width, height, details"

    private func sticker(from row: Row) -> StickerRecord {
        StickerRecord(
            id: row[0], setID: row[1], position: row[2], fileID: row[3], format: row[4], width: row[5], height: row[6],
            details: row[7])
    }

    func stickers(setID: Int64) throws -> [StickerRecord] {
        let statement = try db.cachedStatement(sql: "SELECT \(Self.stickerColumns) FROM sticker WHERE set_id = ? ORDER BY position")
        return try Row.fetchAll(statement, arguments: [setID]).map(sticker(from:))
    }

    func sticker(id: Int64) throws -> StickerRecord? {
        let statement = try db.cachedStatement(sql: "SELECT \(Self.stickerColumns) FROM sticker WHERE id = ?")
        return try Row.decodeFirst(statement, arguments: [id], sticker(from:))
    }

    func stickers(fileID: Int64) throws -> [StickerRecord] {
        let statement = try db.cachedStatement(sql: "SELECT \(Self.stickerColumns) FROM sticker WHERE file_id = ? ORDER BY id DESC")
        return try Row.fetchAll(statement, arguments: [fileID]).map(sticker(from:))
    }

    func insert(_ record: StickerRecord) throws -> StickerRecord {
        let statement = try db.cachedStatement(
            sql: "INSERT INTO sticker (set_id, position, file_id, format, width, height, details) VALUES (?, ?, ?, ?, ?, ?, ?)")
        try statement.execute(arguments: [
            record.setID, record.position, record.fileID, record.format, record.width, record.height, record.details,
        ])
        var inserted = record
        inserted.id = db.lastInsertedRowID
        return inserted
    }

    func update(_ record: StickerRecord) throws {
        let statement = try db.cachedStatement(
            sql: "UPDATE sticker SET position = ?, file_id = ?, format = ?, width = ?, height = ?, details = ? WHERE id = ?")
        try statement.execute(arguments: [
            record.position, record.fileID, record.format, record.width, record.height, record.details, record.id,
        ])
    }

    func deleteSticker(id: Int64) throws {
        try db.execute(sql: "DELETE FROM sticker WHERE id = ?", arguments: [id])
    }

    // MARK: Supergroup sticker sets

    func chatStickerSetID(chatID: Int64) throws -> Int64? {
        let statement = try db.cachedStatement(sql: "SELECT set_id FROM chat_sticker_set WHERE chat_id = ?")
        return try Int64.fetchOne(statement, arguments: [chatID])
    }

    func setChatStickerSet(chatID: Int64, setID: Int64?) throws {
        if let setID {
            try db.execute(sql: "INSERT OR REPLACE INTO chat_sticker_set (chat_id, set_id) VALUES (?, ?)", arguments: [chatID, setID])
        } else {
            try db.execute(sql: "DELETE FROM chat_sticker_set WHERE chat_id = ?", arguments: [chatID])
        }
    }

    // MARK: Profile photos

    func profilePhotos(accountID: Int64, offset: Int, limit: Int) throws -> [ProfilePhotoRecord] {
        let statement = try db.cachedStatement(
            sql: "SELECT id, account_id, sizes, created_at FROM profile_photo WHERE account_id = ? ORDER BY id DESC LIMIT ? OFFSET ?")
        return try Row.fetchAll(statement, arguments: [accountID, limit, offset]).map { row in
            ProfilePhotoRecord(id: row[0], accountID: row[1], sizes: row[2], createdAt: row[3])
        }
    }

    func profilePhotoCount(accountID: Int64) throws -> Int {
        let statement = try db.cachedStatement(sql: "SELECT COUNT(*) FROM profile_photo WHERE account_id = ?")
        return try Int.fetchOne(statement, arguments: [accountID]) ?? 0
    }

    func insert(_ record: ProfilePhotoRecord) throws -> ProfilePhotoRecord {
        let statement = try db.cachedStatement(sql: "INSERT INTO profile_photo (account_id, sizes, created_at) VALUES (?, ?, ?)")
        try statement.execute(arguments: [record.accountID, record.sizes, record.createdAt])
        var inserted = record
        inserted.id = db.lastInsertedRowID
        return inserted
    }

    func deleteProfilePhoto(id: Int64) throws {
        try db.execute(sql: "DELETE FROM profile_photo WHERE id = ?", arguments: [id])
    }

    // MARK: Profile audios

    func profileAudios(accountID: Int64, offset: Int, limit: Int) throws -> [ProfileAudioRecord] {
        let statement = try db.cachedStatement(
            sql: """
                SELECT id, account_id, file_id, audio, created_at FROM profile_audio WHERE account_id = ?
                ORDER BY id DESC LIMIT ? OFFSET ?
                """)
        return try Row.fetchAll(statement, arguments: [accountID, limit, offset]).map { row in
            ProfileAudioRecord(id: row[0], accountID: row[1], fileID: row[2], audio: row[3], createdAt: row[4])
        }
    }

    func profileAudioCount(accountID: Int64) throws -> Int {
        let statement = try db.cachedStatement(sql: "SELECT COUNT(*) FROM profile_audio WHERE account_id = ?")
        return try Int.fetchOne(statement, arguments: [accountID]) ?? 0
    }

    func insert(_ record: ProfileAudioRecord) throws -> ProfileAudioRecord {
        let statement = try db.cachedStatement(
            sql: "INSERT INTO profile_audio (account_id, file_id, audio, created_at) VALUES (?, ?, ?, ?)")
        try statement.execute(arguments: [record.accountID, record.fileID, record.audio, record.createdAt])
        var inserted = record
        inserted.id = db.lastInsertedRowID
        return inserted
    }

    func deleteProfileAudios(accountID: Int64, fileID: Int64) throws {
        try db.execute(sql: "DELETE FROM profile_audio WHERE account_id = ? AND file_id = ?", arguments: [accountID, fileID])
    }

    // MARK: Emoji statuses

    func emojiStatus(accountID: Int64) throws -> EmojiStatusRecord? {
        let statement = try db.cachedStatement(
            sql: "SELECT account_id, custom_emoji_id, expiration_date FROM emoji_status WHERE account_id = ?")
        return try Row.decodeFirst(statement, arguments: [accountID]) { row in
            EmojiStatusRecord(accountID: row[0], customEmojiID: row[1], expirationDate: row[2])
        }
    }

    func save(_ record: EmojiStatusRecord) throws {
        let statement = try db.cachedStatement(
            sql: "INSERT OR REPLACE INTO emoji_status (account_id, custom_emoji_id, expiration_date) VALUES (?, ?, ?)")
        try statement.execute(arguments: [record.accountID, record.customEmojiID, record.expirationDate])
    }

    func emojiStatusPermission(userID: Int64, botID: Int64) throws -> Bool {
        let statement = try db.cachedStatement(sql: "SELECT 1 FROM emoji_status_permission WHERE user_id = ? AND bot_id = ?")
        return try Int.fetchOne(statement, arguments: [userID, botID]) != nil
    }

    func setEmojiStatusPermission(userID: Int64, botID: Int64, allowed: Bool) throws {
        if allowed {
            try db.execute(
                sql: "INSERT OR IGNORE INTO emoji_status_permission (user_id, bot_id) VALUES (?, ?)", arguments: [userID, botID])
        } else {
            try db.execute(sql: "DELETE FROM emoji_status_permission WHERE user_id = ? AND bot_id = ?", arguments: [userID, botID])
        }
    }

    // MARK: Reactions by actor

    func choices(chatID: Int64, actorID: Int64, kind: String) throws -> [MessageChoiceRecord] {
        // The primary key leads with (chat_id); the chat's rows are filtered by actor.
        let statement = try db.cachedStatement(
            sql: """
                SELECT chat_id, message_id, actor_id, kind, value, date FROM message_choice
                WHERE chat_id = ? AND actor_id = ? AND kind = ? ORDER BY message_id
                """)
        return try Row.fetchAll(statement, arguments: [chatID, actorID, kind]).map { row in
            MessageChoiceRecord(chatID: row[0], messageID: row[1], actorID: row[2], kind: row[3], value: row[4], date: row[5])
        }
    }
}

extension SQLiteSchema {
    /// Sticker sets (names unique world-wide, case-insensitively) and their stickers in
    /// order; a supergroup's sticker set; profile photos and audios (newest first by id); emoji
    /// statuses and the bots a user lets change theirs.
    static let stickersAndProfilesSQL = """
        CREATE TABLE sticker_set (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL,
            name_key TEXT NOT NULL UNIQUE,
            title TEXT NOT NULL,
            sticker_type TEXT NOT NULL,
            needs_repainting INTEGER NOT NULL DEFAULT 0,
            owner_user_id INTEGER NOT NULL,
            bot_id INTEGER NOT NULL,
            thumbnail_file_id INTEGER,
            thumbnail_format TEXT,
            thumbnail_sticker_id INTEGER,
            created_at INTEGER NOT NULL
        );
        CREATE TABLE sticker (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            set_id INTEGER NOT NULL,
            position INTEGER NOT NULL,
            file_id INTEGER NOT NULL,
            format TEXT NOT NULL,
            width INTEGER NOT NULL,
            height INTEGER NOT NULL,
            details BLOB NOT NULL
        );
        CREATE INDEX sticker_by_set ON sticker(set_id, position);
        CREATE INDEX sticker_by_file ON sticker(file_id);
        CREATE TABLE chat_sticker_set (
            chat_id INTEGER PRIMARY KEY,
            set_id INTEGER NOT NULL
        );
        CREATE TABLE profile_photo (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            account_id INTEGER NOT NULL,
            sizes BLOB NOT NULL,
            created_at INTEGER NOT NULL
        );
        CREATE INDEX profile_photo_by_account ON profile_photo(account_id, id);
        CREATE TABLE profile_audio (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            account_id INTEGER NOT NULL,
            file_id INTEGER NOT NULL,
            audio BLOB NOT NULL,
            created_at INTEGER NOT NULL
        );
        CREATE INDEX profile_audio_by_account ON profile_audio(account_id, id);
        CREATE TABLE emoji_status (
            account_id INTEGER PRIMARY KEY,
            custom_emoji_id TEXT,
            expiration_date INTEGER
        );
        CREATE TABLE emoji_status_permission (
            user_id INTEGER NOT NULL,
            bot_id INTEGER NOT NULL,
            PRIMARY KEY (user_id, bot_id)
        ) WITHOUT ROWID;
        """
}

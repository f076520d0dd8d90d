import PostgresNIO

/// Sticker sets and their stickers, supergroup sticker sets, profile photos and audios,
/// and emoji statuses.
extension PostgresTransaction {
    // MARK: Sticker sets

    private static let setColumns = """
        id, name, title, sticker_type, needs_repainting, owner_user_id, bot_id, thumbnail_file_id, thumbnail_format,
        thumbnail_sticker_id, created_at
        """

    private func stickerSet(from row: PostgresCells) throws -> StickerSetRecord {
        try StickerSetRecord(
            id: row[0], name: row[1], title: row[2], stickerType: row[3], needsRepainting: row[4], ownerUserID: row[5],
            botID: row[6], thumbnailFileID: row[7], thumbnailFormat: row[8], thumbnailStickerID: row[9], createdAt: row[10])
    }

    func stickerSet(id: Int64) throws -> StickerSetRecord? {
        try row("SELECT \(unescaped: Self.setColumns) FROM sticker_set WHERE id = \(id)").map(stickerSet(from:))
    }

    func stickerSet(name: String) throws -> StickerSetRecord? {
        try row("SELECT \(unescaped: Self.setColumns) FROM sticker_set WHERE name_key = \(name.lowercased())").map(stickerSet(from:))
    }

    func insert(_ r: StickerSetRecord) throws -> StickerSetRecord {
        var inserted = r
        inserted.id = try value("""
            INSERT INTO sticker_set (name, title, sticker_type, needs_repainting, owner_user_id, bot_id, thumbnail_file_id,
                thumbnail_format, thumbnail_sticker_id, created_at, name_key)
            VALUES (\(r.name), \(r.title), \(r.stickerType), \(r.needsRepainting), \(r.ownerUserID), \(r.botID),
                \(r.thumbnailFileID), \(r.thumbnailFormat), \(r.thumbnailStickerID), \(r.createdAt), \(r.name.lowercased()))
            RETURNING id
            """) ?? 0
        return inserted
    }

    func update(_ r: StickerSetRecord) throws {
        try run("""
            UPDATE sticker_set SET title = \(r.title), thumbnail_file_id = \(r.thumbnailFileID),
                thumbnail_format = \(r.thumbnailFormat), thumbnail_sticker_id = \(r.thumbnailStickerID)
            WHERE id = \(r.id)
            """)
    }

    func deleteStickerSet(id: Int64) throws {
        try run("DELETE FROM sticker WHERE set_id = \(id)")
        try run("DELETE FROM chat_sticker_set WHERE set_id = \(id)")
        try run("DELETE FROM sticker_set WHERE id = \(id)")
    }

    // MARK: Stickers

    private static let stickerColumns = "id, set_id, position, file_id, format, width, height, details"

    private func sticker(from row: PostgresCells) throws -> StickerRecord {
        try StickerRecord(
            id: row[0], setID: row[1], position: row[2], fileID: row[3], format: row[4], width: row[5], height: row[6],
            details: row[7])
    }

    func stickers(setID: Int64) throws -> [StickerRecord] {
        // Equal positions in id order, as SQLite's (set_id, position) index gives them.
        try rows("SELECT \(unescaped: Self.stickerColumns) FROM sticker WHERE set_id = \(setID) ORDER BY position, id").map(sticker(from:))
    }

    func sticker(id: Int64) throws -> StickerRecord? {
        try row("SELECT \(unescaped: Self.stickerColumns) FROM sticker WHERE id = \(id)").map(sticker(from:))
    }

    func stickers(fileID: Int64) throws -> [StickerRecord] {
        try rows("SELECT \(unescaped: Self.stickerColumns) FROM sticker WHERE file_id = \(fileID) ORDER BY id DESC").map(sticker(from:))
    }

    func insert(_ r: StickerRecord) throws -> StickerRecord {
        var inserted = r
        inserted.id = try value("""
            INSERT INTO sticker (set_id, position, file_id, format, width, height, details)
            VALUES (\(r.setID), \(r.position), \(r.fileID), \(r.format), \(r.width), \(r.height), \(r.details))
            RETURNING id
            """) ?? 0
        return inserted
    }

    func update(_ r: StickerRecord) throws {
        try run("""
            UPDATE sticker SET position = \(r.position), file_id = \(r.fileID), format = \(r.format), width = \(r.width),
                height = \(r.height), details = \(r.details)
            WHERE id = \(r.id)
            """)
    }

    func deleteSticker(id: Int64) throws {
        try run("DELETE FROM sticker WHERE id = \(id)")
    }

    // MARK: Supergroup sticker sets

    func chatStickerSetID(chatID: Int64) throws -> Int64? {
        try value("SELECT set_id FROM chat_sticker_set WHERE chat_id = \(chatID)")
    }

    func setChatStickerSet(chatID: Int64, setID: Int64?) throws {
        if let setID {
            try run("""
                INSERT INTO chat_sticker_set (chat_id, set_id) VALUES (\(chatID), \(setID))
                ON CONFLICT (chat_id) DO UPDATE SET set_id = excluded.set_id
                """)
        } else {
            try run("DELETE FROM chat_sticker_set WHERE chat_id = \(chatID)")
        }
    }

    // MARK: Profile photos

    func profilePhotos(accountID: Int64, offset: Int, limit: Int) throws -> [ProfilePhotoRecord] {
        try rows("""
            SELECT id, account_id, sizes, created_at FROM profile_photo WHERE account_id = \(accountID)
            ORDER BY id DESC LIMIT \(limit) OFFSET \(offset)
            """).map { row in
            try ProfilePhotoRecord(id: row[0], accountID: row[1], sizes: row[2], createdAt: row[3])
        }
    }

    func profilePhotoCount(accountID: Int64) throws -> Int {
        try value("SELECT COUNT(*) FROM profile_photo WHERE account_id = \(accountID)") ?? 0
    }

    func insert(_ r: ProfilePhotoRecord) throws -> ProfilePhotoRecord {
        var inserted = r
        inserted.id = try value("""
            INSERT INTO profile_photo (account_id, sizes, created_at) VALUES (\(r.accountID), \(r.sizes), \(r.createdAt)) RETURNING id
            """) ?? 0
        return inserted
    }

    func deleteProfilePhoto(id: Int64) throws {
        try run("DELETE FROM profile_photo WHERE id = \(id)")
    }

    // MARK: Profile audios

    func profileAudios(accountID: Int64, offset: Int, limit: Int) throws -> [ProfileAudioRecord] {
        try rows("""
            SELECT id, account_id, file_id, audio, created_at FROM profile_audio WHERE account_id = \(accountID)
            ORDER BY id DESC LIMIT \(limit) OFFSET \(offset)
            """).map { row in
            try ProfileAudioRecord(id: row[0], accountID: row[1], fileID: row[2], audio: row[3], createdAt: row[4])
        }
    }

    func profileAudioCount(accountID: Int64) throws -> Int {
        try value("SELECT COUNT(*) FROM profile_audio WHERE account_id = \(accountID)") ?? 0
    }

    func insert(_ r: ProfileAudioRecord) throws -> ProfileAudioRecord {
        var inserted = r
        inserted.id = try value("""
            INSERT INTO profile_audio (account_id, file_id, audio, created_at)
            VALUES (\(r.accountID), \(r.fileID), \(r.audio), \(r.createdAt)) RETURNING id
            """) ?? 0
        return inserted
    }

    func deleteProfileAudios(accountID: Int64, fileID: Int64) throws {
        try run("DELETE FROM profile_audio WHERE account_id = \(accountID) AND file_id = \(fileID)")
    }

    // MARK: Emoji statuses

    func emojiStatus(accountID: Int64) throws -> EmojiStatusRecord? {
        try row("SELECT account_id, custom_emoji_id, expiration_date FROM emoji_status WHERE account_id = \(accountID)").map { row in
            try EmojiStatusRecord(accountID: row[0], customEmojiID: row[1], expirationDate: row[2])
        }
    }

    func save(_ r: EmojiStatusRecord) throws {
        try run("""
            INSERT INTO emoji_status (account_id, custom_emoji_id, expiration_date)
            VALUES (\(r.accountID), \(r.customEmojiID), \(r.expirationDate))
            ON CONFLICT (account_id) DO UPDATE SET custom_emoji_id = excluded.custom_emoji_id,
                expiration_date = excluded.expiration_date
            """)
    }

    func emojiStatusPermission(userID: Int64, botID: Int64) throws -> Bool {
        try exists("SELECT 1 FROM emoji_status_permission WHERE user_id = \(userID) AND bot_id = \(botID)")
    }

    func setEmojiStatusPermission(userID: Int64, botID: Int64, allowed: Bool) throws {
        if allowed {
            try run("INSERT INTO emoji_status_permission (user_id, bot_id) VALUES (\(userID), \(botID)) ON CONFLICT DO NOTHING")
        } else {
            try run("DELETE FROM emoji_status_permission WHERE user_id = \(userID) AND bot_id = \(botID)")
        }
    }

    // MARK: Reactions by actor

    func choices(chatID: Int64, actorID: Int64, kind: String) throws -> [MessageChoiceRecord] {
        try rows("""
            SELECT \(unescaped: Self.choiceColumns) FROM message_choice
            WHERE chat_id = \(chatID) AND actor_id = \(actorID) AND kind = \(kind) ORDER BY message_id
            """).map(choice(from:))
    }
}

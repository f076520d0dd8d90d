import Foundation
import GRDB

/// The gift catalogue, owned gifts and gifted Premium subscriptions.
extension SQLiteTransaction {
    private static let giftColumns =
        "seq, id, title, sticker_id, star_count, upgrade_star_count, total_count, remaining_count, unique_count, created_at"
    private static let ownedColumns = """
        owner_id, number, gift_id, sender_id, send_date, text, entities, is_private, is_saved, star_count,
        prepaid_upgrade_star_count, convert_star_count, unique_gift, transfer_star_count
        """

    private func gift(from row: Row) -> GiftRecord {
        GiftRecord(
            seq: row[0], id: row[1], title: row[2], stickerID: row[3], starCount: row[4], upgradeStarCount: row[5],
            totalCount: row[6], remainingCount: row[7], uniqueCount: row[8], createdAt: row[9])
    }

    private func owned(from row: Row) -> OwnedGiftRecord {
        OwnedGiftRecord(
            ownerID: row[0], number: row[1], giftID: row[2], senderID: row[3], sendDate: row[4], text: row[5], entities: row[6],
            isPrivate: row[7], isSaved: row[8], starCount: row[9], prepaidUpgradeStarCount: row[10], convertStarCount: row[11],
            unique: row[12], transferStarCount: row[13])
    }

    func gifts() throws -> [GiftRecord] {
        let statement = try db.cachedStatement(sql: "SELECT \(Self.giftColumns) FROM gift ORDER BY seq")
        return try Row.fetchAll(statement).map(gift(from:))
    }

    func gift(id: String) throws -> GiftRecord? {
        let statement = try db.cachedStatement(sql: "SELECT \(Self.giftColumns) FROM gift WHERE id = ?")
        return try Row.decodeFirst(statement, arguments: [id], gift(from:))
    }

    func insert(_ record: GiftRecord) throws -> GiftRecord {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO gift (id, title, sticker_id, star_count, upgrade_star_count, total_count, remaining_count, unique_count, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        try statement.execute(arguments: [
            record.id, record.title, record.stickerID, record.starCount, record.upgradeStarCount, record.totalCount,
            record.remainingCount, record.uniqueCount, record.createdAt,
        ])
        var inserted = record
        inserted.seq = db.lastInsertedRowID
        return inserted
    }

    func update(_ record: GiftRecord) throws {
        let statement = try db.cachedStatement(sql: """
            UPDATE gift SET title = ?, sticker_id = ?, star_count = ?, upgrade_star_count = ?, total_count = ?, remaining_count = ?,
            unique_count = ? WHERE id = ?
            """)
        try statement.execute(arguments: [
            record.title, record.stickerID, record.starCount, record.upgradeStarCount, record.totalCount, record.remainingCount,
            record.uniqueCount, record.id,
        ])
    }

    func ownedGift(ownerID: Int64, number: Int64) throws -> OwnedGiftRecord? {
        let statement = try db.cachedStatement(sql: "SELECT \(Self.ownedColumns) FROM owned_gift WHERE owner_id = ? AND number = ?")
        return try Row.decodeFirst(statement, arguments: [ownerID, number], owned(from:))
    }

    func ownedGifts(ownerID: Int64) throws -> [OwnedGiftRecord] {
        let statement = try db.cachedStatement(sql: "SELECT \(Self.ownedColumns) FROM owned_gift WHERE owner_id = ? ORDER BY number DESC")
        return try Row.fetchAll(statement, arguments: [ownerID]).map(owned(from:))
    }

    func save(_ r: OwnedGiftRecord) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT OR REPLACE INTO owned_gift (\(Self.ownedColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        try statement.execute(arguments: [
            r.ownerID, r.number, r.giftID, r.senderID, r.sendDate, r.text, r.entities, r.isPrivate, r.isSaved, r.starCount,
            r.prepaidUpgradeStarCount, r.convertStarCount, r.unique, r.transferStarCount,
        ])
    }

    func deleteOwnedGift(ownerID: Int64, number: Int64) throws {
        let statement = try db.cachedStatement(sql: "DELETE FROM owned_gift WHERE owner_id = ? AND number = ?")
        try statement.execute(arguments: [ownerID, number])
    }

    func premiumUntil(userID: Int64) throws -> Int64? {
        let statement = try db.cachedStatement(sql: "SELECT until FROM premium_gift WHERE user_id = ?")
        return try Int64.fetchOne(statement, arguments: [userID])
    }

    func premiumEnded(by now: Int64) throws -> [Int64] {
        let statement = try db.cachedStatement(sql: "SELECT user_id FROM premium_gift WHERE until <= ? ORDER BY user_id")
        return try Int64.fetchAll(statement, arguments: [now])
    }

    func setPremiumUntil(userID: Int64, until: Int64?) throws {
        guard let until else {
            try db.cachedStatement(sql: "DELETE FROM premium_gift WHERE user_id = ?").execute(arguments: [userID])
            return
        }
        try db.cachedStatement(sql: """
            INSERT INTO premium_gift (user_id, until) VALUES (?, ?) ON CONFLICT (user_id) DO UPDATE SET until = excluded.until
            """).execute(arguments: [userID, until])
    }
}

extension SQLiteSchema {
    static let giftsSQL = """
        CREATE TABLE gift (
            seq INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            title TEXT NOT NULL,
            sticker_id INTEGER NOT NULL,
            star_count INTEGER NOT NULL,
            upgrade_star_count INTEGER,
            total_count INTEGER,
            remaining_count INTEGER CHECK (remaining_count >= 0),
            unique_count INTEGER NOT NULL,
            created_at INTEGER NOT NULL
        );
        CREATE TABLE owned_gift (
            owner_id INTEGER NOT NULL,
            number INTEGER NOT NULL,
            gift_id TEXT NOT NULL,
            sender_id INTEGER,
            send_date INTEGER NOT NULL,
            text TEXT NOT NULL,
            entities BLOB NOT NULL,
            is_private INTEGER NOT NULL,
            is_saved INTEGER NOT NULL,
            star_count INTEGER NOT NULL,
            prepaid_upgrade_star_count INTEGER NOT NULL,
            convert_star_count INTEGER NOT NULL,
            unique_gift BLOB,
            transfer_star_count INTEGER NOT NULL,
            PRIMARY KEY (owner_id, number)
        ) WITHOUT ROWID;
        CREATE TABLE premium_gift (
            user_id INTEGER PRIMARY KEY,
            until INTEGER NOT NULL
        );
        CREATE INDEX premium_gift_by_end ON premium_gift (until);
        """
}

import PostgresNIO

/// The gift catalogue, owned gifts and gifted Premium subscriptions.
extension PostgresTransaction {
    private static let giftColumns =
        "seq, id, title, sticker_id, star_count, upgrade_star_count, total_count, remaining_count, unique_count, created_at"
    private static let ownedColumns = """
        owner_id, number, gift_id, sender_id, send_date, text, entities, is_private, is_saved, star_count,
        prepaid_upgrade_star_count, convert_star_count, unique_gift, transfer_star_count
        """

    private func gift(from row: PostgresCells) throws -> GiftRecord {
        try GiftRecord(
            seq: row[0], id: row[1], title: row[2], stickerID: row[3], starCount: row[4], upgradeStarCount: row[5],
            totalCount: row[6], remainingCount: row[7], uniqueCount: row[8], createdAt: row[9])
    }

    private func owned(from row: PostgresCells) throws -> OwnedGiftRecord {
        try OwnedGiftRecord(
            ownerID: row[0], number: row[1], giftID: row[2], senderID: row[3], sendDate: row[4], text: row[5], entities: row[6],
            isPrivate: row[7], isSaved: row[8], starCount: row[9], prepaidUpgradeStarCount: row[10], convertStarCount: row[11],
            unique: row[12], transferStarCount: row[13])
    }

    func gifts() throws -> [GiftRecord] {
        try rows("SELECT \(unescaped: Self.giftColumns) FROM gift ORDER BY seq").map(gift(from:))
    }

    func gift(id: String) throws -> GiftRecord? {
        try row("SELECT \(unescaped: Self.giftColumns) FROM gift WHERE id = \(id)").map(gift(from:))
    }

    func insert(_ r: GiftRecord) throws -> GiftRecord {
        var inserted = r
        inserted.seq = try value("""
            INSERT INTO gift (id, title, sticker_id, star_count, upgrade_star_count, total_count, remaining_count, unique_count, created_at)
            VALUES (\(r.id), \(r.title), \(r.stickerID), \(r.starCount), \(r.upgradeStarCount), \(r.totalCount), \(r.remainingCount),
            \(r.uniqueCount), \(r.createdAt))
            RETURNING seq
            """) ?? 0
        return inserted
    }

    func update(_ r: GiftRecord) throws {
        try run("""
            UPDATE gift SET title = \(r.title), sticker_id = \(r.stickerID), star_count = \(r.starCount),
            upgrade_star_count = \(r.upgradeStarCount), total_count = \(r.totalCount), remaining_count = \(r.remainingCount),
            unique_count = \(r.uniqueCount) WHERE id = \(r.id)
            """)
    }

    func ownedGift(ownerID: Int64, number: Int64) throws -> OwnedGiftRecord? {
        try row("SELECT \(unescaped: Self.ownedColumns) FROM owned_gift WHERE owner_id = \(ownerID) AND number = \(number)")
            .map(owned(from:))
    }

    func ownedGifts(ownerID: Int64) throws -> [OwnedGiftRecord] {
        try rows("SELECT \(unescaped: Self.ownedColumns) FROM owned_gift WHERE owner_id = \(ownerID) ORDER BY number DESC")
            .map(owned(from:))
    }

    func save(_ r: OwnedGiftRecord) throws {
        try run("""
            INSERT INTO owned_gift (\(unescaped: Self.ownedColumns))
            VALUES (\(r.ownerID), \(r.number), \(r.giftID), \(r.senderID), \(r.sendDate), \(r.text), \(r.entities), \(r.isPrivate),
            \(r.isSaved), \(r.starCount), \(r.prepaidUpgradeStarCount), \(r.convertStarCount), \(r.unique), \(r.transferStarCount))
            ON CONFLICT (owner_id, number) DO UPDATE SET gift_id = excluded.gift_id, sender_id = excluded.sender_id,
            send_date = excluded.send_date, text = excluded.text, entities = excluded.entities, is_private = excluded.is_private,
            is_saved = excluded.is_saved, star_count = excluded.star_count,
            prepaid_upgrade_star_count = excluded.prepaid_upgrade_star_count, convert_star_count = excluded.convert_star_count,
            unique_gift = excluded.unique_gift, transfer_star_count = excluded.transfer_star_count
            """)
    }

    func deleteOwnedGift(ownerID: Int64, number: Int64) throws {
        try run("DELETE FROM owned_gift WHERE owner_id = \(ownerID) AND number = \(number)")
    }

    func premiumUntil(userID: Int64) throws -> Int64? {
        try value("SELECT until FROM premium_gift WHERE user_id = \(userID)")
    }

    func premiumEnded(by now: Int64) throws -> [Int64] {
        try rows("SELECT user_id FROM premium_gift WHERE until <= \(now) ORDER BY user_id").map { row in try row[0] }
    }

    func setPremiumUntil(userID: Int64, until: Int64?) throws {
        guard let until else {
            try run("DELETE FROM premium_gift WHERE user_id = \(userID)")
            return
        }
        try run("""
            INSERT INTO premium_gift (user_id, until) VALUES (\(userID), \(until))
            ON CONFLICT (user_id) DO UPDATE SET until = excluded.until
            """)
    }
}

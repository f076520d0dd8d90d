import BotAPI
import Foundation
import Storage

/// Who owns gifts: a user (or bot) account, or a chat (a channel on Telegram).
enum GiftOwner {
    case account(AccountRecord)
    case chat(Group)

    /// The owner's id in `owned_gift` rows: the account id, or the chat's Bot API id.
    var id: Int64 {
        switch self {
        case .account(let account): account.id
        case .chat(let group): group.clientID
        }
    }
}

/// Gifts as their owners hold them, whoever the owner is: buying one for someone
/// (`sendGift`), listing them (`getUserGifts`, `getChatGifts`, `getBusinessAccountGifts`),
/// converting a regular gift to Stars, upgrading it to a unique gift and transferring a
/// unique gift. The methods only say whose gifts they act on (the caller's, or a business
/// account's) and who may see what.
///
/// `owned_gift_id`s take TDLib's shapes: a user's gift is its number (TDLib uses the
/// message id of the gift), a chat's is `<chat id>_<number>`.
enum GiftOwnership {
    /// TDLib's refusal for an `owned_gift_id` of no valid shape.
    static let invalidOwnedGiftID = APIError.badRequest("invalid gift identifier specified")
    /// A well-formed `owned_gift_id` the owner has no gift under (Telegram's code for a
    /// saved gift that isn't there; the server's guess, not documented).
    static let notFound = APIError.badRequest("STARGIFT_NOT_FOUND")
    /// How long a received regular gift can be converted to Stars, as Telegram's apps say.
    static let conversionPeriod: Int64 = 90 * 86_400
    /// What a transfer of a unique gift costs (Telegram's usual price).
    static let transferPrice: Int64 = 25

    // MARK: Identifiers

    static func ownedGiftID(_ record: OwnedGiftRecord) -> String {
        record.ownerID > 0 ? String(record.number) : "\(record.ownerID)_\(record.number)"
    }

    /// The gift `text` names among `owner`'s.
    static func load(_ text: String?, owner ownerID: Int64, in store: any StoreReader) throws -> OwnedGiftRecord {
        guard let text, !text.isEmpty else { throw invalidOwnedGiftID }
        let parts = text.split(separator: "_", omittingEmptySubsequences: false)
        let parsed: (owner: Int64, number: Int64)?
        switch parts.count {
        case 1: parsed = Int64(parts[0]).map { (ownerID, $0) }
        case 2: parsed = Int64(parts[0]).flatMap { chat in Int64(parts[1]).map { (chat, $0) } }
        default: parsed = nil
        }
        // TDLib re-prints the id it read and refuses anything that doesn't read back the same.
        guard let parsed, parsed.number > 0, String(parsed.number) == parts.last.map(String.init) else { throw invalidOwnedGiftID }
        guard parsed.owner == ownerID, let record = try store.ownedGift(ownerID: ownerID, number: parsed.number) else { throw notFound }
        return record
    }

    /// The next number of `ownerID`'s gifts: never reused, even after a gift left.
    private static func nextNumber(for ownerID: Int64, in store: any StoreWriter) throws -> Int64 {
        let key = "owned_gift_seq:\(ownerID)"
        let next = (try store.setting(key).flatMap { Int64($0) } ?? 0) + 1
        try store.setSetting(key, String(next))
        return next
    }

    // MARK: Buying a gift for someone

    /// A gift bought as `sendGift` buys it.
    struct Purchase {
        var giftID: String
        var payForUpgrade: Bool
        var text: String
        var entities: [MessageEntity]?
    }

    /// `sender` buys `purchase` for `owner` with its Stars: a limited gift has one fewer left
    /// (none: "STARGIFT_USAGE_LIMITED"), the price (and the upgrade, if paid for) leaves the
    /// sender's balance ("BALANCE_TOO_LOW"), and the owner holds the gift. A user receives the
    /// `gift` service message in the private chat with the sender; a user's gift shows on
    /// their profile (`is_saved`), a chat's waits for its administrators to show it.
    @discardableResult
    static func send(_ purchase: Purchase, to owner: GiftOwner, from sender: AccountRecord, tx: Transaction) throws -> OwnedGiftRecord {
        guard var gift = try tx.store.gift(id: purchase.giftID) else { throw Gifts.unknownGift }
        if case .account(let receiver) = owner { try GiftSettings.requireAccepted(gift, by: receiver.id, in: tx.store) }
        if let remaining = gift.remainingCount {
            guard remaining > 0 else { throw Gifts.soldOut }
            gift.remainingCount = remaining - 1
            try tx.store.update(gift)
        }
        if purchase.payForUpgrade && gift.upgradeStarCount == nil { throw APIError.badRequest("STARGIFT_UPGRADE_UNAVAILABLE") }
        let upgrade = purchase.payForUpgrade ? gift.upgradeStarCount ?? 0 : 0
        let (view, fileID) = try Gifts.view(gift, in: tx.store)
        let partner: TransactionPartner
        switch owner {
        case .account(let account):
            partner = .user(TransactionPartnerUser(transactionType: "gift_purchase", user: Views.user(account), gift: view))
        case .chat(let group):
            partner = .chat(TransactionPartnerChat(chat: Groups.view(group), gift: view))
        }
        try StarLedger.post(
            -(gift.starCount + upgrade), to: sender.id, transactionID: StarLedger.newChargeID(), partner: partner, now: tx.now, in: tx.store)
        let record = OwnedGiftRecord(
            ownerID: owner.id, number: try nextNumber(for: owner.id, in: tx.store), giftID: gift.id, senderID: sender.id,
            sendDate: tx.now, text: purchase.text, entities: Data((purchase.entities ?? []).jsonBytes), isPrivate: false,
            isSaved: { if case .account = owner { true } else { false } }(), starCount: gift.starCount + upgrade,
            prepaidUpgradeStarCount: upgrade, convertStarCount: Gifts.convertValue(ofPrice: gift.starCount))
        try tx.store.save(record)
        if case .account(let receiver) = owner, receiver.id != sender.id {
            try tx.store.grantFile(fileID: fileID, to: receiver.id)
            let info = GiftInfo(
                gift: view, ownedGiftId: ownedGiftID(record), convertStarCount: positive(record.convertStarCount),
                prepaidUpgradeStarCount: positive(upgrade), canBeUpgraded: gift.upgradeStarCount != nil && upgrade == 0 ? true : nil,
                text: record.text.isEmpty ? nil : record.text, entities: record.text.isEmpty ? nil : purchase.entities)
            _ = try PrivateChats.send(MessageDraft { $0.gift = info }, from: sender, to: receiver, initiating: true, in: tx)
        }
        return record
    }

    private static func positive(_ value: Int64) -> Int? { value > 0 ? Int(value) : nil }

    // MARK: Listing

    /// The filters of `getUserGifts`, `getChatGifts` and `getBusinessAccountGifts`.
    struct Filter {
        var excludeUnsaved = false
        var excludeSaved = false
        var excludeUnlimited = false
        var excludeLimitedUpgradable = false
        var excludeLimitedNonUpgradable = false
        var excludeUnique = false
        var excludeFromBlockchain = false
        var sortByPrice = false

        /// Reads the filter parameters of a call; `exclude_limited` (older clients) means both
        /// limited kinds, as the official server reads it.
        init(_ parameters: Parameters) {
            func flag(_ name: String) -> Bool { parameters[name].map(LenientParse.bool) ?? false }
            excludeUnsaved = flag("exclude_unsaved")
            excludeSaved = flag("exclude_saved")
            excludeUnlimited = flag("exclude_unlimited")
            excludeLimitedUpgradable = flag("exclude_limited_upgradable") || flag("exclude_limited")
            excludeLimitedNonUpgradable = flag("exclude_limited_non_upgradable") || flag("exclude_limited")
            excludeUnique = flag("exclude_unique")
            excludeFromBlockchain = flag("exclude_from_blockchain")
            sortByPrice = flag("sort_by_price")
        }

        func keeps(_ record: OwnedGiftRecord, gift: GiftRecord?) -> Bool {
            if excludeSaved && record.isSaved || excludeUnsaved && !record.isSaved { return false }
            if record.unique != nil { return !excludeUnique }
            guard let gift, gift.totalCount != nil else { return !excludeUnlimited }
            return gift.upgradeStarCount != nil ? !excludeLimitedUpgradable : !excludeLimitedNonUpgradable
        }
    }

    /// A page of `ownerID`'s gifts as `viewer` sees them. `offset` is the opaque string a
    /// previous page gave (`next_offset`); `limit` is clamped to 1...100 as the official
    /// server clamps it. The owner (`isOwner`) also sees what only an owner may do with each
    /// gift and its `owned_gift_id`.
    static func page(
        of ownerID: Int64, filter: Filter, offset: String?, limit: Int, isOwner: Bool, viewer: AccountRecord, tx: Transaction
    ) throws -> OwnedGifts {
        var catalogue: [String: GiftRecord] = [:]
        for gift in try tx.store.gifts() { catalogue[gift.id] = gift }
        var kept = try tx.store.ownedGifts(ownerID: ownerID).filter { filter.keeps($0, gift: catalogue[$0.giftID]) }
        if filter.sortByPrice { kept.sort { ($0.starCount, $0.number) > ($1.starCount, $1.number) } }
        let start = min(max(offset.flatMap { Int($0) } ?? 0, 0), kept.count)
        let end = min(start + min(max(limit, 1), 100), kept.count)
        var gifts: [OwnedGift] = []
        for record in kept[start..<end] {
            guard let gift = catalogue[record.giftID] else { continue }
            gifts.append(try view(record, gift: gift, isOwner: isOwner, viewer: viewer, tx: tx))
        }
        return OwnedGifts(totalCount: kept.count, gifts: gifts, nextOffset: end < kept.count ? String(end) : nil)
    }

    /// One owned gift as `viewer` sees it; its stickers become the viewer's to use.
    static func view(
        _ record: OwnedGiftRecord, gift: GiftRecord, isOwner: Bool, viewer: AccountRecord, tx: Transaction
    ) throws -> OwnedGift {
        let (giftView, fileID) = try Gifts.view(gift, in: tx.store)
        try tx.store.grantFile(fileID: fileID, to: viewer.id)
        // A private gift names its sender to its owner only.
        let sender = try record.senderID.flatMap { id in
            record.isPrivate && !isOwner ? nil : try tx.store.account(id: id).map(Views.user)
        }
        let entities = try JSONDecoder().decode([MessageEntity].self, from: record.entities)
        if let data = record.unique {
            let unique = try JSONDecoder().decode(UniqueGift.self, from: data)
            return .unique(OwnedGiftUnique(
                gift: unique, ownedGiftId: isOwner ? ownedGiftID(record) : nil, senderUser: sender, sendDate: Int(record.sendDate),
                isSaved: record.isSaved ? true : nil, canBeTransferred: isOwner ? true : nil,
                transferStarCount: isOwner ? positive(record.transferStarCount) : nil))
        }
        let convertible = isOwner && tx.now < record.sendDate + conversionPeriod
        return .regular(OwnedGiftRegular(
            gift: giftView, ownedGiftId: isOwner ? ownedGiftID(record) : nil, senderUser: sender, sendDate: Int(record.sendDate),
            text: record.text.isEmpty ? nil : record.text, entities: entities.isEmpty ? nil : entities,
            isPrivate: record.isPrivate ? true : nil, isSaved: record.isSaved ? true : nil,
            canBeUpgraded: isOwner && gift.upgradeStarCount != nil ? true : nil,
            convertStarCount: convertible ? positive(record.convertStarCount) : nil,
            prepaidUpgradeStarCount: isOwner ? positive(record.prepaidUpgradeStarCount) : nil))
    }

    // MARK: What an owner does with a gift

    /// Converts the regular gift `ownedGiftID` of `owner` to Stars: it leaves the owner's
    /// gifts and its `convert_star_count` joins the owner's balance.
    static func convert(_ ownedGiftID: String?, of owner: AccountRecord, tx: Transaction) throws {
        let record = try load(ownedGiftID, owner: owner.id, in: tx.store)
        // Telegram's codes: a unique gift can't be converted, nor one past its period.
        guard record.unique == nil else { throw APIError.badRequest("STARGIFT_CONVERT_UNAVAILABLE") }
        guard tx.now < record.sendDate + conversionPeriod, record.convertStarCount > 0 else {
            throw APIError.badRequest("STARGIFT_CONVERT_TOO_OLD")
        }
        try tx.store.deleteOwnedGift(ownerID: owner.id, number: record.number)
        try StarLedger.post(
            record.convertStarCount, to: owner.id, transactionID: StarLedger.newChargeID(), partner: .other(TransactionPartnerOther()),
            now: tx.now, in: tx.store)
    }

    /// Upgrades the regular gift `ownedGiftID` of `owner` to a unique gift: free when the
    /// sender paid for it (then `starCount` must be 0), else `starCount` must be the gift's
    /// `upgrade_star_count`, paid from the owner's balance. Without `keepOriginalDetails` the
    /// sender and text are dropped. Answers the gift as it now is.
    @discardableResult
    static func upgrade(
        _ ownedGiftID: String?, of owner: AccountRecord, keepOriginalDetails: Bool, starCount: Int64, tx: Transaction
    ) throws -> OwnedGiftRecord {
        guard starCount >= 0 else { throw APIError.badRequest("invalid amount of Telegram Stars specified") }
        var record = try load(ownedGiftID, owner: owner.id, in: tx.store)
        guard record.unique == nil else { throw APIError.badRequest("STARGIFT_ALREADY_UPGRADED") }
        guard var gift = try tx.store.gift(id: record.giftID), let price = gift.upgradeStarCount else {
            throw APIError.badRequest("STARGIFT_UPGRADE_UNAVAILABLE")
        }
        if record.prepaidUpgradeStarCount > 0 {
            guard starCount == 0 else { throw APIError.badRequest("wrong upgrade price specified") }
        } else {
            // Telegram asks for the payment when none is offered; TDLib checks the price.
            guard starCount > 0 else { throw APIError.badRequest("PAYMENT_REQUIRED") }
            guard starCount == price else { throw APIError.badRequest("wrong upgrade price specified") }
            try StarLedger.post(
                -price, to: owner.id, transactionID: StarLedger.newChargeID(), partner: .other(TransactionPartnerOther()), now: tx.now,
                in: tx.store)
        }
        gift.uniqueCount += 1
        try tx.store.update(gift)
        let (view, _) = try Gifts.view(gift, in: tx.store)
        let unique = UniqueGifts.make(from: gift, number: gift.uniqueCount, sticker: view.sticker)
        record.unique = Data(unique.jsonBytes)
        record.convertStarCount = 0
        record.transferStarCount = transferPrice
        if !keepOriginalDetails {
            record.senderID = nil
            record.text = ""
            record.entities = Data("[]".utf8)
        }
        try tx.store.save(record)
        return record
    }

    /// Transfers the unique gift `ownedGiftID` of `owner` to `newOwner`, paying its
    /// `transfer_star_count` from the owner's balance (`starCount` must be that price). A
    /// user who receives it gets the `unique_gift` service message (origin "transfer") from
    /// the former owner.
    static func transfer(
        _ ownedGiftID: String?, of owner: AccountRecord, to newOwner: GiftOwner, starCount: Int64, tx: Transaction
    ) throws {
        guard starCount >= 0 else { throw APIError.badRequest("invalid amount of Telegram Stars specified") }
        let record = try load(ownedGiftID, owner: owner.id, in: tx.store)
        guard let data = record.unique else { throw APIError.badRequest("STARGIFT_NOT_UNIQUE") }
        if newOwner.id == owner.id { throw APIError.badRequest("STARGIFT_OWNER_INVALID") }
        if case .account(let receiver) = newOwner, try !GiftSettings.accepted(by: receiver.id, in: tx.store).uniqueGifts {
            throw GiftSettings.refused
        }
        if record.transferStarCount > 0 {
            guard starCount > 0 else { throw APIError.badRequest("PAYMENT_REQUIRED") }
            guard starCount == record.transferStarCount else { throw APIError.badRequest("wrong transfer price specified") }
            try StarLedger.post(
                -starCount, to: owner.id, transactionID: StarLedger.newChargeID(), partner: .other(TransactionPartnerOther()),
                now: tx.now, in: tx.store)
        }
        try tx.store.deleteOwnedGift(ownerID: owner.id, number: record.number)
        var moved = record
        moved.ownerID = newOwner.id
        moved.number = try nextNumber(for: newOwner.id, in: tx.store)
        moved.senderID = owner.id
        moved.sendDate = tx.now
        moved.isSaved = { if case .account = newOwner { true } else { false } }()
        try tx.store.save(moved)
        guard case .account(let receiver) = newOwner, !receiver.isBot else { return }
        let unique = try JSONDecoder().decode(UniqueGift.self, from: data)
        if let fileID = fileRow(of: unique.model.sticker) { try tx.store.grantFile(fileID: fileID, to: receiver.id) }
        let info = UniqueGiftInfo(
            gift: unique, origin: "transfer", ownedGiftId: GiftOwnership.ownedGiftID(moved),
            transferStarCount: positive(moved.transferStarCount))
        _ = try PrivateChats.send(MessageDraft { $0.uniqueGift = info }, from: owner, to: receiver, in: tx)
    }

    /// The file row behind a sticker's `file_id`.
    private static func fileRow(of sticker: Sticker) -> Int64? {
        try? FileIdentifiers.decode(sticker.fileId).rowID
    }
}

extension GiftOwnership {
    /// The `new_owner_chat_id` of a transfer, as `viewer` can name it: a user (not a bot) or
    /// a channel; TDLib's refusal for anyone else.
    static func newOwner(_ chatID: Int, viewer: AccountRecord, in store: any StoreReader) throws -> GiftOwner {
        let refusal = APIError.badRequest("have no access to the new gift owner")
        guard chatID != 0 else { throw refusal }
        let destination: Outbox.Destination
        do {
            destination = try Outbox.destination(.id(chatID), from: viewer, in: store)
        } catch let error as APIError where error.code == 400 {
            throw refusal
        }
        switch destination {
        case .group(let group) where group.isChannel: return .chat(group)
        case .privateChat(let peer) where !peer.isBot && !peer.isDeleted: return .account(peer)
        default: throw refusal
        }
    }
}

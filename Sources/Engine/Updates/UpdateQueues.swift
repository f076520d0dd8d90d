import Foundation
import Storage

/// The kinds of updates: the Update object's field names (raw values), declared in the
/// official order (behaviour.md §3.4), which is the order `allowed_updates` is kept in.
/// Queues store the raw value.
enum UpdateKind: String, CaseIterable, Sendable, CustomStringConvertible {
    case message = "message"
    case editedMessage = "edited_message"
    case channelPost = "channel_post"
    case editedChannelPost = "edited_channel_post"
    case inlineQuery = "inline_query"
    case chosenInlineResult = "chosen_inline_result"
    case callbackQuery = "callback_query"
    case shippingQuery = "shipping_query"
    case preCheckoutQuery = "pre_checkout_query"
    case poll = "poll"
    case pollAnswer = "poll_answer"
    case myChatMember = "my_chat_member"
    case chatMember = "chat_member"
    case chatJoinRequest = "chat_join_request"
    case chatBoost = "chat_boost"
    case removedChatBoost = "removed_chat_boost"
    case messageReaction = "message_reaction"
    case messageReactionCount = "message_reaction_count"
    case businessConnection = "business_connection"
    case businessMessage = "business_message"
    case editedBusinessMessage = "edited_business_message"
    case deletedBusinessMessages = "deleted_business_messages"
    case purchasedPaidMedia = "purchased_paid_media"
    case managedBot = "managed_bot"
    case guestMessage = "guest_message"
    /// Bot API 10.3.
    case subscription = "subscription"
    case stoppedMessageGeneration = "stopped_message_generation"
    /// The user surface's own kinds (USER-API.md, docs/user-api-extensions.md).
    case deletedMessages = "deleted_messages"
    case deletedEphemeralMessages = "deleted_ephemeral_messages"
    /// The user surface's: a bot asks the user to open a Web App for their join request.
    case chatJoinRequestWebApp = "chat_join_request_web_app"
    /// A bot's draft shown or updated (docs/user-api-extensions.md, "Drafts in the user's queue").
    case messageDraft = "message_draft"

    /// The field name, so that interpolating a kind into a payload writes what the wire
    /// expects and never the Swift case name.
    var description: String { rawValue }

    /// Every kind except `chat_member`, `message_reaction` and `message_reaction_count`.
    static let defaultAllowed: Set<UpdateKind> = Set(allCases).subtracting([.chatMember, .messageReaction, .messageReactionCount])

    /// How long an undelivered update of this kind is kept, in seconds (behaviour.md §3.5).
    var retention: Int64 {
        switch self {
        case .callbackQuery, .shippingQuery, .preCheckoutQuery: 150
        case .inlineQuery: 30
        case .chosenInlineResult: 600
        default: 86_400
        }
    }

    /// Interprets an `allowed_updates` parameter (behaviour.md §3.4): nil means "keep the
    /// current setting" (absent, invalid JSON, not an array of strings); an empty result
    /// means "back to the default set". Names are compared without case; names of no kind
    /// are dropped, so a list of only unknown names means the default set.
    static func parseAllowed(_ text: String?) -> [UpdateKind]? {
        guard let text, !text.isEmpty,
              let array = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [Any],
              array.allSatisfy({ $0 is String })
        else { return nil }
        let wanted = Set(array.map { ($0 as! String).lowercased() })
        return allCases.filter { wanted.contains($0.rawValue) }
    }
}

/// Reading and writing update queues inside store transactions. Each recipient (a bot, or
/// a user on the user surface) has one persistent queue; update ids grow by one and are
/// never reused, across restarts too.
enum UpdateQueues {
    /// The queue's state, created on first use with a random first id as the official
    /// server does.
    static func queue(of recipient: Int64, in tx: any StoreWriter) throws -> UpdateQueueRecord {
        if let queue = try tx.updateQueue(recipientID: recipient) { return queue }
        let queue = UpdateQueueRecord(recipientID: recipient, nextUpdateID: Int64.random(in: 2_000_001...1_000_000_000))
        try tx.save(queue)
        return queue
    }

    /// The kinds the recipient accepts.
    static func allowedKinds(of queue: UpdateQueueRecord) -> Set<UpdateKind> {
        guard let list = queue.allowedUpdates else { return UpdateKind.defaultAllowed }
        return Set(list.split(separator: ",").compactMap { UpdateKind(rawValue: String($0)) })
    }

    /// Queues an update for `recipient` unless it filtered that kind out or it is already
    /// too old. `payload` is the Update's members after `update_id`, e.g. `"message":{…}`;
    /// `key` orders webhook deliveries (updates of one key never overtake each other).
    /// Returns whether it was queued; the caller wakes the recipient after the commit.
    ///
    /// - Parameter toPerson: the recipient is a user, whose queue takes every kind unless the
    ///   user chose otherwise: the bots' default set leaves out kinds (`message_reaction_count`)
    ///   that a person's app needs.
    @discardableResult
    static func enqueue(
        recipient: Int64, kind: UpdateKind, key: String, eventDate: Int64, payload: [UInt8], now: Int64, toPerson: Bool = false,
        in tx: any StoreWriter
    ) throws -> Bool {
        var queue = try queue(of: recipient, in: tx)
        guard (toPerson && queue.allowedUpdates == nil) || allowedKinds(of: queue).contains(kind) else { return false }
        let expiresAt = eventDate + kind.retention
        guard expiresAt > now else { return false }
        try tx.insert(UpdateRecord(recipientID: recipient, updateID: queue.nextUpdateID, kind: kind.rawValue, expiresAt: expiresAt, payload: Data(payload), deliveryKey: key))
        queue.nextUpdateID += 1
        try tx.save(queue)
        return true
    }

    /// How a queue stores an `allowed_updates` list: nil for the default set.
    static func storedSetting(of allowed: [UpdateKind]) -> String? {
        allowed.isEmpty || Set(allowed) == UpdateKind.defaultAllowed ? nil : allowed.map(\.rawValue).joined(separator: ",")
    }

    /// Applies a getUpdates call's `offset` and `allowed_updates` (behaviour.md §3.2, §3.4)
    /// and reads up to `limit` pending updates.
    ///
    /// - Parameter offset: nil when the offset was already applied by an earlier read of
    ///   the same call.
    static func read(
        recipient: Int64, offset: Int?, allowed: [UpdateKind]?, limit: Int, now: Int64, in tx: any StoreWriter
    ) throws -> [UpdateRecord] {
        var queue = try queue(of: recipient, in: tx)
        if let allowed {
            let setting = storedSetting(of: allowed)
            if setting != queue.allowedUpdates {
                queue.allowedUpdates = setting
                try tx.save(queue)
            }
        }
        let effect = try OffsetEffect(offset, queue: queue) { try tx.oldestPendingUpdateID(recipientID: recipient) }
        if let below = effect.confirmsBelow { try tx.deleteUpdates(recipientID: recipient, below: below) }
        return try unexpired(recipient: recipient, from: effect.readsFrom, limit: limit, now: now, in: tx)
    }

    /// What a getUpdates `offset` does to a queue (behaviour.md §3.2): which pending updates
    /// it confirms, and where reading starts.
    struct OffsetEffect {
        /// Pending updates below this id are confirmed (deleted); nil: none.
        var confirmsBelow: Int64?
        var readsFrom: Int64 = 0

        /// - Parameter oldestPending: the queue's oldest pending update id, asked only when
        ///   the offset's range check needs it.
        init(_ offset: Int?, queue: UpdateQueueRecord, oldestPending: () throws -> Int64?) rethrows {
            guard let offset, offset != 0 else { return }
            let value = Int64(offset)
            guard value > 0 else {
                // Negative: everything but the last -offset updates is confirmed.
                confirmsBelow = queue.nextUpdateID + value
                return
            }
            let oldest = try oldestPending() ?? queue.nextUpdateID
            // An offset far in the future or far in the past is ignored: nothing is confirmed
            // and reading starts at the oldest update.
            guard value <= queue.nextUpdateID + 10 && value >= oldest - 100_000 else { return }
            confirmsBelow = value
            readsFrom = value
        }
    }

    /// The updates a getUpdates call would read, when reading them changes nothing: the
    /// queue exists, `allowed` keeps its setting, `offset` confirms no pending update and none
    /// of those read has expired. Nil when any of that fails: the call then reads through the
    /// writer (``read(recipient:offset:allowed:limit:now:in:)``), which makes the change.
    ///
    /// A woken long poll, or a poll whose offset confirms nothing new, reads here on a read
    /// transaction: readers run beside the writer, so the call neither waits for the commit
    /// in progress nor adds a transaction to the next one.
    static func readWithoutChange(
        recipient: Int64, offset: Int?, allowed: [UpdateKind]?, limit: Int, now: Int64, in reader: any StoreReader
    ) throws -> [UpdateRecord]? {
        guard let queue = try reader.updateQueue(recipientID: recipient) else { return nil }
        if let allowed {
            let setting = storedSetting(of: allowed)
            if setting != queue.allowedUpdates { return nil }
        }
        // The oldest pending id is read once, for the range check and for the answer to
        // "does the offset confirm anything".
        var oldest: Int64??
        func oldestPending() throws -> Int64? {
            if let oldest { return oldest }
            let read = try reader.oldestPendingUpdateID(recipientID: recipient)
            oldest = .some(read)
            return read
        }
        let effect = try OffsetEffect(offset, queue: queue, oldestPending: oldestPending)
        if let below = effect.confirmsBelow, let first = try oldestPending(), first < below { return nil }
        return try unexpiredWithoutChange(recipient: recipient, from: effect.readsFrom, limit: limit, now: now, in: reader)
    }

    /// Up to `limit` pending updates from `from` on, or nil when one of them has expired (it
    /// must be deleted, which only the writer can do).
    private static func unexpiredWithoutChange(recipient: Int64, from: Int64, limit: Int, now: Int64, in reader: any StoreReader) throws -> [UpdateRecord]? {
        let updates = try reader.pendingUpdates(recipientID: recipient, fromUpdateID: from, limit: limit)
        return updates.contains(where: { $0.expiresAt <= now }) ? nil : updates
    }

    /// Up to `limit` pending updates from `from` on, oldest first, deleting the expired ones
    /// met on the way.
    ///
    /// Only the rows that would be returned are checked: deleting every expired update of
    /// the recipient (no index covers `expires_at`) read its whole queue, payloads included,
    /// on every fetch, which made draining a large queue quadratic. Expired updates further
    /// back are deleted when reading reaches them.
    static func unexpired(recipient: Int64, from: Int64, limit: Int, now: Int64, in tx: any StoreWriter) throws -> [UpdateRecord] {
        while true {
            let updates = try tx.pendingUpdates(recipientID: recipient, fromUpdateID: from, limit: limit)
            let expired = updates.filter { $0.expiresAt <= now }
            if expired.isEmpty { return updates }
            for update in expired { try tx.deleteUpdate(recipientID: recipient, updateID: update.updateID) }
        }
    }

    /// A JSON array of Update objects from stored records, cut below the official ~4 MiB.
    static func render(_ updates: [UpdateRecord]) -> [UInt8] {
        var bytes: [UInt8] = [UInt8(ascii: "[")]
        var total = 0
        for (index, update) in updates.enumerated() {
            total += 50 + update.payload.count
            if index > 0 && total > 4 << 20 { break }
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            appendUpdate(update, to: &bytes)
        }
        bytes.append(UInt8(ascii: "]"))
        return bytes
    }

    /// One Update object: `{"update_id":N,\n` + payload + `}`, the official bytes.
    static func appendUpdate(_ update: UpdateRecord, to bytes: inout [UInt8]) {
        bytes.append(contentsOf: Array("{\"update_id\":\(update.updateID),\n".utf8))
        bytes.append(contentsOf: update.payload)
        bytes.append(UInt8(ascii: "}"))
    }
}

import Foundation

/// Where the world is kept. The engine talks to storage only through this protocol, so the
/// embedded SQLite store and a future shared PostgreSQL store stay interchangeable.
///
/// Work happens in transactions: ``read(_:)`` sees a consistent snapshot, ``write(_:)``
/// runs its body in one transaction that is durably committed before the call returns.
/// Bodies are synchronous on purpose: they must not wait on anything but the database while
/// holding the writer.
public protocol Store: Sendable {
    func read<T: Sendable>(_ body: @Sendable (any StoreReader) throws -> T) async throws -> T
    func write<T: Sendable>(_ body: @escaping @Sendable (any StoreWriter) throws -> T) async throws -> T
    /// What other server instances sharing this store signal (``StoreWriter/signalOtherInstances(_:)``),
    /// in their commit order, for as long as the store is open; nil when no other instance
    /// can share it (SQLite: one process).
    func signalsFromOtherInstances() -> AsyncStream<String>?
    /// Whether other server instances may use this store at the same time (PostgreSQL);
    /// false for a store only this process opens (SQLite).
    var isSharedWithOtherInstances: Bool { get }
    /// Where file contents live. `filesDirectory` is the data directory's place for them:
    /// an SQLite store keeps them there; a store shared by instances keeps them itself.
    func blobStore(filesDirectory: URL) -> any BlobStore
}

extension Store {
    public var isSharedWithOtherInstances: Bool { false }
    public func blobStore(filesDirectory: URL) -> any BlobStore { DiskBlobStore(directory: filesDirectory) }
}

/// Queries available in any transaction.
public protocol StoreReader {
    func account(id: Int64) throws -> AccountRecord?
    /// The accounts among `ids` that exist, in no particular order: one query for a fan-out.
    func accounts(ids: [Int64]) throws -> [AccountRecord]
    /// Case-insensitive.
    func account(username: String) throws -> AccountRecord?
    /// Live accounts ordered by id, skipping the first `offset`.
    func accounts(offset: Int, limit: Int, isBot: Bool?) throws -> [AccountRecord]
    func privateChat(between first: Int64, and second: Int64) throws -> ChatRecord?
    func chat(id: Int64) throws -> ChatRecord?
    func group(chatID: Int64) throws -> GroupRecord?
    /// Case-insensitive.
    func group(username: String) throws -> GroupRecord?
    func member(chatID: Int64, accountID: Int64) throws -> MemberRecord?
    /// Every member row of a chat, departed and banned ones included, oldest first.
    func members(chatID: Int64) throws -> [MemberRecord]
    func message(chatID: Int64, messageID: Int64) throws -> MessageRecord?
    /// One account's reactions (kind "reaction") or poll answer (kind "poll") on a message.
    func choice(chatID: Int64, messageID: Int64, actorID: Int64, kind: String) throws -> MessageChoiceRecord?
    /// Every account's choice of one kind on a message, oldest first.
    func choices(chatID: Int64, messageID: Int64, kind: String) throws -> [MessageChoiceRecord]
    func updateQueue(recipientID: Int64) throws -> UpdateQueueRecord?
    /// The queues among `recipientIDs` that exist, in no particular order.
    func updateQueues(recipientIDs: [Int64]) throws -> [UpdateQueueRecord]
    /// Up to `limit` pending updates from `fromUpdateID` on, oldest first.
    func pendingUpdates(recipientID: Int64, fromUpdateID: Int64, limit: Int) throws -> [UpdateRecord]
    func pendingUpdateCount(recipientID: Int64) throws -> Int
    /// Every recipient's pending updates together (`/metrics`).
    func pendingUpdateTotal() throws -> Int
    /// The oldest pending update id, if any.
    func oldestPendingUpdateID(recipientID: Int64) throws -> Int64?
    func setting(_ key: String) throws -> String?
    func webhook(botID: Int64) throws -> WebhookRecord?
    /// Every stored webhook, by bot id.
    func webhooks() throws -> [WebhookRecord]
    /// The bot's webhook delivery lease, if one was ever taken and not released.
    func webhookLease(botID: Int64) throws -> WebhookLeaseRecord?
    /// Every webhook delivery lease, by bot id.
    func webhookLeases() throws -> [WebhookLeaseRecord]
    func file(id: Int64) throws -> FileRecord?
    /// The file with these bytes, by their lowercase hex SHA-256.
    func file(sha256: String) throws -> FileRecord?
    /// Whether `accountID` holds the file: it uploaded it, or a message carrying it was
    /// delivered to it.
    func fileIsGranted(fileID: Int64, to accountID: Int64) throws -> Bool
    /// Whether both accounts have a membership row (any status, departed and banned ones
    /// included) in one group, supergroup or channel.
    func sharesChat(_ first: Int64, _ second: Int64) throws -> Bool
    /// Whether `viewerID` came across `accountID` in an update (see ``StoreWriter/recordSighting(of:by:)``).
    func hasSighting(of accountID: Int64, by viewerID: Int64) throws -> Bool

    // MARK: Stickers and profiles

    func stickerSet(id: Int64) throws -> StickerSetRecord?
    /// Case-insensitive.
    func stickerSet(name: String) throws -> StickerSetRecord?
    /// The set's stickers in their order.
    func stickers(setID: Int64) throws -> [StickerRecord]
    func sticker(id: Int64) throws -> StickerRecord?
    /// Every set sticker made of the file, newest first.
    func stickers(fileID: Int64) throws -> [StickerRecord]
    /// The sticker set of a supergroup, if one was set.
    func chatStickerSetID(chatID: Int64) throws -> Int64?
    /// The account's profile photos, newest first, skipping the first `offset`.
    func profilePhotos(accountID: Int64, offset: Int, limit: Int) throws -> [ProfilePhotoRecord]
    func profilePhotoCount(accountID: Int64) throws -> Int
    /// The account's profile audios, newest first, skipping the first `offset`.
    func profileAudios(accountID: Int64, offset: Int, limit: Int) throws -> [ProfileAudioRecord]
    func profileAudioCount(accountID: Int64) throws -> Int
    func emojiStatus(accountID: Int64) throws -> EmojiStatusRecord?
    /// Whether the user let the bot change their emoji status.
    func emojiStatusPermission(userID: Int64, botID: Int64) throws -> Bool
    /// One account's choices of one kind on every message of a chat.
    func choices(chatID: Int64, actorID: Int64, kind: String) throws -> [MessageChoiceRecord]
    // MARK: Inline mode
    /// The unexpired inline-mode record of `kind` with `id`.
    func inlineRecord(kind: InlineRecord.Kind, id: String, now: Int64) throws -> InlineRecord?
    // MARK: Queries
    /// The unexpired query of `kind` with `id`.
    func query(kind: QueryRecord.Kind, id: String, now: Int64) throws -> QueryRecord?
    /// The user's unexpired queries of `kind`, the earliest to expire first.
    func queries(kind: QueryRecord.Kind, userID: Int64, now: Int64) throws -> [QueryRecord]
    // MARK: Games
    /// The bot's game with this short name (exact match).
    func game(botID: Int64, shortName: String) throws -> GameRecord?
    /// One high-score table, best first (equal scores: the earlier one first).
    func gameScores(gameID: Int64, scope: String) throws -> [GameScoreRecord]

    // MARK: Media
    /// The files made from `sourceID` in `role`, in order (photo sizes smallest first).
    func derivatives(of sourceID: Int64, role: FileDerivativeRole) throws -> [Int64]
    /// The file `fileID` was made from in `role`, if any.
    func derivativeSource(of fileID: Int64, role: FileDerivativeRole) throws -> Int64?
    /// What was read from an audio or video file.
    func fileMedia(fileID: Int64) throws -> FileMediaRecord?
    /// The earliest time a poll closes by itself, if any does.
    func earliestPollDeadline() throws -> Int64?
    /// Polls due to close at `now`, earliest first.
    func pollDeadlines(dueAt now: Int64, limit: Int) throws -> [PollDeadlineRecord]

    // MARK: Stars and payments

    /// The account's Telegram Stars balance, 0 when it never had any.
    func starBalance(accountID: Int64) throws -> Int64
    /// The account's Star transactions, newest first, skipping the first `offset`.
    func starTransactions(accountID: Int64, offset: Int, limit: Int) throws -> [StarTransactionRecord]
    func invoice(id: Int64) throws -> InvoiceRecord?
    func invoice(chatID: Int64, messageID: Int64) throws -> InvoiceRecord?
    func invoice(slug: String) throws -> InvoiceRecord?
    func payment(chargeID: String) throws -> PaymentRecord?
    /// Subscriptions, not cancelled or refunded, whose paid period ended at or before `now`.
    func dueSubscriptions(now: Int64) throws -> [PaymentRecord]
    func paidMedia(chatID: Int64, messageID: Int64) throws -> PaidMediaRecord?
    /// Whether `userID` bought the paid media of a message.
    func hasBoughtPaidMedia(chatID: Int64, messageID: Int64, userID: Int64) throws -> Bool

    // MARK: Business accounts

    func businessConnection(id: String) throws -> BusinessConnectionRecord?
    /// Every connection the user ever made, enabled or not, oldest first.
    func businessConnections(userID: Int64) throws -> [BusinessConnectionRecord]
    func story(ownerID: Int64, storyID: Int64) throws -> StoryRecord?
    /// The owner's stories still active at `now`, oldest first.
    func stories(ownerID: Int64, activeAt now: Int64) throws -> [StoryRecord]

    // MARK: Gifts

    /// The gift catalogue in its order.
    func gifts() throws -> [GiftRecord]
    func gift(id: String) throws -> GiftRecord?
    func ownedGift(ownerID: Int64, number: Int64) throws -> OwnedGiftRecord?
    /// Everything `ownerID` owns, newest first.
    func ownedGifts(ownerID: Int64) throws -> [OwnedGiftRecord]
    /// When the Premium subscription gifted to `userID` ends, if one was.
    func premiumUntil(userID: Int64) throws -> Int64?
    /// The users whose gifted Premium subscription ended at or before `now`.
    func premiumEnded(by now: Int64) throws -> [Int64]

    // MARK: Ephemeral messages
    func ephemeralMessage(chatID: Int64, receiverID: Int64, ephemeralMessageID: Int64) throws -> EphemeralMessageRecord?
    /// The last id given to an ephemeral message of this chat and receiver, deleted or not; 0 for none.
    func lastEphemeralMessageID(chatID: Int64, receiverID: Int64) throws -> Int64

    // MARK: Message drafts
    /// The draft `draftID` of a private chat, expired or not.
    func messageDraft(chatID: Int64, draftID: Int64) throws -> MessageDraftRecord?
    /// The private chat's drafts, expired or not, by draft id.
    func messageDrafts(chatID: Int64) throws -> [MessageDraftRecord]

    // MARK: Snapshots
    /// Every update queue, deleted accounts' included (what a restore must not go below).
    func allUpdateQueues() throws -> [UpdateQueueRecord]
    // MARK: Suggested posts
    /// Approved suggested posts' publications and payments due at `now`, earliest first.
    func suggestedPostJobs(dueAt now: Int64, limit: Int) throws -> [SuggestedPostJobRecord]
}

/// Changes, available in write transactions only.
public protocol StoreWriter: StoreReader {
    /// Runs `effect` once this transaction has committed, before its caller is answered.
    ///
    /// Effects of all transactions run in commit order, one at a time, on the store's
    /// writer: state kept outside the database (caches, waiting calls) then changes in the
    /// order the database did. A transaction that rolls back drops its effects. Effects must
    /// be quick and must not wait: the next commit waits for them.
    func afterCommit(_ effect: @escaping @Sendable () -> Void)
    /// Sends `signal` (short text, at most a few kilobytes) to every other server instance
    /// sharing the store once this transaction commits, in commit order with other
    /// transactions' signals; dropped if it rolls back, and nothing where no other instance
    /// can share the store.
    func signalOtherInstances(_ signal: String)
    /// Inserts an account; `record.id` 0 assigns the next free id.
    func insert(_ record: AccountRecord) throws -> AccountRecord
    func update(_ record: AccountRecord) throws
    /// Inserts a chat and returns it with its id.
    func insert(_ record: ChatRecord) throws -> ChatRecord
    func update(_ record: ChatRecord) throws
    /// Inserts or replaces a chat's group attributes.
    func save(_ record: GroupRecord) throws
    /// Inserts or replaces a membership.
    func save(_ record: MemberRecord) throws
    func insert(_ record: MessageRecord) throws
    func update(_ record: MessageRecord) throws
    /// Deletes one message; deleting a missing one does nothing.
    func deleteMessage(chatID: Int64, messageID: Int64) throws
    /// Inserts or replaces one account's choice on a message.
    func save(_ record: MessageChoiceRecord) throws
    func deleteChoice(chatID: Int64, messageID: Int64, actorID: Int64, kind: String) throws
    func save(_ record: UpdateQueueRecord) throws
    func insert(_ record: UpdateRecord) throws
    /// Deletes the recipient's updates with ids below `updateID`.
    func deleteUpdates(recipientID: Int64, below updateID: Int64) throws
    /// Deletes the recipient's updates that expired at or before `now`.
    func deleteExpiredUpdates(recipientID: Int64, now: Int64) throws
    /// Deletes one update (a webhook delivered it, or gave up on it).
    func deleteUpdate(recipientID: Int64, updateID: Int64) throws
    /// Deletes every update of the recipient.
    func deleteAllUpdates(recipientID: Int64) throws
    func setSetting(_ key: String, _ value: String) throws
    func save(_ record: WebhookRecord) throws
    func deleteWebhook(botID: Int64) throws
    /// Inserts or replaces a bot's webhook delivery lease.
    func save(_ record: WebhookLeaseRecord) throws
    func deleteWebhookLease(botID: Int64) throws
    /// Inserts a file and returns it with its id.
    func insert(_ record: FileRecord) throws -> FileRecord
    /// Lets `accountID` use the file (send it by `file_id`, getFile, download it); granting
    /// twice does nothing.
    func grantFile(fileID: Int64, to accountID: Int64) throws
    /// Records that `viewerID` came across `accountID` where no other row says so (a forward's
    /// origin, a text mention, a join request…); recording twice does nothing.
    func recordSighting(of accountID: Int64, by viewerID: Int64) throws

    // MARK: Stickers and profiles

    /// Inserts a set and returns it with its id.
    func insert(_ record: StickerSetRecord) throws -> StickerSetRecord
    func update(_ record: StickerSetRecord) throws
    /// Deletes a set, its stickers and its use as a chat's sticker set.
    func deleteStickerSet(id: Int64) throws
    /// Inserts a sticker and returns it with its id.
    func insert(_ record: StickerRecord) throws -> StickerRecord
    func update(_ record: StickerRecord) throws
    func deleteSticker(id: Int64) throws
    /// Sets or (nil) clears a supergroup's sticker set.
    func setChatStickerSet(chatID: Int64, setID: Int64?) throws
    /// Inserts a profile photo and returns it with its id.
    func insert(_ record: ProfilePhotoRecord) throws -> ProfilePhotoRecord
    func deleteProfilePhoto(id: Int64) throws
    /// Inserts a profile audio and returns it with its id.
    func insert(_ record: ProfileAudioRecord) throws -> ProfileAudioRecord
    /// Removes the account's profile audios made of the file.
    func deleteProfileAudios(accountID: Int64, fileID: Int64) throws
    /// Inserts or replaces an emoji status.
    func save(_ record: EmojiStatusRecord) throws
    func setEmojiStatusPermission(userID: Int64, botID: Int64, allowed: Bool) throws
    // MARK: Inline mode
    /// Inserts or replaces an inline-mode record.
    func save(_ record: InlineRecord) throws
    func deleteInlineRecord(kind: InlineRecord.Kind, id: String) throws
    /// Deletes up to `limit` records that expired at or before `now`.
    func deleteExpiredInlineRecords(now: Int64, limit: Int) throws
    // MARK: Queries
    /// Inserts or replaces a query.
    func save(_ record: QueryRecord) throws
    /// Deletes one query, expired or not; deleting a missing one does nothing.
    func deleteQuery(kind: QueryRecord.Kind, id: String) throws
    /// Deletes every query of `kind` the user put.
    func deleteQueries(kind: QueryRecord.Kind, userID: Int64) throws
    /// Deletes up to `limit` queries that expired at or before `now`.
    func deleteExpiredQueries(now: Int64, limit: Int) throws
    // MARK: Games
    /// Inserts a game and returns it with its id; a second game with the bot's short name fails.
    func insert(_ record: GameRecord) throws -> GameRecord
    /// Inserts or replaces one player's score in a table.
    func save(_ record: GameScoreRecord) throws
    /// Removes a player from a table; removing a missing one does nothing.
    func deleteGameScore(gameID: Int64, scope: String, userID: Int64) throws

    // MARK: Media
    /// Replaces the files made from `sourceID` in `role` with `fileIDs`, in order.
    func setDerivatives(_ fileIDs: [Int64], of sourceID: Int64, role: FileDerivativeRole) throws
    /// Inserts or replaces what was read from a file.
    func save(_ record: FileMediaRecord) throws
    /// Inserts or replaces when a poll closes by itself.
    func save(_ record: PollDeadlineRecord) throws
    func deletePollDeadline(chatID: Int64, messageID: Int64) throws

    // MARK: Stars and payments

    /// Sets the account's Stars balance; a negative amount is refused by the database.
    func setStarBalance(accountID: Int64, amount: Int64) throws
    func insert(_ record: StarTransactionRecord) throws
    /// Inserts an invoice and returns it with its id.
    func insert(_ record: InvoiceRecord) throws -> InvoiceRecord
    /// Inserts or replaces a payment.
    func save(_ record: PaymentRecord) throws
    func save(_ record: PaidMediaRecord) throws
    /// Records that `userID` bought the paid media of a message; recording twice does nothing.
    func recordPaidMediaPurchase(chatID: Int64, messageID: Int64, userID: Int64) throws

    // MARK: Business accounts

    /// Inserts or replaces a business connection (by id).
    func save(_ record: BusinessConnectionRecord) throws
    /// Inserts or replaces a story (by owner and story id).
    func save(_ record: StoryRecord) throws
    /// Deletes one story; deleting a missing one does nothing.
    func deleteStory(ownerID: Int64, storyID: Int64) throws

    // MARK: Gifts

    /// Inserts a catalogue gift and returns it with its `seq`; a second gift with its id fails.
    func insert(_ record: GiftRecord) throws -> GiftRecord
    func update(_ record: GiftRecord) throws
    /// Inserts or replaces an owned gift.
    func save(_ record: OwnedGiftRecord) throws
    /// Deletes an owned gift; deleting a missing one does nothing.
    func deleteOwnedGift(ownerID: Int64, number: Int64) throws
    /// Sets (nil: forgets) when the Premium subscription gifted to `userID` ends.
    func setPremiumUntil(userID: Int64, until: Int64?) throws

    // MARK: Ephemeral messages
    func insert(_ record: EphemeralMessageRecord) throws
    /// Writes a changed message's content and edit date.
    func update(_ record: EphemeralMessageRecord) throws
    func deleteEphemeralMessage(chatID: Int64, receiverID: Int64, ephemeralMessageID: Int64) throws
    // MARK: Message drafts
    /// Inserts or replaces a draft.
    func save(_ record: MessageDraftRecord) throws
    /// Removes one draft; removing a missing one does nothing.
    func deleteMessageDraft(chatID: Int64, draftID: Int64) throws
    /// Removes all drafts of a private chat.
    func deleteMessageDrafts(chatID: Int64) throws
    // MARK: Snapshots
    /// Adds `shift` (> 0) to the id of every pending update of the recipient, keeping their
    /// order (a restored queue moved above every id issued before the restore).
    func shiftPendingUpdates(recipientID: Int64, by shift: Int64) throws

    // MARK: Suggested posts
    /// Inserts or replaces a job (by chat, message and kind).
    func save(_ record: SuggestedPostJobRecord) throws
    /// Removes one job; removing a missing one does nothing.
    func deleteSuggestedPostJob(chatID: Int64, messageID: Int64, kind: SuggestedPostJobRecord.Kind) throws
}

// MARK: Chat lists (web client)

/// Queries behind the user surface's chat list and history (`getChats`, `getChatHistory`).
public protocol ChatListReader {
    /// The private chats `accountID` is a party of.
    func privateChats(of accountID: Int64) throws -> [ChatRecord]
    /// Every membership row of `accountID`, departed and banned ones included.
    func memberships(of accountID: Int64) throws -> [MemberRecord]
    /// Up to `limit` messages of a chat with ids below `beforeID`, newest first.
    func messages(chatID: Int64, before beforeID: Int64, limit: Int) throws -> [MessageRecord]
    /// How many messages of a chat with ids above `afterID` were sent by others than `readerID`.
    func unreadCount(chatID: Int64, after afterID: Int64, reader readerID: Int64) throws -> Int
}

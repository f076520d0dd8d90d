import Storage

/// A write transaction's view of the store that loads each row the engine asks for most
/// (accounts, chats, groups, members, update queues) at most once per transaction.
///
/// A group post reads every member, then each member's account and update queue, and the
/// rights checks read the same memberships again: without this, about 3N reads for N
/// members, each a round trip on a networked store. Rows written through this view replace
/// their cached copies, so the transaction always reads what it wrote; everything else is
/// forwarded unchanged. ``prefetchAccounts(_:)`` and ``prefetchUpdateQueues(_:)`` load many
/// rows in one query before a fan-out.
///
/// Lives for one transaction body on the store's writer, never shared: not thread-safe.
final class RowCachingWriter: StoreWriter, ChatListReader {
    private let base: any StoreWriter
    private var accounts: [Int64: AccountRecord?] = [:]
    private var chats: [Int64: ChatRecord?] = [:]
    private var groups: [Int64: GroupRecord?] = [:]
    private var members: [MemberKey: MemberRecord?] = [:]
    private var memberLists: [Int64: [MemberRecord]] = [:]
    private var queues: [Int64: UpdateQueueRecord?] = [:]

    private struct MemberKey: Hashable {
        let chatID: Int64
        let accountID: Int64
    }

    init(_ base: any StoreWriter) {
        self.base = base
    }

    func afterCommit(_ effect: @escaping @Sendable () -> Void) { base.afterCommit(effect) }

    func signalOtherInstances(_ signal: String) { base.signalOtherInstances(signal) }

    // MARK: Cached rows

    /// The row under `key`, loaded on the first ask; a missing row is remembered too.
    private static func cached<Key: Hashable, Row>(_ table: inout [Key: Row?], _ key: Key, load: () throws -> Row?) rethrows -> Row? {
        if let known = table[key] { return known }
        let row = try load()
        table[key] = .some(row)
        return row
    }

    func account(id: Int64) throws -> AccountRecord? {
        try Self.cached(&accounts, id) { try base.account(id: id) }
    }

    func insert(_ record: AccountRecord) throws -> AccountRecord {
        let inserted = try base.insert(record)
        accounts[inserted.id] = .some(inserted)
        return inserted
    }

    func update(_ record: AccountRecord) throws {
        try base.update(record)
        accounts[record.id] = .some(record)
    }

    /// Loads the accounts among `ids` not loaded yet, in one query where the store can.
    func prefetchAccounts(_ ids: [Int64]) throws {
        let missing = ids.filter { accounts[$0] == nil }
        guard missing.count > 1 else { return }
        let found = try base.accounts(ids: missing)
        for id in missing { accounts[id] = .some(nil) }
        for account in found { accounts[account.id] = .some(account) }
    }

    func chat(id: Int64) throws -> ChatRecord? {
        try Self.cached(&chats, id) { try base.chat(id: id) }
    }

    func insert(_ record: ChatRecord) throws -> ChatRecord {
        let inserted = try base.insert(record)
        chats[inserted.id] = .some(inserted)
        return inserted
    }

    func update(_ record: ChatRecord) throws {
        try base.update(record)
        chats[record.id] = .some(record)
    }

    func group(chatID: Int64) throws -> GroupRecord? {
        try Self.cached(&groups, chatID) { try base.group(chatID: chatID) }
    }

    func save(_ record: GroupRecord) throws {
        try base.save(record)
        groups[record.chatID] = .some(record)
    }

    func member(chatID: Int64, accountID: Int64) throws -> MemberRecord? {
        try Self.cached(&members, MemberKey(chatID: chatID, accountID: accountID)) {
            try base.member(chatID: chatID, accountID: accountID)
        }
    }

    func members(chatID: Int64) throws -> [MemberRecord] {
        if let cached = memberLists[chatID] { return cached }
        let list = try base.members(chatID: chatID)
        memberLists[chatID] = list
        for member in list { members[MemberKey(chatID: chatID, accountID: member.accountID)] = .some(member) }
        return list
    }

    func save(_ record: MemberRecord) throws {
        try base.save(record)
        members[MemberKey(chatID: record.chatID, accountID: record.accountID)] = .some(record)
        // The list keeps the store's order (joining date, then account id), which a save may
        // change: the row moves to its place instead of the whole list being read again, so
        // adding N members in one transaction reads the list once, not N times.
        guard var list = memberLists[record.chatID] else { return }
        list.removeAll { $0.accountID == record.accountID }
        let place = list.firstIndex { ($0.joinedAt, $0.accountID) > (record.joinedAt, record.accountID) } ?? list.endIndex
        list.insert(record, at: place)
        memberLists[record.chatID] = list
    }

    func updateQueue(recipientID: Int64) throws -> UpdateQueueRecord? {
        try Self.cached(&queues, recipientID) { try base.updateQueue(recipientID: recipientID) }
    }

    func save(_ record: UpdateQueueRecord) throws {
        try base.save(record)
        queues[record.recipientID] = .some(record)
    }

    /// Loads the update queues among `recipientIDs` not loaded yet, in one query where the
    /// store can.
    func prefetchUpdateQueues(_ recipientIDs: [Int64]) throws {
        let missing = recipientIDs.filter { queues[$0] == nil }
        guard missing.count > 1 else { return }
        let found = try base.updateQueues(recipientIDs: missing)
        for id in missing { queues[id] = .some(nil) }
        for queue in found { queues[queue.recipientID] = .some(queue) }
    }

    // MARK: StoreReader, forwarded

    func allUpdateQueues() throws -> [UpdateQueueRecord] { try base.allUpdateQueues() }
    func shiftPendingUpdates(recipientID: Int64, by shift: Int64) throws {
        try base.shiftPendingUpdates(recipientID: recipientID, by: shift)
    }

    func accounts(ids: [Int64]) throws -> [AccountRecord] { try base.accounts(ids: ids) }
    func updateQueues(recipientIDs: [Int64]) throws -> [UpdateQueueRecord] { try base.updateQueues(recipientIDs: recipientIDs) }
    func account(username: String) throws -> AccountRecord? { try base.account(username: username) }
    func accounts(offset: Int, limit: Int, isBot: Bool?) throws -> [AccountRecord] { try base.accounts(offset: offset, limit: limit, isBot: isBot) }
    func privateChat(between first: Int64, and second: Int64) throws -> ChatRecord? { try base.privateChat(between: first, and: second) }
    func group(username: String) throws -> GroupRecord? { try base.group(username: username) }
    func message(chatID: Int64, messageID: Int64) throws -> MessageRecord? { try base.message(chatID: chatID, messageID: messageID) }
    func choice(chatID: Int64, messageID: Int64, actorID: Int64, kind: String) throws -> MessageChoiceRecord? { try base.choice(chatID: chatID, messageID: messageID, actorID: actorID, kind: kind) }
    func choices(chatID: Int64, messageID: Int64, kind: String) throws -> [MessageChoiceRecord] { try base.choices(chatID: chatID, messageID: messageID, kind: kind) }
    func pendingUpdates(recipientID: Int64, fromUpdateID: Int64, limit: Int) throws -> [UpdateRecord] { try base.pendingUpdates(recipientID: recipientID, fromUpdateID: fromUpdateID, limit: limit) }
    func pendingUpdateCount(recipientID: Int64) throws -> Int { try base.pendingUpdateCount(recipientID: recipientID) }
    func pendingUpdateTotal() throws -> Int { try base.pendingUpdateTotal() }
    func oldestPendingUpdateID(recipientID: Int64) throws -> Int64? { try base.oldestPendingUpdateID(recipientID: recipientID) }
    func setting(_ key: String) throws -> String? { try base.setting(key) }
    func webhook(botID: Int64) throws -> WebhookRecord? { try base.webhook(botID: botID) }
    func webhooks() throws -> [WebhookRecord] { try base.webhooks() }
    func webhookLease(botID: Int64) throws -> WebhookLeaseRecord? { try base.webhookLease(botID: botID) }
    func webhookLeases() throws -> [WebhookLeaseRecord] { try base.webhookLeases() }
    func file(id: Int64) throws -> FileRecord? { try base.file(id: id) }
    func file(sha256: String) throws -> FileRecord? { try base.file(sha256: sha256) }
    func fileIsGranted(fileID: Int64, to accountID: Int64) throws -> Bool { try base.fileIsGranted(fileID: fileID, to: accountID) }
    func sharesChat(_ first: Int64, _ second: Int64) throws -> Bool { try base.sharesChat(first, second) }
    func hasSighting(of accountID: Int64, by viewerID: Int64) throws -> Bool { try base.hasSighting(of: accountID, by: viewerID) }
    func stickerSet(id: Int64) throws -> StickerSetRecord? { try base.stickerSet(id: id) }
    func stickerSet(name: String) throws -> StickerSetRecord? { try base.stickerSet(name: name) }
    func stickers(setID: Int64) throws -> [StickerRecord] { try base.stickers(setID: setID) }
    func sticker(id: Int64) throws -> StickerRecord? { try base.sticker(id: id) }
    func stickers(fileID: Int64) throws -> [StickerRecord] { try base.stickers(fileID: fileID) }
    func chatStickerSetID(chatID: Int64) throws -> Int64? { try base.chatStickerSetID(chatID: chatID) }
    func profilePhotos(accountID: Int64, offset: Int, limit: Int) throws -> [ProfilePhotoRecord] { try base.profilePhotos(accountID: accountID, offset: offset, limit: limit) }
    func profilePhotoCount(accountID: Int64) throws -> Int { try base.profilePhotoCount(accountID: accountID) }
    func profileAudios(accountID: Int64, offset: Int, limit: Int) throws -> [ProfileAudioRecord] { try base.profileAudios(accountID: accountID, offset: offset, limit: limit) }
    func profileAudioCount(accountID: Int64) throws -> Int { try base.profileAudioCount(accountID: accountID) }
    func emojiStatus(accountID: Int64) throws -> EmojiStatusRecord? { try base.emojiStatus(accountID: accountID) }
    func emojiStatusPermission(userID: Int64, botID: Int64) throws -> Bool { try base.emojiStatusPermission(userID: userID, botID: botID) }
    func choices(chatID: Int64, actorID: Int64, kind: String) throws -> [MessageChoiceRecord] { try base.choices(chatID: chatID, actorID: actorID, kind: kind) }
    func inlineRecord(kind: InlineRecord.Kind, id: String, now: Int64) throws -> InlineRecord? { try base.inlineRecord(kind: kind, id: id, now: now) }
    func query(kind: QueryRecord.Kind, id: String, now: Int64) throws -> QueryRecord? { try base.query(kind: kind, id: id, now: now) }
    func queries(kind: QueryRecord.Kind, userID: Int64, now: Int64) throws -> [QueryRecord] { try base.queries(kind: kind, userID: userID, now: now) }
    func game(botID: Int64, shortName: String) throws -> GameRecord? { try base.game(botID: botID, shortName: shortName) }
    func gameScores(gameID: Int64, scope: String) throws -> [GameScoreRecord] { try base.gameScores(gameID: gameID, scope: scope) }
    func derivatives(of sourceID: Int64, role: FileDerivativeRole) throws -> [Int64] { try base.derivatives(of: sourceID, role: role) }
    func derivativeSource(of fileID: Int64, role: FileDerivativeRole) throws -> Int64? { try base.derivativeSource(of: fileID, role: role) }
    func fileMedia(fileID: Int64) throws -> FileMediaRecord? { try base.fileMedia(fileID: fileID) }
    func earliestPollDeadline() throws -> Int64? { try base.earliestPollDeadline() }
    func pollDeadlines(dueAt now: Int64, limit: Int) throws -> [PollDeadlineRecord] { try base.pollDeadlines(dueAt: now, limit: limit) }
    func starBalance(accountID: Int64) throws -> Int64 { try base.starBalance(accountID: accountID) }
    func starTransactions(accountID: Int64, offset: Int, limit: Int) throws -> [StarTransactionRecord] { try base.starTransactions(accountID: accountID, offset: offset, limit: limit) }
    func invoice(id: Int64) throws -> InvoiceRecord? { try base.invoice(id: id) }
    func invoice(chatID: Int64, messageID: Int64) throws -> InvoiceRecord? { try base.invoice(chatID: chatID, messageID: messageID) }
    func invoice(slug: String) throws -> InvoiceRecord? { try base.invoice(slug: slug) }
    func payment(chargeID: String) throws -> PaymentRecord? { try base.payment(chargeID: chargeID) }
    func dueSubscriptions(now: Int64) throws -> [PaymentRecord] { try base.dueSubscriptions(now: now) }
    func paidMedia(chatID: Int64, messageID: Int64) throws -> PaidMediaRecord? { try base.paidMedia(chatID: chatID, messageID: messageID) }
    func hasBoughtPaidMedia(chatID: Int64, messageID: Int64, userID: Int64) throws -> Bool { try base.hasBoughtPaidMedia(chatID: chatID, messageID: messageID, userID: userID) }
    // MARK: Business accounts
    func businessConnection(id: String) throws -> BusinessConnectionRecord? { try base.businessConnection(id: id) }
    func businessConnections(userID: Int64) throws -> [BusinessConnectionRecord] { try base.businessConnections(userID: userID) }
    func story(ownerID: Int64, storyID: Int64) throws -> StoryRecord? { try base.story(ownerID: ownerID, storyID: storyID) }
    func stories(ownerID: Int64, activeAt now: Int64) throws -> [StoryRecord] { try base.stories(ownerID: ownerID, activeAt: now) }
    func ephemeralMessage(chatID: Int64, receiverID: Int64, ephemeralMessageID: Int64) throws -> EphemeralMessageRecord? {
        try base.ephemeralMessage(chatID: chatID, receiverID: receiverID, ephemeralMessageID: ephemeralMessageID)
    }
    func lastEphemeralMessageID(chatID: Int64, receiverID: Int64) throws -> Int64 { try base.lastEphemeralMessageID(chatID: chatID, receiverID: receiverID) }

    // MARK: StoreWriter, forwarded

    func insert(_ record: MessageRecord) throws { try base.insert(record) }
    func update(_ record: MessageRecord) throws { try base.update(record) }
    func deleteMessage(chatID: Int64, messageID: Int64) throws { try base.deleteMessage(chatID: chatID, messageID: messageID) }
    func save(_ record: MessageChoiceRecord) throws { try base.save(record) }
    func deleteChoice(chatID: Int64, messageID: Int64, actorID: Int64, kind: String) throws { try base.deleteChoice(chatID: chatID, messageID: messageID, actorID: actorID, kind: kind) }
    func insert(_ record: UpdateRecord) throws { try base.insert(record) }
    func deleteUpdates(recipientID: Int64, below updateID: Int64) throws { try base.deleteUpdates(recipientID: recipientID, below: updateID) }
    func deleteExpiredUpdates(recipientID: Int64, now: Int64) throws { try base.deleteExpiredUpdates(recipientID: recipientID, now: now) }
    func deleteUpdate(recipientID: Int64, updateID: Int64) throws { try base.deleteUpdate(recipientID: recipientID, updateID: updateID) }
    func deleteAllUpdates(recipientID: Int64) throws { try base.deleteAllUpdates(recipientID: recipientID) }
    func setSetting(_ key: String, _ value: String) throws { try base.setSetting(key, value) }
    func save(_ record: WebhookRecord) throws { try base.save(record) }
    func deleteWebhook(botID: Int64) throws { try base.deleteWebhook(botID: botID) }
    func save(_ record: WebhookLeaseRecord) throws { try base.save(record) }
    func deleteWebhookLease(botID: Int64) throws { try base.deleteWebhookLease(botID: botID) }
    func insert(_ record: FileRecord) throws -> FileRecord { try base.insert(record) }
    func grantFile(fileID: Int64, to accountID: Int64) throws { try base.grantFile(fileID: fileID, to: accountID) }
    func recordSighting(of accountID: Int64, by viewerID: Int64) throws { try base.recordSighting(of: accountID, by: viewerID) }
    func insert(_ record: StickerSetRecord) throws -> StickerSetRecord { try base.insert(record) }
    func update(_ record: StickerSetRecord) throws { try base.update(record) }
    func deleteStickerSet(id: Int64) throws { try base.deleteStickerSet(id: id) }
    func insert(_ record: StickerRecord) throws -> StickerRecord { try base.insert(record) }
    func update(_ record: StickerRecord) throws { try base.update(record) }
    func deleteSticker(id: Int64) throws { try base.deleteSticker(id: id) }
    func setChatStickerSet(chatID: Int64, setID: Int64?) throws { try base.setChatStickerSet(chatID: chatID, setID: setID) }
    func insert(_ record: ProfilePhotoRecord) throws -> ProfilePhotoRecord { try base.insert(record) }
    func deleteProfilePhoto(id: Int64) throws { try base.deleteProfilePhoto(id: id) }
    func insert(_ record: ProfileAudioRecord) throws -> ProfileAudioRecord { try base.insert(record) }
    func deleteProfileAudios(accountID: Int64, fileID: Int64) throws { try base.deleteProfileAudios(accountID: accountID, fileID: fileID) }
    func save(_ record: EmojiStatusRecord) throws { try base.save(record) }
    func setEmojiStatusPermission(userID: Int64, botID: Int64, allowed: Bool) throws { try base.setEmojiStatusPermission(userID: userID, botID: botID, allowed: allowed) }
    func save(_ record: InlineRecord) throws { try base.save(record) }
    func deleteInlineRecord(kind: InlineRecord.Kind, id: String) throws { try base.deleteInlineRecord(kind: kind, id: id) }
    func deleteExpiredInlineRecords(now: Int64, limit: Int) throws { try base.deleteExpiredInlineRecords(now: now, limit: limit) }
    func save(_ record: QueryRecord) throws { try base.save(record) }
    func deleteQuery(kind: QueryRecord.Kind, id: String) throws { try base.deleteQuery(kind: kind, id: id) }
    func deleteQueries(kind: QueryRecord.Kind, userID: Int64) throws { try base.deleteQueries(kind: kind, userID: userID) }
    func deleteExpiredQueries(now: Int64, limit: Int) throws { try base.deleteExpiredQueries(now: now, limit: limit) }
    func insert(_ record: GameRecord) throws -> GameRecord { try base.insert(record) }
    func save(_ record: GameScoreRecord) throws { try base.save(record) }
    func deleteGameScore(gameID: Int64, scope: String, userID: Int64) throws { try base.deleteGameScore(gameID: gameID, scope: scope, userID: userID) }
    // MARK: Message drafts
    func messageDraft(chatID: Int64, draftID: Int64) throws -> MessageDraftRecord? { try base.messageDraft(chatID: chatID, draftID: draftID) }
    func messageDrafts(chatID: Int64) throws -> [MessageDraftRecord] { try base.messageDrafts(chatID: chatID) }
    func save(_ record: MessageDraftRecord) throws { try base.save(record) }
    func deleteMessageDraft(chatID: Int64, draftID: Int64) throws { try base.deleteMessageDraft(chatID: chatID, draftID: draftID) }
    func deleteMessageDrafts(chatID: Int64) throws { try base.deleteMessageDrafts(chatID: chatID) }
    func setDerivatives(_ fileIDs: [Int64], of sourceID: Int64, role: FileDerivativeRole) throws { try base.setDerivatives(fileIDs, of: sourceID, role: role) }
    func save(_ record: FileMediaRecord) throws { try base.save(record) }
    func save(_ record: PollDeadlineRecord) throws { try base.save(record) }
    func deletePollDeadline(chatID: Int64, messageID: Int64) throws { try base.deletePollDeadline(chatID: chatID, messageID: messageID) }
    func setStarBalance(accountID: Int64, amount: Int64) throws { try base.setStarBalance(accountID: accountID, amount: amount) }
    func insert(_ record: StarTransactionRecord) throws { try base.insert(record) }
    func insert(_ record: InvoiceRecord) throws -> InvoiceRecord { try base.insert(record) }
    func save(_ record: PaymentRecord) throws { try base.save(record) }
    func save(_ record: PaidMediaRecord) throws { try base.save(record) }
    func recordPaidMediaPurchase(chatID: Int64, messageID: Int64, userID: Int64) throws { try base.recordPaidMediaPurchase(chatID: chatID, messageID: messageID, userID: userID) }
    // MARK: Business accounts
    func save(_ record: BusinessConnectionRecord) throws { try base.save(record) }
    func save(_ record: StoryRecord) throws { try base.save(record) }
    func deleteStory(ownerID: Int64, storyID: Int64) throws { try base.deleteStory(ownerID: ownerID, storyID: storyID) }
    // MARK: Gifts, forwarded
    func gifts() throws -> [GiftRecord] { try base.gifts() }
    func gift(id: String) throws -> GiftRecord? { try base.gift(id: id) }
    func ownedGift(ownerID: Int64, number: Int64) throws -> OwnedGiftRecord? { try base.ownedGift(ownerID: ownerID, number: number) }
    func ownedGifts(ownerID: Int64) throws -> [OwnedGiftRecord] { try base.ownedGifts(ownerID: ownerID) }
    func premiumUntil(userID: Int64) throws -> Int64? { try base.premiumUntil(userID: userID) }
    func premiumEnded(by now: Int64) throws -> [Int64] { try base.premiumEnded(by: now) }
    func insert(_ record: GiftRecord) throws -> GiftRecord { try base.insert(record) }
    func update(_ record: GiftRecord) throws { try base.update(record) }
    func save(_ record: OwnedGiftRecord) throws { try base.save(record) }
    func deleteOwnedGift(ownerID: Int64, number: Int64) throws { try base.deleteOwnedGift(ownerID: ownerID, number: number) }
    func setPremiumUntil(userID: Int64, until: Int64?) throws { try base.setPremiumUntil(userID: userID, until: until) }
    func insert(_ record: EphemeralMessageRecord) throws { try base.insert(record) }
    func update(_ record: EphemeralMessageRecord) throws { try base.update(record) }
    func deleteEphemeralMessage(chatID: Int64, receiverID: Int64, ephemeralMessageID: Int64) throws {
        try base.deleteEphemeralMessage(chatID: chatID, receiverID: receiverID, ephemeralMessageID: ephemeralMessageID)
    }
    // MARK: Suggested posts, forwarded
    func suggestedPostJobs(dueAt now: Int64, limit: Int) throws -> [SuggestedPostJobRecord] { try base.suggestedPostJobs(dueAt: now, limit: limit) }
    func save(_ record: SuggestedPostJobRecord) throws { try base.save(record) }
    func deleteSuggestedPostJob(chatID: Int64, messageID: Int64, kind: SuggestedPostJobRecord.Kind) throws {
        try base.deleteSuggestedPostJob(chatID: chatID, messageID: messageID, kind: kind)
    }

    // MARK: ChatListReader, forwarded

    private func lists() throws -> any ChatListReader {
        guard let lists = base as? any ChatListReader else { throw ChatHistory.ChatListsUnsupported() }
        return lists
    }

    func privateChats(of accountID: Int64) throws -> [ChatRecord] { try lists().privateChats(of: accountID) }
    func memberships(of accountID: Int64) throws -> [MemberRecord] { try lists().memberships(of: accountID) }
    func messages(chatID: Int64, before beforeID: Int64, limit: Int) throws -> [MessageRecord] { try lists().messages(chatID: chatID, before: beforeID, limit: limit) }
    func unreadCount(chatID: Int64, after afterID: Int64, reader readerID: Int64) throws -> Int { try lists().unreadCount(chatID: chatID, after: afterID, reader: readerID) }
}

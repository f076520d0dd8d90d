import BotAPI
import Foundation
import Storage

/// Suggested posts: a user writes in a channel's direct messages with
/// `suggested_post_parameters` (an optional price and date); an administrator who may post
/// in the channel approves it (it is published in the channel at once or at its date, and the
/// user pays its price in Stars) or a manager of the direct messages declines it. Each
/// outcome is a service message in the user's topic. The checks follow TDLib's
/// `can_approve_message` and `can_decline_message`.
enum SuggestedPosts {
    /// Telegram's bounds on a price in Stars (`suggested_post_star_count_min`/`_max`).
    static let starRange: ClosedRange<Int> = 5 ... 100_000
    /// How far ahead a post may be scheduled (`suggested_post_send_delay_max`: 31 days).
    static let maxSendDelay: Int64 = 2_678_400
    /// A post whose date passed this long ago can no longer be approved; a published paid
    /// post is paid for after the same time.
    static let day: Int64 = 86_400
    /// Nanotoncoins per hundredth of a Toncoin, the unit TON prices are counted in.
    static let nanotonsPerCent = 10_000_000

    static let notFound = APIError.badRequest("suggested post not found")
    static let unusable = APIError.badRequest("message can't be used in the method")

    // MARK: Suggesting

    /// The `suggested_post_info` of a new suggestion, with the official checks of its
    /// parameters. A price of 0 is no price.
    static func info(_ parameters: SuggestedPostParameters, now: Int64) throws -> SuggestedPostInfo {
        var price: SuggestedPostPrice?
        if let given = parameters.price, given.amount != 0 {
            switch given.currency {
            case "XTR":
                guard starRange.contains(given.amount) else { throw APIError.badRequest("invalid amount of Telegram Stars specified") }
            case "TON":
                guard given.amount % nanotonsPerCent == 0 else {
                    throw APIError.badRequest("suggested post price must be divisible by 10000000 nanotoncoins")
                }
                guard given.amount > 0 else { throw APIError.badRequest("invalid amount of Toncoins specified") }
            default:
                throw APIError.badRequest("invalid suggested post price currency specified")
            }
            price = given
        }
        var sendDate: Int?
        if let date = parameters.sendDate, date != 0 {
            guard date > 0 else { throw APIError.badRequest("invalid post send date specified") }
            try requireSchedulable(Int64(date), now: now)
            sendDate = date
        }
        return SuggestedPostInfo(state: "pending", price: price, sendDate: sendDate)
    }

    /// Refuses a publication date in the past or more than 31 days ahead.
    static func requireSchedulable(_ date: Int64, now: Int64) throws {
        guard date > now, date <= now + maxSendDelay else { throw APIError.badRequest("SCHEDULE_DATE_INVALID") }
    }

    // MARK: Approving and declining

    /// A pending suggestion in a direct-messages chat, as `actor` finds it.
    struct Pending {
        var stored: ChatMessages.Stored
        var info: SuggestedPostInfo
        var chat: Group
        var channel: Group
        /// The user who suggested it, whose topic it is in.
        var author: AccountRecord
        /// The actor's membership in the channel.
        var actorMember: MemberRecord?
    }

    /// The suggestion `messageID` of the chat `chatID` names: "suggested post not found" when
    /// there is no such message, "message can't be used in the method" when it is not a
    /// pending post a user suggested to someone else.
    static func pending(_ chatID: ChatID, messageID: Int, actor: AccountRecord, tx: Transaction) throws -> Pending {
        let record = try ChatMessages.chat(chatID, viewer: actor, in: tx.store)
        guard messageID > 0, let stored = try ChatMessages.load(messageID, in: record, from: tx.store) else { throw notFound }
        guard let chat = try Groups.load(internalID: record.id, in: tx.store), chat.details.directMessages?.isDirectMessagesChat == true,
              let info = stored.message.suggestedPostInfo, info.state == "pending",
              // Posts a manager suggested to a user are the user's to approve.
              stored.message.senderChat == nil, stored.record.senderID != actor.id,
              let author = try tx.store.account(id: stored.record.senderID)
        else { throw unusable }
        let channel = try ChannelDirectMessages.channel(of: chat, in: tx.store)
        let member = try Groups.membership(of: actor.id, in: channel, now: tx.now, in: tx.store)
        return Pending(stored: stored, info: info, chat: chat, channel: channel, author: author, actorMember: member?.isPresent == true ? member : nil)
    }

    /// Runs approveSuggestedPost or declineSuggestedPost: publications already due happen
    /// first, then `body` acts on the pending post in one transaction. Answers True.
    static func act(
        on chatID: ChatID, messageID: Int?, call: MethodCall, _ body: @escaping @Sendable (Pending, AccountRecord, Transaction) throws -> Void
    ) async throws -> MethodResult {
        let actor = call.account
        await call.engine.runDueSuggestedPosts()
        try await call.engine.write { tx in
            try body(try pending(chatID, messageID: messageID ?? 0, actor: actor, tx: tx), actor, tx)
        }
        return .true
    }

    /// Approves a suggestion: `actor` must be allowed to post in the channel. With a price in
    /// Stars the author pays it now; if they can't, the approval fails with
    /// `suggested_post_approval_failed` and the post stays pending. Otherwise it is marked
    /// approved, `suggested_post_approved` goes to the topic, and the post is published at
    /// `sendDate`, the date it was suggested with, or now.
    static func approve(_ post: Pending, sendDate: Int64?, by actor: AccountRecord, tx: Transaction) throws {
        var post = post
        guard Rights.of(post.actorMember).canPostMessages == true else { throw unusable }
        if let suggested = post.info.sendDate, Int64(suggested) < tx.now - day { throw unusable }
        if let sendDate { try requireSchedulable(sendDate, now: tx.now) }
        let date = max(sendDate ?? post.info.sendDate.map(Int64.init) ?? tx.now, tx.now)
        if let price = post.info.price, price.currency == "XTR" {
            guard try tx.store.starBalance(accountID: post.author.id) >= Int64(price.amount) else {
                try DirectMessagesChats.postService(from: actor, topic: post.author, in: post.chat, tx: tx) { message in
                    message.suggestedPostApprovalFailed = SuggestedPostApprovalFailed(suggestedPostMessage: embedded(post.stored.message), price: price)
                }
                return
            }
            try StarLedger.post(
                -Int64(price.amount), to: post.author.id, transactionID: StarLedger.newChargeID(),
                partner: .chat(TransactionPartnerChat(chat: Groups.view(post.channel))), now: tx.now, in: tx.store)
        }
        post.info.state = "approved"
        post.info.sendDate = Int(date)
        post.stored.message.suggestedPostInfo = post.info
        try ChatMessages.save(post.stored, in: tx.store)
        try DirectMessagesChats.postService(from: actor, topic: post.author, in: post.chat, tx: tx) { message in
            message.suggestedPostApproved = SuggestedPostApproved(
                suggestedPostMessage: embedded(post.stored.message), price: post.info.price, sendDate: Int(date))
        }
        let job = SuggestedPostJobRecord(chatID: post.chat.chat.id, messageID: post.stored.record.messageID, kind: .publish, dueAt: date)
        if date <= tx.now { try run(job, tx: tx) } else { try schedule(job, tx: tx) }
    }

    /// Declines a suggestion: `actor` must manage the direct messages. The post is marked
    /// declined and `suggested_post_declined` (with the comment) goes to the topic.
    static func decline(_ post: Pending, comment: String?, by actor: AccountRecord, tx: Transaction) throws {
        var post = post
        guard ChannelDirectMessages.manages(post.actorMember) else { throw unusable }
        post.info.state = "declined"
        post.stored.message.suggestedPostInfo = post.info
        try ChatMessages.save(post.stored, in: tx.store)
        try DirectMessagesChats.postService(from: actor, topic: post.author, in: post.chat, tx: tx) { message in
            message.suggestedPostDeclined = SuggestedPostDeclined(
                suggestedPostMessage: embedded(post.stored.message), comment: comment.flatMap { $0.isEmpty ? nil : $0 })
        }
    }

    /// A suggestion as service messages carry it: one level deep.
    static func embedded(_ message: Message) -> Message {
        var message = message
        message.replyToMessage = nil
        return message
    }

    // MARK: Publishing and paying, on the world's clock

    /// Stores a job for later; once committed, a timer runs it on time in real time.
    static func schedule(_ job: SuggestedPostJobRecord, tx: Transaction) throws {
        try tx.store.save(job)
        let engine = tx.engine
        tx.afterCommit { engine.suggestedPostJobScheduled(at: job.dueAt) }
    }

    /// Runs a due job: publishes an approved post in the channel (and, for a price in Stars,
    /// schedules its payment a day later), or pays the channel's owner and tells the topic
    /// with `suggested_post_paid`. A job whose post is gone does nothing.
    static func run(_ job: SuggestedPostJobRecord, tx: Transaction) throws {
        try tx.store.deleteSuggestedPostJob(chatID: job.chatID, messageID: job.messageID, kind: job.kind)
        guard let chat = try Groups.load(internalID: job.chatID, in: tx.store),
              let stored = try ChatMessages.load(Int(job.messageID), in: chat.chat, from: tx.store),
              let info = stored.message.suggestedPostInfo, info.state == "approved",
              let author = try tx.store.account(id: stored.record.senderID)
        else { return }
        var channel = try ChannelDirectMessages.channel(of: chat, in: tx.store)
        guard let owner = try tx.store.account(id: try channelOwner(of: channel, in: tx.store)) else { return }
        switch job.kind {
        case .publish:
            let content = stored.message
            // Posted in the author's name (the channel shows as its sender), so every member,
            // the owner included, gets it.
            let published = try GroupChats.postService(from: author, in: &channel, tx: tx) { message in
                let (chat, senderChat, date) = (message.chat, message.senderChat, message.date)
                message = content
                message.messageId = 0
                (message.chat, message.senderChat, message.date) = (chat, senderChat, date)
                message.from = nil
                message.directMessagesTopic = nil
                message.suggestedPostInfo = nil
                message.replyToMessage = nil
                message.paidStarCount = nil
                message.editDate = nil
                message.isPaidPost = info.price != nil ? true : nil
            }
            if let price = info.price, price.currency == "XTR" {
                try schedule(SuggestedPostJobRecord(chatID: job.chatID, messageID: job.messageID, kind: .pay, dueAt: tx.now + day), tx: tx)
                var unpaid = channel.details.directMessages?.unpaidPosts ?? [:]
                unpaid[published.messageId] = Int(job.messageID)
                channel.details.directMessages?.unpaidPosts = unpaid
                try Groups.save(channel, in: tx.store)
            }
        case .pay:
            guard let price = info.price, price.currency == "XTR" else { return }
            let unpaid = channel.details.directMessages?.unpaidPosts?.filter { $0.value != Int(job.messageID) }
            channel.details.directMessages?.unpaidPosts = unpaid
            try Groups.save(channel, in: tx.store)
            try StarLedger.post(
                Int64(price.amount), to: owner.id, transactionID: StarLedger.newChargeID(),
                partner: .chat(TransactionPartnerChat(chat: Groups.view(chat))), now: tx.now, in: tx.store)
            try DirectMessagesChats.postService(from: owner, topic: author, in: chat, tx: tx) { message in
                message.suggestedPostPaid = SuggestedPostPaid(
                    suggestedPostMessage: embedded(stored.message), currency: "XTR", starAmount: StarAmount(amount: price.amount))
            }
        }
    }

    /// A channel's posts were deleted: those published from paid suggestions not paid for yet
    /// are refunded to their authors, and their topics get `suggested_post_refunded`
    /// (`post_deleted`).
    static func refundDeleted(_ messageIDs: [Int], in chat: ChatRecord, tx: Transaction) throws {
        guard chat.kind == .channel, var channel = try Groups.load(internalID: chat.id, in: tx.store),
              let unpaid = channel.details.directMessages?.unpaidPosts, let directID = channel.details.directMessages?.chatID,
              let direct = try Groups.load(internalID: directID, in: tx.store)
        else { return }
        let refunded = messageIDs.compactMap { unpaid[$0] }
        guard !refunded.isEmpty else { return }
        channel.details.directMessages?.unpaidPosts = unpaid.filter { !messageIDs.contains($0.key) }
        try Groups.save(channel, in: tx.store)
        for suggestionID in refunded {
            try tx.store.deleteSuggestedPostJob(chatID: directID, messageID: Int64(suggestionID), kind: .pay)
            guard let stored = try ChatMessages.load(suggestionID, in: direct.chat, from: tx.store),
                  let price = stored.message.suggestedPostInfo?.price, price.currency == "XTR",
                  let author = try tx.store.account(id: stored.record.senderID),
                  let owner = try tx.store.account(id: try channelOwner(of: channel, in: tx.store))
            else { continue }
            try StarLedger.post(
                Int64(price.amount), to: author.id, transactionID: StarLedger.newChargeID(),
                partner: .chat(TransactionPartnerChat(chat: Groups.view(channel))), now: tx.now, in: tx.store)
            try DirectMessagesChats.postService(from: owner, topic: author, in: direct, tx: tx) { message in
                message.suggestedPostRefunded = SuggestedPostRefunded(suggestedPostMessage: embedded(stored.message), reason: "post_deleted")
            }
        }
    }

    /// The channel's owner, who holds what the channel earns.
    static func channelOwner(of channel: Group, in tx: any StoreReader) throws -> Int64 {
        guard let owner = try tx.members(chatID: channel.chat.id).first(where: { $0.status == .creator }) else {
            throw APIError.badRequest("chat not found")
        }
        return owner.accountID
    }
}

extension Engine {
    /// How many due jobs one transaction runs; the rest run at the next check.
    private static let suggestedPostJobsPerTransaction = 100

    /// Publishes and pays for the approved suggested posts whose time has come (after
    /// `advanceTime`, on a timer, and before the suggested-post methods run).
    func runDueSuggestedPosts() async {
        let now = clock.now()
        do {
            guard try await store.read({ try !$0.suggestedPostJobs(dueAt: now, limit: 1).isEmpty }) else { return }
            try await write { tx in
                for job in try tx.store.suggestedPostJobs(dueAt: tx.now, limit: Self.suggestedPostJobsPerTransaction) {
                    try SuggestedPosts.run(job, tx: tx)
                }
            }
        } catch {
            logger.error("publishing suggested posts failed: \(error)")
        }
    }

    /// A job due at `dueAt` was committed: a timer runs it then, even if no call comes.
    /// A `chained` timer then arms the next stored job's (see ``resumeSuggestedPostTimers()``).
    func suggestedPostJobScheduled(at dueAt: Int64, chained: Bool = false) {
        let delay = max(0, dueAt - clock.now())
        Task { [weak self] in
            try? await Task.sleep(for: .seconds(delay + 1))
            await self?.runDueSuggestedPosts()
            if chained { await self?.resumeSuggestedPostTimers() }
        }
    }

    /// Arms the timer a restart lost, the earliest stored job's; it arms the next one's when
    /// it has run, so jobs stored before a restart still run on time with no call to trigger them.
    func resumeSuggestedPostTimers() async {
        do {
            if let next = try await store.read({ try $0.suggestedPostJobs(dueAt: .max, limit: 1).first }) {
                suggestedPostJobScheduled(at: next.dueAt, chained: true)
            }
        } catch {
            logger.error("reading suggested post jobs failed: \(error)")
        }
    }
}

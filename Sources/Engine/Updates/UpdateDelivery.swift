/// One update to queue: its kind, the `Update` member it fills, and which of the
/// recipient's other updates it keeps its order with.
///
/// Every update the engine queues is made by one of the constructors below, so the rules
/// live here and nowhere else: the member name is always the kind's wire name, and updates
/// that must never overtake each other on a webhook (everything about one chat, the queries
/// of one user) share an ordering key. Queue it with ``Transaction/enqueue(_:for:toPerson:)``.
///
/// ```swift
/// let delivery = UpdateDelivery.message(.message, chat: group.clientID, message.jsonBytes)
/// for member in members { try tx.enqueue(delivery, for: member.id) }
/// ```
struct UpdateDelivery: Sendable {
    let kind: UpdateKind
    /// Updates of one recipient with the same key are delivered by webhook in queue order,
    /// one after another; different keys go out in parallel.
    let orderingKey: String
    /// The Update's members after `update_id`: `"<kind>":<object>`.
    let payload: [UInt8]

    private init(_ kind: UpdateKind, orderedBy orderingKey: String, object: [UInt8]) {
        self.kind = kind
        self.orderingKey = orderingKey
        payload = Array("\"\(kind.rawValue)\":".utf8) + object
    }

    // MARK: Messages and what happens to them, ordered with everything else in their chat

    /// A new or edited message or channel post, in the chat `chat` as the recipient sees it.
    static func message(_ kind: MessageKind, chat: Int64, _ message: [UInt8]) -> UpdateDelivery {
        UpdateDelivery(kind.updateKind, orderedBy: chatOrder(chat), object: message)
    }

    /// The kinds of update that carry a `Message`.
    enum MessageKind: Sendable {
        case message, editedMessage, channelPost, editedChannelPost

        /// A new message: a channel post in a channel.
        static func new(inChannel: Bool) -> MessageKind { inChannel ? .channelPost : .message }
        /// An edited message: an edited channel post in a channel.
        static func edited(inChannel: Bool) -> MessageKind { inChannel ? .editedChannelPost : .editedMessage }

        var updateKind: UpdateKind {
            switch self {
            case .message: .message
            case .editedMessage: .editedMessage
            case .channelPost: .channelPost
            case .editedChannelPost: .editedChannelPost
            }
        }
    }

    /// The user surface's `deleted_messages` (USER-API.md): `object` is `{"chat":…,"message_ids":[…]}`.
    static func deletedMessages(chat: Int64, _ object: [UInt8]) -> UpdateDelivery {
        UpdateDelivery(.deletedMessages, orderedBy: chatOrder(chat), object: object)
    }

    /// User surface: ephemeral messages only the recipient saw were deleted in `chat`.
    static func deletedEphemeralMessages(chat: Int64, _ object: [UInt8]) -> UpdateDelivery {
        UpdateDelivery(.deletedEphemeralMessages, orderedBy: chatOrder(chat), object: object)
    }

    /// The user surface's `message_draft` (docs/user-api-extensions.md): a bot's draft in the
    /// private chat with `chat`, ordered with the chat's messages.
    static func messageDraft(chat: Int64, _ object: [UInt8]) -> UpdateDelivery {
        UpdateDelivery(.messageDraft, orderedBy: chatOrder(chat), object: object)
    }

    /// The user pressed Stop on the bot's draft in the private chat with `chat`.
    static func stoppedMessageGeneration(chat: Int64, _ object: [UInt8]) -> UpdateDelivery {
        UpdateDelivery(.stoppedMessageGeneration, orderedBy: chatOrder(chat), object: object)
    }

    /// The counts of a message's anonymous reactions changed.
    static func messageReactionCount(chat: Int64, _ update: [UInt8]) -> UpdateDelivery {
        UpdateDelivery(.messageReactionCount, orderedBy: chatOrder(chat), object: update)
    }

    /// Someone changed their reaction to a message. Reactions keep an order of their own:
    /// a burst of them never holds back the chat's messages.
    static func messageReaction(chat: Int64, _ update: [UInt8]) -> UpdateDelivery {
        UpdateDelivery(.messageReaction, orderedBy: "message_reaction:\(chat)", object: update)
    }

    /// A poll's state changed; ordered with the poll's answers.
    static func poll(id: String, _ poll: [UInt8]) -> UpdateDelivery {
        UpdateDelivery(.poll, orderedBy: pollOrder(id), object: poll)
    }

    /// A user answered a non-anonymous poll.
    static func pollAnswer(pollID: String, _ answer: [UInt8]) -> UpdateDelivery {
        UpdateDelivery(.pollAnswer, orderedBy: pollOrder(pollID), object: answer)
    }

    // MARK: Membership, ordered per chat

    /// The recipient's own membership in `chat` changed (for a private chat, `chat` is the
    /// user who blocked or unblocked the bot).
    static func myChatMember(chat: Int64, _ update: [UInt8]) -> UpdateDelivery {
        UpdateDelivery(.myChatMember, orderedBy: memberOrder(chat), object: update)
    }

    /// Someone's membership in `chat` changed.
    static func chatMember(chat: Int64, _ update: [UInt8]) -> UpdateDelivery {
        UpdateDelivery(.chatMember, orderedBy: memberOrder(chat), object: update)
    }

    /// Someone asked to join `chat`.
    static func chatJoinRequest(chat: Int64, _ request: [UInt8]) -> UpdateDelivery {
        UpdateDelivery(.chatJoinRequest, orderedBy: "join:\(chat)", object: request)
    }

    /// The user surface's `chat_join_request_web_app`: the bot a join request was put to
    /// asks the user to open a Web App (`sendChatJoinRequestWebApp`).
    static func chatJoinRequestWebApp(chat: Int64, _ object: [UInt8]) -> UpdateDelivery {
        UpdateDelivery(.chatJoinRequestWebApp, orderedBy: "join:\(chat)", object: object)
    }

    /// A guest bot is asked about a message in `chat` (`guest_message`).
    static func guestMessage(chat: Int64, _ message: [UInt8]) -> UpdateDelivery {
        UpdateDelivery(.guestMessage, orderedBy: "guest:\(chat)", object: message)
    }

    // MARK: Boosts, ordered per chat

    /// Someone boosted `chat`.
    static func chatBoost(chat: Int64, _ update: [UInt8]) -> UpdateDelivery {
        UpdateDelivery(.chatBoost, orderedBy: "boost:\(chat)", object: update)
    }

    /// A boost of `chat` was taken back.
    static func removedChatBoost(chat: Int64, _ update: [UInt8]) -> UpdateDelivery {
        UpdateDelivery(.removedChatBoost, orderedBy: "boost:\(chat)", object: update)
    }

    /// A bot managed by the recipient was made or changed; ordered per owner.
    static func managedBot(owner: Int64, _ update: [UInt8]) -> UpdateDelivery {
        UpdateDelivery(.managedBot, orderedBy: "managed_bot:\(owner)", object: update)
    }

    // MARK: A user's queries to a bot, ordered per user

    static func callbackQuery(from user: Int64, _ query: [UInt8]) -> UpdateDelivery {
        UpdateDelivery(.callbackQuery, orderedBy: "callback_query:\(user)", object: query)
    }

    static func inlineQuery(from user: Int64, _ query: [UInt8]) -> UpdateDelivery {
        UpdateDelivery(.inlineQuery, orderedBy: "inline_query:\(user)", object: query)
    }

    static func chosenInlineResult(from user: Int64, _ result: [UInt8]) -> UpdateDelivery {
        UpdateDelivery(.chosenInlineResult, orderedBy: "chosen_inline_result:\(user)", object: result)
    }

    /// A shipping or pre-checkout query: both kinds of one user share one order, so a
    /// pre-checkout query never overtakes the shipping query before it.
    static func paymentQuery(_ kind: PaymentQueryKind, from user: Int64, _ query: [UInt8]) -> UpdateDelivery {
        UpdateDelivery(kind.updateKind, orderedBy: "payment_query:\(user)", object: query)
    }

    enum PaymentQueryKind: Sendable {
        case shipping, preCheckout

        var updateKind: UpdateKind {
            switch self {
            case .shipping: .shippingQuery
            case .preCheckout: .preCheckoutQuery
            }
        }
    }

    static func purchasedPaidMedia(by user: Int64, _ purchase: [UInt8]) -> UpdateDelivery {
        UpdateDelivery(.purchasedPaidMedia, orderedBy: "purchased_paid_media:\(user)", object: purchase)
    }

    // MARK: Business accounts

    /// A user connected, changed or disconnected the recipient as their business bot;
    /// ordered per business account.
    static func businessConnection(of user: Int64, _ connection: [UInt8]) -> UpdateDelivery {
        UpdateDelivery(.businessConnection, orderedBy: "business_connection:\(user)", object: connection)
    }

    /// A new or edited message in a chat of a connected business account; ordered with the
    /// chat's deletions (`chat` is the internal id of the private chat).
    static func businessMessage(edited: Bool, chat: Int64, _ message: [UInt8]) -> UpdateDelivery {
        UpdateDelivery(edited ? .editedBusinessMessage : .businessMessage, orderedBy: businessChatOrder(chat), object: message)
    }

    /// Messages deleted in a chat of a connected business account.
    static func deletedBusinessMessages(chat: Int64, _ deleted: [UInt8]) -> UpdateDelivery {
        UpdateDelivery(.deletedBusinessMessages, orderedBy: businessChatOrder(chat), object: deleted)
    }

    private static func businessChatOrder(_ chat: Int64) -> String { "business:\(chat)" }

    // MARK: Ordering keys shared by several kinds

    private static func chatOrder(_ chat: Int64) -> String { "message:\(chat)" }
    private static func pollOrder(_ id: String) -> String { "poll:\(id)" }
    private static func memberOrder(_ chat: Int64) -> String { "member:\(chat)" }
}

import BotAPI
import Storage

/// Resolving a `chat_id` for methods that read or administer a chat rather than post in it.
enum ChatLookup {
    /// Either a private chat, by its other party, or a group.
    enum Target {
        case privateChat(peer: AccountRecord)
        case group(Group)
    }

    /// The chat `chatID` names for `caller`. Groups require the caller to be present, with
    /// the official "not a member"/"kicked" refusals.
    static func target(_ chatID: ChatID, caller: AccountRecord, now: Int64, in tx: any StoreReader) throws -> Target {
        switch try Outbox.destination(chatID, from: caller, in: tx) {
        case .privateChat(let peer): return .privateChat(peer: peer)
        case .group(let group):
            // A channel's direct messages have no members: who may read them is the channel's affair.
            if group.details.directMessages?.isDirectMessagesChat == true {
                try DirectMessagesChats.requireReader(caller, of: group, now: now, in: tx)
                return .group(group)
            }
            // Public chats can be read by anyone who isn't banned from them.
            let member = try Groups.membership(of: caller.id, in: group, now: now, in: tx)
            if group.record.username == nil || member?.status == .kicked {
                try Groups.requirePresence(of: caller, in: group, now: now, in: tx)
            }
            return .group(group)
        }
    }

    /// The group `chatID` names, refusing private chats with `privateError`.
    static func group(_ chatID: ChatID, caller: AccountRecord, now: Int64, privateError: String, in tx: any StoreReader) throws -> Group {
        switch try target(chatID, caller: caller, now: now, in: tx) {
        case .privateChat: throw APIError.badRequest(privateError)
        case .group(let group): return group
        }
    }
}

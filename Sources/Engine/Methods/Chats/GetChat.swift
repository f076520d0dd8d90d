import BotAPI
import Storage

/// `getChat` (bots and users): the full description of a private chat, group, supergroup
/// or channel.
enum GetChat: APIMethod {
    static let name = "getChat"
    static let surfaces: Set<Surface> = [.bot, .user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let p: GetChatParameters = try call.decode()
        let caller = call.account
        let now = call.engine.clock.now()
        let info = try await call.engine.store.read { tx in
            let gifts = AcceptedGiftTypes(unlimitedGifts: false, limitedGifts: false, uniqueGifts: false, premiumSubscription: false, giftsFromChannels: false)
            switch try ChatLookup.target(p.chatId, caller: caller, now: now, in: tx) {
            case .privateChat(let peer):
                let chat = Views.privateChat(with: peer)
                return ChatFullInfo(
                    id: chat.id, type: "private", username: chat.username, firstName: chat.firstName, lastName: chat.lastName,
                    accentColorId: Int(peer.id % 7), maxReactionCount: 11, acceptedGiftTypes: gifts)
            case .group(let group):
                var info = ChatFullInfo(
                    id: Int(group.clientID), type: group.kind, title: group.record.title, username: group.record.username,
                    isForum: group.record.isForum ? true : nil, accentColorId: Int(group.chat.id % 7), maxReactionCount: 11,
                    acceptedGiftTypes: gifts)
                info.description = group.details.description
                info.photo = try ChatPhotos.view(of: group, in: tx)
                info.inviteLink = try InviteLinks.primary(of: caller, in: group, now: now, in: tx)
                if !group.isChannel { info.permissions = group.details.permissions ?? ChatPermissionsDefaults.members }
                if let pinned = group.details.pinnedMessageIDs.last, let stored = try ChatMessages.load(pinned, in: group.chat, from: tx) {
                    info.pinnedMessage = stored.message
                }
                return info
            }
        }
        return MethodResult(info)
    }
}

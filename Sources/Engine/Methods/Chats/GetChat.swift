import BotAPI
import Storage

/// `getChat` (bots and users): the full description of a private chat, group, supergroup
/// or channel the caller can see (``Visibility``). The caller may then use the chat photo's
/// `file_id`, as on Telegram.
enum GetChat: APIMethod {
    static let name = "getChat"
    static let surfaces: Set<Surface> = [.bot, .user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let p: GetChatParameters = try call.decode()
        let caller = call.account
        let now = call.engine.clock.now()
        let (info, photoToGrant) = try await call.engine.store.read { tx -> (ChatFullInfo, [Int64]) in
            let gifts = AcceptedGiftTypes(unlimitedGifts: false, limitedGifts: false, uniqueGifts: false, premiumSubscription: false, giftsFromChannels: false)
            switch try ChatLookup.target(p.chatId, caller: caller, now: now, in: tx) {
            case .privateChat(let peer):
                let chat = Views.privateChat(with: peer)
                var info = ChatFullInfo(
                    id: chat.id, type: "private", username: chat.username, firstName: chat.firstName, lastName: chat.lastName,
                    accentColorId: Int(peer.id % 7), maxReactionCount: 11,
                    acceptedGiftTypes: peer.isBot ? gifts : try GiftSettings.accepted(by: peer.id, in: tx))
                if let record = try tx.privateChat(between: caller.id, and: peer.id) {
                    info.pinnedMessage = try PrivatePins.latest(in: record, for: caller, from: tx)
                }
                return (info, [])
            case .group(let group):
                var info = ChatFullInfo(
                    id: Int(group.clientID), type: group.kind.rawValue, title: group.record.title, username: group.record.username,
                    isForum: group.record.isForum ? true : nil, accentColorId: Int(group.chat.id % 7), maxReactionCount: 11,
                    acceptedGiftTypes: gifts)
                info.description = group.details.description
                info.photo = try ChatPhotos.view(of: group, in: tx)
                info.inviteLink = try InviteLinks.primary(of: caller, in: group, now: now, in: tx)
                if !group.isChannel { info.permissions = group.details.permissions ?? ChatPermissionsDefaults.members }
                try ChannelDirectMessages.complete(&info, chat: group, in: tx)
                if let pinned = group.details.pinnedMessageIDs.last, let stored = try ChatMessages.load(pinned, in: group.chat, from: tx) {
                    info.pinnedMessage = stored.message
                }
                // The photo's file_id is the caller's to use from now on (``FileAccess``).
                // Its small and big files, or the one stored image of a photo set before those existed.
                var photoToGrant: [Int64] = []
                if info.photo != nil, let row = group.details.photo?.fileID {
                    let sizes = try tx.derivatives(of: row, role: .chatPhotoSmall) + tx.derivatives(of: row, role: .chatPhotoBig)
                    photoToGrant = try (sizes.isEmpty ? [row] : sizes).filter { try !tx.fileIsGranted(fileID: $0, to: caller.id) }
                }
                return (info, photoToGrant)
            }
        }
        if !photoToGrant.isEmpty {
            try await call.engine.write { tx in
                for row in photoToGrant { try tx.store.grantFile(fileID: row, to: caller.id) }
            }
        }
        return MethodResult(try await ChatInfoAdditions.complete(info, caller: caller, now: now, engine: call.engine))
    }
}

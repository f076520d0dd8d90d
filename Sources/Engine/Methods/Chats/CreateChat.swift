import BotAPI
import Foundation
import Storage

/// `createChat` (users): creates a group, supergroup or channel with the caller as its
/// creator and adds `member_ids` to it. Bots added get `my_chat_member` (USER-API.md).
enum CreateChat: APIMethod {
    static let name = "createChat"
    static let surfaces: Set<Surface> = [.user]

    struct Parameters: Decodable {
        let type: String?
        let title: String?
        let member_ids: [Int64]?
        let username: String?
        let is_forum: Bool?
        let description: String?
    }

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let p: Parameters = try call.decode()
        let creator = call.account
        guard let kind = ChatKind(rawValue: (p.type ?? "group").lowercased()), kind.isGroupLike else {
            throw APIError.badRequest("unsupported chat type specified")
        }
        let title = (p.title ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !title.isEmpty else { throw APIError.badRequest("CHAT_TITLE_EMPTY") }
        guard title.count <= 128 else { throw APIError.badRequest("chat title is too long") }
        if let username = p.username {
            guard kind != .group else { throw APIError.badRequest("basic groups can't have a username") }
            try Usernames.validate(username, mustEndInBot: false)
        }
        if p.is_forum == true && kind != .supergroup { throw APIError.badRequest("only supergroups can be forums") }

        let chat = try await call.engine.write { tx in
            if let username = p.username { try Usernames.ensureFree(username, in: tx.store) }
            let chat = try tx.store.insert(ChatRecord(kind: kind))
            var details = GroupDetails()
            details.description = p.description
            let record = GroupRecord(chatID: chat.id, title: title, username: p.username, isForum: p.is_forum ?? false,
                                     details: Data(details.jsonBytes))
            try tx.store.save(record)
            var group = Group(chat: chat, record: record, details: details)
            try tx.store.save(Groups.record(.creator, of: creator, in: group, now: tx.now))
            var members: [AccountRecord] = []
            for id in p.member_ids ?? [] where id != creator.id {
                guard let account = try tx.store.account(id: id), !account.isDeleted else { throw APIError.badRequest("user not found") }
                members.append(account)
            }
            // A basic group is created with its members, who all see "group created"; a
            // supergroup or channel is created first and its members are then invited.
            if kind == .group {
                for account in members { try Membership.add(account, to: &group, by: creator, announce: false, tx: tx) }
            }
            try GroupChats.postService(from: creator, in: &group, tx: tx) { message in
                switch kind {
                case .group: message.groupChatCreated = true
                case .supergroup: message.supergroupChatCreated = true
                default: message.channelChatCreated = true
                }
            }
            if kind != .group, !members.isEmpty {
                // Invited together, as Telegram's apps add the people picked at creation: one
                // service message names them all (one update per member, not one per pair).
                for account in members { try Membership.add(account, to: &group, by: creator, announce: false, tx: tx) }
                if kind == .supergroup {
                    try GroupChats.postService(from: creator, in: &group, tx: tx) { message in
                        message.newChatMembers = members.map(Views.user)
                    }
                }
            }
            return Groups.view(group)
        }
        return MethodResult(chat)
    }
}

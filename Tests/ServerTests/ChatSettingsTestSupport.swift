import Foundation
import Storage
import Testing

/// What the chat-settings, invite-link, upgrade and forum-topic suites share.
enum ChatSetup {
    /// Creates a chat on the user surface and returns its id.
    static func create(
        _ client: Client, _ user: String, type: String = "group", title: String = "Team", members: [Int], forum: Bool = false
    ) async throws -> Int {
        var parameters = ["type": type, "title": title, "member_ids": "\(members)"]
        if forum { parameters["is_forum"] = "true" }
        let answer = try await client.user(user, "createChat", parameters)
        try #require(answer.ok, "createChat failed: \(answer.body)")
        return answer.resultObject["id"] as? Int ?? 0
    }

    /// Makes `accountID` an administrator of `chatID` with `rights` straight in the store,
    /// so these suites don't depend on promoteChatMember.
    static func makeAdmin(_ world: TestWorld, chatID: Int, accountID: Int, rights: [String]) async throws {
        let internalID = chatID <= -1_000_000_000_000 ? Int64(-chatID) - 1_000_000_000_000 : Int64(-chatID)
        var all: [String: Bool] = [:]
        for key in [
            "is_anonymous", "can_manage_chat", "can_delete_messages", "can_manage_video_chats", "can_restrict_members",
            "can_promote_members", "can_change_info", "can_invite_users", "can_post_stories", "can_edit_stories",
            "can_delete_stories", "can_pin_messages", "can_manage_topics",
        ] { all[key] = rights.contains(key) }
        let details = try JSONSerialization.data(withJSONObject: ["rights": all])
        try await world.engine.store.write { tx in
            guard var member = try tx.member(chatID: internalID, accountID: Int64(accountID)) else { return }
            member.status = .administrator
            member.details = details
            try tx.save(member)
        }
    }

    /// Every update waiting for `token` (bot or user), confirming nothing.
    static func updates(_ client: Client, bot token: String, allowed: String? = nil) async throws -> [[String: Any]] {
        var parameters = ["timeout": "0"]
        if let allowed { parameters["allowed_updates"] = allowed }
        return try await client.bot(token, "getUpdates", parameters).resultArray
    }

    static func userUpdates(_ client: Client, _ token: String) async throws -> [[String: Any]] {
        try await client.user(token, "getUpdates", ["timeout": "0"]).resultArray
    }

    /// The `message` objects among `updates`.
    static func messages(_ updates: [[String: Any]]) -> [[String: Any]] {
        updates.compactMap { $0["message"] as? [String: Any] }
    }
}

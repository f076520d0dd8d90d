import BotAPI
import Foundation
import Storage

/// Engine state kept inside ``GroupDetails`` as plain `Codable` JSON: only the engine reads
/// it back, so the default key names are fine.
protocol StoredJSON: Codable, JSONWritable {}

extension StoredJSON {
    func writeJSON(to writer: inout JSONWriter) {
        writer.rawValue((try? JSONEncoder().encode(self)) ?? Data("{}".utf8))
    }
}

/// A chat photo set with setChatPhoto.
struct ChatPhotoState: StoredJSON {
    /// The stored file's row, when the upload was kept in the file store.
    var fileID: Int64?
    /// Stable per upload: the photo's `file_unique_id` stem.
    var uniqueID: String
    var width: Int
    var height: Int
    var setAt: Int64
}

/// What the chat-settings methods share: resolving the chat, who may change what, and
/// TDLib's name cleaning.
enum ChatSettings {
    /// The `chat_id` of a call whose other parameters are checked after the chat, as the
    /// official server resolves the chat first.
    struct ChatOnly: Decodable {
        let chat_id: ChatID
    }

    static func chatID(of call: MethodCall) throws -> ChatID {
        let only: ChatOnly = try call.decode()
        return only.chat_id
    }

    /// The group `chatID` names and the caller's membership in it; private chats are
    /// refused with `privateError`.
    static func group(
        _ chatID: ChatID, caller: AccountRecord, now: Int64, privateError: String, in tx: any StoreReader
    ) throws -> (group: Group, member: MemberRecord) {
        let group = try ChatLookup.group(chatID, caller: caller, now: now, privateError: privateError, in: tx)
        let member = try Groups.requirePresence(of: caller, in: group, now: now, in: tx)
        return (group, member)
    }

    /// The permissions a non-administrator has: its own when restricted, else the chat's
    /// defaults.
    static func permissions(of member: MemberRecord, in group: Group) -> ChatPermissions {
        member.status == .restricted
            ? (member.decodedDetails.permissions ?? ChatPermissions())
            : (group.details.permissions ?? ChatPermissionsDefaults.members)
    }

    /// The group where `caller` pins or unpins, with its right to checked; nil for a private
    /// chat (either party may pin there), after checking `messageID`, when given, exists.
    static func pinningGroup(
        _ chatID: ChatID, messageID: Int?, missing: String, caller: AccountRecord, now: Int64, in tx: any StoreReader
    ) throws -> Group? {
        switch try ChatLookup.target(chatID, caller: caller, now: now, in: tx) {
        case .privateChat:
            let chat = try ChatMessages.chat(chatID, viewer: caller, in: tx)
            if let messageID, try messageID <= 0 || ChatMessages.load(messageID, in: chat, from: tx) == nil {
                throw APIError.badRequest(missing)
            }
            return nil
        case .group(let group):
            try ChatAccess.present(caller, in: group, now: now, in: tx)
                .require(.pinMessages, otherwise: "not enough rights to manage pinned messages in the chat")
            return group
        }
    }

    /// TDLib's `clean_name`: runs of whitespace become one space, the ends are trimmed and
    /// at most `limit` characters are kept.
    static func cleanName(_ text: String, limit: Int) -> String {
        let words = text.split(whereSeparator: { $0.isWhitespace || $0.isNewline })
        return String(words.joined(separator: " ").prefix(limit))
    }

    /// The message `messageID` in `group` for a pin or unpin, or `missing`.
    static func message(_ messageID: Int, in group: Group, missing: String, in tx: any StoreReader) throws -> Message {
        guard messageID > 0, let stored = try ChatMessages.load(messageID, in: group.chat, from: tx) else {
            throw APIError.badRequest(missing)
        }
        return stored.message
    }
}

import Storage

/// Username rules shared by users, bots and public chats (USER-API.md): 5–32 letters,
/// digits and underscores, unique case-insensitively.
enum Usernames {
    static func validate(_ username: String, mustEndInBot: Bool) throws {
        let valid = (5...32).contains(username.utf8.count)
            && username.utf8.allSatisfy { byte in
                (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                    || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_")
            }
            && !(username.first?.isNumber ?? true)
        guard valid else { throw APIError.badRequest("USERNAME_INVALID") }
        if mustEndInBot && !username.lowercased().hasSuffix("bot") {
            throw APIError.badRequest("USERNAME_INVALID: a bot's username must end in \"bot\"")
        }
    }

    static func ensureFree(_ username: String, in tx: any StoreReader) throws {
        if try tx.account(username: username) != nil || tx.group(username: username) != nil {
            throw APIError.badRequest("USERNAME_OCCUPIED")
        }
    }
}

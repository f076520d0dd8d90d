import BotAPI
import Storage

/// What a business bot changes on its account's profile: name, username, bio, photo.
enum BusinessProfiles {
    /// Telegram's limits on a profile's names and bio.
    static let maxNameLength = 64
    static let maxBioLength = 140

    private static func bioKey(_ userID: Int64) -> String { "user:\(userID):bio" }

    /// The user's bio (getChat's `bio`), nil when none.
    static func bio(of userID: Int64, in store: any StoreReader) throws -> String? {
        guard let bio = try store.setting(bioKey(userID)), !bio.isEmpty else { return nil }
        return bio
    }

    /// Sets, or with an empty text removes, the user's bio.
    static func setBio(_ bio: String, of userID: Int64, in store: any StoreWriter) throws {
        try store.setSetting(bioKey(userID), bio)
    }

    /// Runs `change` on the business account of the connection a call names, once the
    /// connection is found and grants `right`, and saves the changed account.
    static func changeAccount(
        _ call: MethodCall, requiring right: BusinessRight, _ change: @escaping @Sendable (inout AccountRecord, Transaction) throws -> Void
    ) async throws -> MethodResult {
        let bot = call.account
        let id = call.businessConnectionID
        try await call.engine.write { tx in
            let access = try BusinessConnections.resolve(id, bot: bot, requiring: right, in: tx.store)
            var account = access.user
            try change(&account, tx)
            if account != access.user { try tx.update(account) }
        }
        return .true
    }
}

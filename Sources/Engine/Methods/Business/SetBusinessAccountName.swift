import BotAPI
import Storage

/// `setBusinessAccountName`: the business account's first and last name (right
/// `can_edit_name`); `last_name` absent or empty removes it.
enum SetBusinessAccountName: APIMethod {
    static let name = "setBusinessAccountName"
    static let surfaces: Set<Surface> = [.bot]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        guard let first = call.parameters["first_name"] else { throw APIError.badRequest("parameter \"first_name\" is required") }
        let last = call.parameters["last_name"] ?? ""
        return try await BusinessProfiles.changeAccount(call, requiring: .editName) { account, _ in
            // Telegram's names for names it refuses.
            guard !first.isEmpty, first.count <= BusinessProfiles.maxNameLength else { throw APIError.badRequest("FIRSTNAME_INVALID") }
            guard last.count <= BusinessProfiles.maxNameLength else { throw APIError.badRequest("LASTNAME_INVALID") }
            account.firstName = first
            account.lastName = last.isEmpty ? nil : last
        }
    }
}

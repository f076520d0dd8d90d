import BotAPI
import Storage

/// `setBotVerifier` (admin): makes a bot a verifier for an organization (`company`), which
/// lets it call `verifyUser` / `verifyChat`; an empty or absent `company` takes that back
/// (its verifications stay, as Telegram keeps them). `can_modify_custom_description`
/// (default true) lets the bot write its own description per verification.
enum SetBotVerifier: APIMethod {
    static let name = "setBotVerifier"
    static let surfaces: Set<Surface> = [.admin]

    struct Parameters: Decodable {
        let user_id: Int64
        let company: String?
        let can_modify_custom_description: Bool?
    }

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let p: Parameters = try call.decode()
        try await call.engine.write { tx in
            let account = try AdminBots.bot(p.user_id, in: tx.store)
            let company = p.company ?? ""
            let verifier = company.isEmpty
                ? nil : Verifications.Verifier(company: company, canModifyCustomDescription: p.can_modify_custom_description ?? true)
            try Verifications.setVerifier(verifier, bot: account.id, in: tx.store)
        }
        return .true
    }
}

import BotAPI
import Storage

/// `transferBusinessAccountStars`: moves 1–10000 Stars from the business account to the
/// bot's balance (right `can_transfer_stars`); both sides record a
/// `business_account_transfer` transaction naming the other.
enum TransferBusinessAccountStars: APIMethod {
    static let name = "transferBusinessAccountStars"
    static let surfaces: Set<Surface> = [.bot]

    static let allowed: ClosedRange<Int64> = 1...10_000

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let bot = call.account
        let id = call.businessConnectionID
        let count = Int64(call.parameters["star_count"].map(LenientParse.integer) ?? 0)
        try await call.engine.write { tx in
            let access = try BusinessConnections.resolve(id, bot: bot, requiring: .transferStars, in: tx.store)
            // Telegram's name for an amount out of range (guess: the official text is undocumented).
            guard allowed.contains(count) else { throw APIError.badRequest("STARS_AMOUNT_INVALID") }
            try StarLedger.transfer(
                count, from: access.user.id, to: bot.id, transactionID: StarLedger.newChargeID(prefix: "btx"),
                payerSees: StarLedger.partner(bot, kind: .businessAccountTransfer),
                payeeSees: StarLedger.partner(access.user, kind: .businessAccountTransfer), now: tx.now, in: tx.store)
        }
        return .true
    }
}

import BotAPI
import Storage

/// `createInvoiceLink` (bots): an invoice behind a link, `https://t.me/$<slug>`, that any user
/// can pay with `payInvoice`. Stars invoices may be subscriptions (`subscription_period`).
enum CreateInvoiceLink: APIMethod {
    static let name = "createInvoiceLink"
    static let surfaces: Set<Surface> = [.bot]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let terms = try InvoiceRules.terms(from: call.parameters, allowsSubscription: true)
        if call.parameters["business_connection_id"] != nil { throw APIError.badRequest("business connection not found") }
        let bot = call.account
        let slug = Invoices.newSlug()
        _ = try await call.engine.write { tx in
            try tx.store.insert(InvoiceRecord(botID: bot.id, slug: slug, terms: terms.encoded))
        }
        return MethodResult(Invoices.linkPrefix + slug)
    }
}

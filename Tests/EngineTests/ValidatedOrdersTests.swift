@testable import Engine
import BotAPI
import Storage
import Testing

/// `order_info_id`s from validateOrderInfo live in the store: payInvoice may come through
/// any instance, within the hour, once.
@Suite struct ValidatedOrdersTests {
    static func order(user: Int64 = 2, invoice: Int64 = 7) -> ValidatedOrders.Order {
        ValidatedOrders.Order(
            userID: user, invoiceID: invoice, orderInfo: OrderInfo(name: "Ann", email: "ann@example.com"),
            shippingOptions: [ShippingChoice(id: "post", title: "Post", prices: [PriceLine(label: "Post", amount: 300)])])
    }

    static func keep(_ order: ValidatedOrders.Order, on engine: Engine) async throws -> String {
        try await engine.write { tx in try ValidatedOrders.keep(order, botID: 1, in: tx) }
    }

    static func find(_ id: String, user: Int64 = 2, invoice: Int64 = 7, on engine: Engine) async throws -> ValidatedOrders.Order? {
        let now = engine.clock.now()
        return try await engine.store.read { try ValidatedOrders.order(id, userID: user, invoiceID: invoice, now: now, in: $0) }
    }

    @Test func anOrderValidatedOnOneInstanceIsFoundOnAnother() async throws {
        let world = try SharedStore()
        let id = try await Self.keep(Self.order(), on: world.a)
        #expect(try await Self.find(id, on: world.b) == Self.order())
        // Only by its user, for its invoice.
        #expect(try await Self.find(id, user: 3, on: world.b) == nil)
        #expect(try await Self.find(id, invoice: 8, on: world.b) == nil)
        try await world.b.write { tx in try ValidatedOrders.forget(id, in: tx) }
        #expect(try await Self.find(id, on: world.a) == nil)
    }

    @Test func anOrderExpiresAfterAnHour() async throws {
        let world = try SharedStore()
        let id = try await Self.keep(Self.order(), on: world.a)
        world.clock.advance(by: ValidatedOrders.lifetime - 1)
        #expect(try await Self.find(id, on: world.b) != nil)
        world.clock.advance(by: 1)
        #expect(try await Self.find(id, on: world.b) == nil)
    }

    @Test func eachUserKeepsItsNewestOrdersOnly() async throws {
        let world = try SharedStore()
        var ids: [String] = []
        for _ in 0..<ValidatedOrders.maxPerUser + 2 {
            ids.append(try await Self.keep(Self.order(), on: world.a))
            world.clock.advance(by: 1)
        }
        let other = try await Self.keep(Self.order(user: 5), on: world.b)
        #expect(try await Self.find(ids[0], on: world.b) == nil)
        #expect(try await Self.find(ids[1], on: world.b) == nil)
        for id in ids.dropFirst(2) { #expect(try await Self.find(id, on: world.b) != nil) }
        #expect(try await Self.find(other, user: 5, on: world.a) != nil)
    }
}

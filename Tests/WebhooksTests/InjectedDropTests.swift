import BotAPI
import Engine
import Foundation
import Testing

@testable import Webhooks

/// `injectFault` with `method` `webhookDelivery` (docs/user-api-extensions.md): the next
/// deliveries are lost as a broken connection would lose them, shown by getWebhookInfo, and
/// sent again on the retry schedule: nothing is lost for good.
@Suite(.timeLimit(.minutes(1))) struct InjectedDropTests {
    @Test func droppedDeliveriesAreRetriedAndShowAsAnError() async throws {
        let world = try WebhookWorld()
        let bot = try await world.createBot()
        let other = try await world.createBot("other_hook_bot")
        let user = try await world.createUser()
        let receiver = TestReceiver()
        let port = try await receiver.start()
        defer { Task { await receiver.stop() } }
        try await world.setWebhook(bot, url: "http://127.0.0.1:\(port)/bot")
        try await world.setWebhook(other, url: "http://127.0.0.1:\(port)/other")
        let parameters = Parameters(["method": "webhookDelivery", "count": "2", "bot_id": "\(bot.id)"])
        #expect(try await world.call(.admin, WebhookWorld.adminToken, "injectFault", parameters) as? Bool == true)
        try await world.send("first", from: user, to: bot)
        try await world.send("second", from: user, to: bot)
        try await world.send("to the other bot", from: user, to: other)

        let requests = try await world.withDispatcher { _ in
            let requests = try await receiver.waitFor { requests in requests.filter { $0.head.hasPrefix("POST /bot ") }.count == 2 }
            try await world.waitForInfo(bot) { $0.pendingUpdateCount == 0 }
            return requests
        }
        // Both updates arrived, once each and in order, after the two lost attempts.
        let texts = requests.filter { $0.head.hasPrefix("POST /bot ") }.map { String(decoding: $0.body, as: UTF8.self) }
        #expect(texts.count == 2 && texts[0].contains("\"first\"") && texts[1].contains("\"second\""))
        let info = try await world.webhookInfo(bot)
        #expect(info.lastErrorMessage == "Connection reset by peer")
        // The other bot's delivery was not touched.
        #expect(requests.contains { $0.head.hasPrefix("POST /other ") })
        #expect(try await world.webhookInfo(other).lastErrorMessage == nil)
    }

    @Test func aDropTakesNoErrorParameters() async throws {
        let world = try WebhookWorld()
        let parameters = Parameters(["method": "webhookdelivery", "error_code": "500", "description": "x"])
        do {
            _ = try await world.call(.admin, WebhookWorld.adminToken, "injectFault", parameters)
            Issue.record("injectFault accepted an error for dropped deliveries")
        } catch let failure as WebhookWorld.CallFailed {
            #expect(failure.error.contains("webhook deliveries can only be dropped"), "\(failure)")
        }
    }
}

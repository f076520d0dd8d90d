import BotAPI
import Engine
import Foundation
import Testing

@testable import Webhooks

/// A restored snapshot (`restoreSnapshot`) while webhooks deliver: the restored queue is
/// delivered afresh, and every update id a webhook receives is higher than the ones before.
@Suite(.timeLimit(.minutes(1))) struct SnapshotWebhookTests {
    private static func delivered(_ requests: [TestReceiver.Request]) -> [(id: Int, text: String)] {
        requests.filter { $0.head.hasPrefix("POST /bot ") }.compactMap { request in
            guard let update = try? JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any],
                  let id = update["update_id"] as? Int,
                  let text = (update["message"] as? [String: Any])?["text"] as? String
            else { return nil }
            return (id, text)
        }
    }

    @Test func aRestoredQueueIsDeliveredAgainWithRisingIDs() async throws {
        let world = try WebhookWorld()
        let bot = try await world.createBot()
        let user = try await world.createUser()
        let receiver = TestReceiver()
        let port = try await receiver.start()
        defer { Task { await receiver.stop() } }
        try await world.setWebhook(bot, url: "http://127.0.0.1:\(port)/bot")
        try await world.send("saved", from: user, to: bot)
        // Saved with "saved" not yet delivered.
        let name = Parameters(["name": "hooked"])
        #expect(try await world.call(.admin, WebhookWorld.adminToken, "saveSnapshot", name) as? Bool == true)

        let deliveries = try await world.withDispatcher { _ in
            _ = try await receiver.waitFor { Self.delivered($0).count == 1 }
            try await world.waitForInfo(bot) { $0.pendingUpdateCount == 0 }
            #expect(try await world.call(.admin, WebhookWorld.adminToken, "restoreSnapshot", name) as? Bool == true)
            _ = try await receiver.waitFor { Self.delivered($0).count == 2 }
            try await world.send("after", from: user, to: bot)
            return Self.delivered(try await receiver.waitFor { Self.delivered($0).count == 3 })
        }
        // The restored world had "saved" undelivered: it goes out again, then the new update.
        #expect(deliveries.map(\.text) == ["saved", "saved", "after"])
        #expect(deliveries.map(\.id) == deliveries.map(\.id).sorted() && Set(deliveries.map(\.id)).count == 3)
    }
}

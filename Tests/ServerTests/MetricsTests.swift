import Foundation
import Testing

/// `GET /metrics`: what an operator's Prometheus scrapes.
@Suite struct MetricsTests {
    @Test func countsCallsBySurfaceMethodAndStatus() async throws {
        try await TestWorld().run { client in
            let (token, _) = try await client.createBot()
            let (userToken, _) = try await client.createUser()
            _ = try await client.bot(token, "getMe")
            _ = try await client.bot(token, "GETME")
            _ = try await client.bot(token, "noSuchMethod")
            _ = try await client.bot("1:wrong", "getMe")
            _ = try await client.user(userToken, "sendMessage", ["chat_id": "@echo_bot", "text": "hi"])
            let scrape = try await client.request("/metrics", method: .get)
            #expect(scrape.status == 200)
            #expect(scrape.contentType == "text/plain; version=0.0.4; charset=utf-8")
            let lines = Set(scrape.body.split(separator: "\n").map(String.init))
            // Spellings are folded into the canonical name; unknown names are one label.
            #expect(lines.contains(#"botapi_requests_total{surface="bot",method="getMe",status="200"} 2"#))
            #expect(lines.contains(#"botapi_requests_total{surface="bot",method="getMe",status="401"} 1"#))
            #expect(lines.contains(#"botapi_requests_total{surface="bot",method="unknown",status="404"} 1"#))
            #expect(lines.contains(#"botapi_requests_total{surface="user",method="sendMessage",status="200"} 1"#))
            #expect(lines.contains(#"botapi_request_duration_seconds_count{surface="bot",method="getMe"} 3"#))
            // The user's message waits in the bot's queue.
            #expect(lines.contains("botapi_pending_updates 1.0") || lines.contains("botapi_pending_updates 1"))
            #expect(lines.contains("botapi_parked_calls 0.0") || lines.contains("botapi_parked_calls 0"))
            #expect(!scrape.body.contains(token) && !scrape.body.contains(userToken))
        }
    }
}

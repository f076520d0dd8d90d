import Foundation
import Testing

/// `injectFault` (admin test control, USER-API.md): the next calls answer the given error,
/// exactly in the official envelope, and do nothing else.
@Suite struct FaultInjectionTests {
    @Test func theNextCallsAnswerTheInjectedErrorAndDoNothing() async throws {
        try await TestWorld().run { client in
            let (bot, botID) = try await client.createBot()
            let (other, _) = try await client.createBot("other_bot", name: "Other")
            let (user, userID) = try await client.createUser()
            _ = try await client.user(user, "startBot", ["bot_id": "\(botID)"])
            let injected = try await client.admin("injectFault", [
                "method": "SENDMESSAGE", "error_code": "429", "description": "Too Many Requests: retry after 3",
                "retry_after": "3", "count": "2", "bot_id": "\(botID)",
            ])
            #expect(injected.ok)
            for _ in 0..<2 {
                let refused = try await client.bot(bot, "sendMessage", ["chat_id": "\(userID)", "text": "dropped"])
                #expect(refused.status == 429)
                #expect(refused.body == #"{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 3","parameters":{"retry_after":3}}"#)
                #expect(refused.headers[.retryAfter] == "3")
            }
            // Used up: the third call runs, and only it reached the user.
            let sent = try await client.bot(bot, "sendMessage", ["chat_id": "\(userID)", "text": "delivered"])
            #expect(sent.ok)
            let updates = try await client.user(user, "getUpdates")
            let texts = updates.resultArray.compactMap { ($0["message"] as? [String: Any])?["text"] as? String }
            #expect(!texts.contains("dropped") && texts.contains("delivered"))
            // Another bot was never affected.
            #expect(try await client.bot(other, "getMe").ok)
        }
    }

    @Test func aFaultForEveryBotHitsWhicheverCallsFirst() async throws {
        try await TestWorld().run { client in
            let (first, _) = try await client.createBot()
            let (second, _) = try await client.createBot("other_bot", name: "Other")
            #expect(try await client.admin("injectFault", [
                "method": "getMe", "error_code": "502", "description": "Bad Gateway",
            ]).ok)
            let failed = try await client.bot(second, "getMe")
            #expect(failed.body == #"{"ok":false,"error_code":502,"description":"Bad Gateway"}"#)
            #expect(try await client.bot(first, "getMe").ok)
            #expect(try await client.bot(second, "getMe").ok)
        }
    }

    @Test func badFaultsAreRefused() async throws {
        try await TestWorld().run { client in
            let (_, userID) = try await client.createUser()
            let cases: [([String: String], String)] = [
                (["error_code": "500", "description": "x"], "Bad Request: parameter \"method\" is required"),
                (["method": "noSuchMethod", "error_code": "500", "description": "x"], "Bad Request: method noSuchMethod is not a Bot API method"),
                (["method": "getMe", "description": "x"], "Bad Request: parameter \"error_code\" is required"),
                (["method": "getMe", "error_code": "200", "description": "x"], "Bad Request: error_code must be an HTTP error status, 400 to 599"),
                (["method": "getMe", "error_code": "500"], "Bad Request: parameter \"description\" is required"),
                (["method": "getMe", "error_code": "429", "description": "x", "retry_after": "0"], "Bad Request: retry_after must be 1 to 86400 seconds"),
                (["method": "getMe", "error_code": "500", "description": "x", "count": "1001"], "Bad Request: count must be 1 to 1000"),
                (["method": "getMe", "error_code": "500", "description": "x", "bot_id": "\(userID)"], "Bad Request: bot not found"),
            ]
            for (parameters, description) in cases {
                let answer = try await client.admin("injectFault", parameters)
                #expect(answer.status == 400 && answer.description == description, "\(parameters)")
            }
        }
    }

    @Test func aDelayedFaultAnswersLateAndADelayAloneLetsTheCallRun() async throws {
        try await TestWorld().run { client in
            let (bot, botID) = try await client.createBot()
            let (user, userID) = try await client.createUser()
            _ = try await client.user(user, "startBot", ["bot_id": "\(botID)"])
            #expect(try await client.admin("injectFault", [
                "method": "sendMessage", "delay": "1", "error_code": "502", "description": "Bad Gateway", "bot_id": "\(botID)",
            ]).ok)
            #expect(try await client.admin("injectFault", ["method": "sendMessage", "delay": "1", "bot_id": "\(botID)"]).ok)
            var started = ContinuousClock.now
            let failed = try await client.bot(bot, "sendMessage", ["chat_id": "\(userID)", "text": "lost"])
            #expect(failed.body == #"{"ok":false,"error_code":502,"description":"Bad Gateway"}"#)
            #expect(ContinuousClock.now - started >= .seconds(1))
            started = ContinuousClock.now
            let late = try await client.bot(bot, "sendMessage", ["chat_id": "\(userID)", "text": "late"])
            #expect(late.ok && ContinuousClock.now - started >= .seconds(1))
            // Both faults are used up: the next call answers at once.
            #expect(try await client.bot(bot, "sendMessage", ["chat_id": "\(userID)", "text": "now"]).ok)
            let texts = try await client.user(user, "getUpdates").resultArray.compactMap { ($0["message"] as? [String: Any])?["text"] as? String }
            #expect(texts == ["late", "now"])
            for (parameters, description) in [
                (["method": "getMe", "delay": "0"], "Bad Request: delay must be 1 to 60 seconds"),
                (["method": "getMe", "delay": "61"], "Bad Request: delay must be 1 to 60 seconds"),
                (["method": "getMe", "delay": "1", "description": "x"], "Bad Request: parameter \"error_code\" is required"),
            ] {
                let answer = try await client.admin("injectFault", parameters)
                #expect(answer.status == 400 && answer.description == description, "\(parameters)")
            }
        }
    }
}

import Engine
import Foundation
import Hummingbird
import HummingbirdTesting
import Server
import Testing

/// getUpdates answered in the channel pipeline (LongPollHandler), as a client on a raw
/// socket sees it: the same answers as every other call, in request order on a pipelined
/// connection, a newer poll ending the older with 409, and a client that leaves taking its
/// parked call with it.
@Suite(.serialized) struct LongPollHandlerTests {
    @Test func aLongPollIsAnsweredLikeEveryOtherCall() async throws {
        try await withServer { port, client, _ in
            let bot = try await client.createBot()
            let user = try await client.createUser()
            let connection = try RawConnection(port: port)
            connection.send("GET /bot\(bot.token)/getMe HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            let getMe = try #require(await connection.readResponse())
            connection.send("GET /bot\(bot.token)/getUpdates HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            let empty = try #require(await connection.readResponse())
            #expect(empty.status == 200 && empty.text == #"{"ok":true,"result":[]}"#)
            #expect(empty.headers.map { $0.0.lowercased() } == getMe.headers.map { $0.0.lowercased() })
            #expect(empty.header("content-type") == "application/json" && empty.header("date")?.hasSuffix(" GMT") == true)

            // Parked, then woken by the user's message; the body form of the parameters.
            let body = "timeout=30&allowed_updates=%5B%22message%22%5D"
            connection.send(
                "POST /bot\(bot.token)/getUpdates HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)")
            try await Task.sleep(for: .milliseconds(300))
            #expect(try await client.user(user.token, "sendMessage", ["chat_id": String(bot.id), "text": "woken"]).ok)
            let woken = try #require(await connection.readResponse())
            #expect(woken.status == 200 && woken.text.contains(#""text":"woken""#), "\(woken.text)")

            // Refusals read the same as the responder's.
            connection.send("GET /bot\(bot.id):wrong/getUpdates HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            let refused = try #require(await connection.readResponse())
            #expect(refused.status == 401 && refused.text == #"{"ok":false,"error_code":401,"description":"Unauthorized"}"#)
            connection.send("GET /bot\(bot.token)/getUpdates?allowed_updates=%5B HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            let invalid = try #require(await connection.readResponse())
            let viaResponder = try await client.bot(bot.token, "getUpdates", ["allowed_updates": "["])
            #expect(invalid.status == viaResponder.status && invalid.text == viaResponder.body, "\(invalid.text) \(viaResponder.body)")
        }
    }

    @Test func pipelinedCallsAreAnsweredInTheirOrder() async throws {
        try await withServer { port, client, _ in
            let bot = try await client.createBot()
            let connection = try RawConnection(port: port)
            let getMe = "GET /bot\(bot.token)/getMe HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
            // A long poll first, then an ordinary call held behind it.
            connection.send("GET /bot\(bot.token)/getUpdates?timeout=1 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n" + getMe)
            let first = try #require(await connection.readResponse())
            let second = try #require(await connection.readResponse())
            #expect(first.text == #"{"ok":true,"result":[]}"# && second.text.contains(#""is_bot":true"#))
            // An ordinary call first, the long poll waiting for its answer, another after.
            connection.send(getMe + "GET /bot\(bot.token)/getUpdates?timeout=1 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n" + getMe)
            let answers = [await connection.readResponse(), await connection.readResponse(), await connection.readResponse()]
            #expect(answers.map { $0?.text.contains(#""is_bot":true"#) } == [true, false, true])
            #expect(answers[1]?.text == #"{"ok":true,"result":[]}"#)
        }
    }

    @Test func aNewerPollEndsTheOlderWith409() async throws {
        try await withServer { port, client, engine in
            let bot = try await client.createBot()
            let older = try RawConnection(port: port)
            older.send("GET /bot\(bot.token)/getUpdates?timeout=30 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            try await eventually { engine.hub.isParked(Int64(bot.id)) }
            let newer = try RawConnection(port: port)
            newer.send("GET /bot\(bot.token)/getUpdates?timeout=1 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            let ended = try #require(await older.readResponse())
            #expect(ended.status == 409)
            #expect(
                ended.text
                    == #"{"ok":false,"error_code":409,"description":"Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"}"#)
            #expect(await newer.readResponse()?.status == 200)
        }
    }

    @Test func aClientThatLeavesTakesItsParkedCallAndConfirmsNothing() async throws {
        try await withServer { port, client, engine in
            let bot = try await client.createBot()
            let user = try await client.createUser()
            let connection = try RawConnection(port: port)
            connection.send("GET /bot\(bot.token)/getUpdates?timeout=30 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            try await eventually { engine.hub.isParked(Int64(bot.id)) }
            connection.close()
            try await eventually { !engine.hub.isParked(Int64(bot.id)) }
            #expect(!engine.hub.isParked(Int64(bot.id)))
            #expect(try await client.user(user.token, "sendMessage", ["chat_id": String(bot.id), "text": "kept"]).ok)
            let later = try await client.bot(bot.token, "getUpdates", [:])
            #expect(later.body.contains(#""text":"kept""#), "\(later.body)")
        }
    }

    @Test func aStoppingServerAnswersItsParkedPollsAtOnceAndParksNoMore() async throws {
        try await withServer { port, client, engine in
            let bot = try await client.createBot()
            let connection = try RawConnection(port: port)
            connection.send("GET /bot\(bot.token)/getUpdates?timeout=30 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            try await eventually { engine.hub.isParked(Int64(bot.id)) }
            let started = ContinuousClock.now
            engine.hub.stopParking()
            let answer = try #require(await connection.readResponse())
            #expect(answer.status == 200 && answer.text == #"{"ok":true,"result":[]}"#)
            // A later poll, through the pipeline or the responder, answers without waiting.
            connection.send("GET /bot\(bot.token)/getUpdates?timeout=30 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            #expect(await connection.readResponse()?.text == #"{"ok":true,"result":[]}"#)
            #expect(try await client.bot(bot.token, "getUpdates", ["timeout": "30"]).ok)
            #expect(ContinuousClock.now - started < .seconds(10))
        }
    }

    @Test func everySpellingOfTheNameIsALongPoll() async throws {
        try await withServer { port, client, _ in
            let bot = try await client.createBot()
            let connection = try RawConnection(port: port)
            // Any case is the handler's; a percent-escaped name is the responder's.
            for name in ["GETUPDATES", "getUpdate%73", "test/getupdates"] {
                connection.send("GET /bot\(bot.token)/\(name)?timeout=1 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                let answer = try #require(await connection.readResponse(), "\(name)")
                #expect(answer.status == 200 && answer.text == #"{"ok":true,"result":[]}"#, "\(name): \(answer.text)")
            }
        }
    }

    @Test func connectionCloseEndsTheConnectionAfterTheAnswer() async throws {
        try await withServer { port, client, _ in
            let bot = try await client.createBot()
            let connection = try RawConnection(port: port)
            connection.send("GET /bot\(bot.token)/getUpdates HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            #expect(await connection.readResponse()?.status == 200)
            #expect(await connection.waitForClose())
        }
    }

    private func withServer(_ body: @Sendable (Int, Client, Engine) async throws -> Void) async throws {
        let world = try TestWorld()
        let app = try BotAPIServer.makeApplication(engine: world.engine, host: "127.0.0.1", port: 0)
        try await app.test(.live) { client in
            try await body(try #require(client.port), Client(client: client), world.engine)
        }
    }
}

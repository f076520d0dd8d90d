import BotAPI
import Engine
import Foundation
import Testing

/// Paths, tokens, method names and the envelope, as clients see them (behaviour.md §1–2).
@Suite struct RoutingAndAuthTests {
    @Test func answersAreJSONEnvelopesWithMatchingStatus() async throws {
        try await TestWorld().run { client in
            let (token, _) = try await client.createBot()
            let me = try await client.bot(token, "getMe")
            #expect(me.status == 200 && me.ok)
            #expect(me.contentType == "application/json")
            let bad = try await client.bot(token, "sendMessage", ["chat_id": "1"])
            #expect(bad.status == 400 && bad.errorCode == 400 && bad.json["ok"] as? Bool == false)
            #expect(bad.contentType == "application/json")
        }
    }

    @Test func tokenErrorsComeBeforeMethodLookup() async throws {
        try await TestWorld().run { client in
            let (token, id) = try await client.createBot()
            let unknownToken = try await client.request("/bot\(id):AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/noSuchMethod")
            #expect(unknownToken.status == 401 && unknownToken.description == "Unauthorized")
            let malformed = try await client.request("/bot0123:abc/getMe")
            #expect(malformed.status == 401 && malformed.description == "Unauthorized: invalid token specified")
            let noColon = try await client.request("/botabcdef/getMe")
            #expect(noColon.status == 401 && noColon.description == "Unauthorized: invalid token specified")
            let nonNumeric = try await client.request("/botabc:def/getMe")
            #expect(nonNumeric.status == 421 && nonNumeric.description == "Misdirected Request: unallowed token specified")
            let unknownMethod = try await client.bot(token, "noSuchMethod")
            #expect(unknownMethod.status == 404 && unknownMethod.description == "Not Found: method not found")
        }
    }

    @Test func pathsThatAreNotAPICalls() async throws {
        try await TestWorld().run { client in
            let (token, _) = try await client.createBot()
            // `GET /` is the web client's page (WebClientTests).
            for path in ["/foo", "/bot\(token)", "/bot\(token)/test"] {
                let answer = try await client.request(path, method: .get)
                #expect(answer.status == 404 && answer.description == "Not Found", "\(path)")
            }
        }
    }

    @Test func methodNamesAreCaseInsensitiveAndTestPathsWork() async throws {
        try await TestWorld().run { client in
            let (token, id) = try await client.createBot()
            for method in ["getMe", "GETME", "getme"] {
                let answer = try await client.bot(token, method)
                #expect(answer.ok && answer.resultObject["id"] as? Int == id)
            }
            let test = try await client.request("/bot\(token)/test/getMe")
            #expect(test.ok)
            let viaParameter = try await client.request("/bot\(token)/?method=getMe", method: .get)
            #expect(viaParameter.ok)
        }
    }

    /// Spec methods still without an implementation answer 501 naming the method (whichever
    /// they are now: the list shrinks as they are built; the rule itself is checked in
    /// MethodRegistryTests), and a name no spec defines answers 404.
    @Test func unimplementedSpecMethodsAnswer501() async throws {
        try await TestWorld().run { client in
            let (token, _) = try await client.createBot()
            let implemented = Set(Engine.methodNames(on: .bot))
            for method in MethodCatalogue.all where !implemented.contains(method.name) {
                let answer = try await client.bot(token, method.name.lowercased())
                #expect(answer.status == 501, "\(method.name)")
                #expect(answer.description == "Not Implemented: method \(method.name) is not supported yet")
            }
            let unknown = try await client.bot(token, "approveSuggestedPosts")
            #expect(unknown.status == 404 && unknown.description == "Not Found: method not found")
        }
    }

    @Test func surfacesDoNotAcceptEachOthersTokens() async throws {
        try await TestWorld().run { client in
            let (botToken, _) = try await client.createBot()
            let (userToken, _) = try await client.createUser()
            #expect(try await client.user(botToken, "getMe").status == 401)
            #expect(try await client.bot(userToken, "getMe").status == 401)
            #expect(try await client.call("adminwrong", "getUsers").status == 401)
            #expect(try await client.call("admin\(botToken)", "getUsers").status == 401)
        }
    }

    @Test func otherHTTPMethodsAreRefused() async throws {
        try await TestWorld().run { client in
            let (token, _) = try await client.createBot()
            let answer = try await client.request("/bot\(token)/getMe", method: .put)
            #expect(answer.status == 501 && answer.body.isEmpty)
        }
    }

    @Test func getMeShowsEveryCapabilityFlag() async throws {
        try await TestWorld().run { client in
            let (token, id) = try await client.createBot("helper_bot", name: "Helper")
            let me = try await client.bot(token, "getMe")
            #expect(me.body.contains(#""id":\#(id),"is_bot":true,"first_name":"Helper","username":"helper_bot""#))
            #expect(me.resultObject["can_join_groups"] as? Bool == true)
            #expect(me.resultObject["can_read_all_group_messages"] as? Bool == false)
            #expect(me.resultObject["supports_inline_queries"] as? Bool == false)
        }
    }

    @Test func logOutAndCloseAnswerTrue() async throws {
        try await TestWorld().run { client in
            let (token, _) = try await client.createBot()
            #expect(try await client.bot(token, "logOut").body == #"{"ok":true,"result":true}"#)
            #expect(try await client.bot(token, "close").body == #"{"ok":true,"result":true}"#)
        }
    }
}

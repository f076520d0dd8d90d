import Foundation
import Testing

/// The admin surface, exactly as USER-API.md specifies it.
@Suite struct AdminTests {
    @Test func createdTokensHaveTheTelegramShape() async throws {
        try await TestWorld().run { client in
            let bot = try await client.admin("createBot", ["username": "Echo_Bot", "first_name": "Echo"])
            let token = bot.resultObject["token"] as? String ?? ""
            #expect(token.range(of: #"^[0-9]+:[A-Za-z0-9_-]{35}$"#, options: .regularExpression) != nil)
            let user = bot.resultObject["user"] as? [String: Any] ?? [:]
            #expect(user["is_bot"] as? Bool == true && user["username"] as? String == "Echo_Bot")
            #expect(token.hasPrefix("\(user["id"] as? Int ?? -1):"))
            let person = try await client.admin("createUser", ["first_name": "Alice", "username": "alice", "language_code": "en"])
            #expect(person.ok && (person.resultObject["user"] as? [String: Any])?["is_bot"] as? Bool == false)
        }
    }

    @Test func usernamesAreValidatedAndUnique() async throws {
        try await TestWorld().run { client in
            #expect(try await client.admin("createBot", ["username": "echo", "first_name": "E"]).status == 400)
            #expect(try await client.admin("createBot", ["username": "echo_bots", "first_name": "E"]).ok == false)
            #expect(try await client.admin("createUser", ["first_name": "A", "username": "a b"]).status == 400)
            _ = try await client.createUser("Alice", username: "alice")
            let taken = try await client.admin("createBot", ["username": "ALICE", "first_name": "E"])
            #expect(taken.status == 400)
            let takenByBot = try await client.admin("createUser", ["first_name": "B", "username": "Alice"])
            #expect(takenByBot.description == "Bad Request: USERNAME_OCCUPIED")
            let missing = try await client.admin("createUser")
            #expect(missing.description == "Bad Request: parameter \"first_name\" is required")
        }
    }

    @Test func revokedTokensStopWorkingAtOnce() async throws {
        try await TestWorld().run { client in
            let (old, id) = try await client.createBot()
            #expect(try await client.bot(old, "getMe").ok)
            let revoked = try await client.admin("revokeToken", ["user_id": "\(id)"])
            let new = revoked.resultObject["token"] as? String ?? ""
            #expect(new != old && new.hasPrefix("\(id):"))
            #expect(try await client.bot(old, "getMe").status == 401)
            #expect(try await client.bot(new, "getMe").ok)
        }
    }

    /// Account changes reach the token check in commit order: a token revoked and an
    /// account deleted at the same time, while requests authenticate, leave neither the old
    /// nor the new token working, whichever commits first.
    @Test func concurrentRevokeAndDeleteLeaveNoTokenWorking() async throws {
        try await TestWorld().run { client in
            for round in 0..<25 {
                let (old, id) = try await client.createBot("race\(round)_bot")
                #expect(try await client.bot(old, "getMe").ok)
                async let revoked = client.admin("revokeToken", ["user_id": "\(id)"])
                async let deleted = client.admin("deleteUser", ["user_id": "\(id)"])
                // Requests authenticating meanwhile fill the account cache from the store.
                async let during = client.bot(old, "getMe")
                let (revoke, delete, _) = try await (revoked, deleted, during)
                #expect(delete.ok)
                #expect(try await client.bot(old, "getMe").status == 401)
                if let new = revoke.resultObject["token"] as? String {
                    #expect(try await client.bot(new, "getMe").status == 401, "round \(round): the deleted bot's new token works")
                }
            }
        }
    }

    @Test func listsAndDeletesUsers() async throws {
        try await TestWorld().run { client in
            let (_, botID) = try await client.createBot()
            let (userToken, userID) = try await client.createUser()
            let all = try await client.admin("getUsers")
            #expect(all.resultArray.compactMap { $0["id"] as? Int } == [botID, userID])
            let bots = try await client.admin("getUsers", ["is_bot": "true"])
            #expect(bots.resultArray.compactMap { $0["id"] as? Int } == [botID])
            let page = try await client.admin("getUsers", ["offset": "1", "limit": "1"])
            #expect(page.resultArray.compactMap { $0["id"] as? Int } == [userID])
            #expect(try await client.admin("deleteUser", ["user_id": "\(userID)"]).ok)
            #expect(try await client.user(userToken, "getMe").status == 401)
            #expect(try await client.admin("getUsers").resultArray.count == 1)
            #expect(try await client.admin("deleteUser", ["user_id": "\(userID)"]).status == 400)
        }
    }
}

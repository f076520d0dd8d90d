import Foundation
import Testing

/// Bot settings: commands per scope and language, name and descriptions, the menu button and
/// default administrator rights (issue 5, item 6).
@Suite struct BotSettingsTests {
    /// A bot and a user who has started it, so the bot has a private chat with them.
    private func botWithUser(_ client: Client, language: String? = nil) async throws -> (bot: String, botID: Int, user: String, userID: Int) {
        let (bot, botID) = try await client.createBot()
        var parameters = ["first_name": "Alice"]
        if let language { parameters["language_code"] = language }
        let created = try await client.admin("createUser", parameters)
        let user = created.resultObject["token"] as? String ?? ""
        let userID = (created.resultObject["user"] as? [String: Any])?["id"] as? Int ?? 0
        #expect(try await client.user(user, "startBot", ["bot_id": "\(botID)"]).ok)
        return (bot, botID, user, userID)
    }

    private func commands(_ answer: Answer) -> [String] {
        answer.resultArray.map { "\($0["command"] as? String ?? "")=\($0["description"] as? String ?? "")" }
    }

    @Test func commandParseErrorsAreTheOfficialOnes() async throws {
        try await TestWorld().run { client in
            let (bot, _) = try await client.createBot()
            let cases: [([String: String], String)] = [
                (["commands": "{"], "Bad Request: can't parse commands JSON object"),
                (["commands": "{}"], "Bad Request: expected an Array of BotCommand"),
                (["commands": "[1]"], "Bad Request: can't parse BotCommand: expected an Object"),
                (["commands": "[{\"description\":\"d\"}]"], "Bad Request: can't parse BotCommand: Can't find field \"command\""),
                (["commands": "[{\"command\":\"a\"}]"], "Bad Request: can't parse BotCommand: Can't find field \"description\""),
                (["commands": "[{\"command\":\" / \",\"description\":\"d\"}]"], "Bad Request: command must be non-empty"),
                (["commands": "[{\"command\":\"\(String(repeating: "a", count: 33))\",\"description\":\"d\"}]"],
                 "Bad Request: command length must not exceed 32"),
                (["commands": "[{\"command\":\"a\",\"description\":\"  \"}]"], "Bad Request: command description must be non-empty"),
                (["commands": "[{\"command\":\"a\",\"description\":\"\(String(repeating: "é", count: 257))\"}]"],
                 "Bad Request: command description length must not exceed 256"),
                (["commands": "[{\"command\":\"Start\",\"description\":\"d\"}]"], "Bad Request: BOT_COMMAND_INVALID"),
                (["commands": "[{\"command\":\"a-b\",\"description\":\"d\"}]"], "Bad Request: BOT_COMMAND_INVALID"),
                (["commands": "[]", "scope": "nope"], "Bad Request: can't parse BotCommandScope JSON object"),
                (["commands": "[]", "scope": "[]"], "Bad Request: can't parse BotCommandScope: BotCommandScope must be an Object"),
                (["commands": "[]", "scope": "{}"], "Bad Request: can't parse BotCommandScope: Can't find field \"type\""),
                (["commands": "[]", "scope": "{\"type\":\"everyone\"}"], "Bad Request: can't parse BotCommandScope: Unsupported type specified"),
                (["commands": "[]", "scope": "{\"type\":\"chat\",\"chat_id\":\"\"}"], "Bad Request: can't parse BotCommandScope: Empty chat_id specified"),
                (["commands": "[]", "scope": "{\"type\":\"chat_member\",\"chat_id\":5,\"user_id\":0}"],
                 "Bad Request: can't parse BotCommandScope: Invalid user_id specified"),
                (["commands": "[]", "scope": "{\"type\":\"chat\",\"chat_id\":424242}"], "Bad Request: chat not found"),
                (["commands": "[]", "scope": "{\"type\":\"chat\",\"chat_id\":-100123}"], "Bad Request: chat not found"),
                (["commands": "[]", "language_code": "EN"], "Bad Request: invalid language code specified"),
                (["commands": "[]", "language_code": "eng"], "Bad Request: invalid language code specified"),
            ]
            for (parameters, description) in cases {
                let answer = try await client.bot(bot, "setMyCommands", parameters)
                #expect(answer.status == 400 && answer.description == description, "\(parameters)")
            }
            let many = (0...100).map { "{\"command\":\"c\($0)\",\"description\":\"d\"}" }.joined(separator: ",")
            let tooMany = try await client.bot(bot, "setMyCommands", ["commands": "[\(many)]"])
            #expect(tooMany.description == "Bad Request: BOT_COMMANDS_TOO_MUCH")
            // The commands JSON is read before the scope, the scope before the language.
            let order = try await client.bot(bot, "setMyCommands", ["commands": "x", "scope": "x", "language_code": "x"])
            #expect(order.description == "Bad Request: can't parse commands JSON object")
            let scopeFirst = try await client.bot(bot, "setMyCommands", ["scope": "x", "language_code": "x"])
            #expect(scopeFirst.description == "Bad Request: can't parse BotCommandScope JSON object")
        }
    }

    @Test func commandsRoundTripPerScopeAndLanguageWithoutFallback() async throws {
        try await TestWorld().run { client in
            let (bot, _, _, userID) = try await botWithUser(client)
            let set = try await client.bot(bot, "setMyCommands", [
                "commands": "[{\"command\":\" /start \",\"description\":\" Start it \"},{\"command\":\"help\",\"description\":\"Help\"}]",
            ])
            #expect(set.ok && set.result as? Bool == true)
            let got = try await client.bot(bot, "getMyCommands")
            #expect(commands(got) == ["start=Start it", "help=Help"])
            #expect(got.body == "{\"ok\":true,\"result\":[{\"command\":\"start\",\"description\":\"Start it\"},{\"command\":\"help\",\"description\":\"Help\"}]}")

            let chatScope = "{\"type\":\"chat\",\"chat_id\":\(userID)}"
            #expect(try await client.bot(bot, "setMyCommands", [
                "commands": "[{\"command\":\"privet\",\"description\":\"Привет\"}]", "scope": chatScope, "language_code": "ru",
            ]).ok)
            // getMyCommands answers for exactly one scope and language.
            #expect(commands(try await client.bot(bot, "getMyCommands", ["scope": chatScope, "language_code": "ru"])) == ["privet=Привет"])
            #expect(try await client.bot(bot, "getMyCommands", ["scope": chatScope]).body == "{\"ok\":true,\"result\":[]}")
            #expect(commands(try await client.bot(bot, "getMyCommands", ["language_code": "ru"])).isEmpty)
            let privateScope = "{\"type\":\"all_private_chats\"}"
            #expect(commands(try await client.bot(bot, "getMyCommands", ["scope": privateScope])).isEmpty)

            #expect(try await client.bot(bot, "deleteMyCommands").ok)
            #expect(commands(try await client.bot(bot, "getMyCommands")).isEmpty)
            #expect(commands(try await client.bot(bot, "getMyCommands", ["scope": chatScope, "language_code": "ru"])) == ["privet=Привет"])
            // An empty list deletes too.
            #expect(try await client.bot(bot, "setMyCommands", ["commands": "[]", "scope": chatScope, "language_code": "ru"]).ok)
            #expect(commands(try await client.bot(bot, "getMyCommands", ["scope": chatScope, "language_code": "ru"])).isEmpty)
        }
    }

    @Test func scopesNamingChatsAreChecked() async throws {
        try await TestWorld().run { client in
            let (bot, _, _, userID) = try await botWithUser(client)
            let (_, strangerID) = try await client.createUser("Bob")
            let stranger = try await client.bot(bot, "getMyCommands", ["scope": "{\"type\":\"chat\",\"chat_id\":\"\(strangerID)\"}"])
            #expect(stranger.description == "Bad Request: chat not found")
            let admins = try await client.bot(bot, "setMyCommands", ["scope": "{\"type\":\"chat_administrators\",\"chat_id\":\(userID)}"])
            #expect(admins.description == "Bad Request: can't use specified scope for private chats")
            let member = try await client.bot(bot, "deleteMyCommands", [
                "scope": "{\"type\":\"chat_member\",\"chat_id\":\(userID),\"user_id\":\(userID)}",
            ])
            #expect(member.description == "Bad Request: can't use specified scope for private chats")
            let username = try await client.bot(bot, "getMyCommands", ["scope": "{\"type\":\"chat\",\"chat_id\":\"@nobody\"}"])
            #expect(username.description == "Bad Request: chat not found")
            for type in ["default", "all_private_chats", "all_group_chats", "all_chat_administrators"] {
                let scope = "{\"type\":\"\(type)\"}"
                #expect(try await client.bot(bot, "setMyCommands", ["commands": "[{\"command\":\"x\",\"description\":\"\(type)\"}]", "scope": scope]).ok)
                #expect(commands(try await client.bot(bot, "getMyCommands", ["scope": scope])) == ["x=\(type)"])
            }
            // A numeric-string chat_id is accepted, as a number would be.
            #expect(try await client.bot(bot, "getMyCommands", ["scope": "{\"type\":\"chat\",\"chat_id\":\"\(userID)\"}"]).ok)
        }
    }

    @Test func usersSeeCommandsInTheClientFallbackOrder() async throws {
        try await TestWorld().run { client in
            let (bot, botID, user, userID) = try await botWithUser(client, language: "de")
            func menu() async throws -> [String] {
                commands(try await client.user(user, "getBotCommands", ["bot_id": "\(botID)"]))
            }
            #expect(try await menu().isEmpty)
            func set(_ label: String, scope: String, language: String = "") async throws {
                var parameters = ["commands": "[{\"command\":\"c\",\"description\":\"\(label)\"}]", "scope": scope]
                if !language.isEmpty { parameters["language_code"] = language }
                #expect(try await client.bot(bot, "setMyCommands", parameters).ok)
            }
            func delete(scope: String, language: String = "") async throws {
                var parameters = ["scope": scope]
                if !language.isEmpty { parameters["language_code"] = language }
                #expect(try await client.bot(bot, "deleteMyCommands", parameters).ok)
            }
            let chat = "{\"type\":\"chat\",\"chat_id\":\(userID)}"
            let privateChats = "{\"type\":\"all_private_chats\"}"
            let defaultScope = "{\"type\":\"default\"}"
            try await set("default", scope: defaultScope)
            try await set("default-fr", scope: defaultScope, language: "fr")
            try await set("groups", scope: "{\"type\":\"all_group_chats\"}")
            #expect(try await menu() == ["c=default"])
            try await set("default-de", scope: defaultScope, language: "de")
            #expect(try await menu() == ["c=default-de"])
            try await set("private", scope: privateChats)
            #expect(try await menu() == ["c=private"])
            try await set("private-de", scope: privateChats, language: "de")
            #expect(try await menu() == ["c=private-de"])
            try await set("chat", scope: chat)
            #expect(try await menu() == ["c=chat"])
            try await set("chat-de", scope: chat, language: "de")
            #expect(try await menu() == ["c=chat-de"])
            try await delete(scope: chat, language: "de")
            try await delete(scope: chat)
            #expect(try await menu() == ["c=private-de"])
            // The chat id of the private chat with the bot is the bot's id; a username works too.
            let byUsername = try await client.user(user, "getBotCommands", ["bot_username": "@echo_bot", "chat_id": "\(botID)"])
            #expect(commands(byUsername) == ["c=private-de"])
            let elsewhere = try await client.user(user, "getBotCommands", ["bot_id": "\(botID)", "chat_id": "\(userID)"])
            #expect(elsewhere.description == "Bad Request: chat not found")
            let group = try await client.user(user, "getBotCommands", ["bot_id": "\(botID)", "chat_id": "-42"])
            #expect(group.description == "Bad Request: chat not found")
            let noBot = try await client.user(user, "getBotCommands", ["bot_id": "\(userID)"])
            #expect(noBot.description == "Bad Request: bot not found")
            // The method belongs to the user surface only.
            #expect(try await client.bot(bot, "getBotCommands", ["bot_id": "\(botID)"]).status == 404)
        }
    }

    @Test func groupScopesAndTheGroupMenuOrder() async throws {
        try await TestWorld().run { client in
            let (bot, botID) = try await client.createBot()
            let (owner, _) = try await client.createUser("Alice")
            let (member, memberID) = try await client.createUser("Bob")
            let created = try await client.user(owner, "createChat", ["type": "supergroup", "title": "Team", "member_ids": "[\(botID), \(memberID)]"])
            let chatID = try #require(created.resultObject["id"] as? Int, "createChat: \(created.body)")
            func menus() async throws -> [String] {
                var seen: [String] = []
                for token in [owner, member] {
                    let answer = try await client.user(token, "getBotCommands", ["bot_id": "\(botID)", "chat_id": "\(chatID)"])
                    seen.append(commands(answer).first ?? answer.description ?? "")
                }
                return seen
            }
            func set(_ label: String, _ scope: String) async throws {
                let answer = try await client.bot(bot, "setMyCommands", ["commands": "[{\"command\":\"c\",\"description\":\"\(label)\"}]", "scope": scope])
                #expect(answer.ok, "\(scope): \(answer.body)")
            }
            #expect(try await menus() == ["", ""])
            try await set("default", "{\"type\":\"default\"}")
            try await set("private", "{\"type\":\"all_private_chats\"}")
            #expect(try await menus() == ["c=default", "c=default"])
            try await set("groups", "{\"type\":\"all_group_chats\"}")
            #expect(try await menus() == ["c=groups", "c=groups"])
            try await set("all-admins", "{\"type\":\"all_chat_administrators\"}")
            #expect(try await menus() == ["c=all-admins", "c=groups"])
            try await set("chat", "{\"type\":\"chat\",\"chat_id\":\(chatID)}")
            #expect(try await menus() == ["c=chat", "c=chat"])
            try await set("chat-admins", "{\"type\":\"chat_administrators\",\"chat_id\":\"\(chatID)\"}")
            #expect(try await menus() == ["c=chat-admins", "c=chat"])
            try await set("bob", "{\"type\":\"chat_member\",\"chat_id\":\(chatID),\"user_id\":\(memberID)}")
            #expect(try await menus() == ["c=chat-admins", "c=bob"])
            let exact = try await client.bot(bot, "getMyCommands", ["scope": "{\"type\":\"chat_administrators\",\"chat_id\":\(chatID)}"])
            #expect(commands(exact) == ["c=chat-admins"])

            // A group the bot left: the bot is refused, the user's menu has no such chat.
            let other = try await client.user(owner, "createChat", ["type": "supergroup", "title": "Other", "member_ids": "[\(botID)]"])
            let otherID = try #require(other.resultObject["id"] as? Int)
            #expect(try await client.bot(bot, "leaveChat", ["chat_id": "\(otherID)"]).ok)
            let refused = try await client.bot(bot, "getMyCommands", ["scope": "{\"type\":\"chat\",\"chat_id\":\(otherID)}"])
            #expect(refused.status == 403 && refused.description == "Forbidden: bot is not a member of the supergroup chat")
            let noBot = try await client.user(owner, "getBotCommands", ["bot_id": "\(botID)", "chat_id": "\(otherID)"])
            #expect(noBot.description == "Bad Request: chat not found")
            let unknown = try await client.bot(bot, "getMyCommands", ["scope": "{\"type\":\"chat\",\"chat_id\":-100999999}"])
            #expect(unknown.description == "Bad Request: chat not found")
        }
    }

    @Test func namesAndDescriptionsFallBackToTheDefaultLanguage() async throws {
        try await TestWorld().run { client in
            let (bot, _) = try await client.createBot()
            #expect(try await client.bot(bot, "getMyName").body == "{\"ok\":true,\"result\":{\"name\":\"Echo\"}}")
            #expect(try await client.bot(bot, "setMyName", ["name": "Эхо", "language_code": "ru"]).ok)
            #expect(try await client.bot(bot, "getMyName", ["language_code": "ru"]).resultObject["name"] as? String == "Эхо")
            #expect(try await client.bot(bot, "getMyName", ["language_code": "fr"]).resultObject["name"] as? String == "Echo")
            // Without a language, setMyName renames the bot: getMe shows it.
            #expect(try await client.bot(bot, "setMyName", ["name": "Echo Two"]).ok)
            #expect(try await client.bot(bot, "getMe").resultObject["first_name"] as? String == "Echo Two")
            #expect(try await client.bot(bot, "getMyName", ["language_code": "fr"]).resultObject["name"] as? String == "Echo Two")
            #expect(try await client.bot(bot, "setMyName", ["name": ""]).ok)
            #expect(try await client.bot(bot, "getMe").resultObject["first_name"] as? String == "Echo Two")
            #expect(try await client.bot(bot, "setMyName", ["language_code": "ru"]).ok)
            #expect(try await client.bot(bot, "getMyName", ["language_code": "ru"]).resultObject["name"] as? String == "Echo Two")

            #expect(try await client.bot(bot, "getMyDescription").body == "{\"ok\":true,\"result\":{\"description\":\"\"}}")
            #expect(try await client.bot(bot, "setMyDescription", ["description": "An echo bot"]).ok)
            #expect(try await client.bot(bot, "setMyDescription", ["description": "Ein Echo", "language_code": "de"]).ok)
            #expect(try await client.bot(bot, "getMyDescription", ["language_code": "de"]).resultObject["description"] as? String == "Ein Echo")
            #expect(try await client.bot(bot, "getMyDescription", ["language_code": "it"]).resultObject["description"] as? String == "An echo bot")
            #expect(try await client.bot(bot, "setMyShortDescription", ["short_description": "Echoes"]).ok)
            let short = try await client.bot(bot, "getMyShortDescription", ["language_code": "de"])
            #expect(short.body == "{\"ok\":true,\"result\":{\"short_description\":\"Echoes\"}}")

            let limits: [(String, String, Int)] = [
                ("setMyName", "name", 64), ("setMyDescription", "description", 512), ("setMyShortDescription", "short_description", 120),
            ]
            for (method, field, limit) in limits {
                #expect(try await client.bot(bot, method, [field: String(repeating: "я", count: limit), "language_code": "ru"]).ok)
                let over = try await client.bot(bot, method, [field: String(repeating: "я", count: limit + 1)])
                #expect(over.status == 400, "\(method)")
                let language = try await client.bot(bot, method, [field: "x", "language_code": "english"])
                #expect(language.description == "Bad Request: invalid language code specified")
            }
            for method in ["getMyName", "getMyDescription", "getMyShortDescription"] {
                #expect(try await client.bot(bot, method, ["language_code": "R"]).description == "Bad Request: invalid language code specified")
            }
        }
    }

    @Test func menuButtonsPerChatAndBotWide() async throws {
        try await TestWorld().run { client in
            let (bot, _, _, userID) = try await botWithUser(client)
            // Nothing set: Telegram answers the commands button.
            #expect(try await client.bot(bot, "getChatMenuButton").body == "{\"ok\":true,\"result\":{\"type\":\"commands\"}}")
            #expect(try await client.bot(bot, "getChatMenuButton", ["chat_id": "\(userID)"]).body == "{\"ok\":true,\"result\":{\"type\":\"commands\"}}")
            let webApp = "{\"type\":\"web_app\",\"text\":\"Open\",\"web_app\":{\"url\":\"https://example.org/app\"}}"
            #expect(try await client.bot(bot, "setChatMenuButton", ["menu_button": webApp]).ok)
            let expectedWebApp = "{\"ok\":true,\"result\":{\"type\":\"web_app\",\"text\":\"Open\",\"web_app\":{\"url\":\"https://example.org/app\"}}}"
            #expect(try await client.bot(bot, "getChatMenuButton").body == expectedWebApp)
            // A chat without its own button shows the bot-wide one.
            #expect(try await client.bot(bot, "getChatMenuButton", ["chat_id": "\(userID)"]).body == expectedWebApp)
            #expect(try await client.bot(bot, "setChatMenuButton", ["chat_id": "\(userID)", "menu_button": "{\"type\":\"commands\"}"]).ok)
            #expect(try await client.bot(bot, "getChatMenuButton", ["chat_id": "\(userID)"]).body == "{\"ok\":true,\"result\":{\"type\":\"commands\"}}")
            #expect(try await client.bot(bot, "getChatMenuButton").body == expectedWebApp)
            // Setting the default button removes the chat's own.
            #expect(try await client.bot(bot, "setChatMenuButton", ["chat_id": "\(userID)"]).ok)
            #expect(try await client.bot(bot, "getChatMenuButton", ["chat_id": "\(userID)"]).body == expectedWebApp)

            let cases: [([String: String], String)] = [
                (["menu_button": "{"], "Bad Request: can't parse menu button JSON object"),
                (["menu_button": "3"], "Bad Request: can't parse menu button: MenuButton must be an Object"),
                (["menu_button": "{\"type\":\"big\"}"], "Bad Request: can't parse menu button: MenuButton has unsupported type"),
                (["menu_button": "{\"type\":\"web_app\",\"web_app\":{\"url\":\"https://a.b\"}}"],
                 "Bad Request: can't parse menu button: Can't find field \"text\""),
                (["menu_button": "{\"type\":\"web_app\",\"text\":\"t\",\"web_app\":\"x\"}"],
                 "Bad Request: can't parse menu button: Field \"web_app\" must be of type Object"),
                (["chat_id": ""], "Bad Request: invalid chat_id specified"),
                (["chat_id": "-5"], "Bad Request: invalid chat_id specified"),
                (["chat_id": "424242"], "Bad Request: user not found"),
                (["menu_button": "{", "chat_id": "-5"], "Bad Request: can't parse menu button JSON object"),
            ]
            for (parameters, description) in cases {
                let answer = try await client.bot(bot, "setChatMenuButton", parameters)
                #expect(answer.status == 400 && answer.description == description, "\(parameters)")
            }
            #expect(try await client.bot(bot, "getChatMenuButton", ["chat_id": "0"]).description == "Bad Request: invalid chat_id specified")
        }
    }

    @Test func defaultAdministratorRightsForGroupsAndChannels() async throws {
        try await TestWorld().run { client in
            let (bot, _) = try await client.createBot()
            let none = try await client.bot(bot, "getMyDefaultAdministratorRights")
            #expect(none.body == "{\"ok\":true,\"result\":{\"can_manage_chat\":false,\"can_change_info\":false,\"can_delete_messages\":false,"
                + "\"can_invite_users\":false,\"can_restrict_members\":false,\"can_pin_messages\":false,\"can_manage_topics\":false,"
                + "\"can_promote_members\":false,\"can_manage_video_chats\":false,\"can_post_stories\":false,\"can_edit_stories\":false,"
                + "\"can_delete_stories\":false,\"can_send_welcome_messages\":false,\"is_anonymous\":false}}")
            let rights = "{\"can_delete_messages\":true,\"can_pin_messages\":true,\"can_post_messages\":true,\"can_manage_video_chats\":true}"
            #expect(try await client.bot(bot, "setMyDefaultAdministratorRights", ["rights": rights]).ok)
            let groups = try await client.bot(bot, "getMyDefaultAdministratorRights").resultObject
            #expect(groups["can_manage_chat"] as? Bool == true && groups["can_delete_messages"] as? Bool == true)
            #expect(groups["can_pin_messages"] as? Bool == true && groups["can_post_messages"] == nil)
            #expect(groups["can_manage_video_chats"] as? Bool == true && groups["can_manage_voice_chats"] == nil)
            let channels = try await client.bot(bot, "getMyDefaultAdministratorRights", ["for_channels": "true"]).resultObject
            #expect(channels["can_post_messages"] as? Bool == false && channels["can_pin_messages"] == nil)

            #expect(try await client.bot(bot, "setMyDefaultAdministratorRights", ["rights": rights, "for_channels": "1"]).ok)
            let set = try await client.bot(bot, "getMyDefaultAdministratorRights", ["for_channels": "true"]).resultObject
            #expect(set["can_post_messages"] as? Bool == true && set["can_edit_messages"] as? Bool == false)
            // No rights clears them.
            #expect(try await client.bot(bot, "setMyDefaultAdministratorRights").ok)
            #expect(try await client.bot(bot, "getMyDefaultAdministratorRights").body == none.body)

            let cases: [(String, String)] = [
                ("{", "Bad Request: can't parse ChatAdministratorRights JSON object"),
                ("[]", "Bad Request: can't parse ChatAdministratorRights: ChatAdministratorRights must be an Object"),
                ("{\"can_invite_users\":1}", "Bad Request: can't parse ChatAdministratorRights: Field \"can_invite_users\" must be of type Boolean"),
            ]
            for (rights, description) in cases {
                #expect(try await client.bot(bot, "setMyDefaultAdministratorRights", ["rights": rights]).description == description)
            }
        }
    }

    @Test func settingsSurviveARestart() async throws {
        let world = try TestWorld()
        let (bot, botID, user, userID) = try await world.run { client in
            let ids = try await botWithUser(client, language: "ru")
            let scope = "{\"type\":\"chat\",\"chat_id\":\(ids.userID)}"
            #expect(try await client.bot(ids.bot, "setMyCommands", [
                "commands": "[{\"command\":\"go\",\"description\":\"Go\"}]", "scope": scope, "language_code": "ru",
            ]).ok)
            #expect(try await client.bot(ids.bot, "setMyName", ["name": "Renamed"]).ok)
            #expect(try await client.bot(ids.bot, "setMyDescription", ["description": "Описание", "language_code": "ru"]).ok)
            #expect(try await client.bot(ids.bot, "setChatMenuButton", ["chat_id": "\(ids.userID)", "menu_button": "{\"type\":\"commands\"}"]).ok)
            #expect(try await client.bot(ids.bot, "setMyDefaultAdministratorRights", ["rights": "{\"can_invite_users\":true}"]).ok)
            return ids
        }
        try await world.restarted().run { (client: Client) async throws in
            let scope = "{\"type\":\"chat\",\"chat_id\":\(userID)}"
            #expect(commands(try await client.bot(bot, "getMyCommands", ["scope": scope, "language_code": "ru"])) == ["go=Go"])
            #expect(commands(try await client.user(user, "getBotCommands", ["bot_id": "\(botID)"])) == ["go=Go"])
            #expect(try await client.bot(bot, "getMe").resultObject["first_name"] as? String == "Renamed")
            #expect(try await client.bot(bot, "getMyDescription", ["language_code": "ru"]).resultObject["description"] as? String == "Описание")
            #expect(try await client.bot(bot, "getChatMenuButton", ["chat_id": "\(userID)"]).resultObject["type"] as? String == "commands")
            #expect(try await client.bot(bot, "getMyDefaultAdministratorRights").resultObject["can_invite_users"] as? Bool == true)
        }
    }
}

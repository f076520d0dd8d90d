import Foundation
import Testing

/// Gifts (issue 14, item 5): the catalogue and the admin's createGift, sendGift with the
/// bot's Stars, the `gift` service message, getUserGifts / getChatGifts, what an owner does
/// with a gift (convert, upgrade, transfer) and giftPremiumSubscription.
@Suite struct GiftTests {
    static let heart = "5170145012310081615"
    static let clover = "5167939598143193218"

    func stars(_ client: Client, _ id: Int, _ amount: Int) async throws {
        let added = try await client.admin("addStars", ["user_id": "\(id)", "amount": "\(amount)"])
        try #require(added.ok, "\(added.body)")
    }

    func balance(_ client: Client, bot token: String) async throws -> Int? {
        (try await client.bot(token, "getMyStarBalance").resultObject["amount"] as? Int)
    }

    /// The last message of the user's updates.
    func lastMessage(_ client: Client, user token: String) async throws -> [String: Any] {
        let updates = try await client.drainUpdates(user: token)
        return updates.last?["message"] as? [String: Any] ?? [:]
    }

    func gifts(_ answer: Answer) -> [[String: Any]] { answer.resultObject["gifts"] as? [[String: Any]] ?? [] }

    @Test func theCatalogueStartsWithTelegramsClassicGifts() async throws {
        try await TestWorld().run { client in
            let (bot, _) = try await client.createBot()
            let answer = try await client.bot(bot, "getAvailableGifts")
            #expect(answer.ok, "\(answer.body)")
            let list = gifts(answer)
            #expect(list.count == 8)
            let heart = try #require(list.first)
            #expect(heart["id"] as? String == Self.heart && heart["star_count"] as? Int == 15)
            #expect(heart["upgrade_star_count"] == nil && heart["total_count"] == nil)
            let sticker = try #require(heart["sticker"] as? [String: Any])
            #expect(sticker["emoji"] as? String == "💝" && sticker["width"] as? Int == 512 && sticker["type"] as? String == "regular")
            // The sticker is the bot's to use once shown.
            #expect(try await client.bot(bot, "getFile", ["file_id": sticker["file_id"] as? String ?? ""]).ok)
            let clover = try #require(list.last)
            #expect(clover["id"] as? String == Self.clover && clover["total_count"] as? Int == 10_000)
            #expect(clover["remaining_count"] as? Int == 10_000 && clover["upgrade_star_count"] as? Int == 150)
            #expect(clover["unique_gift_variant_count"] as? Int == 5)
            // Users see the same catalogue.
            let (user, _) = try await client.createUser()
            #expect(gifts(try await client.user(user, "getAvailableGifts")).count == 8)
        }
    }

    @Test func createGiftExtendsTheCatalogue() async throws {
        try await TestWorld().run { client in
            let (bot, _) = try await client.createBot()
            #expect(try await client.admin("createGift", [:]).description == "Bad Request: parameter \"star_count\" is required")
            #expect(try await client.admin("createGift", ["star_count": "0"]).description == "Bad Request: star_count must be 1 to 1000000")
            let plain = try await client.admin("createGift", ["star_count": "500", "total_count": "3", "upgrade_star_count": "100", "emoji": "🦄"])
            #expect(plain.ok, "\(plain.body)")
            #expect(plain.resultObject["total_count"] as? Int == 3 && plain.resultObject["remaining_count"] as? Int == 3)
            #expect((plain.resultObject["id"] as? String)?.count == 19)
            let url = try #require(Bundle.module.url(forResource: "telegram", withExtension: "webp", subdirectory: "Media"))
            let webp = try [UInt8](Data(contentsOf: url))
            let uploaded = try await client.upload(
                "admin\(TestWorld.adminToken)", "createGift", ["star_count": "42", "title": "Logo"],
                files: [("sticker", "telegram.webp", "image/webp", webp)])
            #expect(uploaded.ok, "\(uploaded.body)")
            let sticker = uploaded.resultObject["sticker"] as? [String: Any] ?? [:]
            #expect(sticker["width"] as? Int == 510 && sticker["height"] as? Int == 512 && sticker["emoji"] as? String == "🎁")
            let notSticker = try await client.upload(
                "admin\(TestWorld.adminToken)", "createGift", ["star_count": "42"], files: [("sticker", "a.txt", "text/plain", Array("hi".utf8))])
            #expect(notSticker.description == "Bad Request: STICKER_PNG_NOPNG")
            // New gifts come after the seeded ones, in the order they were made.
            let list = gifts(try await client.bot(bot, "getAvailableGifts"))
            #expect(list.count == 10)
            #expect(list.suffix(2).map { $0["star_count"] as? Int } == [500, 42])
        }
    }

    @Test func sendGiftPaysWithTheBotsStarsAndTheUserSeesTheGift() async throws {
        try await TestWorld().run { client in
            let pair = try await client.chatPair()
            let send = ["user_id": "\(pair.userID)", "gift_id": Self.heart, "text": "<b>Thanks</b> for all", "text_parse_mode": "HTML"]
            #expect(try await client.bot(pair.bot, "sendGift", send).description == "Bad Request: BALANCE_TOO_LOW")
            try await stars(client, pair.botID, 100)
            var unknown = send
            unknown["gift_id"] = "123"
            #expect(try await client.bot(pair.bot, "sendGift", unknown).description == "Bad Request: STARGIFT_INVALID")
            #expect(try await client.bot(pair.bot, "sendGift", ["gift_id": Self.heart]).description == "Bad Request: invalid user_id specified")
            #expect(try await client.bot(pair.bot, "sendGift", ["gift_id": Self.heart, "user_id": "777"]).description == "Bad Request: user not found")

            let sent = try await client.bot(pair.bot, "sendGift", send)
            #expect(sent.body == #"{"ok":true,"result":true}"#)
            #expect(try await balance(client, bot: pair.bot) == 85)
            let transactions = try await client.bot(pair.bot, "getStarTransactions").resultObject["transactions"] as? [[String: Any]] ?? []
            let receiver = transactions.first?["receiver"] as? [String: Any] ?? [:]
            #expect(transactions.first?["amount"] as? Int == 15 && receiver["transaction_type"] as? String == "gift_purchase")
            #expect((receiver["user"] as? [String: Any])?["id"] as? Int == pair.userID)
            #expect((receiver["gift"] as? [String: Any])?["id"] as? String == Self.heart)

            // The user gets the `gift` service message from the bot.
            let message = try await lastMessage(client, user: pair.user)
            #expect((message["from"] as? [String: Any])?["id"] as? Int == pair.botID)
            let info = try #require(message["gift"] as? [String: Any])
            #expect(info["owned_gift_id"] as? String == "1" && info["convert_star_count"] as? Int == 13)
            #expect(info["text"] as? String == "Thanks for all" && info["can_be_upgraded"] == nil)
            let entity = (info["entities"] as? [[String: Any]])?.first
            #expect(entity?["type"] as? String == "bold" && entity?["length"] as? Int == 6)
            #expect((info["gift"] as? [String: Any])?["id"] as? String == Self.heart)

            // The bot sees it on the user's profile, without what only the owner may do.
            let seen = gifts(try await client.bot(pair.bot, "getUserGifts", ["user_id": "\(pair.userID)"]))
            #expect(seen.count == 1)
            let owned = seen.first ?? [:]
            #expect(owned["type"] as? String == "regular" && owned["is_saved"] as? Bool == true)
            #expect((owned["sender_user"] as? [String: Any])?["id"] as? Int == pair.botID)
            #expect(owned["owned_gift_id"] == nil && owned["convert_star_count"] == nil && owned["text"] as? String == "Thanks for all")
            // The user sees their own with its id and conversion value.
            let mine = gifts(try await client.user(pair.user, "getUserGifts", ["user_id": "\(pair.userID)"])).first ?? [:]
            #expect(mine["owned_gift_id"] as? String == "1" && mine["convert_star_count"] as? Int == 13)
        }
    }

    @Test func aGiftNeedsNoConversationButABotOnlyReachesUsersItMet() async throws {
        try await TestWorld().run { client in
            let (bot, botID) = try await client.createBot()
            let (user, userID) = try await client.createUser()
            try await stars(client, botID, 50)
            let send = ["user_id": "\(userID)", "gift_id": Self.heart]
            #expect(try await client.bot(bot, "sendGift", send).description == "Bad Request: user not found")
            // Sharing a group, the bot knows the user: the gift opens their private chat.
            let group = try await client.user(user, "createChat", ["type": "supergroup", "title": "Team", "member_ids": "[\(botID)]"])
            try #require(group.ok, "\(group.body)")
            _ = try await client.drainUpdates(user: user)
            #expect(try await client.bot(bot, "sendGift", send).ok)
            let message = try await lastMessage(client, user: user)
            #expect((message["chat"] as? [String: Any])?["id"] as? Int == botID && message["gift"] != nil)
            // The bot still can't start a conversation, and a user who blocked it gets no gifts.
            let text = try await client.bot(bot, "sendMessage", ["chat_id": "\(userID)", "text": "hi"])
            #expect(text.description == "Forbidden: bot can't initiate conversation with a user")
            #expect(try await client.user(user, "blockUser", ["user_id": "\(botID)"]).ok)
            let blocked = try await client.bot(bot, "sendGift", send)
            #expect(blocked.status == 403 && blocked.description == "Forbidden: bot was blocked by the user")
            #expect(try await balance(client, bot: bot) == 35)
        }
    }

    @Test func limitedGiftsSellOut() async throws {
        try await TestWorld().run { client in
            let pair = try await client.chatPair()
            try await stars(client, pair.botID, 1000)
            let created = try await client.admin("createGift", ["star_count": "10", "total_count": "1"])
            let giftID = try #require(created.resultObject["id"] as? String)
            let send = ["user_id": "\(pair.userID)", "gift_id": giftID]
            #expect(try await client.bot(pair.bot, "sendGift", send).ok)
            let listed = gifts(try await client.bot(pair.bot, "getAvailableGifts")).first { $0["id"] as? String == giftID }
            #expect(listed?["remaining_count"] as? Int == 0 && listed?["total_count"] as? Int == 1)
            #expect(try await client.bot(pair.bot, "sendGift", send).description == "Bad Request: STARGIFT_USAGE_LIMITED")
            #expect(try await balance(client, bot: pair.bot) == 990)
        }
    }

    @Test func ownersConvertUpgradeAndTransferTheirGifts() async throws {
        try await TestWorld().run { client in
            let pair = try await client.chatPair()
            let (friend, friendID) = try await client.createUser("Bob")
            try await stars(client, pair.botID, 2000)
            let heart = ["user_id": "\(pair.userID)", "gift_id": Self.heart]
            let clover = ["user_id": "\(pair.userID)", "gift_id": Self.clover]
            #expect(try await client.bot(pair.bot, "sendGift", heart).ok)
            #expect(try await client.bot(pair.bot, "sendGift", clover).ok)
            #expect(try await client.bot(pair.bot, "sendGift", clover.merging(["pay_for_upgrade": "true"]) { $1 }).ok)
            #expect(try await balance(client, bot: pair.bot) == 2000 - 15 - 350 - 500)

            // Converting: the heart (gift 1) becomes 13 Stars.
            #expect(try await client.user(pair.user, "convertGiftToStars", ["owned_gift_id": "x"]).description
                == "Bad Request: invalid gift identifier specified")
            #expect(try await client.user(pair.user, "convertGiftToStars", ["owned_gift_id": "1"]).ok)
            #expect(try await client.user(pair.user, "getMyStarBalance").resultObject["amount"] as? Int == 13)
            #expect(try await client.user(pair.user, "convertGiftToStars", ["owned_gift_id": "1"]).description
                == "Bad Request: STARGIFT_NOT_FOUND")

            // Upgrading gift 2 costs its upgrade price, from the owner's balance.
            let upgrade = ["owned_gift_id": "2"]
            #expect(try await client.user(pair.user, "upgradeGift", upgrade).description == "Bad Request: PAYMENT_REQUIRED")
            #expect(try await client.user(pair.user, "upgradeGift", upgrade.merging(["star_count": "100"]) { $1 }).description
                == "Bad Request: wrong upgrade price specified")
            #expect(try await client.user(pair.user, "upgradeGift", upgrade.merging(["star_count": "150"]) { $1 }).description
                == "Bad Request: BALANCE_TOO_LOW")
            // Gift 3's upgrade was paid by the bot: free, and star_count must be 0.
            #expect(try await client.user(pair.user, "upgradeGift", ["owned_gift_id": "3", "keep_original_details": "true"]).ok)
            let mine = gifts(try await client.user(pair.user, "getUserGifts", ["user_id": "\(pair.userID)"]))
            #expect(mine.map { $0["owned_gift_id"] as? String } == ["3", "2"])
            let unique = try #require(mine.first)
            #expect(unique["type"] as? String == "unique" && unique["can_be_transferred"] as? Bool == true)
            #expect(unique["transfer_star_count"] as? Int == 25)
            let made = unique["gift"] as? [String: Any] ?? [:]
            #expect(made["gift_id"] as? String == Self.clover && made["base_name"] as? String == "Lucky Clover")
            #expect(made["name"] as? String == "LuckyClover-1" && made["number"] as? Int == 1)
            #expect((made["model"] as? [String: Any])?["sticker"] != nil && (made["backdrop"] as? [String: Any])?["colors"] != nil)
            #expect(try await client.user(pair.user, "upgradeGift", ["owned_gift_id": "3"]).description
                == "Bad Request: STARGIFT_ALREADY_UPGRADED")
            #expect(try await client.user(pair.user, "convertGiftToStars", ["owned_gift_id": "3"]).description
                == "Bad Request: STARGIFT_CONVERT_UNAVAILABLE")

            // Transferring: regular gifts can't be, unique ones cost 25 Stars.
            let transfer = ["owned_gift_id": "3", "new_owner_chat_id": "\(friendID)", "star_count": "25"]
            #expect(try await client.user(pair.user, "transferGift", transfer.merging(["owned_gift_id": "2"]) { $1 }).description
                == "Bad Request: STARGIFT_NOT_UNIQUE")
            #expect(try await client.user(pair.user, "transferGift", transfer.merging(["new_owner_chat_id": "424242"]) { $1 }).description
                == "Bad Request: have no access to the new gift owner")
            #expect(try await client.user(pair.user, "transferGift", transfer.merging(["star_count": "0"]) { $1 }).description
                == "Bad Request: PAYMENT_REQUIRED")
            try await stars(client, pair.userID, 12)
            #expect(try await client.user(pair.user, "transferGift", transfer).ok)
            #expect(try await client.user(pair.user, "getMyStarBalance").resultObject["amount"] as? Int == 0)
            let message = try await lastMessage(client, user: friend)
            let info = try #require(message["unique_gift"] as? [String: Any])
            #expect(info["origin"] as? String == "transfer" && info["owned_gift_id"] as? String == "1")
            #expect((info["gift"] as? [String: Any])?["name"] as? String == "LuckyClover-1")
            let theirs = gifts(try await client.user(friend, "getUserGifts", ["user_id": "\(friendID)"]))
            #expect(theirs.count == 1 && (theirs.first?["sender_user"] as? [String: Any])?["id"] as? Int == pair.userID)
            #expect(gifts(try await client.user(pair.user, "getUserGifts", ["user_id": "\(pair.userID)"])).count == 1)
        }
    }

    @Test func listsFilterAndPage() async throws {
        try await TestWorld().run { client in
            let pair = try await client.chatPair()
            try await stars(client, pair.botID, 1000)
            for gift in [Self.heart, Self.clover, "5170521118301225164"] {
                #expect(try await client.bot(pair.bot, "sendGift", ["user_id": "\(pair.userID)", "gift_id": gift]).ok)
            }
            let user = ["user_id": "\(pair.userID)"]
            let first = try await client.bot(pair.bot, "getUserGifts", user.merging(["limit": "2"]) { $1 })
            #expect(first.resultObject["total_count"] as? Int == 3 && first.resultObject["next_offset"] as? String == "2")
            #expect(gifts(first).map { ($0["gift"] as? [String: Any])?["star_count"] as? Int } == [100, 350])
            let second = try await client.bot(pair.bot, "getUserGifts", user.merging(["offset": "2", "limit": "2"]) { $1 })
            #expect(gifts(second).count == 1 && second.resultObject["next_offset"] == nil)
            let sorted = gifts(try await client.bot(pair.bot, "getUserGifts", user.merging(["sort_by_price": "true"]) { $1 }))
            #expect(sorted.map { ($0["gift"] as? [String: Any])?["star_count"] as? Int } == [350, 100, 15])
            let limited = try await client.bot(pair.bot, "getUserGifts", user.merging(["exclude_unlimited": "true"]) { $1 })
            #expect(limited.resultObject["total_count"] as? Int == 1)
            let unlimited = try await client.bot(pair.bot, "getUserGifts", user.merging(["exclude_limited_upgradable": "true"]) { $1 })
            #expect(unlimited.resultObject["total_count"] as? Int == 2)
            // getChatGifts on the user's private chat lists the same gifts.
            let chat = try await client.bot(pair.bot, "getChatGifts", ["chat_id": "\(pair.userID)", "exclude_unique": "true"])
            #expect(chat.resultObject["total_count"] as? Int == 3)
        }
    }

    @Test func channelsReceiveGiftsGroupsDont() async throws {
        try await TestWorld().run { client in
            let (bot, botID) = try await client.createBot()
            let (owner, _) = try await client.createUser()
            try await stars(client, botID, 100)
            let channel = try await client.user(owner, "createChat", ["type": "channel", "title": "News", "member_ids": "[\(botID)]"])
            let channelID = try #require(channel.resultObject["id"] as? Int, "\(channel.body)")
            let group = try await client.user(owner, "createChat", ["type": "supergroup", "title": "Team", "member_ids": "[\(botID)]"])
            let groupID = try #require(group.resultObject["id"] as? Int)
            #expect(try await client.bot(bot, "sendGift", ["chat_id": "\(groupID)", "gift_id": Self.heart]).description
                == "Bad Request: PEER_ID_INVALID")
            #expect(try await client.bot(bot, "sendGift", ["chat_id": "\(channelID)", "gift_id": Self.heart]).ok)
            let listed = try await client.bot(bot, "getChatGifts", ["chat_id": "\(channelID)"])
            #expect(listed.resultObject["total_count"] as? Int == 1)
            // A channel's gifts wait for its administrators to show them.
            #expect(gifts(listed).first?["is_saved"] == nil)
            let saved = try await client.bot(bot, "getChatGifts", ["chat_id": "\(channelID)", "exclude_unsaved": "true"])
            #expect(saved.resultObject["total_count"] as? Int == 0)
            #expect(try await client.bot(bot, "getChatGifts", ["chat_id": "-100424242"]).description == "Bad Request: chat not found")
        }
    }

    @Test func premiumSubscriptionsMakeUsersPremiumUntilTheyEnd() async throws {
        try await TestWorld().run { client in
            let pair = try await client.chatPair()
            let gift = ["user_id": "\(pair.userID)", "month_count": "3", "star_count": "1000"]
            #expect(try await client.bot(pair.bot, "giftPremiumSubscription", gift).description == "Bad Request: BALANCE_TOO_LOW")
            try await stars(client, pair.botID, 3000)
            #expect(try await client.bot(pair.bot, "giftPremiumSubscription", gift.merging(["star_count": "1500"]) { $1 }).description
                == "Bad Request: wrong Premium subscription price specified")
            #expect(try await client.bot(pair.bot, "giftPremiumSubscription", gift.merging(["month_count": "4"]) { $1 }).description
                == "Bad Request: PREMIUM_GIFT_MONTHS_INVALID")
            #expect(try await client.bot(pair.bot, "giftPremiumSubscription", gift.merging(["star_count": "0"]) { $1 }).description
                == "Bad Request: invalid amount of the currency specified")
            #expect(try await client.bot(pair.bot, "giftPremiumSubscription", gift).ok)
            #expect(try await balance(client, bot: pair.bot) == 2000)
            let transactions = try await client.bot(pair.bot, "getStarTransactions").resultObject["transactions"] as? [[String: Any]] ?? []
            let receiver = transactions.first?["receiver"] as? [String: Any] ?? [:]
            #expect(receiver["transaction_type"] as? String == "premium_purchase" && receiver["premium_subscription_duration"] as? Int == 3)
            #expect(try await client.user(pair.user, "getMe").resultObject["is_premium"] as? Bool == true)
            // 90 days later the subscription ends.
            #expect(try await client.admin("advanceTime", ["seconds": "\(89 * 86_400)"]).ok)
            #expect(try await client.user(pair.user, "getMe").resultObject["is_premium"] as? Bool == true)
            #expect(try await client.admin("advanceTime", ["seconds": "\(2 * 86_400)"]).ok)
            #expect(try await client.user(pair.user, "getMe").resultObject["is_premium"] == nil)
        }
    }
}

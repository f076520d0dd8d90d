import Foundation
import Testing

/// The business-account gift methods (issue 14, items 4 and 5): a bot connected to a
/// user's account lists, converts, upgrades and transfers the account's gifts and sets which
/// gifts it accepts, within the rights the user granted.
@Suite struct GiftBusinessTests {
    static let allRights = #"{"can_view_gifts_and_stars":true,"can_convert_gifts_to_stars":true,"#
        + #""can_transfer_and_upgrade_gifts":true,"can_transfer_stars":true,"can_change_gift_settings":true}"#

    func gifts(_ answer: Answer) -> [[String: Any]] { answer.resultObject["gifts"] as? [[String: Any]] ?? [] }

    func accountStars(_ client: Client, _ setup: BusinessSetup) async throws -> Int? {
        try await client.bot(setup.bot, "getBusinessAccountStarBalance", ["business_connection_id": setup.connectionID])
            .resultObject["amount"] as? Int
    }

    @Test func aBusinessBotManagesTheAccountsGifts() async throws {
        try await TestWorld().run { client in
            let setup = try await client.businessSetup(rights: Self.allRights)
            let business = ["business_connection_id": setup.connectionID]
            #expect(try await client.admin("addStars", ["user_id": "\(setup.botID)", "amount": "1000"]).ok)
            for gift in [GiftTests.heart, GiftTests.clover] {
                #expect(try await client.bot(setup.bot, "sendGift", ["user_id": "\(setup.ownerID)", "gift_id": gift]).ok)
            }
            let listed = try await client.bot(setup.bot, "getBusinessAccountGifts", business)
            #expect(listed.resultObject["total_count"] as? Int == 2, "\(listed.body)")
            #expect(gifts(listed).map { $0["owned_gift_id"] as? String } == ["2", "1"])
            #expect(gifts(listed).last?["convert_star_count"] as? Int == 13)
            let limited = try await client.bot(setup.bot, "getBusinessAccountGifts", business.merging(["exclude_limited": "true"]) { $1 })
            #expect(limited.resultObject["total_count"] as? Int == 1)

            // Converting the heart pays the account.
            #expect(try await client.bot(setup.bot, "convertGiftToStars", business.merging(["owned_gift_id": "1"]) { $1 }).ok)
            #expect(try await accountStars(client, setup) == 13)
            // Upgrading the clover is paid from the account's Stars.
            let upgrade = business.merging(["owned_gift_id": "2", "star_count": "150"]) { $1 }
            #expect(try await client.bot(setup.bot, "upgradeGift", upgrade).description == "Bad Request: BALANCE_TOO_LOW")
            #expect(try await client.admin("addStars", ["user_id": "\(setup.ownerID)", "amount": "162"]).ok)
            #expect(try await client.bot(setup.bot, "upgradeGift", upgrade).ok)
            let unique = gifts(try await client.bot(setup.bot, "getBusinessAccountGifts", business)).first ?? [:]
            #expect(unique["type"] as? String == "unique" && unique["owned_gift_id"] as? String == "2")
            // Transferring it to the customer.
            let transfer = business.merging(["owned_gift_id": "2", "new_owner_chat_id": "\(setup.customerID)", "star_count": "25"]) { $1 }
            #expect(try await client.bot(setup.bot, "transferGift", transfer).ok)
            #expect(try await accountStars(client, setup) == 0)
            let received = try await client.drainUpdates(user: setup.customer)
            let info = (received.last?["message"] as? [String: Any])?["unique_gift"] as? [String: Any]
            #expect(info?["origin"] as? String == "transfer" && info?["owned_gift_id"] as? String == "1")
            #expect(try await client.bot(setup.bot, "getBusinessAccountGifts", business).resultObject["total_count"] as? Int == 0)
        }
    }

    @Test func rightsAndConnectionsAreChecked() async throws {
        try await TestWorld().run { client in
            let setup = try await client.businessSetup(rights: #"{"can_reply":true}"#)
            let business = ["business_connection_id": setup.connectionID]
            let types = #"{"unlimited_gifts":true,"limited_gifts":true,"unique_gifts":true,"premium_subscription":true}"#
            let refused = "Bad Request: BOT_ACCESS_FORBIDDEN"
            #expect(try await client.bot(setup.bot, "getBusinessAccountGifts", business).description == refused)
            #expect(try await client.bot(setup.bot, "convertGiftToStars", business.merging(["owned_gift_id": "1"]) { $1 }).description == refused)
            #expect(try await client.bot(setup.bot, "upgradeGift", business.merging(["owned_gift_id": "1"]) { $1 }).description == refused)
            #expect(try await client.bot(setup.bot, "transferGift", business.merging(["owned_gift_id": "1", "new_owner_chat_id": "\(setup.customerID)"]) { $1 }).description == refused)
            let settings = business.merging(["show_gift_button": "true", "accepted_gift_types": types]) { $1 }
            #expect(try await client.bot(setup.bot, "setBusinessAccountGiftSettings", settings).description == refused)
            let unknown = ["business_connection_id": "nope", "owned_gift_id": "1"]
            #expect(try await client.bot(setup.bot, "convertGiftToStars", unknown).description == "Bad Request: business connection not found")
        }
    }

    @Test func giftSettingsDecideWhichGiftsTheAccountReceives() async throws {
        try await TestWorld().run { client in
            let setup = try await client.businessSetup(rights: Self.allRights)
            let business = ["business_connection_id": setup.connectionID, "show_gift_button": "true"]
            func set(_ types: String?) async throws -> Answer {
                var parameters = business
                parameters["accepted_gift_types"] = types
                return try await client.bot(setup.bot, "setBusinessAccountGiftSettings", parameters)
            }
            #expect(try await set(nil).description == "Bad Request: accepted gift types aren't specified")
            #expect(try await set("{").description == "Bad Request: can't parse accepted gift types JSON object")
            #expect(try await set("[]").description == "Bad Request: object expected as accepted gift types")
            #expect(try await set(#"{"unlimited_gifts":true}"#).description == #"Bad Request: can't find field "limited_gifts""#)
            #expect(try await set(#"{"unlimited_gifts":1,"limited_gifts":true,"unique_gifts":true,"premium_subscription":true}"#).description
                == #"Bad Request: field "unlimited_gifts" must be of type Boolean"#)
            let chat = try await client.bot(setup.bot, "getChat", ["chat_id": "\(setup.ownerID)"])
            #expect((chat.resultObject["accepted_gift_types"] as? [String: Any])?["unlimited_gifts"] as? Bool == true)

            #expect(try await set(#"{"unlimited_gifts":false,"limited_gifts":true,"unique_gifts":true,"premium_subscription":false}"#).ok)
            let types = try await client.bot(setup.bot, "getChat", ["chat_id": "\(setup.ownerID)"]).resultObject["accepted_gift_types"]
            #expect((types as? [String: Any])?["unlimited_gifts"] as? Bool == false)
            #expect((types as? [String: Any])?["gifts_from_channels"] as? Bool == true)
            #expect(try await client.admin("addStars", ["user_id": "\(setup.botID)", "amount": "2000"]).ok)
            let heart = ["user_id": "\(setup.ownerID)", "gift_id": GiftTests.heart]
            #expect(try await client.bot(setup.bot, "sendGift", heart).description == "Bad Request: USER_DISALLOWED_STARGIFTS")
            #expect(try await client.bot(setup.bot, "sendGift", heart.merging(["gift_id": GiftTests.clover]) { $1 }).ok)
            let premium = ["user_id": "\(setup.ownerID)", "month_count": "3", "star_count": "1000"]
            #expect(try await client.bot(setup.bot, "giftPremiumSubscription", premium).description == "Bad Request: USER_DISALLOWED_STARGIFTS")
        }
    }
}

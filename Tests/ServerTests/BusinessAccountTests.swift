import Foundation
import Testing

/// What a business bot changes on its account: name, username, bio, profile photo, Stars;
/// and the stories it posts for it (issue 14, items 4 and 5).
@Suite struct BusinessAccountTests {
    static let everyRight = #"{"can_reply":true,"can_edit_name":true,"can_edit_bio":true,"can_edit_username":true,"can_edit_profile_photo":true,"can_view_gifts_and_stars":true,"can_transfer_stars":true,"can_manage_stories":true}"#

    @Test func everyMethodNeedsItsRight() async throws {
        try await TestWorld().run { client in
            let setup = try await client.businessSetup(rights: #"{"can_reply":true}"#)
            let calls: [(String, [String: String])] = [
                ("setBusinessAccountName", ["first_name": "Olga"]), ("setBusinessAccountUsername", ["username": "olga_new"]),
                ("setBusinessAccountBio", ["bio": "Shoes"]), ("removeBusinessAccountProfilePhoto", [:]),
                ("getBusinessAccountStarBalance", [:]), ("transferBusinessAccountStars", ["star_count": "1"]),
                ("deleteStory", ["story_id": "1"]),
            ]
            for (method, parameters) in calls {
                let refused = try await client.bot(setup.bot, method, parameters.merging(["business_connection_id": setup.connectionID]) { $1 })
                #expect(refused.status == 400 && refused.description == "Bad Request: BOT_ACCESS_FORBIDDEN", "\(method)")
                let unknown = try await client.bot(setup.bot, method, parameters.merging(["business_connection_id": "nope"]) { $1 })
                #expect(unknown.description == "Bad Request: business connection not found", "\(method)")
            }
        }
    }

    @Test func theBotEditsTheAccountsProfile() async throws {
        try await TestWorld().run { client in
            let setup = try await client.businessSetup(rights: Self.everyRight)
            let id = ["business_connection_id": setup.connectionID]
            func call(_ method: String, _ parameters: [String: String]) async throws -> Answer {
                try await client.bot(setup.bot, method, id.merging(parameters) { $1 })
            }
            #expect(try await call("setBusinessAccountName", [:]).description == "Bad Request: parameter \"first_name\" is required")
            #expect(try await call("setBusinessAccountName", ["first_name": String(repeating: "a", count: 65)]).description == "Bad Request: FIRSTNAME_INVALID")
            #expect(try await call("setBusinessAccountName", ["first_name": "Olga", "last_name": "Shoes"]).ok)
            let me = try await client.user(setup.owner, "getMe").resultObject
            #expect(me["first_name"] as? String == "Olga" && me["last_name"] as? String == "Shoes")

            let (_, _) = try await client.createUser("Taken", username: "taken_name")
            #expect(try await call("setBusinessAccountUsername", ["username": "x"]).description == "Bad Request: USERNAME_INVALID")
            #expect(try await call("setBusinessAccountUsername", ["username": "Taken_Name"]).description == "Bad Request: USERNAME_OCCUPIED")
            #expect(try await call("setBusinessAccountUsername", ["username": "olga_shop"]).description == "Bad Request: USERNAME_NOT_MODIFIED")
            #expect(try await call("setBusinessAccountUsername", ["username": "olga_shoes"]).ok)
            #expect(try await client.user(setup.owner, "getMe").resultObject["username"] as? String == "olga_shoes")

            #expect(try await call("setBusinessAccountBio", ["bio": String(repeating: "b", count: 141)]).description == "Bad Request: ABOUT_TOO_LONG")
            #expect(try await call("setBusinessAccountBio", ["bio": "Shoes since 1990"]).ok)
            let info = try await client.user(setup.customer, "getChat", ["chat_id": "\(setup.ownerID)"]).resultObject
            #expect(info["bio"] as? String == "Shoes since 1990")

            let photo = try await client.upload("bot\(setup.bot)", "setBusinessAccountProfilePhoto", id.merging([
                "photo": #"{"type":"static","photo":"attach://p"}"#, "is_public": "true",
            ]) { $1 }, files: [("p", "p.png", "image/png", FileTests.png(width: 64, height: 64))])
            #expect(photo.ok, "\(photo.body)")
            #expect(try await client.bot(setup.bot, "getUserProfilePhotos", ["user_id": "\(setup.ownerID)"]).resultObject["total_count"] as? Int == 1)
            #expect(try await call("removeBusinessAccountProfilePhoto", [:]).ok)
            #expect(try await client.bot(setup.bot, "getUserProfilePhotos", ["user_id": "\(setup.ownerID)"]).resultObject["total_count"] as? Int == 0)
        }
    }

    @Test func starsMoveFromTheAccountToTheBot() async throws {
        try await TestWorld().run { client in
            let setup = try await client.businessSetup(rights: Self.everyRight)
            let id = ["business_connection_id": setup.connectionID]
            #expect(try await client.admin("addStars", ["user_id": "\(setup.ownerID)", "amount": "50"]).ok)
            #expect(try await client.bot(setup.bot, "getBusinessAccountStarBalance", id).body == #"{"ok":true,"result":{"amount":50}}"#)
            #expect(try await client.bot(setup.bot, "transferBusinessAccountStars", id.merging(["star_count": "0"]) { $1 }).description
                == "Bad Request: STARS_AMOUNT_INVALID")
            #expect(try await client.bot(setup.bot, "transferBusinessAccountStars", id.merging(["star_count": "51"]) { $1 }).description
                == "Bad Request: BALANCE_TOO_LOW")
            #expect(try await client.bot(setup.bot, "transferBusinessAccountStars", id.merging(["star_count": "20"]) { $1 }).ok)
            #expect(try await client.bot(setup.bot, "getBusinessAccountStarBalance", id).resultObject["amount"] as? Int == 30)
            #expect(try await client.bot(setup.bot, "getMyStarBalance").resultObject["amount"] as? Int == 20)
            let transactions = try await client.bot(setup.bot, "getStarTransactions").resultObject["transactions"] as? [[String: Any]] ?? []
            let source = try #require(transactions.first?["source"] as? [String: Any])
            #expect(source["transaction_type"] as? String == "business_account_transfer")
            #expect((source["user"] as? [String: Any])?["id"] as? Int == setup.ownerID)
        }
    }

    @Test func storiesArePostedEditedRepostedAndDeleted() async throws {
        try await TestWorld().run { client in
            let setup = try await client.businessSetup(rights: Self.everyRight)
            let id = ["business_connection_id": setup.connectionID]
            let png = FileTests.png(width: 108, height: 192)
            func post(_ parameters: [String: String], file: [UInt8]? = nil) async throws -> Answer {
                try await client.upload("bot\(setup.bot)", "postStory", id.merging(parameters) { $1 },
                                        files: [("s", "s.png", "image/png", file ?? png)])
            }
            let photo = #"{"type":"photo","photo":"attach://s"}"#
            #expect(try await post(["active_period": "86400"]).description == "Bad Request: story content isn't specified")
            #expect(try await post(["content": "{", "active_period": "86400"]).description == "Bad Request: can't parse story content JSON object")
            #expect(try await post(["content": #"{"type":"photo","photo":"AgAD"}"#, "active_period": "86400"]).description
                == "Bad Request: story photo must be uploaded as a file")
            #expect(try await post(["content": #"{"type":"audio"}"#]).description == "Bad Request: invalid story content type specified")
            #expect(try await post(["content": photo, "active_period": "100"]).description == "Bad Request: invalid story active period specified")
            #expect(try await post(["content": photo, "active_period": "86400", "caption": String(repeating: "c", count: 2049)]).description
                == "Bad Request: story caption is too long")

            let area = #"[{"position":{"x_percentage":50,"y_percentage":50,"width_percentage":20,"height_percentage":10,"rotation_angle":0,"corner_radius_percentage":5},"type":{"type":"link","url":"https://example.com/shoes"}}]"#
            let posted = try await post([
                "content": photo, "active_period": "21600", "caption": "<b>New</b> shoes", "parse_mode": "HTML", "areas": area,
            ])
            #expect(posted.ok, "\(posted.body)")
            #expect((posted.resultObject["chat"] as? [String: Any])?["id"] as? Int == setup.ownerID && posted.resultObject["id"] as? Int == 1)

            // People see it, with its caption, entities, areas and photo.
            let stories = try await client.user(setup.customer, "getStories", ["user_id": "\(setup.ownerID)"]).resultArray
            #expect(stories.count == 1)
            let story = try #require(stories.first?["story"] as? [String: Any])
            #expect(story["caption"] as? String == "New shoes")
            #expect((story["caption_entities"] as? [[String: Any]])?.first?["type"] as? String == "bold")
            #expect(((story["areas"] as? [[String: Any]])?.first?["type"] as? [String: Any])?["url"] as? String == "https://example.com/shoes")
            let sizes = try #require((story["content"] as? [String: Any])?["photo"] as? [[String: Any]])
            let fileID = try #require(sizes.last?["file_id"] as? String)
            #expect(try await client.user(setup.customer, "getFile", ["file_id": fileID]).ok)
            #expect(stories.first?["expiration_date"] as? Int == (stories.first?["date"] as? Int ?? 0) + 21600)

            // Edited: new caption, no areas.
            let edited = try await client.upload("bot\(setup.bot)", "editStory", id.merging([
                "story_id": "1", "content": photo, "caption": "Sale",
            ]) { $1 }, files: [("s", "s.png", "image/png", png)])
            #expect(edited.ok, "\(edited.body)")
            let after = try #require(try await client.user(setup.owner, "getStories").resultArray.first?["story"] as? [String: Any])
            #expect(after["caption"] as? String == "Sale" && after["areas"] == nil)
            let missing = try await client.upload("bot\(setup.bot)", "editStory", id.merging(["story_id": "7", "content": photo]) { $1 },
                                                  files: [("s", "s.png", "image/png", png)])
            #expect(missing.description == "Bad Request: story can't be edited")

            // Reposted on another account this bot manages.
            let (other, otherID) = try await client.createUser("Petra")
            let connected = try await client.user(other, "connectBusinessBot", ["bot_id": "\(setup.botID)", "rights": #"{"can_manage_stories":true}"#])
            let otherConnection = connected.resultObject["id"] as? String ?? ""
            let repost = try await client.bot(setup.bot, "repostStory", [
                "business_connection_id": otherConnection, "from_chat_id": "\(setup.ownerID)", "from_story_id": "1", "active_period": "86400",
            ])
            #expect(repost.ok && (repost.resultObject["chat"] as? [String: Any])?["id"] as? Int == otherID, "\(repost.body)")
            let reposted = try #require(try await client.user(other, "getStories").resultArray.first?["story"] as? [String: Any])
            #expect(reposted["caption"] as? String == "Sale" && reposted["reposted_from_story_id"] as? Int == 1)
            #expect(try await client.bot(setup.bot, "repostStory", [
                "business_connection_id": otherConnection, "from_chat_id": "\(setup.ownerID)", "from_story_id": "9", "active_period": "86400",
            ]).description == "Bad Request: invalid story to repost specified")

            // Deleted, and expired: gone.
            #expect(try await client.bot(setup.bot, "deleteStory", id.merging(["story_id": "1"]) { $1 }).ok)
            #expect(try await client.bot(setup.bot, "deleteStory", id.merging(["story_id": "1"]) { $1 }).description == "Bad Request: STORY_ID_INVALID")
            #expect(try await client.user(setup.owner, "getStories").resultArray.isEmpty)
            #expect(try await client.admin("advanceTime", ["seconds": "86401"]).ok)
            #expect(try await client.user(other, "getStories").resultArray.isEmpty)
            // A new story gets the next id, never a deleted one's.
            #expect(try await post(["content": photo, "active_period": "86400"]).resultObject["id"] as? Int == 2)
        }
    }
}

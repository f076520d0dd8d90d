import Foundation
import Testing

/// Locations, live locations, venues, contacts, dice and chat actions (issue 4, item 3).
@Suite struct MessageKindTests {
    @Test func locationParametersAreCheckedAsTDLibChecksThem() async throws {
        try await TestWorld().run { client in
            let pair = try await client.chatPair()
            func send(_ extra: [String: String]) async throws -> Answer {
                var parameters = ["chat_id": "\(pair.userID)", "latitude": "51.5", "longitude": "-0.12"]
                parameters.merge(extra) { $1 }
                return try await client.bot(pair.bot, "sendLocation", parameters)
            }
            let noLatitude = try await client.bot(pair.bot, "sendLocation", ["chat_id": "\(pair.userID)", "longitude": "1"])
            #expect(noLatitude.description == "Bad Request: latitude is empty")
            let noLongitude = try await client.bot(pair.bot, "sendLocation", ["chat_id": "\(pair.userID)", "latitude": "1"])
            #expect(noLongitude.description == "Bad Request: longitude is empty")
            #expect(try await send(["latitude": "91"]).description == "Bad Request: wrong location specified")
            // The chat is resolved before TDLib looks at the location.
            #expect(try await send(["latitude": "91", "chat_id": "424242"]).description == "Bad Request: chat not found")
            #expect(try await send(["live_period": "59"]).description == "Bad Request: wrong live location period specified")
            #expect(try await send(["live_period": "86401"]).description == "Bad Request: wrong live location period specified")
            #expect(try await send(["live_period": "60", "heading": "361"]).description == "Bad Request: wrong live location heading specified")
            #expect(try await send(["live_period": "60", "proximity_alert_radius": "100001"]).description
                == "Bad Request: wrong live location proximity alert radius specified")

            let plain = try await send(["horizontal_accuracy": "5000", "heading": "90"])
            let location = plain.resultObject["location"] as? [String: Any] ?? [:]
            #expect(location["horizontal_accuracy"] as? Double == 1500)
            #expect(location["live_period"] == nil && location["heading"] == nil)
            let forever = try await send(["live_period": "\(0x7FFF_FFFF)", "heading": "90", "proximity_alert_radius": "300"])
            let live = forever.resultObject["location"] as? [String: Any] ?? [:]
            #expect(live["live_period"] as? Int == 0x7FFF_FFFF && live["heading"] as? Int == 90 && live["proximity_alert_radius"] as? Int == 300)

            let received = try await client.drainUpdates(user: pair.user).compactMap { $0["message"] as? [String: Any] }
            #expect(received.count == 2)
            #expect((received.last?["location"] as? [String: Any])?["live_period"] as? Int == 0x7FFF_FFFF)
        }
    }

    @Test func venuesCarryTheirLocationAndContactsNeedAPhone() async throws {
        try await TestWorld().run { client in
            let pair = try await client.chatPair()
            let venue = try await client.user(pair.user, "sendVenue", [
                "chat_id": "\(pair.botID)", "latitude": "48.8584", "longitude": "2.2945", "title": "Eiffel Tower",
                "address": "Champ de Mars", "foursquare_id": "4adcda09f964a520dc3021e3",
            ])
            #expect((venue.resultObject["venue"] as? [String: Any])?["title"] as? String == "Eiffel Tower")
            #expect((venue.resultObject["location"] as? [String: Any])?["latitude"] as? Double == 48.8584)
            let noTitle = try await client.user(pair.user, "sendVenue", ["chat_id": "\(pair.botID)", "latitude": "1", "longitude": "1", "address": "x"])
            #expect(noTitle.description == "Bad Request: parameter \"title\" is required")

            let noPhone = try await client.bot(pair.bot, "sendContact", ["chat_id": "\(pair.userID)", "first_name": "Ann"])
            #expect(noPhone.description == "Bad Request: parameter \"phone_number\" is required")
            let noName = try await client.bot(pair.bot, "sendContact", ["chat_id": "\(pair.userID)", "phone_number": "+100"])
            #expect(noName.description == "Bad Request: parameter \"first_name\" is required")
            let contact = try await client.bot(pair.bot, "sendContact", [
                "chat_id": "\(pair.userID)", "phone_number": "+15550100", "first_name": "Ann", "last_name": "Lee",
            ])
            let card = contact.resultObject["contact"] as? [String: Any] ?? [:]
            #expect(card["phone_number"] as? String == "+15550100" && card["last_name"] as? String == "Lee")

            let botSaw = try await client.drainUpdates(bot: pair.bot).compactMap { $0["message"] as? [String: Any] }
            #expect(botSaw.count == 1 && botSaw.first?["venue"] != nil && botSaw.first?["location"] != nil)
        }
    }

    @Test func diceRollWithinTheirEmojiRange() async throws {
        try await TestWorld().run { client in
            let pair = try await client.chatPair()
            let ranges: [(String?, ClosedRange<Int>, String)] = [
                (nil, 1...6, "🎲"), ("🎯", 1...6, "🎯"), ("🏀", 1...5, "🏀"), ("⚽", 1...5, "⚽"), ("🎳", 1...6, "🎳"), ("🎰", 1...64, "🎰"),
            ]
            for (emoji, range, shown) in ranges {
                var parameters = ["chat_id": "\(pair.userID)"]
                if let emoji { parameters["emoji"] = emoji }
                let dice = try await client.bot(pair.bot, "sendDice", parameters).resultObject["dice"] as? [String: Any] ?? [:]
                #expect(dice["emoji"] as? String == shown)
                #expect(range.contains(dice["value"] as? Int ?? 0))
            }
            let invalid = try await client.bot(pair.bot, "sendDice", ["chat_id": "\(pair.userID)", "emoji": "🦖"])
            #expect(invalid.status == 400 && invalid.description == "Bad Request: EMOTICON_INVALID")
            let fromUser = try await client.user(pair.user, "sendDice", ["chat_id": "\(pair.botID)", "emoji": "🎰"])
            #expect(fromUser.ok)
            let botSaw = try await client.drainUpdates(bot: pair.bot).compactMap { $0["message"] as? [String: Any] }
            #expect((botSaw.first?["dice"] as? [String: Any])?["emoji"] as? String == "🎰")
        }
    }

    @Test func chatActionsAreCheckedAndAnswerTrue() async throws {
        try await TestWorld().run { client in
            let pair = try await client.chatPair()
            let typing = try await client.bot(pair.bot, "sendChatAction", ["chat_id": "\(pair.userID)", "action": "typing"])
            #expect(typing.ok && typing.result as? Bool == true)
            let wrong = try await client.bot(pair.bot, "sendChatAction", ["chat_id": "\(pair.userID)", "action": "dancing"])
            #expect(wrong.description == "Bad Request: wrong parameter action in request")
            let missing = try await client.bot(pair.bot, "sendChatAction", ["chat_id": "\(pair.userID)"])
            #expect(missing.description == "Bad Request: wrong parameter action in request")
            let (strangerToken, strangerID) = try await client.createUser("Stranger")
            // A shared group lets the bot see the stranger (PrivacyTests), who never wrote to it.
            #expect(try await client.user(strangerToken, "createChat", ["type": "group", "title": "Team", "member_ids": "[\(pair.botID)]"]).ok)
            _ = try await client.drainUpdates(bot: pair.bot)
            let stranger = try await client.bot(pair.bot, "sendChatAction", ["chat_id": "\(strangerID)", "action": "upload_photo"])
            #expect(stranger.status == 403 && stranger.description == "Forbidden: bot can't initiate conversation with a user")
            #expect(try await client.user(pair.user, "sendChatAction", ["chat_id": "\(pair.botID)", "action": "record_voice"]).ok)
            #expect(try await client.drainUpdates(bot: pair.bot).isEmpty)
        }
    }

    @Test func liveLocationsMoveUntilStoppedAndTheOtherSideSeesEdits() async throws {
        let world = try TestWorld()
        let (pair, messageID) = try await world.run { client in
            let pair = try await client.chatPair()
            let sent = try await client.bot(pair.bot, "sendLocation", [
                "chat_id": "\(pair.userID)", "latitude": "10", "longitude": "20", "live_period": "3600",
            ])
            let messageID = sent.resultObject["message_id"] as? Int ?? 0
            _ = try await client.drainUpdates(user: pair.user)
            return (pair, messageID)
        }
        // The live location survives a restart and can still be moved.
        try await world.restarted().run { client in
            let target = ["chat_id": "\(pair.userID)", "message_id": "\(messageID)"]
            #expect(try await client.bot(pair.bot, "editMessageLiveLocation", ["latitude": "1", "longitude": "1"]).description
                == "Bad Request: message identifier is not specified")
            #expect(try await client.bot(pair.bot, "editMessageLiveLocation", ["message_id": "\(messageID)", "latitude": "1", "longitude": "1"]).description
                == "Bad Request: chat_id is empty")
            #expect(try await client.bot(pair.bot, "editMessageLiveLocation", ["chat_id": "\(pair.userID)", "message_id": "999", "latitude": "1", "longitude": "1"]).description
                == "Bad Request: message to edit not found")
            let moved = try await client.bot(pair.bot, "editMessageLiveLocation", target.merging(["latitude": "11", "longitude": "21", "heading": "45"]) { $1 })
            #expect(moved.ok, "\(moved.body)")
            #expect((moved.resultObject["location"] as? [String: Any])?["latitude"] as? Double == 11)
            #expect(moved.resultObject["edit_date"] != nil)
            let same = try await client.bot(pair.bot, "editMessageLiveLocation", target.merging(["latitude": "11", "longitude": "21", "heading": "45"]) { $1 })
            #expect(same.description?.hasPrefix("Bad Request: message is not modified") == true)

            let edits = try await client.drainUpdates(user: pair.user)
            let edited = edits.first?["edited_message"] as? [String: Any] ?? [:]
            #expect(edits.count == 1 && edited["message_id"] as? Int == messageID)
            #expect((edited["chat"] as? [String: Any])?["id"] as? Int == pair.botID)
            #expect((edited["location"] as? [String: Any])?["heading"] as? Int == 45)

            let byUser = try await client.user(pair.user, "editMessageLiveLocation", [
                "chat_id": "\(pair.botID)", "message_id": "\(messageID)", "latitude": "1", "longitude": "1",
            ])
            #expect(byUser.description == "Bad Request: message can't be edited")
            let stopped = try await client.bot(pair.bot, "stopMessageLiveLocation", target)
            #expect(stopped.ok && (stopped.resultObject["location"] as? [String: Any])?["live_period"] == nil)
            // A stopped live location is still one, which can no longer be edited (TDLib).
            let again = try await client.bot(pair.bot, "stopMessageLiveLocation", target)
            #expect(again.description == "Bad Request: message can't be edited")
            let moveStopped = try await client.bot(pair.bot, "editMessageLiveLocation", target.merging(["latitude": "5", "longitude": "5"]) { $1 })
            #expect(moveStopped.description == "Bad Request: message can't be edited")
            #expect(try await client.drainUpdates(user: pair.user).count == 1)

            let text = try await client.bot(pair.bot, "sendMessage", ["chat_id": "\(pair.userID)", "text": "x"])
            let onText = try await client.bot(pair.bot, "editMessageLiveLocation", [
                "chat_id": "\(pair.userID)", "message_id": "\(text.resultObject["message_id"] as? Int ?? 0)", "latitude": "1", "longitude": "1",
            ])
            #expect(onText.description == "Bad Request: there is no live location in the message to edit")
        }
    }

    @Test func expiredLiveLocationsCantBeEdited() async throws {
        let world = try TestWorld()
        try await world.run { client in
            let pair = try await client.chatPair()
            let sent = try await client.bot(pair.bot, "sendLocation", [
                "chat_id": "\(pair.userID)", "latitude": "10", "longitude": "20", "live_period": "60",
            ])
            world.clock.advance(by: 61)
            let late = try await client.bot(pair.bot, "editMessageLiveLocation", [
                "chat_id": "\(pair.userID)", "message_id": "\(sent.resultObject["message_id"] as? Int ?? 0)", "latitude": "1", "longitude": "1",
            ])
            #expect(late.description == "Bad Request: message can't be edited")
        }
    }
}

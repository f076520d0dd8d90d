import BotAPI
import Foundation
import Testing
@testable import BotAPIGenerator

/// Decodes `json` as `T`, writes it back, decodes that again.
/// Returns the written JSON and the enum case name of the value (via `Mirror`).
func roundTrip<T: Decodable & JSONWritable & Equatable>(
    _ type: T.Type, _ json: String, sourceLocation: SourceLocation = #_sourceLocation
) throws -> (written: String, caseName: String?) {
    let value = try JSONDecoder().decode(T.self, from: Data(json.utf8))
    let written = value.jsonString
    let again = try JSONDecoder().decode(T.self, from: Data(written.utf8))
    #expect(again == value, sourceLocation: sourceLocation)
    return (written, Mirror(reflecting: value).children.first?.label)
}

/// Every generated union, by spec name. The test below fails if the spec gains a union
/// this table lacks.
let unionRoundTrips: [String: @Sendable (String) throws -> (written: String, caseName: String?)] = [
    "BackgroundFill": { try roundTrip(BackgroundFill.self, $0) },
    "BackgroundType": { try roundTrip(BackgroundType.self, $0) },
    "BotCommandScope": { try roundTrip(BotCommandScope.self, $0) },
    "ChatBoostSource": { try roundTrip(ChatBoostSource.self, $0) },
    "ChatMember": { try roundTrip(ChatMember.self, $0) },
    "InlineQueryResult": { try roundTrip(InlineQueryResult.self, $0) },
    "InputMedia": { try roundTrip(InputMedia.self, $0) },
    "InputMessageContent": { try roundTrip(InputMessageContent.self, $0) },
    "InputPaidMedia": { try roundTrip(InputPaidMedia.self, $0) },
    "InputPollMedia": { try roundTrip(InputPollMedia.self, $0) },
    "InputPollOptionMedia": { try roundTrip(InputPollOptionMedia.self, $0) },
    "InputRichBlock": { try roundTrip(InputRichBlock.self, $0) },
    "InputRichMedia": { try roundTrip(InputRichMedia.self, $0) },
    "InputProfilePhoto": { try roundTrip(InputProfilePhoto.self, $0) },
    "InputStoryContent": { try roundTrip(InputStoryContent.self, $0) },
    "MaybeInaccessibleMessage": { try roundTrip(MaybeInaccessibleMessage.self, $0) },
    "MenuButton": { try roundTrip(MenuButton.self, $0) },
    "MessageOrigin": { try roundTrip(MessageOrigin.self, $0) },
    "OwnedGift": { try roundTrip(OwnedGift.self, $0) },
    "PaidMedia": { try roundTrip(PaidMedia.self, $0) },
    "PassportElementError": { try roundTrip(PassportElementError.self, $0) },
    "ReactionType": { try roundTrip(ReactionType.self, $0) },
    "RevenueWithdrawalState": { try roundTrip(RevenueWithdrawalState.self, $0) },
    "RichBlock": { try roundTrip(RichBlock.self, $0) },
    "RichText": { try roundTrip(RichText.self, $0) },
    "StoryAreaType": { try roundTrip(StoryAreaType.self, $0) },
    "TransactionPartner": { try roundTrip(TransactionPartner.self, $0) },
]

@Suite("Unions")
struct UnionRoundTripTests {
    @Test("Every case of every union decodes to the right case and round-trips byte for byte")
    func everyUnionMember() throws {
        guard let loaded = try Paths.loadSpec() else { return }
        // The generator's view of the spec, with the unions it names (InputRichMedia).
        let spec = try CodeGenerator(spec: loaded).spec
        let unions = spec.types.filter(\.isUnion)
        #expect(Set(unions.map(\.name)) == Set(unionRoundTrips.keys))
        var checked = 0
        for union in unions {
            guard let trip = unionRoundTrips[union.name] else { continue }
            let structMembers = union.subtypes.filter { spec.type(named: $0) != nil }
            let caseNames = Naming.caseNames(for: structMembers)
            for member in structMembers {
                // Once with required fields only, once with everything one level deep.
                for depth in [-1, 0] {
                    let samples = SampleJSON(spec: spec, fillOptionalToDepth: depth)
                    let json = samples.object(member, zeroDate: member == "InaccessibleMessage")
                    let result = try trip(json)
                    #expect(result.caseName == caseNames[member], "\(union.name) ← \(member)")
                    #expect(result.written == json, "\(union.name) ← \(member)")
                    checked += 1
                }
            }
        }
        #expect(checked > 300)
    }

    @Test("RichText: a string is .plain, an array is .concatenation")
    func richTextKinds() throws {
        let json = #"["Hello, ",{"type":"bold","text":"world"},["!",{"type":"italic","text":["?"]}]]"#
        let text = try JSONDecoder().decode(RichText.self, from: Data(json.utf8))
        guard case .concatenation(let parts) = text, parts.count == 3 else {
            Issue.record("expected a concatenation, got \(text)")
            return
        }
        #expect(parts[0] == .plain("Hello, "))
        #expect(parts[1] == .bold(RichTextBold(text: .plain("world"))))
        #expect(text.jsonString == json)
        #expect(try roundTrip(RichText.self, #""plain""#).caseName == "plain")
    }

    @Test("InlineQueryResult members sharing a type value are told apart by their keys")
    func sharedDiscriminator() throws {
        let cached = #"{"type":"photo","id":"1","photo_file_id":"AgAD"}"#
        let fresh = #"{"type":"photo","id":"1","photo_url":"https://x/y.jpg","thumbnail_url":"https://x/t.jpg"}"#
        #expect(try roundTrip(InlineQueryResult.self, cached).caseName == "cachedPhoto")
        #expect(try roundTrip(InlineQueryResult.self, fresh).caseName == "photo")
    }

    @Test("InputMessageContent is chosen by the keys present")
    func inputMessageContent() throws {
        let cases: [(String, String)] = [
            (#"{"message_text":"hi"}"#, "text"),
            (#"{"latitude":1.000000,"longitude":2.000000}"#, "location"),
            (#"{"latitude":1.000000,"longitude":2.000000,"title":"t","address":"a"}"#, "venue"),
            (#"{"phone_number":"+1","first_name":"A"}"#, "contact"),
        ]
        for (json, expected) in cases {
            let result = try roundTrip(InputMessageContent.self, json)
            #expect(result.caseName == expected)
            #expect(result.written == json)
        }
    }

    @Test("MaybeInaccessibleMessage: date 0 means inaccessible")
    func maybeInaccessible() throws {
        let chat = #"{"id":1,"type":"private"}"#
        let inaccessible = #"{"chat":\#(chat),"message_id":5,"date":0}"#
        let message = #"{"message_id":5,"date":1700000000,"chat":\#(chat)}"#
        #expect(try roundTrip(MaybeInaccessibleMessage.self, inaccessible).caseName == "inaccessibleMessage")
        #expect(try roundTrip(MaybeInaccessibleMessage.self, message).caseName == "message")
    }

    @Test("Unknown discriminators are decoding errors")
    func unknownDiscriminator() {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(ChatMember.self, from: Data(#"{"status":"emperor","user":{}}"#.utf8))
        }
    }

    @Test("Discriminator fields stay stored and default to their constant")
    func discriminatorDefaults() {
        let owner = ChatMemberOwner(user: User(id: 1, isBot: false, firstName: "A"), isAnonymous: false)
        #expect(owner.status == "creator")
        #expect(InputMediaPhoto(media: "attach://p").type == "photo")
        #expect(BotCommandScopeAllPrivateChats().type == "all_private_chats")
        #expect(ChatMember.owner(owner).jsonString.contains(#""status":"creator""#))
    }

    @Test("Big struct types round-trip byte for byte with every field filled")
    func bigStructs() throws {
        guard let spec = try Paths.loadSpec() else { return }
        let samples = SampleJSON(spec: spec, fillOptionalToDepth: 1)
        for (name, trip) in structRoundTrips {
            let json = samples.object(name)
            #expect(try trip(json) == json, "\(name)")
        }
    }
}

/// A few big, representative struct types for the full-fill round trip.
let structRoundTrips: [(String, @Sendable (String) throws -> String)] = [
    ("Update", { try roundTrip(Update.self, $0).written }),
    ("Message", { try roundTrip(Message.self, $0).written }),
    ("ChatFullInfo", { try roundTrip(ChatFullInfo.self, $0).written }),
    ("InlineKeyboardButton", { try roundTrip(InlineKeyboardButton.self, $0).written }),
    ("StickerSet", { try roundTrip(StickerSet.self, $0).written }),
    ("WebhookInfo", { try roundTrip(WebhookInfo.self, $0).written }),
    ("CallbackQuery", { try roundTrip(CallbackQuery.self, $0).written }),
]

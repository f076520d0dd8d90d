import BotAPI
import Foundation
import PropertyBased
import Testing

/// Property tests of the parameter decoder: whatever text a client sends, decoding returns
/// or throws a ``ParameterError``, never traps, and the lenient rules of behaviour.md §1.5
/// hold for every input, not only the examples of CatalogueAndParametersTests.
@Suite struct ParameterPropertyTests {
    // MARK: Generators

    /// Pieces that reach the parsers' edge cases: signs, digits at the 64-bit limits,
    /// non-ASCII digits, JSON punctuation, NUL, invalid UTF-8 (decoded as U+FFFD), huge runs.
    static let pieces: [String] = [
        "", "0", "1", "7", "-", "+", " ", "\t", "\u{0}", "9223372036854775807", "9223372036854775808",
        "-9223372036854775808", "18446744073709551616", "100000000000000000000000000000", "-0", "0x1F", "1e3",
        "1.5", "nan", "-inf", "Infinity", "1e308", "-1e-320", "\u{0663}", "\u{FF11}", "@", "@name", "abc",
        "true", "yes", "YES", "1 ", "null", "[", "]", "{", "}", ",", ":", "\"", "\\", "[]", "{}", "[[[[",
        "\"type\"", "\"bold\"", "\"offset\"", "\"length\"", "\"inline_keyboard\"", "\"text\"", "\u{FFFD}",
        "😀", "Ж", "\u{202E}", String(repeating: "9", count: 40), String(repeating: "[", count: 300),
        "attach://", "attach://file", "https://t.me/x",
    ]

    /// Text made of `pieces`; shrinks by dropping pieces.
    static let text = Gen<String?>.element(of: pieces).array(of: 0...12).map { $0.compactMap { $0 }.joined() }

    /// Any bytes, decoded as the HTTP layer decodes them (invalid UTF-8 becomes U+FFFD).
    static let bytesText = Gen.uint8().array(of: 0...40).map { String(decoding: $0, as: UTF8.self) }

    /// A parameter value: structured pieces or raw bytes.
    static let value = Gen<String>.frequency(
        (3, text.eraseToAnySequence()), (1, bytesText.eraseToAnySequence()))

    /// Parameters for the method `name`: a random subset of its parameters (plus a few
    /// strangers), each with a generated value, sometimes repeated.
    static func parameters(for name: String) -> Generator<Parameters, some SendableSequenceType> {
        let names = (MethodCatalogue.method(named: name)?.parameters.map(\.name) ?? []) + ["x", "", "chat_id"]
        return zip(Gen.bool(0.6).array(of: names.count), value.array(of: names.count), Gen.bool(0.1))
            .map { included, values, repeated in
                var parameters = Parameters()
                for (index, name) in names.enumerated() where included[index] {
                    parameters.append(name, values[index])
                    if repeated { parameters.append(name, "1") }
                }
                return parameters
            }
    }

    // MARK: Any text decodes without trapping

    /// Decoding the parameters of methods with every kind of field (ids, numbers, floats,
    /// booleans, files, keyboards, entity lists, unions, arrays) returns or throws.
    @Test(arguments: [
        "sendMessage", "getUpdates", "sendPhoto", "sendMediaGroup", "sendPoll", "editMessageText",
        "setMyCommands", "restrictChatMember", "promoteChatMember", "answerInlineQuery", "setWebhook",
        "sendInvoice", "forwardMessages", "sendLocation", "setMessageReaction", "answerCallbackQuery",
        "createChatInviteLink", "sendVenue", "setChatMenuButton", "editMessageMedia",
    ])
    func anyTextDecodes(method: String) async {
        let decode = Self.decoders[method]!
        await propertyCheck(count: 300, input: Self.parameters(for: method)) { parameters in
            do throws(ParameterError) {
                try decode(parameters)
            } catch {
                // A typed ParameterError: missing or invalid. Anything is fine but a trap.
                switch error {
                case .missing(let name): #expect(!name.isEmpty)
                case .invalid: break
                }
            }
        }
    }

    /// The decoders of `anyTextDecodes`, by method name.
    static let decoders: [String: @Sendable (Parameters) throws(ParameterError) -> Void] = [
        "sendMessage": { p throws(ParameterError) in
            let decoded = try p.decode(SendMessageParameters.self)
            // Required strings are the first non-empty value as sent.
            #expect(decoded.text == p["text"])
            #expect(decoded.chatId == ChatID(parsing: p["chat_id"] ?? ""))
        },
        "getUpdates": { p throws(ParameterError) in _ = try p.decode(GetUpdatesParameters.self) },
        "sendPhoto": { p throws(ParameterError) in _ = try p.decode(SendPhotoParameters.self) },
        "sendMediaGroup": { p throws(ParameterError) in _ = try p.decode(SendMediaGroupParameters.self) },
        "sendPoll": { p throws(ParameterError) in _ = try p.decode(SendPollParameters.self) },
        "editMessageText": { p throws(ParameterError) in _ = try p.decode(EditMessageTextParameters.self) },
        "setMyCommands": { p throws(ParameterError) in _ = try p.decode(SetMyCommandsParameters.self) },
        "restrictChatMember": { p throws(ParameterError) in _ = try p.decode(RestrictChatMemberParameters.self) },
        "promoteChatMember": { p throws(ParameterError) in _ = try p.decode(PromoteChatMemberParameters.self) },
        "answerInlineQuery": { p throws(ParameterError) in _ = try p.decode(AnswerInlineQueryParameters.self) },
        "setWebhook": { p throws(ParameterError) in _ = try p.decode(SetWebhookParameters.self) },
        "sendInvoice": { p throws(ParameterError) in _ = try p.decode(SendInvoiceParameters.self) },
        "forwardMessages": { p throws(ParameterError) in _ = try p.decode(ForwardMessagesParameters.self) },
        "sendLocation": { p throws(ParameterError) in _ = try p.decode(SendLocationParameters.self) },
        "setMessageReaction": { p throws(ParameterError) in _ = try p.decode(SetMessageReactionParameters.self) },
        "answerCallbackQuery": { p throws(ParameterError) in _ = try p.decode(AnswerCallbackQueryParameters.self) },
        "createChatInviteLink": { p throws(ParameterError) in _ = try p.decode(CreateChatInviteLinkParameters.self) },
        "sendVenue": { p throws(ParameterError) in _ = try p.decode(SendVenueParameters.self) },
        "setChatMenuButton": { p throws(ParameterError) in _ = try p.decode(SetChatMenuButtonParameters.self) },
        "editMessageMedia": { p throws(ParameterError) in _ = try p.decode(EditMessageMediaParameters.self) },
    ]

    // MARK: Integers

    static let limit = LenientParse.integerLimit

    /// Integers up to the Bot API's 53 bits read back as themselves; larger ones saturate.
    @Test func integersRoundTripOrSaturate() async {
        await propertyCheck(count: 500, input: Gen.int()) { n in
            #expect(LenientParse.integer(String(n)) == min(max(n, -Self.limit), Self.limit))
        }
    }

    /// Parsing stops at the first non-digit: `"123abc"` is 123, `"12 3"` is 12.
    @Test func integersStopAtTheFirstNonDigit() async {
        await propertyCheck(count: 500, input: Gen.int(in: -Self.limit...Self.limit), Self.text) { n, tail in
            let suffix = tail.drop(while: { $0.isASCII && $0.isNumber })
            #expect(LenientParse.integer(String(n) + suffix) == n)
        }
    }

    /// Text that does not start with an optional `-` and a digit is 0.
    @Test func garbageIsZero() async {
        await propertyCheck(count: 500, input: Self.text) { text in
            let bytes = text.utf8.first == UInt8(ascii: "-") ? text.utf8.dropFirst() : text.utf8[...]
            guard let first = bytes.first, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else {
                #expect(LenientParse.integer(text) == 0)
                return
            }
        }
    }

    /// Digits far beyond the range (past 64 bits) saturate in the direction of their sign.
    @Test func integersSaturate() async {
        await propertyCheck(count: 300, input: Gen.number.string(of: 1...30), Gen.bool) { extra, negative in
            let digits = "9223372036854775808" + extra
            #expect(LenientParse.integer((negative ? "-" : "") + digits) == (negative ? -Self.limit : Self.limit))
        }
    }

    /// Narrower integer fields clamp rather than trap (`message_id` is Int32 on some types).
    @Test func narrowIntegersClamp() async {
        await propertyCheck(count: 300, input: Self.value) { text in
            let wide = LenientParse.integer(text)
            struct Narrow: Decodable { let v: Int32?; let w: UInt8? }
            let pair = Parameters(["v": text, "w": text])
            let decoded = try pair.decode(Narrow.self)
            #expect(decoded.v == (text.isEmpty ? nil : Int32(clamping: wide)))
            #expect(decoded.w == (text.isEmpty ? nil : UInt8(clamping: wide)))
        }
    }

    // MARK: Floats

    /// Finite doubles survive their textual form; any text gives some double, never a trap.
    @Test func finiteDoublesRoundTrip() async {
        await propertyCheck(count: 500, input: Gen.double(in: -1e300...1e300)) { d in
            #expect(LenientParse.double(String(d)) == d)
        }
    }

    /// Any text is a finite double (`nan`, `inf`, overflows read as 0).
    @Test func anyTextIsAFiniteDouble() async {
        let floats = Gen<String>.frequency(
            (1, Self.value.eraseToAnySequence()),
            (1, Gen.element(of: ["nan", "NaN", "-nan", "inf", "-Infinity", "1e309", "-1e400", "0x1p3"])
                .map { $0! }.eraseToAnySequence()))
        await propertyCheck(count: 500, input: floats) { text in
            #expect(LenientParse.double(text).isFinite)
        }
    }

    // MARK: Chat ids

    /// Every id in Telegram's ranges (users, basic groups, `-100…` supergroups and channels)
    /// parses back to itself, with or without trailing text.
    @Test func chatIDsInRangeRoundTrip() async {
        let ids = Gen<Int>.frequency(
            (1, Gen.int(in: 1...(1 << 40) - 1).eraseToAnySequence()),
            (1, Gen.int(in: -999_999_999_999...(-1)).eraseToAnySequence()),
            (1, Gen.int(in: -1_009_999_999_999 ... -1_000_000_000_001).eraseToAnySequence()))
        await propertyCheck(count: 500, input: ids, Gen.element(of: ["", "abc", " ", ".5", "@"])) { id, tail in
            #expect(ChatID(parsing: String(id) + (tail ?? "")) == .id(id))
        }
    }

    /// Any other number, ±2^63 included, reads as 0 ("chat not found"), so no later negation
    /// or offset arithmetic on a chat id can overflow.
    @Test func chatIDsOutOfRangeAreZero() async {
        await propertyCheck(count: 500, input: Gen.int().filter { !ChatID.isValidID($0) }) { id in
            #expect(ChatID(parsing: String(id)) == .id(0))
        }
        #expect(ChatID(parsing: "-9223372036854775808") == .id(0))
        #expect(ChatID(parsing: "9223372036854775808") == .id(0))
    }

    /// `@name` is a username (without the `@`); empty text is no chat id; anything else is
    /// an id in Telegram's ranges or 0. Never a trap.
    @Test func anyTextIsAChatIDOrEmpty() async {
        await propertyCheck(count: 500, input: Self.value) { text in
            let parsed = ChatID(parsing: text)
            if text.isEmpty {
                #expect(parsed == nil)
            } else if text.utf8.first == UInt8(ascii: "@") {
                // By byte: "@" followed by a combining mark is one Character but still a username.
                #expect(parsed == .username(String(decoding: text.utf8.dropFirst(), as: UTF8.self)))
            } else if case .id(let id) = parsed {
                // Outside Telegram's ranges an id reads as 0, which names no chat.
                #expect(id == 0 || ChatID.isValidID(id), "\(text.debugDescription) -> \(id)")
            } else {
                Issue.record("\(text.debugDescription) parsed as \(String(describing: parsed))")
            }
        }
    }

    // MARK: JSON-typed values

    /// Entity lists: malformed text is ignored (the field is nil, no error), well-formed
    /// lists decode entity by entity.
    @Test func entityListsDecodeOrAreIgnored() async {
        await propertyCheck(count: 500, input: Self.value) { text in
            let decoded = try Parameters(["chat_id": "1", "text": "x", "entities": text])
                .decode(SendMessageParameters.self)
            if let entities = decoded.entities {
                #expect(!text.isEmpty)
                _ = entities
            }
        }
    }

    @Test func wellFormedEntitiesDecode() async {
        let entity = zip(
            Gen.element(of: ["bold", "italic", "code", "text_link", "custom_emoji"]),
            Gen.int(in: -Self.limit...Self.limit), Gen.int(in: -Self.limit...Self.limit))
        await propertyCheck(count: 300, input: entity.array(of: 0...5)) { entities in
            let json = "[" + entities.map { type, offset, length in
                "{\"type\":\"\(type!)\",\"offset\":\(offset),\"length\":\(length)}"
            }.joined(separator: ",") + "]"
            let decoded = try Parameters(["chat_id": "1", "text": "x", "entities": json])
                .decode(SendMessageParameters.self)
            #expect(decoded.entities?.map(\.offset) == entities.map(\.1))
            #expect(decoded.entities?.map(\.length) == entities.map(\.2))
        }
    }

    /// `reply_markup`: any text is a keyboard or an `invalid` error naming the field.
    @Test func replyMarkupDecodesOrIsInvalid() async {
        await propertyCheck(count: 500, input: Self.value) { text in
            do throws(ParameterError) {
                _ = try Parameters(["chat_id": "1", "text": "x", "reply_markup": text]).decode(SendMessageParameters.self)
            } catch {
                #expect(error == .invalid(field: "reply_markup", detail: error.detail))
            }
        }
    }

    /// Deeply nested JSON in a JSON-typed parameter is an error, not a stack overflow.
    @Test func deepJSONIsAnError() async {
        await propertyCheck(count: 20, input: Gen.int(in: 1_000...10_000)) { depth in
            let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
            #expect(throws: ParameterError.self) {
                _ = try Parameters(["chat_id": "1", "text": "x", "reply_markup": text]).decode(SendMessageParameters.self)
            }
        }
    }
}

extension ParameterError {
    /// The detail of an `invalid` error, empty for `missing`.
    fileprivate var detail: String {
        if case .invalid(_, let detail) = self { return detail }
        return ""
    }
}

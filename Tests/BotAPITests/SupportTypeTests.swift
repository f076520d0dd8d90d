import BotAPI
import Foundation
import Testing

private func decode<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
    try JSONDecoder().decode(T.self, from: Data(json.utf8))
}

@Suite("Support types")
struct SupportTypeTests {
    @Test("ChatID: numbers, numeric strings, usernames")
    func chatID() throws {
        #expect(try decode(ChatID.self, "-1001234567890") == .id(-1001234567890))
        #expect(try decode(ChatID.self, #""-1001234567890""#) == .id(-1001234567890))
        #expect(try decode(ChatID.self, #""@durov""#) == .username("durov"))
        #expect(try decode(ChatID.self, #""12abc""#) == .id(12))
        #expect(try decode(ChatID.self, #""abc""#) == .id(0))
        #expect(throws: DecodingError.self) { try decode(ChatID.self, #""""#) }
        #expect(ChatID.id(-100).jsonString == "-100")
        #expect(ChatID.username("durov").jsonString == #""@durov""#)
        for value: ChatID in [.id(42), .id(-1001), .username("some_channel")] {
            #expect(try decode(ChatID.self, value.jsonString) == value)
        }
    }

    @Test("InputFileOrString and InputFile")
    func inputFiles() throws {
        #expect(try decode(InputFileOrString.self, #""attach://photo""#) == .attachment("photo"))
        #expect(try decode(InputFileOrString.self, #""AgADBAAD""#) == .reference("AgADBAAD"))
        #expect(try decode(InputFileOrString.self, #""https://example.com/a.jpg""#) == .reference("https://example.com/a.jpg"))
        for value: InputFileOrString in [.attachment("file0"), .reference("AgAD"), .reference("https://x/y")] {
            #expect(try decode(InputFileOrString.self, value.jsonString) == value)
        }
        #expect(InputFileOrString.attachment("a").inputFile == InputFile(attachmentName: "a"))
        #expect(try decode(InputFile.self, #""attach://certificate""#) == InputFile(attachmentName: "certificate"))
        #expect(InputFile(attachmentName: "x").jsonString == #""attach://x""#)
        #expect(throws: DecodingError.self) { try decode(InputFile.self, #""AgAD""#) }
    }

    @Test("ReplyMarkup: all four kinds round-trip")
    func replyMarkupCases() throws {
        let markups: [ReplyMarkup] = [
            .inlineKeyboard(InlineKeyboardMarkup(inlineKeyboard: [[
                InlineKeyboardButton(text: "Open", url: "https://example.com"),
                InlineKeyboardButton(text: "Press", callbackData: "p"),
            ]])),
            .replyKeyboard(ReplyKeyboardMarkup(
                keyboard: [[KeyboardButton(text: "Yes"), KeyboardButton(text: "No")]], resizeKeyboard: true)),
            .removeKeyboard(ReplyKeyboardRemove(removeKeyboard: true, selective: false)),
            .forceReply(ForceReply(forceReply: true, inputFieldPlaceholder: "Say…")),
        ]
        for markup in markups {
            #expect(try decode(ReplyMarkup.self, markup.jsonString) == markup)
        }
        #expect(markups[2].jsonString == #"{"remove_keyboard":true,"selective":false}"#)
        #expect(markups[3].jsonString == #"{"force_reply":true,"input_field_placeholder":"Say\u2026"}"#)
    }

    @Test("ReplyMarkup precedence: non-empty keyboard > non-empty inline_keyboard > remove > force")
    func replyMarkupPrecedence() throws {
        let both = #"{"keyboard":[["a"]],"inline_keyboard":[[{"text":"b","callback_data":"c"}]]}"#
        guard case .replyKeyboard = try decode(ReplyMarkup.self, both) else {
            Issue.record("keyboard should win"); return
        }
        let emptyKeyboard = #"{"keyboard":[],"inline_keyboard":[[{"text":"b","callback_data":"c"}]]}"#
        guard case .inlineKeyboard = try decode(ReplyMarkup.self, emptyKeyboard) else {
            Issue.record("empty keyboard should lose"); return
        }
        let remove = #"{"inline_keyboard":[],"remove_keyboard":true,"force_reply":true}"#
        guard case .removeKeyboard = try decode(ReplyMarkup.self, remove) else {
            Issue.record("remove_keyboard should win"); return
        }
        guard case .forceReply = try decode(ReplyMarkup.self, #"{"force_reply":true}"#) else {
            Issue.record("force_reply expected"); return
        }
        #expect(throws: DecodingError.self) { try decode(ReplyMarkup.self, #"{"selective":true}"#) }
    }

    @Test("KeyboardButton also decodes from a bare string")
    func keyboardButtonShorthand() throws {
        let markup = try decode(ReplyKeyboardMarkup.self, #"{"keyboard":[["Yes",{"text":"No"}]]}"#)
        #expect(markup.keyboard == [[KeyboardButton(text: "Yes"), KeyboardButton(text: "No")]])
    }

    @Test("InputMedia: every case round-trips, and sendMediaGroup takes [InputMedia]")
    func inputMedia() throws {
        let media: [InputMedia] = [
            .photo(InputMediaPhoto(media: "attach://p", caption: "x", hasSpoiler: true)),
            .video(InputMediaVideo(media: "AgAD", width: 640, height: 480)),
            .audio(InputMediaAudio(media: "https://example.com/a.mp3", title: "t")),
            .document(InputMediaDocument(media: "attach://d")),
            .animation(InputMediaAnimation(media: "attach://a")),
            .livePhoto(InputMediaLivePhoto(media: "attach://v", photo: "attach://p")),
        ]
        for item in media {
            #expect(try decode(InputMedia.self, item.jsonString) == item)
        }
        let json = #"{"chat_id":1,"media":[{"type":"photo","media":"attach://p"},{"type":"video","media":"v"}]}"#
        let parameters = try decode(SendMediaGroupParameters.self, json)
        #expect(parameters.chatId == .id(1))
        #expect(parameters.media == [.photo(InputMediaPhoto(media: "attach://p")), .video(InputMediaVideo(media: "v"))])
        #expect(parameters.jsonString == json)
    }

    @Test("Indirect compares by value")
    func indirect() {
        #expect(Indirect(User(id: 1, isBot: false, firstName: "A")) == Indirect(User(id: 1, isBot: false, firstName: "A")))
        #expect(Indirect(1) != Indirect(2))
        var message = Message(messageId: 1, date: 2, chat: Chat(id: 3, type: "private"))
        let copy = message
        message.chat.title = "changed"
        #expect(copy.chat.title == nil)
        #expect(message.chat.title == "changed")
    }
}

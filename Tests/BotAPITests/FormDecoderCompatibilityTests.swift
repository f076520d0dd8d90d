import BotAPI
import Foundation
import Testing

/// The generated parameter structs must decode through the server's form-parameter decoder
/// (`Sources/BotAPI/Parameters`, another part of the module) as well as through
/// `JSONDecoder`. These checks use that decoder's public entry points only.
@Suite("Form-parameter decoding")
struct FormDecoderCompatibilityTests {
    @Test("sendMessage from flat string parameters, nested JSON as text")
    func sendMessage() throws {
        let parameters = Parameters([
            "chat_id": "-1001234567890",
            "text": "hi",
            "disable_notification": "1",
            "entities": #"[{"type":"bold","offset":0,"length":2}]"#,
            "reply_markup": #"{"keyboard":[["Yes","No"]],"resize_keyboard":true}"#,
        ])
        let decoded = try SendMessageParameters(from: ParameterDecoder(parameters: parameters))
        #expect(decoded.chatId == .id(-1001234567890))
        #expect(decoded.disableNotification == true)
        #expect(decoded.entities?.first?.type == "bold")
        guard case .replyKeyboard(let keyboard) = decoded.replyMarkup else {
            Issue.record("expected a reply keyboard"); return
        }
        #expect(keyboard.keyboard[0] == [KeyboardButton(text: "Yes"), KeyboardButton(text: "No")])
    }

    @Test("A KeyboardButton parameter given as JSON text is parsed as JSON, not taken as its text")
    func keyboardButtonParameter() throws {
        let parameters = Parameters(["user_id": "1", "button": #"{"text":"Share","request_contact":true}"#])
        let decoded = try SavePreparedKeyboardButtonParameters(from: ParameterDecoder(parameters: parameters))
        #expect(decoded.button == KeyboardButton(text: "Share", requestContact: true))
    }

    @Test("Usernames and uploads")
    func usernamesAndUploads() throws {
        let parameters = Parameters(["chat_id": "@channel", "photo": "attach://file0"])
        let decoded = try SendPhotoParameters(from: ParameterDecoder(parameters: parameters))
        #expect(decoded.chatId == .username("channel"))
        #expect(decoded.photo == .attachment("file0"))
    }
}

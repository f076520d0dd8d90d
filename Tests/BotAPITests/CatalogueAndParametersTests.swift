import BotAPI
import Foundation
import Testing

@Suite("Method catalogue and parameters")
struct CatalogueAndParametersTests {
    @Test("The catalogue lists all 185 methods, looked up case-insensitively")
    func catalogue() throws {
        #expect(MethodCatalogue.all.count == 185)
        #expect(Set(MethodCatalogue.all.map(\.name)).count == 185)
        #expect(MethodCatalogue.all.first?.name == "getUpdates")
        #expect(MethodCatalogue.method(named: "SENDMESSAGE")?.name == "sendMessage")
        #expect(MethodCatalogue.method(named: "getme")?.parameters == [])
        #expect(MethodCatalogue.method(named: "noSuchMethod") == nil)
        let sendMessage = try #require(MethodCatalogue.method(named: "sendMessage"))
        #expect(sendMessage.returns == ["Message"])
        #expect(sendMessage.parameter(named: "chat_id") == ParameterDescriptor(name: "chat_id", types: ["Integer", "String"], isRequired: true))
        #expect(sendMessage.parameter(named: "text")?.isRequired == true)
        #expect(sendMessage.parameter(named: "reply_markup")?.types.count == 4)
        #expect(sendMessage.parameters.filter(\.isRequired).map(\.name) == ["chat_id", "text"])
    }

    @Test("SendMessageParameters decode from JSON with nested objects")
    func sendMessage() throws {
        let json = #"""
            {"chat_id":"@channel","text":"Hi <b>there</b>","parse_mode":"HTML",
             "entities":[{"type":"bold","offset":0,"length":2}],
             "link_preview_options":{"is_disabled":true},
             "reply_parameters":{"message_id":5},
             "reply_markup":{"inline_keyboard":[[{"text":"Go","url":"https://example.com"}]]}}
            """#
        let parameters = try JSONDecoder().decode(SendMessageParameters.self, from: Data(json.utf8))
        #expect(parameters.chatId == .username("channel"))
        #expect(parameters.text == "Hi <b>there</b>")
        #expect(parameters.entities == [MessageEntity(type: "bold", offset: 0, length: 2)])
        #expect(parameters.linkPreviewOptions?.isDisabled == true)
        #expect(parameters.replyParameters?.messageId == 5)
        guard case .inlineKeyboard(let markup) = parameters.replyMarkup else {
            Issue.record("expected an inline keyboard"); return
        }
        #expect(markup.inlineKeyboard[0][0].url == "https://example.com")
        #expect(parameters.disableNotification == nil)
        let again = try JSONDecoder().decode(SendMessageParameters.self, from: Data(parameters.jsonBytes))
        #expect(again == parameters)
    }

    @Test("Missing required parameters are decoding errors")
    func missingRequired() {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(SendMessageParameters.self, from: Data(#"{"chat_id":1}"#.utf8))
        }
    }

    @Test("Upload parameters: InputFile and InputFileOrString")
    func uploads() throws {
        let photo = try JSONDecoder().decode(
            SendPhotoParameters.self, from: Data(#"{"chat_id":1,"photo":"attach://photo"}"#.utf8))
        #expect(photo.photo == .attachment("photo"))
        let webhook = try JSONDecoder().decode(
            SetWebhookParameters.self, from: Data(#"{"url":"https://x","certificate":"attach://certificate"}"#.utf8))
        #expect(webhook.certificate == InputFile(attachmentName: "certificate"))
    }

    @Test("Methods without parameters have empty parameter structs")
    func emptyParameters() throws {
        _ = try JSONDecoder().decode(GetMeParameters.self, from: Data("{}".utf8))
        #expect(GetMeParameters().jsonString == "{}")
    }
}

import BotAPI
import Foundation
import Testing

@Suite("JSONWriter")
struct JSONWriterTests {
    @Test("String escaping matches the official server", arguments: [
        ("plain", #""plain""#),
        ("😀", #""\ud83d\ude00""#),
        ("Привет", #""\u041f\u0440\u0438\u0432\u0435\u0442""#),
        ("é€", #""\u00e9\u20ac""#),
        ("a\"b\\c", #""a\"b\\c""#),
        ("\u{08}\u{0C}\n\r\t", #""\b\f\n\r\t""#),
        ("\u{00}\u{01}\u{1F}", #""\u0000\u0001\u001f""#),
        ("\u{7F}", "\"\u{7F}\""),
        ("https://t.me/x", #""https://t.me/x""#),
        ("", #""""#),
        ("𝕏 ok", #""\ud835\udd4f ok""#),
    ])
    func escaping(input: String, expected: String) throws {
        #expect(input.jsonString == expected)
        // The output is valid JSON that decodes back to the input.
        #expect(try JSONDecoder().decode(String.self, from: Data(expected.utf8)) == input)
    }

    @Test("Doubles use fixed notation with six decimals", arguments: [
        (51.509865, "51.509865"),
        (0.0, "0.000000"),
        (-0.0, "-0.000000"),
        (-0.1278, "-0.127800"),
        (1.5, "1.500000"),
        (180.0, "180.000000"),
        (0.0000004, "0.000000"),
        (0.0000006, "0.000001"),
        (-0.0000004, "-0.000000"),
        (123456789.125, "123456789.125000"),
        (1e20, "100000000000000000000.000000"),
        (0.0000005, "0.000000"),
        (2.5e-7, "0.000000"),
    ])
    func doubles(value: Double, expected: String) {
        #expect(value.jsonString == expected)
        #expect(String(format: "%.6f", value) == expected)
    }

    @Test("Integers, booleans, arrays, nested structure and separators")
    func structure() {
        var writer = JSONWriter()
        writer.beginObject()
        writer.member("a", 1)
        writer.member("b", [true, false])
        writer.key("c")
        writer.beginArray()
        writer.int(Int.min)
        writer.int(Int.max)
        writer.beginObject()
        writer.endObject()
        writer.string("x")
        writer.rawValue(#"{"pre":"encoded"}"#)
        writer.null()
        writer.endArray()
        writer.optionalMember("d", nil as Int?)
        writer.member("e", [[1, 2], []])
        writer.key("with \"quote\"")
        writer.double(2)
        writer.endObject()
        #expect(writer.string == #"{"a":1,"b":[true,false],"c":[-9223372036854775808,9223372036854775807,{},"x",{"pre":"encoded"},null],"e":[[1,2],[]],"with \"quote\"":2.000000}"#)
    }

    @Test("nil optionals are omitted, false booleans are written")
    func optionals() {
        let user = User(id: 7, isBot: false, firstName: "Ann", isPremium: nil, addedToAttachmentMenu: false)
        #expect(user.jsonString == #"{"id":7,"is_bot":false,"first_name":"Ann","added_to_attachment_menu":false}"#)
    }

    @Test("Update writes a line break after update_id")
    func updateLineBreak() throws {
        let message = Message(messageId: 1, date: 1700000000, chat: Chat(id: 5, type: "private"), text: "hi")
        let update = Update(updateId: 10001, message: message)
        let expected = "{\"update_id\":10001,\n\"message\":{\"message_id\":1,\"date\":1700000000,\"chat\":{\"id\":5,\"type\":\"private\"},\"text\":\"hi\"}}"
        #expect(update.jsonString == expected)
        #expect(Update(updateId: 3).jsonString == #"{"update_id":3}"#)
        #expect(try JSONDecoder().decode(Update.self, from: Data(expected.utf8)) == update)
    }

    @Test("Keys follow the spec's field order")
    func fieldOrder() {
        let entity = MessageEntity(type: "text_link", offset: 0, length: 4, url: "https://x")
        #expect(entity.jsonString == #"{"type":"text_link","offset":0,"length":4,"url":"https://x"}"#)
        let location = Location(latitude: 51.509865, longitude: -0.1278)
        #expect(location.jsonString == #"{"latitude":51.509865,"longitude":-0.127800}"#)
    }

    @Test("Writing stays fast on long non-ASCII text")
    func speedSanityCheck() throws {
        // Not a benchmark: only guards against accidental quadratic behaviour.
        let text = String(repeating: "Hello, мир 😀 ", count: 200)
        let message = Message(messageId: 1, date: 2, chat: Chat(id: 3, type: "private"), text: text)
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            for _ in 0..<200 { _ = message.jsonBytes }
        }
        #expect(elapsed < .seconds(5))
    }
}

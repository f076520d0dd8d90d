import BotAPI
import Foundation
import Testing
@testable import BotAPIGenerator

@Suite("Stack safety")
struct StackSafetyTests {
    @Test("Big types stay small: struct-typed fields are boxed")
    func layout() {
        print("MemoryLayout sizes: Message \(MemoryLayout<Message>.size), Update \(MemoryLayout<Update>.size), ChatFullInfo \(MemoryLayout<ChatFullInfo>.size)")
        #expect(MemoryLayout<Message>.size < 4096)
        #expect(MemoryLayout<Update>.size < 512)
        #expect(MemoryLayout<ChatFullInfo>.size < 4096)
        #expect(MemoryLayout<ChatMember>.size <= 8)
        #expect(MemoryLayout<ReplyMarkup>.size <= 8)
    }

    /// A hand-written update touching the usual heavy fields.
    static let handWrittenUpdate = #"""
        {"update_id":10001,
        "message":{"message_id":42,"from":{"id":1,"is_bot":false,"first_name":"Ann","language_code":"en"},
         "chat":{"id":-1001234567890,"title":"Group","type":"supergroup","is_forum":true},"date":1700000000,
         "message_thread_id":7,"forward_origin":{"type":"user","date":1699999999,"sender_user":{"id":2,"is_bot":false,"first_name":"Bob"}},
         "reply_to_message":{"message_id":41,"from":{"id":2,"is_bot":false,"first_name":"Bob"},
           "chat":{"id":-1001234567890,"title":"Group","type":"supergroup"},"date":1699999990,
           "text":"original","entities":[{"type":"bold","offset":0,"length":8}],
           "pinned_message":{"message_id":1,"chat":{"id":-1001234567890,"type":"supergroup"},"date":0}},
         "external_reply":{"origin":{"type":"channel","chat":{"id":-100777,"type":"channel","title":"C"},"message_id":3,"date":1},
           "photo":[{"file_id":"a","file_unique_id":"b","width":90,"height":90}]},
         "quote":{"text":"orig","position":0},
         "photo":[{"file_id":"AgAD1","file_unique_id":"u1","width":90,"height":60,"file_size":1200},
                  {"file_id":"AgAD2","file_unique_id":"u2","width":1280,"height":853}],
         "caption":"Привет 😀","caption_entities":[{"type":"text_link","offset":0,"length":6,"url":"https://t.me"}],
         "reply_markup":{"inline_keyboard":[[{"text":"A","callback_data":"a"},{"text":"B","url":"https://x"}]]},
         "via_bot":{"id":9,"is_bot":true,"first_name":"Bot","username":"bot"},
         "location":{"latitude":51.509865,"longitude":-0.1278}}}
        """#

    static func decodeAndWrite(_ json: String) throws -> (Update, [UInt8]) {
        let update = try JSONDecoder().decode(Update.self, from: Data(json.utf8))
        return (update, update.jsonBytes)
    }

    @Test("Decoding and writing a big update inside tasks does not overflow their stacks")
    func decodeInTasks() async throws {
        let (update, _) = try await Task { try Self.decodeAndWrite(Self.handWrittenUpdate) }.value
        #expect(update.message?.replyToMessage?.text == "original")
        #expect(update.message?.photo?.count == 2)
        guard case .user(let origin) = update.message?.forwardOrigin else {
            Issue.record("expected a user origin"); return
        }
        #expect(origin.senderUser.firstName == "Bob")
        guard case .inaccessibleMessage = update.message?.replyToMessage?.pinnedMessage else {
            Issue.record("expected an inaccessible pinned message"); return
        }
        let (detached, bytes) = try await Task.detached { try Self.decodeAndWrite(Self.handWrittenUpdate) }.value
        #expect(detached == update)
        #expect(String(decoding: bytes, as: UTF8.self).hasPrefix("{\"update_id\":10001,\n\"message\":{"))

        // Every field of every object filled one level deep: hundreds of nested objects.
        guard let spec = try Paths.loadSpec() else { return }
        let full = SampleJSON(spec: spec, fillOptionalToDepth: 2).object("Update")
        let results = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<4 {
                group.addTask { try Self.decodeAndWrite(full).1.count }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(results == Array(repeating: full.utf8.count, count: 4))
    }

    @Test("A fully filled update decodes on a 512 KB thread stack (Darwin's task thread size)")
    func smallThreadStack() async throws {
        guard let spec = try Paths.loadSpec() else { return }
        let full = SampleJSON(spec: spec, fillOptionalToDepth: 2).object("Update")
        let count = try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Int, any Error>) in
            let thread = Thread {
                continuation.resume(with: Result { try Self.decodeAndWrite(full).1.count })
            }
            thread.stackSize = 512 * 1024
            thread.start()
        }
        #expect(count == full.utf8.count)
    }
}

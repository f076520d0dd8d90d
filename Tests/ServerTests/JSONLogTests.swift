import Foundation
import Logging
@testable import Server
import Synchronization
import Testing

/// `botapi serve --log-format json`: one parseable object per line.
@Suite struct JSONLogTests {
    final class Lines: Sendable {
        let all = Mutex<[String]>([])
    }

    @Test func eachEventIsOneJSONObjectOnOneLine() throws {
        let lines = Lines()
        let output = JSONLogHandler.JSONLogOutput { line in lines.all.withLock { $0.append(line) } }
        var logger = Logger(label: "botapi.test") { label in
            JSONLogHandler(label: label, level: .info, metadataProvider: nil, output: output)
        }
        logger[metadataKey: "hb.request.id"] = "42"
        logger.debug("not at this level")
        logger.info("call", metadata: ["method": "getMe", "status": "200", "message": "not a replacement"])
        logger.warning("quote \" backslash \\ newline \n tab \t bell \u{07} done")
        let written = lines.all.withLock { $0 }
        #expect(written.count == 2)
        #expect(written.allSatisfy { $0.hasSuffix("}\n") && $0.dropLast().contains("\n") == false })
        let first = try #require(try JSONSerialization.jsonObject(with: Data(written[0].utf8)) as? [String: String])
        #expect(first["level"] == "info" && first["label"] == "botapi.test" && first["message"] == "call")
        #expect(first["method"] == "getMe" && first["status"] == "200" && first["hb.request.id"] == "42")
        #expect(first["time"]?.hasSuffix("Z") == true)
        let second = try #require(try JSONSerialization.jsonObject(with: Data(written[1].utf8)) as? [String: String])
        #expect(second["message"] == "quote \" backslash \\ newline \n tab \t bell \u{07} done")
    }
}

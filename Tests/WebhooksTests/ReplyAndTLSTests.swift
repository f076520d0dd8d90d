import BotAPI
import Engine
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@testable import Webhooks

/// A method answered in the webhook response (behaviour.md §4.5) and https delivery.
@Suite(.timeLimit(.minutes(1))) struct ReplyAndTLSTests {
    /// The reply a bot framework gives for each update text, as realclients §5 captured them.
    static func reply(to text: String, chatID: Int) -> Response {
        func body(_ contentType: String, _ text: String) -> Response {
            Response(status: .ok, headers: [.contentType: contentType], body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
        }
        switch text {
        case "json":
            return body("application/json", #"{"method":"sendMessage","chat_id":\#(chatID),"text":"pong json"}"#)
        case "form":
            return body("application/x-www-form-urlencoded", "method=sendMessage&chat_id=\(chatID)&text=pong+form")
        case "multipart":
            // aiogram 3 with handle_in_background=False, verbatim shape.
            let boundary = "webhookBoundarylqxlRmR6XTAHEq5VgEi6sA"
            var parts = ""
            for (name, value) in [
                ("method", "sendMessage"), ("chat_id", "\(chatID)"), ("text", "<b>Hello</b> via webhook response"),
                ("parse_mode", "HTML"), ("reply_markup", #"{"inline_keyboard": [[{"text": "Press me", "callback_data": "press:1"}]]}"#),
            ] {
                parts += "--\(boundary)\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
            }
            parts += "--\(boundary)--\r\n"
            return body("multipart/form-data; boundary=\(boundary)", parts)
        case "empty":
            return Response(status: .ok, headers: [.contentType: "application/json; charset=\"utf-8\""])  // PTB
        case "quoted":
            return body("application/json", "\"\"")  // telebot run_webhooks
        case "braces":
            return body("application/json; charset=utf-8", "{}")  // aiogram background mode
        case "delete":
            return body("application/json", #"{"method":"deleteWebhook"}"#)  // excluded: must not run
        case "close":
            return body("application/json", #"{"method":"close"}"#)  // excluded
        default:
            return body("application/json", #"{"method":"sendMessage","chat_id":\#(chatID),"text":"after \#(text)"}"#)
        }
    }

    @Test func methodsInResponsesAreExecuted() async throws {
        let world = try WebhookWorld()
        let bot = try await world.createBot()
        let user = try await world.createUser()
        let router = Router()
        router.post("/hook") { request, _ -> Response in
            let body = try await request.body.collect(upTo: 1 << 20)
            let update = try JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any] ?? [:]
            let message = update["message"] as? [String: Any] ?? [:]
            let chatID = (message["chat"] as? [String: Any])?["id"] as? Int ?? 0
            return Self.reply(to: message["text"] as? String ?? "", chatID: chatID)
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            let port = try #require(client.port)
            try await world.setWebhook(bot, url: "http://127.0.0.1:\(port)/hook", secretToken: "tok")
            for text in ["empty", "quoted", "braces", "json", "delete", "close", "form", "multipart", "last"] {
                try await world.send(text, from: user, to: bot)
            }
            try await world.withDispatcher { _ in
                try await world.waitForUserMessage(user) { $0.text == "after last" }
            }
        }
        let fromBot = try await world.userMessages(user).filter { $0.fromID == Int(bot.id) }
        #expect(fromBot.map { $0.text ?? "" } == ["pong json", "pong form", "Hello via webhook response", "after last"])
        let html = try #require(fromBot.dropFirst(2).first)
        #expect(html.entityTypes == ["bold"])
        #expect(html.hasReplyMarkup)
        // deleteWebhook and close answered in a response were ignored.
        let info = try await world.webhookInfo(bot)
        #expect(info.url?.hasSuffix("/hook") == true && info.pendingUpdateCount == 0)
    }

    // MARK: TLS

    private func deliverOverTLS(
        receiver: TestReceiver, url: (Int) -> String, certificate: Data?, ipAddress: String? = nil
    ) async throws -> (world: WebhookWorld, bot: WebhookWorld.Account, info: WebhookWorld.WebhookInfo) {
        let world = try WebhookWorld()
        let bot = try await world.createBot()
        let user = try await world.createUser()
        let port = try await receiver.start()
        try await world.setWebhook(bot, url: url(port), ipAddress: ipAddress, certificate: certificate)
        try await world.send("secure", from: user, to: bot)
        let info = try await world.withDispatcher { _ in
            try await world.waitForInfo(bot) { $0.pendingUpdateCount == 0 || $0.lastErrorMessage != nil }
        }
        await receiver.stop()
        return (world, bot, info)
    }

    @Test func httpsWithAnUploadedPEMCertificate() async throws {
        let receiver = try TestReceiver.tls(certificatePEM: TestCertificates.localPEM, keyPEM: TestCertificates.localKeyPEM)
        let (_, _, info) = try await deliverOverTLS(
            receiver: receiver, url: { "https://127.0.0.1:\($0)/tls" }, certificate: Data(TestCertificates.localPEM.utf8))
        #expect(info.lastErrorMessage == nil)
        #expect(info.hasCustomCertificate == true)
        #expect(receiver.requests.map(\.text) == ["secure"])
        #expect(receiver.requests.first?.requestLine == "POST /tls HTTP/1.1")
    }

    @Test func httpsWithAnUploadedDERCertificateAndAFixedIP() async throws {
        let receiver = try TestReceiver.tls(certificatePEM: TestCertificates.localPEM, keyPEM: TestCertificates.localKeyPEM)
        let der = try #require(Data(base64Encoded: TestCertificates.localDERBase64))
        // The URL names "localhost" (checked against the certificate); the connection goes to the fixed IP.
        let (_, _, info) = try await deliverOverTLS(
            receiver: receiver, url: { "https://localhost:\($0)/" }, certificate: der, ipAddress: "127.0.0.1")
        #expect(info.lastErrorMessage == nil)
        #expect(receiver.requests.first?.header("Host")?.hasPrefix("localhost:") == true)
    }

    @Test func aSelfSignedCertificateWithoutUploadFails() async throws {
        let receiver = try TestReceiver.tls(certificatePEM: TestCertificates.localPEM, keyPEM: TestCertificates.localKeyPEM)
        let (_, _, info) = try await deliverOverTLS(receiver: receiver, url: { "https://127.0.0.1:\($0)/" }, certificate: nil)
        let message = try #require(info.lastErrorMessage)
        #expect(message.hasPrefix("SSL error {") && message.contains("CERTIFICATE_VERIFY_FAILED"), "\(message)")
        #expect(receiver.requests.isEmpty)
        #expect(info.pendingUpdateCount == 1)
    }

    @Test func aCertificateForAnotherHostFails() async throws {
        let receiver = try TestReceiver.tls(certificatePEM: TestCertificates.otherPEM, keyPEM: TestCertificates.otherKeyPEM)
        let (_, _, info) = try await deliverOverTLS(
            receiver: receiver, url: { "https://127.0.0.1:\($0)/" }, certificate: Data(TestCertificates.otherPEM.utf8))
        let message = try #require(info.lastErrorMessage)
        #expect(message.hasPrefix("SSL error {") && message.contains("does not match"), "\(message)")
        #expect(receiver.requests.isEmpty)
    }

    @Test func anUploadedCertificateReplacesTheSystemTrustStore() async throws {
        // The receiver's certificate is valid for 127.0.0.1, but the upload names another root.
        let receiver = try TestReceiver.tls(certificatePEM: TestCertificates.localPEM, keyPEM: TestCertificates.localKeyPEM)
        let (_, _, info) = try await deliverOverTLS(
            receiver: receiver, url: { "https://127.0.0.1:\($0)/" }, certificate: Data(TestCertificates.otherPEM.utf8))
        let message = try #require(info.lastErrorMessage)
        #expect(message.contains("CERTIFICATE_VERIFY_FAILED"), "\(message)")
    }
}

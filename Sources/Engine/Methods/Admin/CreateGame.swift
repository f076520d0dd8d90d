import BotAPI
import Foundation
import Storage

/// `createGame` (admin; BotFather's /newgame on Telegram): a game for a bot, which its
/// `sendGame` then sends by `short_name`. `photo` is optional: an upload, a URL, or a
/// `file_id` the bot holds.
enum CreateGame: APIMethod {
    static let name = "createGame"
    static let surfaces: Set<Surface> = [.admin]

    struct Parameters: Decodable {
        let bot_id: Int64
        let short_name: String
        let title: String
        let description: String
    }

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let p: Parameters = try call.decode()
        // BotFather's rule for game short names: letters, digits and underscores.
        let validName = (1...64).contains(p.short_name.utf8.count)
            && p.short_name.utf8.allSatisfy { byte in
                (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                    || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_")
            }
        guard validName else { throw APIError.badRequest("SHORT_NAME_INVALID") }
        guard p.title.count <= 64 else { throw APIError.badRequest("TITLE_INVALID") }
        guard p.description.count <= 255 else { throw APIError.badRequest("DESCRIPTION_INVALID") }
        let photo = try await self.photo(call, botID: p.bot_id)
        if let photo { try MediaSending.requireImage(photo) }
        let record = try await call.engine.write { tx in
            guard let bot = try tx.store.account(id: p.bot_id), bot.isBot, !bot.isDeleted else {
                throw APIError.badRequest("bot not found")
            }
            guard try tx.store.game(botID: bot.id, shortName: p.short_name) == nil else {
                throw APIError.badRequest("SHORT_NAME_OCCUPIED")
            }
            var sizes: [PhotoSize] = []
            if let photo {
                let file = try photo.record(in: tx)
                try tx.store.grantFile(fileID: file.id, to: bot.id)
                sizes = MediaSending.photoSize(file, as: .photo).map { [$0] } ?? []
            }
            return try tx.store.insert(GameRecord(
                botID: bot.id, shortName: p.short_name, title: p.title, description: p.description,
                photo: Data(sizes.jsonBytes), createdAt: tx.now))
        }
        return MethodResult(Games.view(record))
    }

    /// The game's photo, if the call gives one: a multipart upload (by the parameter's name
    /// or `attach://<name>`), a URL, or a `file_id` the bot was given.
    private static func photo(_ call: MethodCall, botID: Int64) async throws -> IncomingFile? {
        let missing = MediaSending.missingFile(.photo)
        if let upload = call.parameters.file(named: "photo") {
            return try FileInputs.store(upload.data, fileName: upload.filename, declaredType: upload.contentType, in: call)
        }
        guard let raw = call.parameters["photo"] else { return nil }
        let value = InputFileOrString(raw)
        if case .reference(let text) = value, !text.contains("."), !text.contains(":") {
            // A file_id: the admin has no files of its own, so it names one the bot holds.
            return IncomingFile(source: .existing(try await FileInputs.existing(text, as: .photo, for: botID, engine: call.engine)))
        }
        return try await FileInputs.resolve(value, as: .photo, in: call, missing: missing)
    }
}

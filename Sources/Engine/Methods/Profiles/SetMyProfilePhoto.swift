import BotAPI
import Foundation
import Storage

/// `setMyProfilePhoto`: the bot's new profile photo, an `InputProfilePhotoStatic` whose
/// photo is uploaded with the request. Animated profile photos are refused: the server
/// can't draw their main frame.
enum SetMyProfilePhoto: APIMethod {
    static let name = "setMyProfilePhoto"
    static let surfaces: Set<Surface> = [.bot]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let file = try await staticPhoto(in: call)
        let bot = call.account
        try await call.engine.write { tx in try ProfilePhotos.add(file, for: bot, tx: tx) }
        return .true
    }

    /// The call's `photo` (InputProfilePhoto), checked as the official server checks it: a
    /// static photo uploaded with the request. Also `setBusinessAccountProfilePhoto`'s.
    static func staticPhoto(in call: MethodCall) async throws -> IncomingFile {
        guard let raw = call.parameters["photo"], !raw.isEmpty else { throw APIError.badRequest("photo isn't specified") }
        guard let value = try? JSONSerialization.jsonObject(with: Data(raw.utf8), options: [.fragmentsAllowed]) else {
            throw APIError.badRequest("can't parse photo JSON object")
        }
        guard let object = value as? [String: Any] else { throw APIError.badRequest("object expected as profile photo") }
        let mustUpload = APIError.badRequest("photo must be uploaded as a file")
        switch object["type"] as? String {
        case "static":
            guard let photo = object["photo"] as? String, case .attachment = InputFileOrString(photo) else { throw mustUpload }
            return try await ProfilePhotos.image(InputFileOrString(photo), in: call, missing: mustUpload)
        case "animated":
            guard let animation = object["animation"] as? String, case .attachment = InputFileOrString(animation) else { throw mustUpload }
            // The main frame would have to be drawn from the video, which this server can't do.
            throw APIError.badRequest("animated profile photos are not supported by this server")
        default:
            throw APIError.badRequest("invalid profile photo type specified")
        }
    }
}

import BotAPI
import Storage

/// The user's `saveProfileAudio` (docs/user-api-extensions.md): keeps an audio file on the
/// user's profile (upload or `file_id`, with optional `title`, `performer`, `duration`), or
/// with `unsave` removes the one that `audio`'s `file_id` names. What Telegram's "save to
/// profile" does; bots read the list with getUserProfileAudios.
enum SaveProfileAudio: APIMethod {
    static let name = "saveProfileAudio"
    static let surfaces: Set<Surface> = [.user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let missing = APIError.badRequest("there is no audio in the request")
        guard call.parameters.contains("audio") else { throw missing }
        let user = call.account
        if call.parameters["unsave"].map(LenientParse.bool) == true {
            let decoded = try StickerSets.decodeFileID(call.parameters["audio"] ?? "")
            try await call.engine.write { tx in
                try tx.store.deleteProfileAudios(accountID: user.id, fileID: decoded.rowID)
            }
            return .true
        }
        let value = call.parameters["audio"].map(InputFileOrString.init) ?? .attachment("audio")
        let file = try await FileInputs.resolve(value, as: .audio, in: call, missing: missing)
        let details = MediaDetails(
            duration: call.parameters["duration"].map(LenientParse.integer), performer: call.parameters["performer"],
            title: call.parameters["title"])
        try await call.engine.write { tx in try ProfileAudios.add(file, details: details, for: user, tx: tx) }
        return .true
    }
}

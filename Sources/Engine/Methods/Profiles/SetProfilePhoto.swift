import BotAPI
import Storage

/// The user's `setProfilePhoto` (USER-API.md): `photo` uploaded or by `file_id` becomes
/// the newest profile photo, first in getUserProfilePhotos.
enum SetProfilePhoto: APIMethod {
    static let name = "setProfilePhoto"
    static let surfaces: Set<Surface> = [.user]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let missing = APIError.badRequest("there is no photo in the request")
        guard call.parameters.contains("photo") else { throw missing }
        let value = call.parameters["photo"].map(InputFileOrString.init) ?? .attachment("photo")
        let file = try await ProfilePhotos.image(value, in: call, missing: missing)
        let user = call.account
        try await call.engine.write { tx in try ProfilePhotos.add(file, for: user, tx: tx) }
        return .true
    }
}

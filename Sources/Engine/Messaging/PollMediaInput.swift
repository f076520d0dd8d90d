import BotAPI
import Foundation
import Storage

/// The media of a poll (`sendPoll`'s `media` and `explanation_media`, an option's `media`):
/// files resolved before the sending transaction, then stored and shown as `PollMedia`
/// inside it. Captions and other fields of the InputMedia objects are ignored (a poll's
/// media has none).
enum PollMediaInput {
    /// A poll medium with its file (if any) resolved.
    enum Resolved: Sendable {
        case file(MediaItem)
        case location(Location)
        case venue(Venue)
        case link(String)
    }

    static func resolve(_ media: InputPollMedia, call: MethodCall) async throws -> Resolved {
        switch media {
        case .animation(let m): return try await file(m.media, .animation, call)
        case .audio(let m): return try await file(m.media, .audio, call)
        case .document(let m): return try await file(m.media, .document, call)
        case .photo(let m): return try await file(m.media, .photo, call)
        case .video(let m): return try await file(m.media, .video, call)
        case .livePhoto(let m): return try await livePhoto(m, call)
        case .location(let m): return try location(m)
        case .venue(let m): return try venue(m)
        }
    }

    static func resolve(_ media: InputPollOptionMedia, call: MethodCall) async throws -> Resolved {
        switch media {
        case .animation(let m): return try await file(m.media, .animation, call)
        case .photo(let m): return try await file(m.media, .photo, call)
        case .video(let m): return try await file(m.media, .video, call)
        case .livePhoto(let m): return try await livePhoto(m, call)
        case .location(let m): return try location(m)
        case .venue(let m): return try venue(m)
        case .link(let m):
            guard let url = URL(string: m.url), ["http", "https"].contains(url.scheme?.lowercased() ?? "") else {
                throw APIError.badRequest("wrong HTTP URL specified")
            }
            return .link(m.url)
        case .sticker:
            // Stickers as option media would need the sticker's set; not served (yet).
            throw APIError.badRequest("sticker poll option media is not supported")
        }
    }

    private static func file(_ media: String, _ kind: MediaKind, _ call: MethodCall) async throws -> Resolved {
        let missing = APIError.badRequest("can't parse InputMedia: media not found")
        let resolved = try await FileInputs.resolve(InputFileOrString(media), as: kind, in: call, missing: missing)
        if kind == .photo { try MediaSending.requireImage(resolved) }
        return .file(MediaItem(kind: kind, file: resolved, thumbnail: nil, caption: MediaCaption()))
    }

    private static func livePhoto(_ m: InputMediaLivePhoto, _ call: MethodCall) async throws -> Resolved {
        .file(try await LivePhotos.item(
            motion: InputFileOrString(m.media), still: InputFileOrString(m.photo), caption: MediaCaption(), call: call,
            missingMotion: APIError.badRequest("can't parse InputMedia: media not found"),
            missingStill: APIError.badRequest("can't parse InputMedia: photo not found")))
    }

    private static func location(_ m: InputMediaLocation) throws -> Resolved {
        .location(try LiveLocations.location(
            latitude: m.latitude, longitude: m.longitude, horizontalAccuracy: m.horizontalAccuracy, livePeriod: 0, heading: 0,
            proximityAlertRadius: 0))
    }

    private static func venue(_ m: InputMediaVenue) throws -> Resolved {
        let location = try LiveLocations.location(
            latitude: m.latitude, longitude: m.longitude, horizontalAccuracy: nil, livePeriod: 0, heading: 0, proximityAlertRadius: 0)
        return .venue(Venue(
            location: location, title: m.title, address: m.address, foursquareId: m.foursquareId, foursquareType: m.foursquareType,
            googlePlaceId: m.googlePlaceId, googlePlaceType: m.googlePlaceType))
    }

    /// The `PollMedia` a poll shows for `resolved`, its file stored.
    static func pollMedia(_ resolved: Resolved, store: any StoreWriter, now: Int64) throws -> PollMedia {
        switch resolved {
        case .location(let location): return PollMedia(location: location)
        case .venue(let venue): return PollMedia(venue: venue)
        case .link(let url): return PollMedia(link: Link(url: url))
        case .file(let item):
            let stored = try MediaDerivation.store(item.file, in: store, now: now)
            var scratch = Message(messageId: 0, date: 0, chat: Chat(id: 0, type: "private"))
            MediaSending.attach(item, media: stored, uploadedThumbnail: nil, to: &scratch)
            if let still = try item.livePhotoStill.map({ try MediaDerivation.store($0, in: store, now: now) }) {
                return PollMedia(livePhoto: LivePhotos.livePhoto(motion: &scratch, still: still))
            }
            return PollMedia(
                animation: scratch.animation, audio: scratch.audio, document: scratch.animation == nil ? scratch.document : nil,
                photo: scratch.photo, video: scratch.video)
        }
    }
}

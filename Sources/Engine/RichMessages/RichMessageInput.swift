import BotAPI
import Foundation
import Storage

/// The documented limits of a rich message ("Rich Message Limits" in the Bot API docs).
enum RichMessageLimits {
    /// Characters of all texts together, formula sources and custom emoji alternative texts included.
    static let characters = 32_768
    /// Blocks, nested blocks, list items and table rows together.
    static let blocks = 500
    /// Depth of nested blocks and rich texts.
    static let depth = 16
    /// Media in all blocks.
    static let media = 50
    /// Columns of a table.
    static let tableColumns = 20
}

/// An `InputRichMessage` read and its files resolved, before the sending transaction:
/// ``RichMessageBuilder`` turns it into the `RichMessage` a message carries.
struct PreparedRichMessage: Sendable {
    var blocks: [InputRichBlock]
    var isRTL: Bool
    /// Plain URLs, mentions, hashtags… in texts become their rich text kinds (not with `skip_entity_detection`).
    var detectEntities: Bool
    /// The resolved files, by the block kind and the media string a block names them with.
    var files: [RichMediaKey: IncomingFile]
}

/// How a media block names its file: the block's media kind and its `media` string.
struct RichMediaKey: Hashable, Sendable {
    var kind: MediaKind
    var reference: String
}

/// Reading `InputRichMessage`: which content form it uses, and the files its media blocks
/// name (uploads, `file_id`s, URLs, or `tg://<kind>?id=<id>` links to its `media` list).
enum RichMessageInput {
    /// Reads `input` and resolves its files. `allowThinking`: thinking blocks are only for
    /// drafts ("only valid inside sendRichMessageDraft").
    static func prepare(_ input: InputRichMessage, allowThinking: Bool, call: MethodCall) async throws -> PreparedRichMessage {
        let forms = [input.blocks != nil, input.html != nil, input.markdown != nil].filter { $0 }.count
        guard forms == 1 else {
            throw APIError.badRequest("exactly one of the fields html, markdown or blocks must be specified in the rich message")
        }
        var catalogue: [String: InputRichMedia] = [:]
        for entry in input.media ?? [] {
            guard (1...64).contains(entry.id.count), entry.id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") })
            else { throw APIError.badRequest("invalid rich message media identifier specified") }
            catalogue[entry.id] = entry.media
        }
        let detect = !(input.skipEntityDetection ?? false)
        let blocks: [InputRichBlock]
        if let given = input.blocks {
            blocks = given
        } else if let html = input.html {
            blocks = try RichMarkup.blocks(html: html, detectEntities: detect)
        } else {
            blocks = try RichMarkup.blocks(markdown: input.markdown ?? "", detectEntities: detect)
        }
        guard !blocks.isEmpty else { throw APIError.badRequest("rich message must be non-empty") }
        var requests: [(RichMediaKey, InputMediaReference)] = []
        for block in blocks { try collectMedia(block, allowThinking: allowThinking, into: &requests) }
        guard requests.count <= RichMessageLimits.media else { throw APIError.badRequest("rich message contains too many media") }
        var files: [RichMediaKey: IncomingFile] = [:]
        for (key, reference) in requests where files[key] == nil {
            let source = try source(of: reference, kind: key.kind, catalogue: catalogue)
            let missing = APIError.badRequest("there is no \(key.kind.parameterDescription) in the rich message")
            let file = try await FileInputs.resolve(InputFileOrString(source), as: key.kind, in: call, missing: missing)
            if key.kind == .photo { try MediaSending.requireImage(file) }
            files[key] = file
        }
        return PreparedRichMessage(blocks: blocks, isRTL: input.isRtl ?? false, detectEntities: detect, files: files)
    }

    /// A media block's file string, following a `tg://<kind>?id=<id>` link into the message's
    /// `media` list (whose entry must be of the block's kind).
    private static func source(of reference: InputMediaReference, kind: MediaKind, catalogue: [String: InputRichMedia]) throws -> String {
        guard reference.media.hasPrefix("tg://") else { return reference.media }
        guard let components = URLComponents(string: reference.media),
              let id = components.queryItems?.first(where: { $0.name == "id" })?.value,
              let entry = catalogue[id]
        else { throw APIError.badRequest("rich message media \"\(reference.media)\" not found") }
        let target = InputMediaReference(entry)
        guard target.kind == kind, !target.media.hasPrefix("tg://") else {
            throw APIError.badRequest("rich message media \"\(reference.media)\" has a wrong type")
        }
        return target.media
    }

    /// The media blocks under `block`, depth first; thinking blocks are refused outside drafts.
    private static func collectMedia(
        _ block: InputRichBlock, allowThinking: Bool, into requests: inout [(RichMediaKey, InputMediaReference)]
    ) throws {
        func add(_ reference: InputMediaReference) {
            requests.append((RichMediaKey(kind: reference.kind, reference: reference.media), reference))
        }
        func nested(_ blocks: [InputRichBlock]) throws {
            for child in blocks { try collectMedia(child, allowThinking: allowThinking, into: &requests) }
        }
        switch block {
        case .photo(let b): add(InputMediaReference(.photo(b.photo)))
        case .video(let b): add(InputMediaReference(.video(b.video)))
        case .animation(let b): add(InputMediaReference(.animation(b.animation)))
        case .audio(let b): add(InputMediaReference(.audio(b.audio)))
        case .document(let b): add(InputMediaReference(.document(b.document)))
        case .voiceNote(let b): add(InputMediaReference(.voiceNote(b.voiceNote)))
        case .blockQuotation(let b): try nested(b.blocks)
        case .collage(let b): try nested(b.blocks)
        case .slideshow(let b): try nested(b.blocks)
        case .details(let b): try nested(b.blocks)
        case .list(let b): for item in b.items { try nested(item.blocks) }
        case .thinking:
            guard allowThinking else { throw APIError.badRequest("thinking blocks can be used only in message drafts") }
        case .paragraph, .sectionHeading, .preformatted, .footer, .divider, .mathematicalExpression, .anchor,
             .expandableBlockQuotation, .pullQuotation, .table, .map, .buttons:
            break
        }
    }
}

/// One media object of a rich message: its kind, its file string and what it says about
/// the file (everything else in it, such as a caption, is ignored, as documented).
struct InputMediaReference: Sendable {
    var kind: MediaKind
    var media: String
    var details = MediaDetails()
    var hasSpoiler = false

    init(_ media: InputRichMedia) {
        switch media {
        case .photo(let m): (kind, self.media, hasSpoiler) = (.photo, m.media, m.hasSpoiler ?? false)
        case .video(let m):
            (kind, self.media, hasSpoiler) = (.video, m.media, m.hasSpoiler ?? false)
            details = MediaDetails(duration: m.duration, width: m.width, height: m.height)
        case .animation(let m):
            (kind, self.media, hasSpoiler) = (.animation, m.media, m.hasSpoiler ?? false)
            details = MediaDetails(duration: m.duration, width: m.width, height: m.height)
        case .audio(let m):
            (kind, self.media) = (.audio, m.media)
            details = MediaDetails(duration: m.duration, performer: m.performer, title: m.title)
        case .document(let m): (kind, self.media) = (.document, m.media)
        case .voiceNote(let m):
            (kind, self.media) = (.voice, m.media)
            details = MediaDetails(duration: m.duration)
        }
    }
}

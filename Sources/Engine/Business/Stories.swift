import BotAPI
import Foundation
import Storage

/// Stories business bots post for their accounts (`postStory`, `repostStory`, `editStory`,
/// `deleteStory`, right `can_manage_stories`). A story keeps its file (a photo with its
/// sizes, or a video), caption and entities, clickable areas and its active period; people
/// see an account's active stories with the user method `getStories`.
enum Stories {
    /// The periods a story may stay active, in seconds: 6 or 12 hours, one or two days.
    static let activePeriods: Set<Int> = [6 * 3600, 12 * 3600, 86400, 2 * 86400]

    // MARK: Parameters

    /// The kind of file a story shows, and the field of the request that uploads it.
    struct ContentInput: Sendable {
        let kind: MediaKind
        let attachment: String
        let details: MediaDetails
    }

    /// The `content` parameter (InputStoryContent), checked as the official server checks it.
    static func content(of call: MethodCall) throws -> ContentInput {
        guard let raw = call.parameters["content"], !raw.isEmpty else { throw APIError.badRequest("story content isn't specified") }
        guard let value = try? JSONSerialization.jsonObject(with: Data(raw.utf8), options: [.fragmentsAllowed]) else {
            throw APIError.badRequest("can't parse story content JSON object")
        }
        guard let object = value as? [String: Any] else { throw APIError.badRequest("object expected as story content") }
        guard let type = object["type"] as? String else { throw APIError.badRequest("field \"type\" must be of type String") }
        switch type {
        case "photo":
            guard let photo = object["photo"] as? String else { throw APIError.badRequest("field \"photo\" must be of type String") }
            guard case .attachment(let name) = InputFileOrString(photo) else {
                throw APIError.badRequest("story photo must be uploaded as a file")
            }
            return ContentInput(kind: .photo, attachment: name, details: MediaDetails())
        case "video":
            guard let video = object["video"] as? String else { throw APIError.badRequest("field \"video\" must be of type String") }
            guard case .attachment(let name) = InputFileOrString(video) else {
                throw APIError.badRequest("story video must be uploaded as a file")
            }
            // Clamped before converting: any JSON number may come.
            let duration = (object["duration"] as? Double).map { Int(min(max($0, 0), 86400).rounded(.up)) }
            return ContentInput(kind: .video, attachment: name, details: MediaDetails(duration: duration))
        default:
            throw APIError.badRequest("invalid story content type specified")
        }
    }

    /// The `areas` parameter (Array of StoryArea), or nil when absent.
    static func areas(of call: MethodCall) throws -> [StoryArea]? {
        guard let raw = call.parameters["areas"], !raw.isEmpty else { return nil }
        guard let value = try? JSONSerialization.jsonObject(with: Data(raw.utf8), options: [.fragmentsAllowed]) else {
            throw APIError.badRequest("can't parse story areas JSON object")
        }
        guard value is [Any] else { throw APIError.badRequest("expected an Array of InputStoryArea") }
        do {
            return try JSONDecoder().decode([StoryArea].self, from: Data(raw.utf8))
        } catch {
            throw APIError.badRequest("can't parse InputStoryArea: expected an Object")
        }
    }

    /// What `postStory` and `editStory` upload: the file ready as a message's would be, and
    /// the areas, checked in the official order (content, then areas).
    static func upload(in call: MethodCall) async throws -> (item: MediaItem, areas: [StoryArea]?) {
        let input = try content(of: call)
        let areas = try areas(of: call)
        return (try await item(input, in: call), areas)
    }

    /// The story's file, uploaded with the request and made ready as a message's would be.
    static func item(_ input: ContentInput, in call: MethodCall) async throws -> MediaItem {
        let missing = APIError.badRequest("story \(input.kind == .photo ? "photo" : "video") must be uploaded as a file")
        let file = try await FileInputs.resolve(.attachment(input.attachment), as: input.kind, in: call, missing: missing)
        if input.kind == .photo { try MediaSending.requireImage(file) }
        return MediaItem(kind: input.kind, file: file, thumbnail: nil, caption: MediaCaption(), details: input.details)
    }

    /// The caption and its entities (at most 2048 characters after parsing), or nils.
    static func caption(of call: MethodCall, bot: AccountRecord, in store: any StoreReader) throws -> (String?, [MessageEntity]?) {
        guard let raw = call.parameters["caption"], !raw.isEmpty else { return (nil, nil) }
        let entities: [MessageEntity]? = try call.parameters["caption_entities"].flatMap { text in
            guard !text.isEmpty else { return nil }
            do { return try JSONDecoder().decode([MessageEntity].self, from: Data(text.utf8)) } catch {
                throw APIError.badRequest("can't parse caption_entities JSON object")
            }
        }
        let (text, parsed) = try MessageText.compose(
            text: raw, parseMode: call.parameters["parse_mode"], entities: entities, kind: .storyCaption,
            resolveUser: { id in try Visibility.mentionedUser(id, sender: bot, in: store) })
        return text.isEmpty ? (nil, nil) : (text, parsed)
    }

    // MARK: Storing

    /// Stores the file of `item` and returns the content it gives a story.
    static func content(of item: MediaItem, in tx: Transaction) throws -> StoredStory.Content {
        let media = try MediaDerivation.store(item.file, in: tx.store, now: tx.now)
        var scratch = Message(messageId: 0, date: 0, chat: Chat(id: 0, type: "private"))
        MediaSending.attach(item, media: media, uploadedThumbnail: nil, to: &scratch)
        return StoredStory.Content(photo: scratch.photo, video: scratch.video)
    }

    /// Stores a new story of `owner`, numbered after the owner's last one.
    static func post(_ story: StoredStory, of owner: AccountRecord, by bot: AccountRecord, activePeriod: Int, in tx: Transaction) throws -> StoryRecord {
        let key = "stories:\(owner.id):last"
        let id = (try tx.store.setting(key).flatMap { Int64($0) } ?? 0) + 1
        try tx.store.setSetting(key, String(id))
        let record = StoryRecord(
            ownerID: owner.id, storyID: id, posterID: bot.id, date: tx.now, expiresAt: tx.now + Int64(activePeriod),
            content: Data(story.jsonBytes))
        try tx.store.save(record)
        try grantFiles(of: story, to: owner, in: tx.store)
        return record
    }

    /// The owner may download what their stories show.
    static func grantFiles(of story: StoredStory, to owner: AccountRecord, in store: any StoreWriter) throws {
        var files = Set<Int64>()
        FileAccess.collectFiles(of: story.asMessage, into: &files)
        for file in files { try store.grantFile(fileID: file, to: owner.id) }
    }

    /// The owner's active story `id`, or nil.
    static func active(_ id: Int, of owner: AccountRecord, in store: any StoreReader, now: Int64) throws -> (StoryRecord, StoredStory)? {
        guard id > 0, let record = try store.story(ownerID: owner.id, storyID: Int64(id)), record.expiresAt > now,
              let story = try? JSONDecoder().decode(StoredStory.self, from: record.content)
        else { return nil }
        return (record, story)
    }

    /// The Bot API's `Story`: the chat it was posted in and its id.
    static func view(_ record: StoryRecord, owner: AccountRecord) -> Story {
        Story(chat: Views.privateChat(with: owner), id: Int(record.storyID))
    }
}

/// A story's content as stored and as `getStories` shows it to people.
struct StoredStory: Sendable, Decodable, JSONWritable {
    /// What the story shows: a photo (its sizes) or a video.
    struct Content: Sendable, Decodable, JSONWritable {
        var photo: [PhotoSize]?
        var video: Video?

        func writeJSON(to writer: inout JSONWriter) {
            writer.beginObject()
            writer.optionalMember("photo", photo)
            writer.optionalMember("video", video)
            writer.endObject()
        }
    }

    var content: Content
    var caption: String?
    var captionEntities: [MessageEntity]?
    var areas: [StoryArea]?
    var postToChatPage = false
    var protectContent = false
    /// A repost's origin: the chat and story id it was reposted from.
    var repostedFromChatID: Int?
    var repostedFromStoryID: Int?

    enum CodingKeys: String, CodingKey {
        case content, caption, areas
        case captionEntities = "caption_entities", postToChatPage = "post_to_chat_page", protectContent = "protect_content"
        case repostedFromChatID = "reposted_from_chat_id", repostedFromStoryID = "reposted_from_story_id"
    }

    init(content: Content, caption: String?, captionEntities: [MessageEntity]?, areas: [StoryArea]?) {
        self.content = content
        self.caption = caption
        self.captionEntities = captionEntities
        self.areas = areas
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        content = try c.decode(Content.self, forKey: .content)
        caption = try c.decodeIfPresent(String.self, forKey: .caption)
        captionEntities = try c.decodeIfPresent([MessageEntity].self, forKey: .captionEntities)
        areas = try c.decodeIfPresent([StoryArea].self, forKey: .areas)
        postToChatPage = try c.decodeIfPresent(Bool.self, forKey: .postToChatPage) ?? false
        protectContent = try c.decodeIfPresent(Bool.self, forKey: .protectContent) ?? false
        repostedFromChatID = try c.decodeIfPresent(Int.self, forKey: .repostedFromChatID)
        repostedFromStoryID = try c.decodeIfPresent(Int.self, forKey: .repostedFromStoryID)
    }

    func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("content", content)
        writer.optionalMember("caption", caption)
        writer.optionalMember("caption_entities", captionEntities)
        writer.optionalMember("areas", areas)
        if postToChatPage { writer.member("post_to_chat_page", true) }
        if protectContent { writer.member("protect_content", true) }
        writer.optionalMember("reposted_from_chat_id", repostedFromChatID)
        writer.optionalMember("reposted_from_story_id", repostedFromStoryID)
        writer.endObject()
    }

    /// The story's files in a message, for the file-access rules messages have.
    var asMessage: Message {
        var message = Message(messageId: 0, date: 0, chat: Chat(id: 0, type: "private"))
        message.photo = content.photo
        message.video = content.video
        return message
    }
}

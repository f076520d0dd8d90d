import BotAPI

/// The files of a message's live photo, rich message blocks and poll media, so that
/// whoever receives the message may download them (``FileAccess``).
enum RichMessageFiles {
    static func fileIDs(of m: Message) -> [String] {
        var ids: [String] = []
        if let live = m.livePhoto { ids.append(live.fileId); ids += (live.photo ?? []).map(\.fileId) }
        for block in m.richMessage?.blocks ?? [] { collect(block, into: &ids) }
        if let poll = m.poll {
            for media in [poll.media, poll.explanationMedia] + poll.options.map(\.media) {
                if let media { collect(media, into: &ids) }
            }
        }
        return ids
    }

    private static func collect(_ media: PollMedia, into ids: inout [String]) {
        ids += (media.photo ?? []).map(\.fileId)
        if let live = media.livePhoto { ids.append(live.fileId); ids += (live.photo ?? []).map(\.fileId) }
        ids += [media.animation?.fileId, media.audio?.fileId, media.document?.fileId, media.video?.fileId].compactMap { $0 }
    }

    private static func collect(_ block: RichBlock, into ids: inout [String]) {
        switch block {
        case .photo(let b): ids += b.photo.map(\.fileId)
        case .video(let b): ids += [b.video.fileId, b.video.thumbnail?.fileId].compactMap { $0 }
        case .animation(let b): ids += [b.animation.fileId, b.animation.thumbnail?.fileId].compactMap { $0 }
        case .audio(let b): ids.append(b.audio.fileId)
        case .document(let b): ids += [b.document.fileId, b.document.thumbnail?.fileId].compactMap { $0 }
        case .voiceNote(let b): ids.append(b.voiceNote.fileId)
        case .blockQuotation(let b): for child in b.blocks { collect(child, into: &ids) }
        case .collage(let b): for child in b.blocks { collect(child, into: &ids) }
        case .slideshow(let b): for child in b.blocks { collect(child, into: &ids) }
        case .details(let b): for child in b.blocks { collect(child, into: &ids) }
        case .list(let b): for item in b.items { for child in item.blocks { collect(child, into: &ids) } }
        default: break
        }
    }
}

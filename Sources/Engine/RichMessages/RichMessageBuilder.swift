import BotAPI
import Foundation
import Storage

/// Builds the `RichMessage` a message carries from a ``PreparedRichMessage``, inside the
/// sending transaction: stores its files, names the users its text mentions, adds list
/// labels and map defaults, and checks the documented limits as it goes.
struct RichMessageBuilder {
    let sender: AccountRecord
    let store: any StoreWriter
    let now: Int64
    private var files: [RichMediaKey: IncomingFile] = [:]
    private var detectEntities = true
    private var blockCount = 0
    private var characters = 0

    init(sender: AccountRecord, store: any StoreWriter, now: Int64) {
        self.sender = sender
        self.store = store
        self.now = now
    }

    /// The message's rich content.
    mutating func build(_ prepared: PreparedRichMessage) throws -> RichMessage {
        files = prepared.files
        detectEntities = prepared.detectEntities
        let blocks = try self.blocks(prepared.blocks, depth: 1)
        return RichMessage(blocks: blocks, isRtl: prepared.isRTL ? true : nil)
    }

    private mutating func blocks(_ input: [InputRichBlock], depth: Int) throws -> [RichBlock] {
        try input.map { try block($0, depth: depth) }
    }

    private mutating func count(depth: Int) throws {
        blockCount += 1
        guard blockCount <= RichMessageLimits.blocks else { throw APIError.badRequest("rich message contains too many blocks") }
        guard depth <= RichMessageLimits.depth else { throw APIError.badRequest("rich message nesting is too deep") }
    }

    private mutating func block(_ input: InputRichBlock, depth: Int) throws -> RichBlock {
        try count(depth: depth)
        let inner = depth + 1
        switch input {
        case .paragraph(let b): return .paragraph(RichBlockParagraph(text: try text(b.text, depth: inner)))
        case .sectionHeading(let b):
            guard (1...6).contains(b.size) else { throw APIError.badRequest("heading size must be between 1 and 6") }
            return .sectionHeading(RichBlockSectionHeading(text: try text(b.text, depth: inner), size: b.size))
        case .preformatted(let b):
            // Code is shown as written: nothing in it is detected.
            return .preformatted(RichBlockPreformatted(text: try text(b.text, depth: inner, detect: false), language: b.language))
        case .footer(let b): return .footer(RichBlockFooter(text: try text(b.text, depth: inner)))
        case .divider: return .divider(RichBlockDivider())
        case .mathematicalExpression(let b):
            try characters(b.expression)
            return .mathematicalExpression(RichBlockMathematicalExpression(expression: b.expression))
        case .anchor(let b): return .anchor(RichBlockAnchor(name: b.name))
        case .list(let b):
            var items: [RichBlockListItem] = []
            for (index, item) in b.items.enumerated() {
                try count(depth: inner)
                try Self.checkListType(item.type)
                let label = Self.listLabel(item, position: index + 1)
                items.append(RichBlockListItem(
                    label: label, blocks: try blocks(item.blocks, depth: inner + 1), hasCheckbox: item.hasCheckbox,
                    isChecked: item.isChecked, value: item.value, type: item.type))
            }
            return .list(RichBlockList(items: items))
        case .blockQuotation(let b):
            return .blockQuotation(RichBlockBlockQuotation(
                blocks: try blocks(b.blocks, depth: inner), credit: try b.credit.map { try text($0, depth: inner) }))
        case .expandableBlockQuotation(let b):
            return .expandableBlockQuotation(RichBlockExpandableBlockQuotation(
                text: try text(b.text, depth: inner), credit: try b.credit.map { try text($0, depth: inner) }))
        case .pullQuotation(let b):
            return .pullQuotation(RichBlockPullQuotation(
                text: try text(b.text, depth: inner), credit: try b.credit.map { try text($0, depth: inner) }))
        case .collage(let b):
            return .collage(RichBlockCollage(blocks: try blocks(b.blocks, depth: inner), caption: try caption(b.caption, depth: inner)))
        case .slideshow(let b):
            return .slideshow(RichBlockSlideshow(blocks: try blocks(b.blocks, depth: inner), caption: try caption(b.caption, depth: inner)))
        case .table(let b): return .table(try table(b, depth: inner))
        case .details(let b):
            return .details(RichBlockDetails(
                summary: try text(b.summary, depth: inner), blocks: try blocks(b.blocks, depth: inner), isOpen: b.isOpen))
        case .map(let b):
            let location = try LiveLocations.location(
                latitude: b.location.latitude, longitude: b.location.longitude, horizontalAccuracy: nil, livePeriod: 0, heading: 0,
                proximityAlertRadius: 0)
            // Telegram's defaults for a map a bot sizes not itself are undocumented: a
            // street-level zoom and a 2:1 picture (guesses).
            return .map(RichBlockMap(
                location: location, zoom: min(max(b.zoom ?? 15, 13), 20), width: min(max(b.width ?? 600, 16), 1024),
                height: min(max(b.height ?? 300, 16), 1024), caption: try caption(b.caption, depth: inner)))
        case .buttons(let b):
            try Self.checkAlign(b.align, allowed: ["left", "center", "right"])
            return .buttons(RichBlockButtons(buttons: try b.buttons.map { try button($0, depth: inner) }, align: b.align))
        case .thinking(let b): return .thinking(RichBlockThinking(text: try text(b.text, depth: inner)))
        case .photo(let b):
            let reference = InputMediaReference(.photo(b.photo))
            let message = try media(reference)
            return .photo(RichBlockPhoto(
                photo: message.photo ?? [], hasSpoiler: reference.hasSpoiler ? true : nil, caption: try caption(b.caption, depth: inner)))
        case .video(let b):
            let reference = InputMediaReference(.video(b.video))
            guard let video = try media(reference).video else { throw Self.unresolved }
            return .video(RichBlockVideo(
                video: video, hasSpoiler: reference.hasSpoiler ? true : nil, caption: try caption(b.caption, depth: inner)))
        case .animation(let b):
            let reference = InputMediaReference(.animation(b.animation))
            guard let animation = try media(reference).animation else { throw Self.unresolved }
            return .animation(RichBlockAnimation(
                animation: animation, hasSpoiler: reference.hasSpoiler ? true : nil, caption: try caption(b.caption, depth: inner)))
        case .audio(let b):
            guard let audio = try media(InputMediaReference(.audio(b.audio))).audio else { throw Self.unresolved }
            return .audio(RichBlockAudio(audio: audio, caption: try caption(b.caption, depth: inner)))
        case .document(let b):
            guard let document = try media(InputMediaReference(.document(b.document))).document else { throw Self.unresolved }
            return .document(RichBlockDocument(document: document, caption: try caption(b.caption, depth: inner)))
        case .voiceNote(let b):
            guard let voice = try media(InputMediaReference(.voiceNote(b.voiceNote))).voice else { throw Self.unresolved }
            return .voiceNote(RichBlockVoiceNote(voiceNote: voice, caption: try caption(b.caption, depth: inner)))
        }
    }

    private static let unresolved = APIError.badRequest("rich message media not found")

    /// A media block's file stored and shown as a message of its kind would show it.
    private func media(_ reference: InputMediaReference) throws -> Message {
        guard let file = files[RichMediaKey(kind: reference.kind, reference: reference.media)] else { throw Self.unresolved }
        let stored = try MediaDerivation.store(file, in: store, now: now)
        var scratch = Message(messageId: 0, date: 0, chat: Chat(id: 0, type: "private"))
        MediaSending.attach(
            MediaItem(kind: reference.kind, file: file, thumbnail: nil, caption: MediaCaption(), details: reference.details),
            media: stored, uploadedThumbnail: nil, to: &scratch)
        return scratch
    }

    private mutating func caption(_ caption: RichBlockCaption?, depth: Int) throws -> RichBlockCaption? {
        guard let caption else { return nil }
        return RichBlockCaption(text: try text(caption.text, depth: depth), credit: try caption.credit.map { try text($0, depth: depth) })
    }

    private mutating func table(_ b: InputRichBlockTable, depth: Int) throws -> RichBlockTable {
        var rows: [[RichBlockTableCell]] = []
        for row in b.cells {
            try count(depth: depth)
            let columns = row.reduce(0) { $0 + min(max($1.colspan ?? 1, 1), RichMessageLimits.tableColumns + 1) }
            guard columns <= RichMessageLimits.tableColumns else { throw APIError.badRequest("table contains too many columns") }
            rows.append(try row.map { cell in
                try Self.checkAlign(cell.align, allowed: ["left", "center", "right"])
                try Self.checkAlign(cell.valign, allowed: ["top", "middle", "bottom"])
                var cell = cell
                cell.text = try cell.text.map { try text($0, depth: depth + 1) }
                return cell
            })
        }
        return RichBlockTable(
            cells: rows, isBordered: b.isBordered, isStriped: b.isStriped, isCompact: b.isCompact,
            caption: try b.caption.map { try text($0, depth: depth) })
    }

    private mutating func button(_ button: RichMessageButton, depth: Int) throws -> RichMessageButton {
        let actions: [Bool] = [
            button.url != nil, button.callbackData != nil, button.webApp != nil, button.loginUrl != nil,
            button.switchInlineQuery != nil, button.switchInlineQueryCurrentChat != nil,
            button.switchInlineQueryChosenChat != nil, button.copyText != nil, button.disabled != nil,
        ]
        guard actions.filter({ $0 }).count == 1 else {
            throw APIError.badRequest("can't parse rich message button: exactly one button action must be specified")
        }
        if let data = button.callbackData, !(1...64).contains(data.utf8.count) { throw APIError.badRequest("BUTTON_DATA_INVALID") }
        if let url = button.url, URL(string: url)?.scheme.map({ ["http", "https", "tg"].contains($0.lowercased()) }) != true {
            throw APIError.badRequest("BUTTON_URL_INVALID")
        }
        try Self.checkAlign(button.style, allowed: ["danger", "success", "primary", "link"], what: "button style")
        var checked = button
        checked.text = try text(button.text, depth: depth)
        return checked
    }

    // MARK: Rich texts

    private mutating func characters(_ string: String) throws {
        characters += string.utf16.count
        guard characters <= RichMessageLimits.characters else { throw APIError.badRequest("rich message is too long") }
    }

    /// A rich text as shown: text mentions name the user as the sender may see them, plain
    /// strings get their detected entities.
    private mutating func text(_ input: RichText, depth: Int, detect: Bool = true) throws -> RichText {
        guard depth <= RichMessageLimits.depth else { throw APIError.badRequest("rich message nesting is too deep") }
        let inner = depth + 1
        switch input {
        case .plain(let string):
            try characters(string)
            return detect && detectEntities ? RichMarkup.detected(string) : input
        case .concatenation(let parts):
            // A concatenation is a sequence, not a level of formatting.
            return .concatenation(try parts.map { try text($0, depth: depth, detect: detect) })
        case .bold(var t): t.text = try text(t.text, depth: inner, detect: detect); return .bold(t)
        case .italic(var t): t.text = try text(t.text, depth: inner, detect: detect); return .italic(t)
        case .underline(var t): t.text = try text(t.text, depth: inner, detect: detect); return .underline(t)
        case .strikethrough(var t): t.text = try text(t.text, depth: inner, detect: detect); return .strikethrough(t)
        case .spoiler(var t): t.text = try text(t.text, depth: inner, detect: detect); return .spoiler(t)
        case .subscript(var t): t.text = try text(t.text, depth: inner, detect: detect); return .subscript(t)
        case .superscript(var t): t.text = try text(t.text, depth: inner, detect: detect); return .superscript(t)
        case .marked(var t): t.text = try text(t.text, depth: inner, detect: detect); return .marked(t)
        case .code(var t): t.text = try text(t.text, depth: inner, detect: false); return .code(t)
        case .dateTime(var t): t.text = try text(t.text, depth: inner, detect: false); return .dateTime(t)
        case .textMention(var t):
            guard let user = try Visibility.mentionedUser(t.user.id, sender: sender, in: store) else {
                throw APIError.badRequest("can't find the mentioned user")
            }
            t.user = user
            t.text = try text(t.text, depth: inner, detect: false)
            return .textMention(t)
        case .customEmoji(let t): try characters(t.alternativeText); return input
        case .mathematicalExpression(let t): try characters(t.expression); return input
        case .url(var t):
            // A link's own text is not searched for more links.
            t.text = try text(t.text, depth: inner, detect: false); return .url(t)
        case .emailAddress(var t): t.text = try text(t.text, depth: inner, detect: false); return .emailAddress(t)
        case .phoneNumber(var t): t.text = try text(t.text, depth: inner, detect: false); return .phoneNumber(t)
        case .bankCardNumber(var t): t.text = try text(t.text, depth: inner, detect: false); return .bankCardNumber(t)
        case .mention(var t): t.text = try text(t.text, depth: inner, detect: false); return .mention(t)
        case .hashtag(var t): t.text = try text(t.text, depth: inner, detect: false); return .hashtag(t)
        case .cashtag(var t): t.text = try text(t.text, depth: inner, detect: false); return .cashtag(t)
        case .botCommand(var t): t.text = try text(t.text, depth: inner, detect: false); return .botCommand(t)
        case .button(var t): t.button = try button(t.button, depth: inner); return .button(t)
        case .anchor: return input
        case .anchorLink(var t): t.text = try text(t.text, depth: inner, detect: false); return .anchorLink(t)
        case .reference(var t): t.text = try text(t.text, depth: inner, detect: detect); return .reference(t)
        case .referenceLink(var t): t.text = try text(t.text, depth: inner, detect: false); return .referenceLink(t)
        }
    }

    // MARK: Checks and labels

    private static func checkAlign(_ value: String?, allowed: Set<String>, what: String = "alignment") throws {
        guard let value else { return }
        guard allowed.contains(value) else { throw APIError.badRequest("unsupported \(what) \"\(value)\" specified") }
    }

    private static func checkListType(_ type: String?) throws {
        guard let type else { return }
        guard ["a", "A", "i", "I", "1"].contains(type) else { throw APIError.badRequest("unsupported list item type \"\(type)\" specified") }
    }

    /// The label a client shows before a list item: its number in the item's numbering style,
    /// or a bullet for an unnumbered item (how Telegram labels items is a guess).
    static func listLabel(_ item: InputRichBlockListItem, position: Int) -> String {
        guard item.type != nil || item.value != nil else { return "•" }
        let number = item.value ?? position
        switch item.type ?? "1" {
        case "a": return letters(number).lowercased() + "."
        case "A": return letters(number) + "."
        case "i": return roman(number).lowercased() + "."
        case "I": return roman(number) + "."
        default: return "\(number)."
        }
    }

    private static func letters(_ number: Int) -> String {
        guard number > 0 else { return "\(number)" }
        var n = number
        var result = ""
        while n > 0 {
            n -= 1
            result = String(UnicodeScalar(UInt8(65 + n % 26))) + result
            n /= 26
        }
        return result
    }

    private static func roman(_ number: Int) -> String {
        guard (1...3999).contains(number) else { return "\(number)" }
        let table: [(Int, String)] = [
            (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"),
            (5, "V"), (4, "IV"), (1, "I"),
        ]
        var n = number
        var result = ""
        for (value, symbol) in table {
            while n >= value { result += symbol; n -= value }
        }
        return result
    }
}

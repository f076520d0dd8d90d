// Rendering of a formatted text back to Bot API HTML: the inverse of `EntityParser` in HTML
// mode, useful to show stored messages and to test the parser by round trips.

/// Writes a ``FormattedText`` as Bot API HTML (`parse_mode=HTML`).
public enum HTMLRenderer {
    /// HTML that ``EntityParser/parse(_:mode:)`` reads back into the same text and entities.
    ///
    /// Detected types (mention, url, hashtag, ...) are written as plain text, since Telegram
    /// finds them again. Entities that cross each other are closed and reopened around the
    /// crossing so that the tags always nest.
    public static func render(_ formatted: FormattedText) -> String {
        let units = Array(formatted.text.utf16)
        let entities = formatted.entities.enumerated().filter { tags(for: $0.element) != nil }.sorted { a, b in
            if a.element.offset != b.element.offset { return a.element.offset < b.element.offset }
            if a.element.length != b.element.length { return a.element.length > b.element.length }
            let pa = priority(a.element)
            let pb = priority(b.element)
            return pa != pb ? pa < pb : a.offset < b.offset
        }.map(\.element)

        var out = ""
        out.reserveCapacity(units.count + entities.count * 16)
        var boundaries = Set([0, units.count])
        for e in entities where e.length > 0 {
            boundaries.insert(min(max(e.offset, 0), units.count))
            boundaries.insert(min(max(e.offset + e.length, 0), units.count))
        }
        var stack: [TextEntity] = []
        var next = 0
        var textStart = 0
        for position in boundaries.sorted() {
            if position > textStart {
                escape(String(decoding: units[textStart..<position], as: UTF16.self), into: &out)
                textStart = position
            }
            // close what ends here; entities crossing them are closed and reopened
            var reopen: [TextEntity] = []
            while stack.contains(where: { $0.offset + $0.length <= position }), let top = stack.popLast() {
                out += tags(for: top)!.close
                if top.offset + top.length > position { reopen.append(top) }
            }
            for entity in reopen.reversed() {
                out += tags(for: entity)!.open
                stack.append(entity)
            }
            while next < entities.count && entities[next].offset <= position {
                let entity = entities[next]
                next += 1
                if entity.length <= 0 || entity.offset + entity.length <= position { continue }
                out += tags(for: entity)!.open
                stack.append(entity)
            }
        }
        while let top = stack.popLast() { out += tags(for: top)!.close }
        return out
    }

    private static func priority(_ e: TextEntity) -> Int {
        switch e.type {
        case "pre": (e.language ?? "").isEmpty ? Kind.pre.priority : Kind.preCode.priority
        case "bold": Kind.bold.priority
        case "italic": Kind.italic.priority
        case "underline": Kind.underline.priority
        case "strikethrough": Kind.strikethrough.priority
        case "spoiler": Kind.spoiler.priority
        case "code": Kind.code.priority
        case "text_link", "text_mention": Kind.textURL.priority
        case "blockquote", "expandable_blockquote": Kind.blockquote.priority
        case "custom_emoji": Kind.customEmoji.priority
        case "date_time": Kind.dateTime.priority
        default: 50
        }
    }

    private static func tags(for e: TextEntity) -> (open: String, close: String)? {
        switch e.type {
        case "bold": return ("<b>", "</b>")
        case "italic": return ("<i>", "</i>")
        case "underline": return ("<u>", "</u>")
        case "strikethrough": return ("<s>", "</s>")
        case "spoiler": return ("<tg-spoiler>", "</tg-spoiler>")
        case "code": return ("<code>", "</code>")
        case "pre":
            if let language = e.language, !language.isEmpty {
                return ("<pre><code class=\"language-\(attribute(language))\">", "</code></pre>")
            }
            return ("<pre>", "</pre>")
        case "text_link": return ("<a href=\"\(attribute(e.url ?? ""))\">", "</a>")
        case "text_mention": return ("<a href=\"tg://user?id=\(e.userID ?? 0)\">", "</a>")
        case "blockquote": return ("<blockquote>", "</blockquote>")
        case "expandable_blockquote": return ("<blockquote expandable>", "</blockquote>")
        case "custom_emoji": return ("<tg-emoji emoji-id=\"\(attribute(e.customEmojiID ?? ""))\">", "</tg-emoji>")
        case "date_time":
            var open = "<tg-time unix=\"\(e.unixTime ?? 0)\""
            if let format = e.dateTimeFormat { open += " format=\"\(attribute(format))\"" }
            return (open + ">", "</tg-time>")
        default: return nil
        }
    }

    private static func attribute(_ s: String) -> String {
        var out = ""
        escape(s, into: &out)
        return out
    }

    /// Escapes the four characters HTML mode treats specially.
    static func escape(_ s: String, into out: inout String) {
        for scalar in s.unicodeScalars {
            switch scalar {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\"": out += "&quot;"
            default: out.unicodeScalars.append(scalar)
            }
        }
    }
}

/// How spec names become Swift names. Everything is mechanical so a reader can predict any
/// name without looking it up:
///
/// - properties and parameters: snake_case → lowerCamelCase, no acronym rules:
///   `update_id` → `updateId`, `reply_to_message` → `replyToMessage`,
///   `mpeg4_file_id` → `mpeg4FileId`, `web_app_url` → `webAppUrl`;
/// - types keep their spec names (`Message`, `ChatMemberOwner`);
/// - method parameter structs: `sendMessage` → `SendMessageParameters`;
/// - union cases: the subtype name minus the words all members share at the start and at
///   the end, lowerCamelCased (`ChatMemberOwner` → `owner`, `InlineQueryResultCachedPhoto`
///   → `cachedPhoto`, `InputTextMessageContent` → `text`); when that would leave a case
///   empty the whole name is used (`Message` → `message`, `InaccessibleMessage` →
///   `inaccessibleMessage`);
/// - Swift keywords are escaped with backticks where declared (`case \`default\``).
enum Naming {
    /// Words Swift reserves in declarations; such identifiers are written in backticks.
    static let keywords: Set<String> = [
        "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import",
        "init", "inout", "internal", "let", "open", "operator", "private", "precedencegroup",
        "protocol", "public", "rethrows", "static", "struct", "subscript", "typealias", "var",
        "break", "case", "catch", "continue", "default", "defer", "do", "else", "fallthrough",
        "for", "guard", "if", "in", "repeat", "return", "throw", "switch", "where", "while",
        "Any", "as", "await", "false", "is", "nil", "self", "Self", "super", "throws", "true",
        "try", "Type", "Protocol", "some", "any",
    ]

    /// `reply_to_message` → `replyToMessage`.
    static func camelCase(_ snake: String) -> String {
        let parts = snake.split(separator: "_", omittingEmptySubsequences: true)
        guard let first = parts.first else { return snake }
        return String(first) + parts.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// `sendMessage` → `SendMessage`.
    static func upperFirst(_ name: String) -> String {
        name.prefix(1).uppercased() + name.dropFirst()
    }

    /// `["Cached", "Photo"]` → `cachedPhoto`.
    static func lowerCamel(words: [String]) -> String {
        guard let first = words.first else { return "" }
        return first.lowercased() + words.dropFirst().joined()
    }

    /// `InlineQueryResultCachedMpeg4Gif` → `["Inline", "Query", "Result", "Cached", "Mpeg4", "Gif"]`.
    static func words(_ pascal: String) -> [String] {
        var words: [String] = []
        for character in pascal {
            if character.isUppercase || words.isEmpty {
                words.append(String(character))
            } else {
                words[words.count - 1].append(character)
            }
        }
        return words
    }

    /// `name`, in backticks when it is a keyword.
    static func escaped(_ name: String) -> String {
        keywords.contains(name) ? "`\(name)`" : name
    }

    /// Case names for the struct members of a union (see the type's documentation).
    static func caseNames(for members: [String]) -> [String: String] {
        let split = members.map(words)
        guard let shortest = split.map(\.count).min() else { return [:] }
        var prefix = 0
        while prefix < shortest, split.allSatisfy({ $0[prefix] == split[0][prefix] }) {
            prefix += 1
        }
        var suffix = 0
        while suffix < shortest - prefix,
              split.allSatisfy({ $0[$0.count - 1 - suffix] == split[0][split[0].count - 1 - suffix] }) {
            suffix += 1
        }
        let trimmed = split.map { Array($0[prefix..<($0.count - suffix)]) }
        let useWholeNames = members.count < 2 || trimmed.contains { $0.isEmpty }
        var result: [String: String] = [:]
        for (index, member) in members.enumerated() {
            result[member] = lowerCamel(words: useWholeNames ? split[index] : trimmed[index])
        }
        return result
    }
}

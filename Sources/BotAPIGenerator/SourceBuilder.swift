/// Accumulates Swift source text with four-space indentation.
///
/// ```swift
/// var source = SourceBuilder()
/// source.line("enum E {")
/// source.indented { $0.line("case a") }
/// source.line("}")
/// ```
struct SourceBuilder {
    private(set) var text = ""
    private var depth = 0

    /// Appends one line at the current indentation (an empty string appends a blank line).
    mutating func line(_ content: String = "") {
        if !content.isEmpty {
            text += String(repeating: "    ", count: depth)
            text += content
        }
        text += "\n"
    }

    /// Appends `///` documentation lines.
    mutating func doc(_ lines: [String]) {
        for docLine in lines {
            line(docLine.isEmpty ? "///" : "/// " + docLine)
        }
    }

    /// Runs `body` one level deeper.
    mutating func indented(_ body: (inout SourceBuilder) throws -> Void) rethrows {
        depth += 1
        try body(&self)
        depth -= 1
    }

    /// `opening`, then the indented body, then `closing`.
    mutating func block(_ opening: String, closing: String = "}", _ body: (inout SourceBuilder) throws -> Void) rethrows {
        line(opening)
        try indented(body)
        line(closing)
    }
}

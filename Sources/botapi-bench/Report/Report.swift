import Foundation

/// The result table: one row per figure, with its target and whether it was met.
struct Report {
    enum Verdict: String {
        case pass
        case miss = "MISS"
        /// A figure without a target of its own (the ceiling).
        case reference = "—"
        case notAvailable = "n/a"
    }

    struct Row {
        let id: String
        let what: String
        let value: String
        let target: String
        let verdict: Verdict
    }

    private(set) var rows: [Row] = []
    /// Facts behind the figures (CPU use, sample counts, sizes), printed under the table.
    private(set) var notes: [String] = []

    mutating func add(_ id: String, _ what: String, value: String, target: String, verdict: Verdict) {
        rows.append(Row(id: id, what: what, value: value, target: target, verdict: verdict))
    }

    /// A row whose figure must be at most `limit`.
    mutating func atMost(_ id: String, _ what: String, _ value: Double, _ limit: Double, shown: String, target: String) {
        add(id, what, value: shown, target: target, verdict: value <= limit ? .pass : .miss)
    }

    /// A row whose figure must be at least `limit`.
    mutating func atLeast(_ id: String, _ what: String, _ value: Double, _ limit: Double, shown: String, target: String) {
        add(id, what, value: shown, target: target, verdict: value >= limit ? .pass : .miss)
    }

    mutating func notAvailable(_ id: String, _ what: String, reason: String, target: String) {
        add(id, what, value: "n/a (\(reason))", target: target, verdict: .notAvailable)
    }

    mutating func note(_ line: String) {
        notes.append(line)
    }

    var misses: [Row] { rows.filter { $0.verdict == .miss } }

    /// The table as Markdown, which reads well in a terminal too.
    var markdown: String {
        let header = ["", "measurement", "result", "target", ""]
        let cells = rows.map { [$0.id, $0.what, $0.value, $0.target, $0.verdict.rawValue] }
        let widths = header.indices.map { column in
            ([header] + cells).map { $0[column].count }.max() ?? 0
        }
        func line(_ cells: [String]) -> String {
            "| " + cells.enumerated().map { column, cell in
                cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }.joined(separator: " | ") + " |"
        }
        let rule = "|" + widths.map { String(repeating: "-", count: $0 + 2) }.joined(separator: "|") + "|"
        return ([line(header), rule] + cells.map(line)).joined(separator: "\n")
    }

    var notesMarkdown: String {
        notes.map { "- " + $0 }.joined(separator: "\n")
    }
}

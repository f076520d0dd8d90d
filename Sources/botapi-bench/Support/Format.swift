import Foundation

/// Number formatting for the report: fixed, locale-independent, easy to diff.
enum Format {
    /// "52,310" for 52310.4.
    static func count(_ value: Double) -> String {
        let rounded = Int(value.rounded())
        let digits = String(abs(rounded))
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { grouped += "," }
            grouped.append(digit)
        }
        return (rounded < 0 ? "-" : "") + grouped
    }

    static func count(_ value: Int) -> String { count(Double(value)) }

    /// "0.84 ms", with two decimals below 10 ms and one above.
    static func ms(_ duration: Duration) -> String {
        let value = duration.milliseconds
        return String(format: value < 10 ? "%.2f ms" : "%.1f ms", value)
    }

    /// "41.3 MB" (decimal megabytes, as the targets are written).
    static func megabytes(_ bytes: Int) -> String {
        String(format: "%.1f MB", Double(bytes) / 1e6)
    }

    /// "5.2 KB" (decimal kilobytes).
    static func kilobytes(_ bytes: Double) -> String {
        String(format: "%.1f KB", bytes / 1e3)
    }

    static func percent(_ ratio: Double) -> String {
        String(format: "%.0f %%", ratio * 100)
    }

    static func cores(_ value: Double) -> String {
        String(format: "%.2f", value)
    }
}

/// Progress lines go to standard error, so standard output carries only the report.
func progress(_ line: String) {
    FileHandle.standardError.write(Data(("· " + line + "\n").utf8))
}

/// Latencies of individual requests, kept exactly (a run yields at most a few hundred
/// thousand), so percentiles need no histogram approximation.
struct LatencySamples: Sendable {
    private(set) var nanoseconds: [Int64] = []

    var count: Int { nanoseconds.count }

    mutating func record(_ latency: Duration) {
        let (seconds, attoseconds) = latency.components
        nanoseconds.append(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }

    mutating func record(nanoseconds value: Int64) {
        nanoseconds.append(value)
    }

    mutating func merge(_ other: LatencySamples) {
        nanoseconds += other.nanoseconds
    }

    /// The nearest-rank percentile: the smallest sample that at least `p` % of the samples
    /// do not exceed. Nil without samples.
    func percentile(_ p: Double) -> Duration? {
        guard !nanoseconds.isEmpty else { return nil }
        let sorted = nanoseconds.sorted()
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
        return .nanoseconds(sorted[min(max(rank, 1), sorted.count) - 1])
    }

    /// "p50 0.41 ms, p99 1.20 ms, max 3.0 ms (n=500)".
    var summary: String {
        guard let p50 = percentile(50), let p99 = percentile(99), let max = percentile(100) else { return "no samples" }
        return "p50 \(Format.ms(p50)), p99 \(Format.ms(p99)), max \(Format.ms(max)) (n=\(count))"
    }
}

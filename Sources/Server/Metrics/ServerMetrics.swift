import CoreMetrics
import Engine
import Prometheus
import Synchronization

/// The server's metrics, served at `GET /metrics` in Prometheus' text format.
///
/// One registry per server, owned by whoever builds it (`botapi serve`, a test), never a
/// process-wide global: the store, the engine's webhook delivery and the HTTP layer record
/// into ``factory`` (the swift-metrics API), and what is a reading of the world's state
/// (parked calls, open push channels, queued updates) is read when scraped.
///
/// Metrics:
/// - `botapi_requests_total{surface,method,status}` and `botapi_request_duration_seconds{surface,method}`:
///   API calls by surface, canonical method name (`unknown` for names no surface has, so a
///   client cannot grow the label set) and HTTP status;
/// - `botapi_parked_calls`, `botapi_push_channels`, `botapi_pending_updates`;
/// - `botapi_webhook_deliveries_total{result}` (`delivered`, `failed` attempts);
/// - `botapi_store_commit_batch_size` and `botapi_store_commit_duration_seconds` (SQLite's
///   group commit: writes per commit, time per commit).
public final class ServerMetrics: Sendable {
    /// Where every metric lives.
    public let registry: PrometheusCollectorRegistry
    /// For the parts that record through swift-metrics (store, webhook delivery).
    public let factory: PrometheusMetricsFactory
    private let parkedCalls: Prometheus.Gauge
    private let pushChannels: Prometheus.Gauge
    private let pendingUpdates: Prometheus.Gauge

    /// Buckets from 100 µs (a cached `getMe`) to 50 s (a long poll's whole timeout).
    static let requestBuckets: [Duration] = [
        .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2.5), .milliseconds(5),
        .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500),
        .seconds(1), .seconds(2.5), .seconds(5), .seconds(10), .seconds(25), .seconds(50),
    ]

    public init() {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.valueHistogramBuckets["botapi_store_commit_batch_size"] = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512]
        factory.durationHistogramBuckets["botapi_store_commit_duration_seconds"] = [
            .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2.5), .milliseconds(5),
            .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .seconds(1),
        ]
        self.registry = registry
        self.factory = factory
        parkedCalls = registry.makeGauge(name: "botapi_parked_calls", help: "getUpdates calls parked waiting for updates")
        pushChannels = registry.makeGauge(name: "botapi_push_channels", help: "Open push channels of the user surface")
        pendingUpdates = registry.makeGauge(name: "botapi_pending_updates", help: "Updates queued and not yet confirmed, all recipients")
    }

    /// Counts one API call and its duration.
    func recordRequest(surface: Surface, method: String, status: Int, duration: Duration) {
        let key = RequestKey(surface: surface, method: method, status: status)
        let handles = requestHandles.withLock { $0[key] } ?? makeHandles(for: key)
        handles.count.increment()
        handles.duration.record(duration)
    }

    /// One label set's metrics, looked up once: the registry's own lookup builds the label
    /// list and takes its lock on every call.
    private struct RequestKey: Hashable {
        let surface: Surface
        let method: String
        let status: Int
    }

    private struct RequestHandles {
        let count: Prometheus.Counter
        let duration: DurationHistogram
    }

    private let requestHandles = Mutex<[RequestKey: RequestHandles]>([:])

    private func makeHandles(for key: RequestKey) -> RequestHandles {
        let handles = RequestHandles(
            count: registry.makeCounter(
                name: "botapi_requests_total",
                labels: [("surface", key.surface.rawValue), ("method", key.method), ("status", String(key.status))],
                help: "API calls by surface, method and HTTP status"),
            duration: registry.makeDurationHistogram(
                name: "botapi_request_duration_seconds", labels: [("surface", key.surface.rawValue), ("method", key.method)],
                buckets: Self.requestBuckets, help: "Time from a parsed request to its answer"))
        requestHandles.withLock { $0[key] = handles }
        return handles
    }

    /// The text a scrape gets: the readings taken now, then every metric.
    func scrape(engine: Engine) async -> [UInt8] {
        parkedCalls.set(Double(engine.hub.parkedCount))
        pushChannels.set(Double(engine.openPushChannelCount))
        if let queued = try? await engine.store.read({ try $0.pendingUpdateTotal() }) {
            pendingUpdates.set(Double(queued))
        }
        return registry.emitToBuffer()
    }
}

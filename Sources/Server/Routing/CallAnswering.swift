import BotAPI
import Engine
import Foundation
import Logging
import NIOCore

/// What every method call goes through on its way in and out, whichever path it takes
/// (``APIResponder``, or ``LongPollHandler`` for getUpdates): its parameters read from the
/// query and body, and its outcome turned into the answer, counted in the metrics and logged
/// in one line.
struct CallAnswering: Sendable {
    let engine: Engine
    /// Counts failed authentications (``AuthenticationThrottle``).
    let throttle: AuthenticationThrottle
    let metrics: ServerMetrics

    /// The call's parameters from its query string and body, or the official 400.
    static func parameters(query: Substring?, contentType: String?, body: ByteBuffer) -> Result<BotAPI.Parameters, APIError> {
        do {
            return .success(try RequestParameters.parse(query: query, contentType: contentType, body: Array(buffer: body)))
        } catch {
            return .failure(.badRequest("can't parse request body: \(error.reason)"))
        }
    }

    /// The answer to a call, counted in the metrics and logged in one line.
    func answer(
        _ result: Result<MethodResult, APIError>, method: String, route: Route, started: ContinuousClock.Instant, logger: Logger,
        throttleKey: AuthenticationThrottle.Key
    ) -> BufferedAnswer {
        let answer: BufferedAnswer
        switch result {
        case .success(let result): answer = .json(Envelope.success(result), status: .ok)
        case .failure(let error):
            if error.code == 401 { throttle.recordFailure(for: throttleKey) }
            answer = .failure(error)
        }
        let duration = ContinuousClock.now - started
        // The canonical name, not the path's spelling: the log and the metrics never carry a
        // client's arbitrary text, and the path (which holds the token) is never logged.
        let name = engine.canonicalMethodName(method, on: route.surface) ?? "unknown"
        metrics.recordRequest(surface: route.surface, method: name, status: answer.status.code, duration: duration)
        // One line per call; the logger carries the request id (hb.request.id).
        logger.info("call", metadata: [
            "surface": "\(route.surface.rawValue)", "method": "\(name)", "status": "\(answer.status.code)",
            "duration_ms": "\(Double(duration.components.attoseconds / 1_000_000_000_000) / 1000 + Double(duration.components.seconds) * 1000)",
        ])
        return answer
    }
}

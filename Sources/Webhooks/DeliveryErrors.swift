import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// Turns transport errors into the texts getWebhookInfo shows as `last_error_message`
/// (behaviour.md §4.4): the OS message for socket errors ("Connection refused",
/// "Connection reset by peer"), "Read timeout expired", "SSL error {…}".
enum DeliveryErrors {
    /// What a delivery lost by an injected fault shows: the connection broke mid-request.
    static let injectedDropMessage = "Connection reset by peer"

    /// An error whose text is already final.
    struct Preformatted: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }

    /// The last_error_message for `error`; nil for a connection closed without any
    /// response, which is retried without changing the last error, as on the official server.
    static func message(for error: any Error) -> String? {
        switch error {
        case let error as Preformatted:
            return error.message
        case let error as ExchangeError:
            switch error {
            case .closedWithoutResponse: return nil
            case .readTimeout: return "Read timeout expired"
            case .malformed(let reason): return "Wrong response from the webhook: \(reason)"
            }
        case let error as IOError:
            return systemMessage(error.errnoCode)
        case let error as NIOConnectionError:
            if let first = error.connectionErrors.first { return message(for: first.error) }
            if let dnsError = error.dnsAError ?? error.dnsAAAAError { return "Failed to resolve host: \(resolverMessage(dnsError))" }
            return "Failed to resolve host: no addresses"
        case let error as SocketAddressError:
            return "Failed to resolve host: \(resolverMessage(error))"
        case let error as ChannelError:
            switch error {
            case .connectTimeout: return "Connection timed out"
            case .ioOnClosedChannel, .eof, .alreadyClosed, .outputClosed, .inputClosed: return nil
            default: return "\(error)"
            }
        case let error as NIOSSLError:
            switch error {
            case .handshakeFailed(let inner): return "SSL error {\(sslDetails(inner))}"
            case .uncleanShutdown: return nil
            default: return "SSL error {\(error)}"
            }
        case let error as NIOSSLExtraError:
            if error == .failedToValidateHostname {
                return "SSL error {certificate verify failed: the certificate does not match the webhook host}"
            }
            return "SSL error {\(error)}"
        case let error as BoringSSLError:
            return "SSL error {\(sslDetails(error))}"
        default:
            return "\(error)"
        }
    }

    /// `strerror` text for an errno value.
    static func systemMessage(_ code: Int32) -> String {
        String(cString: strerror(code))
    }

    private static func resolverMessage(_ error: any Error) -> String {
        // NIO's resolver does not keep getaddrinfo's code; this is glibc's text for EAI_NONAME,
        // the usual cause, as the official server reports it.
        if let error = error as? SocketAddressError, case .unknown = error { return "Name or service not known" }
        if let error = error as? IOError { return systemMessage(error.errnoCode) }
        return "\(error)"
    }

    /// BoringSSL's error strings without source locations, e.g.
    /// `error:1000007d:SSL routines:OPENSSL_internal:CERTIFICATE_VERIFY_FAILED`.
    static func sslDetails(_ error: BoringSSLError) -> String {
        let stack: NIOBoringSSLErrorStack
        switch error {
        case .sslError(let errors), .unknownError(let errors), .invalidSNIName(let errors), .failedToSetALPN(let errors):
            stack = errors
        default:
            return "\(error)"
        }
        let parts = stack.map { internalError -> String in
            var text = internalError.description
            if let start = text.range(of: "error:") { text = String(text[start.lowerBound...]) }
            if let at = text.range(of: " at ", options: .backwards) { text = String(text[..<at.lowerBound]) }
            return text
        }
        return parts.isEmpty ? "\(error)" : parts.joined(separator: "; ")
    }
}

import BotAPI
import Storage

/// Invoices as they are kept: in a message or behind a link.
enum Invoices {
    /// Invoice links look like Telegram's: `https://t.me/$<slug>`.
    static let linkPrefix = "https://t.me/$"

    /// A new link slug: 22 random characters of the base64url alphabet.
    static func newSlug() -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")
        var generator = SystemRandomNumberGenerator()
        return String((0..<22).map { _ in alphabet[Int(generator.next(upperBound: UInt64(alphabet.count)))] })
    }

    /// The internal id of the chat a message to `destination` was stored in.
    static func internalChatID(of destination: Outbox.Destination, sender: AccountRecord, in store: any StoreReader) throws -> Int64 {
        switch destination {
        case .group(let group): return group.chat.id
        case .privateChat(let peer): return try store.privateChat(between: sender.id, and: peer.id)?.id ?? 0
        }
    }
}

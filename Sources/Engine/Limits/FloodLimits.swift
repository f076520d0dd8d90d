import Foundation
import Synchronization

/// Telegram's published sending limits for bots (`botapi serve --flood-limits`), so a bot
/// that floods a chat finds out here rather than in production.
///
/// The limits, from the Bot API FAQ ("My bot is hitting limits, how do I avoid this?",
/// core.telegram.org/bots/faq#my-bot-is-hitting-limits-how-do-i-avoid-this) and the
/// `allow_paid_broadcast` parameter's documentation (core.telegram.org/bots/api#sendmessage):
/// - in one private chat, about one message per second, short bursts allowed: a bucket of
///   3 messages refilled at 1 per second;
/// - in one group or channel, 20 messages per minute: a bucket of 20 refilled at 1 every 3 s;
/// - per bot across all chats, about 30 messages per second: a bucket of 30 refilled at 30
///   per second;
/// - with `allow_paid_broadcast`, up to 1000 messages per second instead of the 30.
///
/// A message over a limit is refused before anything happens with 429 "Too Many Requests:
/// retry after N", `parameters.retry_after` = N and the `Retry-After: N` header, N being the
/// whole seconds until the bucket that refused has room again. A call refused for another
/// reason gives its message back. A media group counts as one message. Time is the engine's
/// clock (a test's manual clock refills nothing until it is advanced). The buckets live in
/// memory, per instance: several instances each apply the limits to the calls they serve.
final class FloodLimits: Sendable {
    /// One token bucket's rule.
    struct Rule: Sendable {
        let burst: Double
        let perSecond: Double

        static let privateChat = Rule(burst: 3, perSecond: 1)
        static let groupChat = Rule(burst: 20, perSecond: 20.0 / 60)
        static let bot = Rule(burst: 30, perSecond: 30)
        static let paidBroadcast = Rule(burst: 1000, perSecond: 1000)
    }

    /// Which bucket: the bot's own, its paid-broadcast one, or one per chat it writes to.
    fileprivate enum Key: Hashable {
        case bot(Int64)
        case paidBroadcast(Int64)
        /// `chat` is the chat_id as sent (an id or an @username).
        case chat(bot: Int64, chat: String)
    }

    private struct Bucket {
        var tokens: Double
        /// Unix time, in seconds.
        var updated: Double
    }

    /// What a reserved message holds, to give it back if the call fails.
    struct Reservation: Sendable {
        fileprivate let keys: [Key]
    }

    private let buckets = Mutex<[Key: Bucket]>([:])

    /// Takes one message from the bot's and the chat's buckets, or throws the 429 of the
    /// one that has no room (nothing is taken then).
    ///
    /// - Parameters:
    ///   - chat: the call's `chat_id` as sent; a negative id or an @username is a group or
    ///     channel, a positive id a private chat.
    ///   - paidBroadcast: the call set `allow_paid_broadcast`.
    ///   - now: the engine clock's Unix time.
    func reserve(bot: Int64, chat: String, paidBroadcast: Bool, now: Double) throws -> Reservation {
        let isPrivate = Int64(chat).map { $0 > 0 } ?? false
        let rules: [(Key, Rule)] = [
            paidBroadcast ? (.paidBroadcast(bot), .paidBroadcast) : (.bot(bot), .bot),
            (.chat(bot: bot, chat: chat), isPrivate ? .privateChat : .groupChat),
        ]
        return try buckets.withLock { buckets in
            var refilled: [Key: Bucket] = [:]
            for (key, rule) in rules {
                var bucket = buckets[key] ?? Bucket(tokens: rule.burst, updated: now)
                bucket.tokens = min(rule.burst, bucket.tokens + max(0, now - bucket.updated) * rule.perSecond)
                bucket.updated = now
                if bucket.tokens < 1 {
                    let wait = (1 - bucket.tokens) / rule.perSecond
                    // Less a hair, so float error never turns an exact 1 s into 2.
                    throw APIError.tooManyRequests(retryAfter: max(1, Int((wait - 1e-6).rounded(.up))))
                }
                refilled[key] = bucket
            }
            for (key, var bucket) in refilled {
                bucket.tokens -= 1
                buckets[key] = bucket
            }
            if buckets.count > 100_000 { Self.dropFull(&buckets, now: now, rules: rules) }
            return Reservation(keys: rules.map(\.0))
        }
    }

    /// Gives a reserved message back: the call was refused for another reason and sent
    /// nothing.
    func giveBack(_ reservation: Reservation) {
        buckets.withLock { buckets in
            for key in reservation.keys { buckets[key]?.tokens += 1 }
        }
    }

    /// Forgets buckets idle long enough to be full again, so the table stays bounded
    /// however many chats the bots write to.
    private static func dropFull(_ buckets: inout [Key: Bucket], now: Double, rules: [(Key, Rule)]) {
        let kept = Set(rules.map(\.0))
        // The slowest refill (a group's 20 per minute) is full after a minute.
        buckets = buckets.filter { key, bucket in kept.contains(key) || now - bucket.updated < 60 }
    }

    /// The Bot API methods that send a message to `chat_id` and so count against the limits.
    static let sendingMethods: Set<String> = [
        "sendMessage", "forwardMessage", "forwardMessages", "copyMessage", "copyMessages", "sendPhoto", "sendAudio",
        "sendDocument", "sendVideo", "sendAnimation", "sendVoice", "sendVideoNote", "sendPaidMedia", "sendMediaGroup",
        "sendLocation", "sendVenue", "sendContact", "sendPoll", "sendChecklist", "sendDice", "sendSticker", "sendInvoice",
        "sendGame",
    ]
}

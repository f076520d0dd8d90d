/// An immutable heap box that keeps big values off the stack.
///
/// Why: a `Message` has over a hundred optional fields and can contain another `Message`
/// (`reply_to_message`), a `Chat`, an `ExternalReplyInfo`… Stored inline, such structs grow
/// to tens of kilobytes, and every copy, temporary and `init(from:)` frame would carry that
/// weight, which quickly overflows the small stacks async tasks run on. Generated types
/// therefore store every field whose type is another generated struct as
/// `Indirect<Struct>` (8 bytes) behind a computed property of the plain type:
///
/// ```swift
/// public var replyToMessage: Message? {
///     get { _replyToMessage?.value }
///     set { _replyToMessage = newValue.map(Indirect.init) }
/// }
/// private var _replyToMessage: Indirect<Message>?
/// ```
///
/// Unions are generated as `indirect enum`s, which are already one pointer wide, so they
/// are stored directly.
///
/// The box is immutable, so sharing it between copies is safe and keeps value semantics:
/// a setter replaces the box rather than mutating it. Equality compares the wrapped values.
public final class Indirect<Wrapped: Sendable>: Sendable {
    /// The boxed value.
    public let value: Wrapped

    /// Boxes `value`.
    @inlinable
    public init(_ value: Wrapped) {
        self.value = value
    }
}

// Why `@inline(never)` below: without it the optimizer inlines `Message.==` into
// `Indirect<Message>.==` into `Update.==`, and so on down every nested type, building
// functions with tens of thousands of instructions that take its ownership passes many
// minutes in release builds. Stopping at the box keeps every function one type deep.

extension Indirect: Equatable where Wrapped: Equatable {
    @inline(never)
    public static func == (lhs: Indirect, rhs: Indirect) -> Bool {
        lhs === rhs || lhs.value == rhs.value
    }
}

extension Indirect: JSONWritable where Wrapped: JSONWritable {
    /// Writes the boxed value, without copying it out of the box first.
    @inline(never)
    public func writeJSON(to writer: inout JSONWriter) {
        value.writeJSON(to: &writer)
    }
}

import GRDB

extension Row {
    /// The first row of `statement`, decoded by `decode` straight from SQLite's cursor.
    ///
    /// `Row.fetchOne` copies every column of the row into a new row before returning it; the
    /// single-row reads of the write path (an account, a chat, a queue) only decode it once,
    /// so they decode in place instead. The row passed to `decode` is valid only during the
    /// call: `decode` must not keep it.
    static func decodeFirst<Value>(
        _ statement: Statement, arguments: StatementArguments, _ decode: (Row) throws -> Value
    ) throws -> Value? {
        let cursor = try Row.fetchCursor(statement, arguments: arguments)
        guard let row = try cursor.next() else { return nil }
        return try decode(row)
    }
}

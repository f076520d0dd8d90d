import GRDB

/// Stored files and who may download them.
extension SQLiteTransaction {
    private static let fileColumns = "id, sha256, size, access_key, mime_type, width, height, file_name, created_at"

    private func file(from row: Row) -> FileRecord {
        FileRecord(
            id: row[0], sha256: row[1], size: row[2], accessKey: row[3], mimeType: row[4], width: row[5], height: row[6],
            fileName: row[7], createdAt: row[8])
    }

    func file(id: Int64) throws -> FileRecord? {
        let statement = try db.cachedStatement(sql: "SELECT \(Self.fileColumns) FROM file WHERE id = ?")
        return try Row.decodeFirst(statement, arguments: [id], file(from:))
    }

    func file(sha256: String) throws -> FileRecord? {
        let statement = try db.cachedStatement(sql: "SELECT \(Self.fileColumns) FROM file WHERE sha256 = ?")
        return try Row.decodeFirst(statement, arguments: [sha256], file(from:))
    }

    func insert(_ record: FileRecord) throws -> FileRecord {
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO file (sha256, size, access_key, mime_type, width, height, file_name, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """)
        try statement.execute(arguments: [
            record.sha256, record.size, record.accessKey, record.mimeType, record.width, record.height, record.fileName,
            record.createdAt,
        ])
        var inserted = record
        inserted.id = db.lastInsertedRowID
        return inserted
    }

    func fileIsGranted(fileID: Int64, to accountID: Int64) throws -> Bool {
        let statement = try db.cachedStatement(sql: "SELECT 1 FROM file_grant WHERE file_id = ? AND account_id = ?")
        return try Int.fetchOne(statement, arguments: [fileID, accountID]) != nil
    }

    func grantFile(fileID: Int64, to accountID: Int64) throws {
        let statement = try db.cachedStatement(sql: "INSERT OR IGNORE INTO file_grant (file_id, account_id) VALUES (?, ?)")
        try statement.execute(arguments: [fileID, accountID])
    }
}

extension SQLiteSchema {
    /// Files are content-addressed: one row per distinct SHA-256, whatever kind of media it
    /// was sent as. Grants record which accounts hold a file (uploaded or received it): only
    /// they may send it by `file_id`, getFile or download it.
    static let filesSQL = """
        CREATE TABLE file (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            sha256 TEXT NOT NULL UNIQUE,
            size INTEGER NOT NULL,
            access_key INTEGER NOT NULL,
            mime_type TEXT,
            width INTEGER,
            height INTEGER,
            file_name TEXT,
            created_at INTEGER NOT NULL
        );
        CREATE TABLE file_grant (
            file_id INTEGER NOT NULL,
            account_id INTEGER NOT NULL,
            PRIMARY KEY (file_id, account_id)
        ) WITHOUT ROWID;
        """
}

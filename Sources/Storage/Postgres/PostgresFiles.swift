import PostgresNIO

/// Stored files and who may download them.
extension PostgresTransaction {
    private static let fileColumns = "id, sha256, size, access_key, mime_type, width, height, file_name, created_at"

    private func file(from row: PostgresCells) throws -> FileRecord {
        try FileRecord(
            id: row[0], sha256: row[1], size: row[2], accessKey: row[3], mimeType: row[4], width: row[5], height: row[6],
            fileName: row[7], createdAt: row[8])
    }

    func file(id: Int64) throws -> FileRecord? {
        try row("SELECT \(unescaped: Self.fileColumns) FROM file WHERE id = \(id)").map(file(from:))
    }

    func file(sha256: String) throws -> FileRecord? {
        try row("SELECT \(unescaped: Self.fileColumns) FROM file WHERE sha256 = \(sha256)").map(file(from:))
    }

    func insert(_ r: FileRecord) throws -> FileRecord {
        var inserted = r
        inserted.id = try value("""
            INSERT INTO file (sha256, size, access_key, mime_type, width, height, file_name, created_at)
            VALUES (\(r.sha256), \(r.size), \(r.accessKey), \(r.mimeType), \(r.width), \(r.height), \(r.fileName), \(r.createdAt))
            RETURNING id
            """) ?? 0
        return inserted
    }

    func fileIsGranted(fileID: Int64, to accountID: Int64) throws -> Bool {
        try exists("SELECT 1 FROM file_grant WHERE file_id = \(fileID) AND account_id = \(accountID)")
    }

    func grantFile(fileID: Int64, to accountID: Int64) throws {
        try run("INSERT INTO file_grant (file_id, account_id) VALUES (\(fileID), \(accountID)) ON CONFLICT DO NOTHING")
    }
}

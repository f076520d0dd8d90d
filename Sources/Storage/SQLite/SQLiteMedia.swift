import GRDB

/// Files made from stored files, and what was read from them (``FileDerivativeRole``,
/// ``FileMediaRecord``).
extension SQLiteTransaction {
    func derivatives(of sourceID: Int64, role: FileDerivativeRole) throws -> [Int64] {
        let statement = try db.cachedStatement(
            sql: "SELECT file_id FROM file_derivative WHERE source_id = ? AND role = ? ORDER BY position")
        return try Int64.fetchAll(statement, arguments: [sourceID, role.rawValue])
    }

    func derivativeSource(of fileID: Int64, role: FileDerivativeRole) throws -> Int64? {
        let statement = try db.cachedStatement(
            sql: "SELECT source_id FROM file_derivative WHERE file_id = ? AND role = ? ORDER BY source_id LIMIT 1")
        return try Int64.fetchOne(statement, arguments: [fileID, role.rawValue])
    }

    func fileMedia(fileID: Int64) throws -> FileMediaRecord? {
        let statement = try db.cachedStatement(
            sql: "SELECT file_id, duration, width, height, title, performer FROM file_media WHERE file_id = ?")
        return try Row.decodeFirst(statement, arguments: [fileID]) { row in
            FileMediaRecord(fileID: row[0], duration: row[1], width: row[2], height: row[3], title: row[4], performer: row[5])
        }
    }

    func setDerivatives(_ fileIDs: [Int64], of sourceID: Int64, role: FileDerivativeRole) throws {
        let delete = try db.cachedStatement(sql: "DELETE FROM file_derivative WHERE source_id = ? AND role = ?")
        try delete.execute(arguments: [sourceID, role.rawValue])
        let insert = try db.cachedStatement(
            sql: "INSERT INTO file_derivative (source_id, role, position, file_id) VALUES (?, ?, ?, ?)")
        for (position, fileID) in fileIDs.enumerated() {
            try insert.execute(arguments: [sourceID, role.rawValue, position, fileID])
        }
    }

    func save(_ record: FileMediaRecord) throws {
        let statement = try db.cachedStatement(
            sql: """
                INSERT OR REPLACE INTO file_media (file_id, duration, width, height, title, performer)
                VALUES (?, ?, ?, ?, ?, ?)
                """)
        try statement.execute(arguments: [
            record.fileID, record.duration, record.width, record.height, record.title, record.performer,
        ])
    }
}

extension SQLiteSchema {
    /// Derived files point back at their source, so a `file_id` of any photo size finds the
    /// whole photo again; `file_media` keeps what was read from audio and video files so a
    /// file sent again by `file_id` reports the same duration.
    static let mediaSQL = """
        CREATE TABLE file_derivative (
            source_id INTEGER NOT NULL,
            role INTEGER NOT NULL,
            position INTEGER NOT NULL,
            file_id INTEGER NOT NULL,
            PRIMARY KEY (source_id, role, position)
        ) WITHOUT ROWID;
        CREATE INDEX file_derivative_by_file ON file_derivative (file_id, role);
        CREATE TABLE file_media (
            file_id INTEGER PRIMARY KEY,
            duration INTEGER NOT NULL,
            width INTEGER,
            height INTEGER,
            title TEXT,
            performer TEXT
        );
        """
}

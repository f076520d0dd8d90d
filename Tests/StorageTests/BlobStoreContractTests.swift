import Foundation
import Storage
import Testing

/// What the engine relies on from each store's ``BlobStore`` (file contents): on disk beside
/// SQLite, in the database with PostgreSQL (run under scripts/with-postgres).
@Suite struct BlobStoreContractTests {
    /// A fresh store of each kind with its blob store, in a files directory of its own.
    static func blobStores() throws -> [(fresh: FreshStore, blobs: any BlobStore, directory: URL)] {
        try FreshStore.all().map { fresh in
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("botapi-blobs-\(UUID().uuidString)")
            return (fresh, fresh.store.blobStore(filesDirectory: directory), directory)
        }
    }

    /// Bytes that are not all alike, so pieces read back in the wrong order would show.
    static func bytes(_ count: Int, seed: UInt8) -> Data {
        Data((0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 9) ^ seed })
    }

    static func digest(_ character: Character) -> String { String(repeating: character, count: 64) }

    @Test func storedBlobsReadBackWholeAndPieceByPiece() async throws {
        for (fresh, blobs, _) in try Self.blobStores() {
            let kind = fresh.kind
            let small = Self.bytes(1000, seed: 1)
            let large = Self.bytes((2 << 20) + 4321, seed: 2)
            #expect(try blobs.store(small, sha256: Self.digest("a")), "\(kind)")
            #expect(try !blobs.store(small, sha256: Self.digest("a")), "the second store writes nothing (\(kind))")
            #expect(try blobs.store(large, sha256: Self.digest("b")), "\(kind)")
            #expect(try blobs.contains(sha256: Self.digest("a")) && blobs.contains(sha256: Self.digest("b")), "\(kind)")
            #expect(try !blobs.contains(sha256: Self.digest("c")), "\(kind)")
            #expect(try blobs.read(sha256: Self.digest("a")) == small, "\(kind)")
            #expect(try blobs.read(sha256: Self.digest("b")) == large, "\(kind)")
            #expect(try blobs.read(sha256: Self.digest("c")) == nil, "\(kind)")
            #expect(try blobs.open(sha256: Self.digest("c")) == nil, "\(kind)")

            let reader = try #require(try blobs.open(sha256: Self.digest("b")), "\(kind)")
            #expect(reader.size == Int64(large.count), "\(kind)")
            var pieces: [Data] = []
            while let piece = try reader.next() { pieces.append(piece) }
            #expect(pieces.count == 3 && pieces.allSatisfy { $0.count <= 1 << 20 }, "\(kind): \(pieces.map(\.count))")
            #expect(pieces.reduce(Data(), +) == large, "\(kind)")
            #expect(try Set(blobs.digests()) == [Self.digest("a"), Self.digest("b")], "\(kind)")
        }
    }

    @Test func namesThatAreNotDigestsNameNothing() async throws {
        for (fresh, blobs, directory) in try Self.blobStores() {
            for name in ["../../etc/passwd", Self.digest("A"), String(repeating: "a", count: 63), "", Self.digest("g")] {
                #expect(throws: (any Error).self, "\(fresh.kind): \(name)") { _ = try blobs.store(Data("x".utf8), sha256: name) }
                #expect(try !blobs.contains(sha256: name), "\(fresh.kind)")
                #expect(try blobs.read(sha256: name) == nil, "\(fresh.kind)")
                #expect(try blobs.open(sha256: name) == nil, "\(fresh.kind)")
            }
            #expect(!FileManager.default.fileExists(atPath: directory.path), "\(fresh.kind): nothing was written")
        }
    }

    /// The engine removes a blob in the write transaction that found no file row naming it.
    @Test func aBlobIsRemovedInAWriteTransaction() async throws {
        for (fresh, blobs, _) in try Self.blobStores() {
            let data = Self.bytes(5000, seed: 3)
            _ = try blobs.store(data, sha256: Self.digest("d"))
            try await fresh.store.write { tx in try blobs.remove(sha256: Self.digest("d"), in: tx) }
            #expect(try !blobs.contains(sha256: Self.digest("d")), "\(fresh.kind)")
            #expect(try blobs.read(sha256: Self.digest("d")) == nil, "\(fresh.kind)")
            #expect(try blobs.digests().isEmpty, "\(fresh.kind)")
            // Removing what is not there is no error; storing again works.
            try await fresh.store.write { tx in try blobs.remove(sha256: Self.digest("d"), in: tx) }
            #expect(try blobs.store(data, sha256: Self.digest("d")), "\(fresh.kind)")
            #expect(try blobs.read(sha256: Self.digest("d")) == data, "\(fresh.kind)")
        }
    }

    /// In the database, a removal or a store made inside a write transaction that rolls back
    /// never happened.
    @Test func inTheDatabaseBlobChangesFollowTheirTransaction() async throws {
        for (fresh, blobs, _) in try Self.blobStores() where fresh.kind == "PostgreSQL" {
            let data = Self.bytes((1 << 20) + 1, seed: 4)
            _ = try blobs.store(data, sha256: Self.digest("e"))
            await #expect(throws: CancellationError.self) {
                try await fresh.store.write { tx in
                    try blobs.remove(sha256: Self.digest("e"), in: tx)
                    try blobs.store(data, sha256: Self.digest("f"), in: tx)
                    throw CancellationError()
                }
            }
            #expect(try blobs.read(sha256: Self.digest("e")) == data)
            #expect(try !blobs.contains(sha256: Self.digest("f")))
            try await fresh.store.write { tx in try blobs.store(data, sha256: Self.digest("f"), in: tx) }
            #expect(try blobs.read(sha256: Self.digest("f")) == data)
        }
    }

    /// Another instance on the same database (another store, another files directory) reads
    /// what this one stored: the contents are in the database, not on this one's disk.
    @Test func inTheDatabaseAnotherInstanceReadsTheBlobs() async throws {
        for (fresh, blobs, directory) in try Self.blobStores() where fresh.kind == "PostgreSQL" {
            let data = Self.bytes(3 << 20, seed: 5)
            _ = try blobs.store(data, sha256: Self.digest("1"))
            let other = try fresh.reopen().blobStore(
                filesDirectory: FileManager.default.temporaryDirectory.appendingPathComponent("botapi-blobs-\(UUID().uuidString)"))
            #expect(try other.read(sha256: Self.digest("1")) == data)
            let reader = try #require(try other.open(sha256: Self.digest("1")))
            var read = Data()
            while let piece = try reader.next() { read.append(piece) }
            #expect(read == data)
            #expect(!FileManager.default.fileExists(atPath: directory.path))
        }
    }
}

import Foundation
import GRDB
import GRDBSQLite

import enum RingfindGraph.NumberText

/// Why the case file could not be written or read.
public enum CaseError: Error, CustomStringConvertible, Sendable {
    case missing(path: String)
    case database(path: String, message: String)
    case stale(path: String, found: String)
    /// The folder could not be locked or an interrupted publish could not be recovered.
    case folder(CaseFolderError)
    /// The audit log cannot be opened or appended to (a planted symbolic link, not a file, …).
    case audit(path: String, reason: String)
    /// `case.sqlite` and `build.json` come from different builds.
    case mixed(path: String, caseFile: String, manifest: String)

    public var description: String {
        switch self {
        case .missing(let path):
            "no case file at \(path); build one with `ringfind build DIR --out \((path as NSString).deletingLastPathComponent)`"
        case .database(let path, let message): "case file \(path): \(message)"
        case .stale(let path, let found):
            "case file \(path) was written by case format \(found), this ringfind reads format \(CaseSchema.version); build again"
        case .folder(let error): "\(error)"
        case .audit(let path, let reason): "audit log \(path): \(reason); no command runs unrecorded"
        case .mixed(let path, let caseFile, let manifest):
            "\(path) does not hold one whole case: case.sqlite is build \(caseFile.isEmpty ? "(none)" : caseFile), build.json is build "
                + "\(manifest.isEmpty ? "(none)" : manifest); build again"
        }
    }
}

/// Writes `case.sqlite` in one transaction: schema, rows table by table, then indexes.
public final class CaseWriter {
    private let queue: DatabaseQueue
    private let path: String

    /// Creates a new case file at `path` (which must not exist).
    public init(path: String) throws(CaseError) {
        self.path = path
        do {
            var configuration = Configuration()
            configuration.prepareDatabase { db in
                try db.execute(sql: "PRAGMA journal_mode = OFF")
                try db.execute(sql: "PRAGMA synchronous = OFF")
            }
            queue = try DatabaseQueue(path: path, configuration: configuration)
            try queue.write { db in
                for statement in CaseSchema.statements { try db.execute(sql: statement) }
                try db.execute(
                    sql: "INSERT INTO manifest (key, value) VALUES ('case_format', ?)", arguments: [CaseSchema.version])
            }
        } catch {
            throw .database(path: path, message: "\(error)")
        }
    }

    /// A value of one cell.
    public enum Value {
        case null
        case int(Int64)
        case real(Double)
        case text(String)

        public init(_ value: Int) { self = .int(Int64(value)) }
        public init(_ value: Int64) { self = .int(value) }
        public init(_ value: Double?) { self = value.map { $0.isFinite ? .real($0) : .null } ?? .null }
        public init(_ value: String?) { self = value.map { .text($0) } ?? .null }
    }

    /// Inserts rows into `table`; `produce` calls `insert` once per row with values in
    /// `columns` order. Values are bound straight to one prepared statement (no per-row
    /// allocation): millions of rows a few seconds.
    public func insert(
        into table: String, columns: [String],
        _ produce: (_ insert: ([Value]) throws -> Void) throws -> Void
    ) throws(CaseError) {
        let sql =
            "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(Array(repeating: "?", count: columns.count).joined(separator: ", ")))"
        let path = self.path
        do {
            try queue.write { db in
                let statement = try db.makeStatement(sql: sql)
                let handle = statement.sqliteStatement
                let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
                try produce { values in
                    for (i, value) in values.enumerated() {
                        let index = Int32(i + 1)
                        switch value {
                        case .null: sqlite3_bind_null(handle, index)
                        case .int(let v): sqlite3_bind_int64(handle, index, v)
                        case .real(let v): sqlite3_bind_double(handle, index, v)
                        case .text(let v): sqlite3_bind_text(handle, index, v, -1, transient)
                        }
                    }
                    let code = sqlite3_step(handle)
                    sqlite3_reset(handle)
                    guard code == SQLITE_DONE else {
                        throw CaseError.database(
                            path: path, message: String(cString: sqlite3_errmsg(sqlite3_db_handle(handle))))
                    }
                }
            }
        } catch let error as CaseError {
            throw error
        } catch {
            throw .database(path: path, message: "\(error)")
        }
    }

    /// Binds one row's values to the prepared `INSERT` of a `CaseTable`, column by typed
    /// column (bound at `position + 1`).
    public struct RowBinder {
        let handle: SQLiteStatement
        private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        private func int(_ column: Int32, _ value: Int64) { sqlite3_bind_int64(handle, column, value) }
        private func real(_ column: Int32, _ value: Double) {
            if value.isFinite { sqlite3_bind_double(handle, column, value) } else { sqlite3_bind_null(handle, column) }
        }
        private func text(_ column: Int32, _ value: String) {
            sqlite3_bind_text(handle, column, value, -1, Self.transient)
        }

        /// Sets `column` of the row (left NULL when not set).
        public func set(_ column: CaseColumn<Int64>, _ value: Int64) { int(column.position + 1, value) }
        /// Sets `column`; a value that is not finite is stored as NULL.
        public func set(_ column: CaseColumn<Double>, _ value: Double) { real(column.position + 1, value) }
        public func set(_ column: CaseColumn<String>, _ value: String) { text(column.position + 1, value) }
        /// Sets `column` to a copy of `bytes` (SQLite copies them, so they need not outlive the call).
        public func set(_ column: CaseColumn<CaseBlob>, _ bytes: UnsafeRawBufferPointer) {
            sqlite3_bind_blob(handle, column.position + 1, bytes.baseAddress, Int32(bytes.count), Self.transient)
        }
    }

    /// Inserts rows into `Table` as `produce` calls `insert` with a function that sets one
    /// row's columns by their `CaseColumn`s (columns it does not set are NULL): for rows
    /// produced by a loop of the caller's. The row is stored before `insert` returns.
    public func insertRows<Table: CaseTable>(
        into table: Table.Type, _ produce: (_ insert: (_ bind: (RowBinder) -> Void) throws -> Void) throws -> Void
    ) throws(CaseError) {
        let path = self.path
        try withInsert(into: table) { binder in
            try produce { bind in
                bind(binder)
                try Self.step(binder, path: path)
            }
        }
    }

    /// Inserts into `Table` the rows `i` in `0..<count` for which `keep(i)` holds, `bind(i,
    /// binder)` setting their columns (columns it does not set are NULL): the fast path for the
    /// large tables, no allocation per row and nothing done for a row not kept.
    public func insertRows<Table: CaseTable>(
        into table: Table.Type, count: Int, where keep: ((Int) -> Bool)? = nil,
        _ bind: (Int, RowBinder) -> Void
    ) throws(CaseError) {
        let path = self.path
        try withInsert(into: table) { binder in
            for i in 0..<count where keep?(i) ?? true {
                bind(i, binder)
                try Self.step(binder, path: path)
            }
        }
    }

    /// Runs `body` with a binder of `Table`'s prepared `INSERT`, in one write.
    private func withInsert<Table: CaseTable>(into table: Table.Type, _ body: (RowBinder) throws -> Void)
        throws(CaseError)
    {
        let path = self.path
        do {
            try queue.write { db in
                let statement = try db.makeStatement(sql: Table.insertStatement)
                try body(RowBinder(handle: statement.sqliteStatement))
            }
        } catch let error as CaseError {
            throw error
        } catch {
            throw .database(path: path, message: "\(error)")
        }
    }

    /// Steps the bound row, then resets the statement and clears its bindings for the next.
    private static func step(_ binder: RowBinder, path: String) throws(CaseError) {
        let code = sqlite3_step(binder.handle)
        sqlite3_reset(binder.handle)
        sqlite3_clear_bindings(binder.handle)
        guard code == SQLITE_DONE else {
            throw .database(path: path, message: String(cString: sqlite3_errmsg(sqlite3_db_handle(binder.handle))))
        }
    }

    /// Lets SQLite keep up to `megabytes` of the file's pages in memory (its default is 2 MB),
    /// for the bulk of the writing once the analyses have freed their working memory: with
    /// the default, appending a million rows and then indexing them reads evicted pages back
    /// from the file again and again.
    public func cachePages(megabytes: Int) throws(CaseError) {
        do {
            try queue.inDatabase { db in try db.execute(sql: "PRAGMA cache_size = -\(megabytes * 1024)") }
        } catch {
            throw .database(path: path, message: "\(error)")
        }
    }

    /// Creates the indexes and closes the file.
    public func finish() throws(CaseError) {
        do {
            try queue.write { db in for statement in CaseSchema.indexes { try db.execute(sql: statement) } }
            try queue.close()
        } catch {
            throw .database(path: path, message: "\(error)")
        }
    }
}

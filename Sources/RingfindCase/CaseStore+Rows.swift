import GRDB
import GRDBSQLite

/// One row of a result being read, valid only inside the `CaseStore.forEachRow` call that
/// produced it; columns are 0-based, in the order of the `SELECT`.
public struct CaseRow {
    let handle: SQLiteStatement

    /// Whether the column is NULL.
    public func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }
    /// The column as an integer, `nil` when NULL.
    public func int(_ column: Int32) -> Int64? { isNull(column) ? nil : sqlite3_column_int64(handle, column) }
    /// The column as a double, `nil` when NULL.
    public func double(_ column: Int32) -> Double? { isNull(column) ? nil : sqlite3_column_double(handle, column) }
    /// The column as text, `nil` when NULL.
    public func text(_ column: Int32) -> String? {
        guard !isNull(column), let bytes = sqlite3_column_text(handle, column) else { return nil }
        return String(
            decoding: UnsafeBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(handle, column))), as: UTF8.self
        )
    }

    /// The column `column` of a `SELECT` of its table's `selectList`, `nil` when NULL.
    public subscript(_ column: CaseColumn<Int64>) -> Int64? { int(column.position) }
    public subscript(_ column: CaseColumn<Double>) -> Double? { double(column.position) }
    public subscript(_ column: CaseColumn<String>) -> String? { text(column.position) }

    /// Calls `body` with the bytes of the BLOB at `column` (empty when NULL), valid only
    /// inside `body`.
    public func withBytes<R>(_ column: CaseColumn<CaseBlob>, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R
    {
        let index = column.position
        // As SQLite asks: the pointer first, then its length.
        let start = sqlite3_column_blob(handle, index)
        let count = Int(sqlite3_column_bytes(handle, index))
        return try body(UnsafeRawBufferPointer(start: count > 0 ? start : nil, count: count > 0 ? count : 0))
    }
}

extension CaseStore {
    /// Runs a read-only query and calls `body` with each row in turn; nothing accumulates, so a
    /// scan of every entity of a 10-million-entity case needs no more memory than one row.
    ///
    /// - Complexity: the query's own; O(1) memory besides what `body` keeps.
    public func forEachRow(
        _ sql: String, _ arguments: [DatabaseValueConvertible?] = [],
        _ body: (CaseRow) -> Void
    ) throws(CaseError) {
        do {
            try queue.read { db in
                let statement = try db.makeStatement(sql: sql)
                guard statement.isReadonly else {
                    throw CaseError.database(path: path, message: "only reading statements are allowed")
                }
                try statement.setArguments(StatementArguments(arguments))
                let row = CaseRow(handle: statement.sqliteStatement)
                defer { sqlite3_reset(statement.sqliteStatement) }
                while true {
                    let code = sqlite3_step(statement.sqliteStatement)
                    if code == SQLITE_DONE { break }
                    guard code == SQLITE_ROW else {
                        throw CaseError.database(
                            path: path,
                            message: String(cString: sqlite3_errmsg(sqlite3_db_handle(statement.sqliteStatement))))
                    }
                    body(row)
                }
            }
        } catch let error as CaseError {
            throw error
        } catch {
            throw .database(path: path, message: "\(error)")
        }
    }

    /// Whether the case file has the table `name` (tables added within a format, such as the
    /// baseline's, are missing from files written before them).
    public func hasTable(_ name: String) throws(CaseError) -> Bool {
        var found = false
        try forEachRow("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [name]) { _ in found = true }
        return found
    }

    /// The manifest's value for `key`, or `nil`.
    public func manifestValue(_ key: String) throws(CaseError) -> String? {
        var value: String?
        try forEachRow("SELECT value FROM manifest WHERE key = ?", [key]) { value = $0.text(0) }
        return value
    }
}

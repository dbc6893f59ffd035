/// Where one value of the current row lies: in the file buffer, or (after unescaping) in the
/// reader's scratch buffer. Valid only until the reader moves to the next row.
struct FieldRef {
    /// True when the bytes are in the scratch buffer.
    var inScratch: Bool
    var start: Int
    var end: Int
    /// The 1-based column reported in messages: the field number in CSV, the character
    /// position of the value in JSON Lines.
    var column: Int

    /// The value's bytes, in `file`'s buffer or in `scratch`.
    @inline(__always)
    func bytes(file: ChunkedFile, scratch: ScratchBuffer) -> UnsafeRawBufferPointer {
        let base = inScratch ? UnsafeRawPointer(scratch.storage.baseAddress!) : UnsafeRawPointer(file.base)
        return UnsafeRawBufferPointer(start: base + start, count: end - start)
    }
}

/// What a reader found at its current position.
enum RowOutcome {
    /// A syntactically valid row; its values are in the reader's slots.
    case row
    /// A row that could not be parsed; it is rejected with this reason at this column.
    case malformed(RejectReason, column: Int)
}

/// A source of rows for one input file, with values already mapped to schema slots.
///
/// After `next()` returns a row, `slots[i]` holds the value of schema field `i` (or `nil`
/// when the row has none), `extras` the values of fields that are not in the schema (kept as
/// attributes of entities), `line` the 1-based line the row starts on, and `rawRow` the
/// row's bytes exactly as in the file.
protocol RowReader: AnyObject {
    var slots: [FieldRef?] { get }
    var extras: [(name: String, value: FieldRef)] { get }
    var line: Int { get }
    /// Reads the next row; `nil` at the end of the file.
    func next() throws(IngestError) -> RowOutcome?
    /// Calls `body` with the bytes of a value of the current row.
    func withBytes<R>(_ field: FieldRef, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R
    /// Calls `body` with the current row's bytes as in the file, without its line end.
    func withRawRow<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R
    /// Bytes read so far, and whether the file is finished.
    var bytesRead: Int { get }
    /// Lines that held no row (blank lines), which are skipped and counted.
    var blankLines: Int { get }
    /// The SHA-256 of the file, once read to the end.
    func sha256Hex() -> String
    /// Names of the columns or keys that were ignored (not in the schema, not kept).
    var ignoredColumns: [String] { get }
}

extension RowReader {
    /// The current row as in the file, as text (for `rejected.csv`).
    func rawRow() -> String { withRawRow { String(decoding: $0, as: UTF8.self) } }
}

/// Growable scratch space for unescaped values, reset at every row.
///
/// It frees its storage itself: a reader whose initializer throws part-way (a binary file, a
/// bad header) never runs its own `deinit`, and must leak nothing.
final class ScratchBuffer {
    private(set) var storage: UnsafeMutableRawBufferPointer = .allocate(byteCount: 4096, alignment: 8)
    var used = 0

    deinit { storage.deallocate() }

    /// Makes room for `extra` more bytes without moving what a row has already written
    /// (call before a row starts, with the row's length as an upper bound).
    func reserveForRow(_ bytes: Int) {
        used = 0
        if storage.count < bytes {
            storage.deallocate()
            storage = .allocate(byteCount: max(bytes, storage.count * 2), alignment: 8)
        }
    }

    @inline(__always)
    func append(_ byte: UInt8) {
        storage[used] = byte
        used += 1
    }
}

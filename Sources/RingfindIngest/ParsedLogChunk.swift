/// A run of consecutive log rows (communications, payments or access) after tokenising,
/// validating and parsing, before any id is interned: what the parsing stage hands to the
/// storing stage of `Ingestor` (see `LogParseAhead`).
///
/// Rows are kept in input order as parallel arrays. A row's text values (ids, label, origin,
/// ticket) are copied, trimmed, into one byte arena and referred to by `TextRange`, so the
/// chunk does not depend on the reader's buffer, which the parsing stage reuses for the next
/// rows. Rejected rows carry their complete `RowRejection` (built while the row was current
/// in the reader), in `rejections`, in order.
///
/// A chunk is reused: `reset()` keeps every column's capacity, so a steady-state build
/// allocates nothing per chunk.
///
/// - Complexity: appending a row is O(length of its text values); memory is about
///   40 bytes per row plus 16 bytes per text value plus the values' bytes.
final class ParsedLogChunk: ParsedChunk, @unchecked Sendable {
    /// What became of one row (`rejected` rows have their `RowRejection` in `rejections`).
    enum Status: UInt8 {
        case accepted
        case outsideWindow
        case rejected
    }

    /// How reading went on after the last row of the chunk.
    enum Ending {
        /// The file has more rows (in the next chunk).
        case more
        /// The last row of the file is in this chunk.
        case endOfFile
        /// Reading the row after the last one failed; nothing after it is read.
        case failed(IngestError)
    }

    /// The text values of a row of `kind`, in this order; each row has `textsPerRow(kind)`.
    enum Text {
        // Communications and payments.
        static let from = 0, to = 1, label = 2, origin = 3
        // Access.
        static let employee = 0, vendor = 1, resource = 2, action = 3, ticket = 4, accessOrigin = 5

        static func perRow(_ kind: InputKind) -> Int { kind == .access ? 6 : 4 }
    }

    /// Where a text value lies in `bytes`; `count < 0` means absent (blank or no column).
    struct TextRange {
        var start: Int
        var count: Int
        static let absent = TextRange(start: 0, count: -1)
        var isPresent: Bool { count >= 0 }
    }

    /// Communications, payments or access.
    let kind: InputKind
    let textsPerRow: Int
    // Columns without copy-on-write checks (`ChunkColumn`), freed in `deinit`.
    private var status: ChunkColumn<Status>
    private var lines: ChunkColumn<Int>
    /// Milliseconds since the epoch, or `Timestamp.missing`.
    private var times: ChunkColumn<Int64>
    private var counts: ChunkColumn<Int32>
    /// Payment amounts (0 for other logs).
    private var amounts: ChunkColumn<Double>
    /// `textsPerRow` ranges per row.
    private var texts: ChunkColumn<TextRange>
    /// The hashes (`EntityTable.ids.keyHasher`) of the two ids of each row (`from` and `to`,
    /// or `employee` and `vendor`), 0 when absent: for `Ingestor`'s prefetching.
    private var idHashes: ChunkColumn<UInt64>
    /// The trimmed bytes of every present text value, back to back.
    private var bytes: ChunkColumn<UInt8>
    /// The rejected rows, in order.
    private(set) var rejections: [RowRejection] = []
    /// Bytes of the file read when the chunk was completed (for progress).
    var bytesRead = 0
    var ending = Ending.more

    init(kind: InputKind, rowCapacity: Int) {
        self.kind = kind
        textsPerRow = Text.perRow(kind)
        status = ChunkColumn(capacity: rowCapacity)
        lines = ChunkColumn(capacity: rowCapacity)
        times = ChunkColumn(capacity: rowCapacity)
        counts = ChunkColumn(capacity: rowCapacity)
        amounts = ChunkColumn(capacity: rowCapacity)
        texts = ChunkColumn(capacity: rowCapacity * textsPerRow)
        idHashes = ChunkColumn(capacity: rowCapacity * 2)
        bytes = ChunkColumn(capacity: rowCapacity * 32)
    }

    deinit {
        status.deallocate()
        lines.deallocate()
        times.deallocate()
        counts.deallocate()
        amounts.deallocate()
        texts.deallocate()
        idHashes.deallocate()
        bytes.deallocate()
    }

    var rowCount: Int { status.count }

    /// The rows' line numbers, copied.
    var lineNumbers: [Int] { Array(lines.values) }

    /// Empties the chunk, keeping its capacity.
    func reset() {
        status.removeAll()
        lines.removeAll()
        times.removeAll()
        counts.removeAll()
        amounts.removeAll()
        texts.removeAll()
        idHashes.removeAll()
        bytes.removeAll()
        if !rejections.isEmpty { rejections.removeAll(keepingCapacity: true) }
        bytesRead = 0
        ending = .more
    }

    /// Adds a rejected (or malformed) row.
    func appendRejected(_ rejection: RowRejection) {
        appendRow(.rejected, line: rejection.line, time: 0, count: 0, amount: 0)
        rejections.append(rejection)
    }

    /// Adds a row dated outside the time window (counted, not stored).
    func appendOutsideWindow(line: Int) {
        appendRow(.outsideWindow, line: line, time: 0, count: 0, amount: 0)
    }

    /// Adds an accepted row; its text values follow, exactly `textsPerRow` of them in `Text`
    /// order: the two ids with `appendID` / `appendAbsentID`, then the others with
    /// `appendText` / `appendAbsentText`.
    func appendAccepted(line: Int, time: Int64, count: Int32, amount: Double) {
        appendRow(.accepted, line: line, time: time, count: count, amount: amount)
    }

    /// Adds a text value of the last accepted row (`bytes` already trimmed).
    func appendText(_ value: UnsafeRawBufferPointer) {
        texts.append(TextRange(start: bytes.count, count: value.count))
        bytes.append(contentsOf: value)
    }

    func appendAbsentText() { texts.append(.absent) }

    /// Adds an id of the last accepted row (`bytes` already trimmed), with its hash.
    func appendID(_ value: UnsafeRawBufferPointer, hash: UInt64) {
        appendText(value)
        idHashes.append(hash)
    }

    func appendAbsentID() {
        appendAbsentText()
        idHashes.append(0)
    }

    private func appendRow(_ rowStatus: Status, line: Int, time: Int64, count: Int32, amount: Double) {
        // Rows that are not accepted keep their place in `texts` too, so that row `r`'s
        // values always start at `r * textsPerRow`.
        if rowStatus != .accepted {
            for _ in 0..<textsPerRow { texts.append(.absent) }
            idHashes.append(0)
            idHashes.append(0)
        }
        status.append(rowStatus)
        lines.append(line)
        times.append(time)
        counts.append(count)
        amounts.append(amount)
    }

    /// The rows, to be read in a loop: a value that shares the chunk's storage (nothing is
    /// copied), so reading them costs no reference counting per access, as reading the chunk's
    /// own properties would. It keeps the chunk alive; let it go before the chunk is reused.
    var rows: Rows {
        Rows(
            owner: self, kind: kind, textsPerRow: textsPerRow, status: status, lines: lines, times: times,
            counts: counts,
            amounts: amounts, texts: texts, idHashes: idHashes, bytes: bytes)
    }

    /// The rows of a chunk, read only (see `rows`).
    struct Rows {
        /// The chunk whose columns these are: they live as long as it does.
        let owner: ParsedLogChunk
        let kind: InputKind
        let textsPerRow: Int
        let status: ChunkColumn<Status>
        let lines: ChunkColumn<Int>
        let times: ChunkColumn<Int64>
        let counts: ChunkColumn<Int32>
        let amounts: ChunkColumn<Double>
        let texts: ChunkColumn<TextRange>
        let idHashes: ChunkColumn<UInt64>
        let bytes: ChunkColumn<UInt8>

        var count: Int { status.count }

        /// The range of text value `text` (a `Text` index) of row `row`.
        @inline(__always)
        func range(_ row: Int, _ text: Int) -> TextRange { texts[row * textsPerRow + text] }

        /// Calls `body` with the bytes of text value `text` of row `row` (empty when absent).
        @inline(__always)
        func withText<R>(_ row: Int, _ text: Int, _ body: (UnsafeRawBufferPointer) -> R) -> R {
            let value = range(row, text)
            return body(bytes.bytes(from: value.start, count: max(0, value.count)))
        }
    }
}

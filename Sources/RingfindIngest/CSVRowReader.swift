/// Reads RFC 4180 CSV (header row, comma separators, `"` quoting with `""` escapes, quoted
/// fields may span lines; LF, CRLF or lone CR line ends; an optional UTF-8 byte order mark).
///
/// A hand-written byte-level reader: it never builds a `String` for a field, keeps values
/// as byte ranges in the file buffer, and unescapes only quoted fields that contain `""`.
/// The measurement that justifies it is in the README (CSV.swift parses the same file
/// many times slower).
///
/// Blank lines are skipped and counted. A row whose quoted field is never closed (within the
/// file, or within `maximumRowBytes`) is rejected and reading resumes at the next line.
final class CSVRowReader: RowReader {
    private let file: ChunkedFile
    private var columnSlots: [Int] = []
    private var extraNames: [String?] = []
    private(set) var slots: [FieldRef?]
    private(set) var extras: [(name: String, value: FieldRef)] = []
    private(set) var line = 0
    private(set) var blankLines = 0
    private(set) var ignoredColumns: [String] = []
    /// The header as written (trimmed), for messages.
    private(set) var header: [String] = []
    private var nextLine = 1
    private var rowStart = 0
    private var rowEnd = 0
    private let scratch = ScratchBuffer()
    /// The physical fields of the row being parsed.
    private let fields = FieldBounds()
    private let maximumRowBytes: Int
    /// LF, or CR for files with lone-CR line ends (`InputChecks.lineEnd`).
    private var newline: UInt8 = 0x0A

    /// Opens `path` and reads its header, mapping columns to the fields of `kind`.
    init(path: String, kind: InputKind, chunkSize: Int = 1 << 22, maximumRowBytes: Int = 1 << 20) throws(IngestError) {
        file = try ChunkedFile(path: path, chunkSize: chunkSize)
        self.maximumRowBytes = maximumRowBytes
        try InputChecks.readHead(file)
        try InputChecks.rejectBinary(file)
        InputChecks.skipByteOrderMark(file)
        newline = try InputChecks.lineEnd(file)
        slots = Array(repeating: nil, count: kind.fields.count)
        // Header.
        var headerNames: [String] = []
        while true {
            guard let outcome = try parseRow() else { throw .emptyFile(file: path) }
            if case .malformed(let reason, let column) = outcome {
                throw .malformedHeader(file: path, reason: "\(reason) (column \(column))")
            }
            if fields.isBlankLine {
                blankLines += 1
                continue
            }
            for i in 0..<fields.count {
                let name = withBytes(field(i)) { String(decoding: $0, as: UTF8.self) }
                headerNames.append(name.trimmingCharacters(in: " \t"))
            }
            break
        }
        header = headerNames
        let mapping = try HeaderMapping(names: headerNames, kind: kind, file: path)
        columnSlots = mapping.slotOfColumn
        extraNames = mapping.extraNameOfColumn
        ignoredColumns = mapping.ignored
    }

    var bytesRead: Int { file.bytesRead }
    func sha256Hex() -> String { file.sha256Hex() }

    func next() throws(IngestError) -> RowOutcome? {
        while true {
            guard let outcome = try parseRow() else { return nil }
            if case .malformed = outcome { return outcome }
            if fields.isBlankLine {
                blankLines += 1
                continue
            }
            let columnSlots = self.columnSlots
            guard fields.count == columnSlots.count else {
                // The first column that is missing, or the first one too many.
                let column = min(fields.count, columnSlots.count) + 1
                return .malformed(
                    .wrongFieldCount(expected: columnSlots.count, found: fields.count), column: column)
            }
            if !extras.isEmpty { extras.removeAll(keepingCapacity: true) }
            // One uniqueness check for the row, not one per value.
            slots.withUnsafeMutableBufferPointer { slots in
                for i in slots.indices { slots[i] = nil }
                for column in columnSlots.indices {
                    let slot = columnSlots[column]
                    if slot >= 0 {
                        slots[slot] = field(column)
                    } else if let name = extraNames[column] {
                        extras.append((name, field(column)))
                    }
                }
            }
            return .row
        }
    }

    func withBytes<R>(_ field: FieldRef, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try body(field.bytes(file: file, scratch: scratch))
    }

    func withRawRow<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R { file.withBytes(from: rowStart, to: rowEnd, body) }

    /// The value of physical column `i` of the current row, unescaping `""` into scratch.
    private func field(_ i: Int) -> FieldRef {
        let start = fields.starts[i], end = fields.ends[i]
        guard fields.escaped[i] else { return FieldRef(inScratch: false, start: start, end: end, column: i + 1) }
        let from = scratch.used
        var p = start
        let bytes = file.buffer
        while p < end {
            let b = bytes[p]
            scratch.append(b)
            p += b == 0x22 ? 2 : 1
        }
        return FieldRef(inScratch: true, start: from, end: scratch.used, column: i + 1)
    }

    /// Parses one physical row starting at `file.start` into `fields`.
    /// Returns `nil` at the end of the file.
    private func parseRow() throws(IngestError) -> RowOutcome? {
        restart: while true {
            let startLine = nextLine
            var lines = 0
            var p = file.start
            fields.removeAll()
            if p >= file.end {
                if try file.refill(keepingFrom: file.start) != nil { continue restart }
                return nil
            }
            fields: while true {
                let step: FieldEnd
                if p >= file.end {
                    // The row ends at end of file without a newline (possibly after a comma).
                    if try file.refill(keepingFrom: file.start) != nil { continue restart }
                    appendField(start: p, end: p, escaped: false)
                    break fields
                } else if file.buffer[p] == 0x22 {
                    step = try quotedField(at: &p, lines: &lines)
                } else {
                    step = try unquotedField(at: &p, lines: &lines)
                }
                switch step {
                case .comma: continue fields
                case .rowEnd: break fields
                case .reparse: continue restart
                case .unterminatedQuote(let column):
                    return skipBrokenRow(startLine: startLine, reason: .unterminatedQuote, column: column)
                case .textAfterClosingQuote(let column):
                    return skipBrokenRow(startLine: startLine, reason: .textAfterClosingQuote, column: column)
                }
            }
            return finishRow(startLine: startLine, lines: lines, end: p)
        }
    }

    /// How a field ended: another follows (`comma`), the row is complete (`rowEnd`), the buffer
    /// was refilled inside the row so it is parsed again (`reparse`), or the row is broken.
    private enum FieldEnd {
        case comma, rowEnd, reparse
        case unterminatedQuote(column: Int)
        case textAfterClosingQuote(column: Int)
    }

    /// Records a field of the current row: its bytes `start..<end`, and whether it holds `""` escapes.
    @inline(__always)
    private func appendField(start: Int, end: Int, escaped: Bool) {
        fields.append(start: start, end: end, escaped: escaped)
    }

    /// Refills the buffer, keeping the row from its start, which is then parsed again.
    @inline(__always)
    private func refillAndReparse() throws(IngestError) -> FieldEnd {
        try file.refill(keepingFrom: file.start)
        return .reparse
    }

    /// Parses the quoted field whose opening quote is at `p` (noting `""` escapes), then what
    /// follows its closing quote, leaving `p` after it; counts the line ends it passes in `lines`.
    @inline(__always)
    private func quotedField(at p: inout Int, lines: inout Int) throws(IngestError) -> FieldEnd {
        let bytes = file.buffer, end = file.end, newline = self.newline
        let open = p
        p += 1
        var escaped = false
        while true {
            if p >= end {
                if !file.atEOF && p - file.start <= maximumRowBytes { return try refillAndReparse() }
                return .unterminatedQuote(column: fields.count + 1)
            }
            let b = bytes[p]
            if b == 0x22 {
                if p + 1 >= end && !file.atEOF { return try refillAndReparse() }
                if p + 1 < end && bytes[p + 1] == 0x22 {
                    escaped = true
                    p += 2
                    continue
                }
                break
            }
            if b == newline { lines += 1 }
            p += 1
            if p - file.start > maximumRowBytes { return .unterminatedQuote(column: fields.count + 1) }
        }
        appendField(start: open + 1, end: p, escaped: escaped)
        p += 1  // closing quote
        return try afterClosingQuote(at: &p, lines: &lines)
    }

    /// What follows a closing quote at `p`: a comma, a line end (LF, CRLF or the file's own),
    /// the end of the file, or anything else, which breaks the row.
    @inline(__always)
    private func afterClosingQuote(at p: inout Int, lines: inout Int) throws(IngestError) -> FieldEnd {
        let bytes = file.buffer, end = file.end
        if p >= end {
            if try file.refill(keepingFrom: file.start) != nil { return .reparse }
            return .rowEnd
        }
        let b = bytes[p]
        if b == 0x2C {
            p += 1
            return .comma
        }
        if b == newline {
            p += 1
            lines += 1
            return .rowEnd
        }
        if b == 0x0D && p + 1 < end && bytes[p + 1] == 0x0A {
            p += 2
            lines += 1
            return .rowEnd
        }
        if b == 0x0D && p + 1 >= end && !file.atEOF { return try refillAndReparse() }
        return .textAfterClosingQuote(column: fields.count)
    }

    /// Parses the unquoted field at `p` up to a comma or line end (without a CR before it),
    /// leaving `p` after them; a comma at the end of the file adds an empty last field.
    @inline(__always)
    private func unquotedField(at p: inout Int, lines: inout Int) throws(IngestError) -> FieldEnd {
        let bytes = file.buffer, end = file.end, newline = self.newline
        let fieldStart = p
        while p < end {
            let b = bytes[p]
            if b == 0x2C || b == newline { break }
            p += 1
        }
        if p >= end && !file.atEOF { return try refillAndReparse() }
        var fieldEnd = p
        let atNewline = p < end && bytes[p] == newline
        if (atNewline || p >= end) && fieldEnd > fieldStart && bytes[fieldEnd - 1] == 0x0D { fieldEnd -= 1 }
        appendField(start: fieldStart, end: fieldEnd, escaped: false)
        if p >= end { return .rowEnd }
        p += 1
        if atNewline {
            lines += 1
            return .rowEnd
        }
        if p >= end && file.atEOF {
            appendField(start: p, end: p, escaped: false)
            return .rowEnd
        }
        return .comma
    }

    /// Ends the row parsed (`file.start..<end`, `lines` line ends from `startLine`): moves past
    /// it and checks that its fields are UTF-8.
    @inline(__always)
    private func finishRow(startLine: Int, lines: Int, end p: Int) -> RowOutcome {
        rowStart = file.start
        rowEnd = p
        file.start = p
        line = startLine
        nextLine = startLine + lines
        scratch.reserveForRow(p - rowStart)
        // The whole row at once (what lies between fields — commas, quotes, line ends — is
        // ASCII, so the row is valid exactly when every field is); the column only when not.
        if !InputChecks.isValidUTF8(file.buffer, rowStart, p),
            let column = InputChecks.firstInvalidUTF8Field(file.buffer, starts: fields.starts, ends: fields.ends)
        {
            return .malformed(.invalidUTF8, column: column)
        }
        return .row
    }

    /// Rejects the row starting at `file.start` and resumes after the end of its first line.
    private func skipBrokenRow(startLine: Int, reason: RejectReason, column: Int) -> RowOutcome {
        let bytes = file.buffer
        var p = file.start
        while p < file.end && bytes[p] != newline { p += 1 }
        if p < file.end { p += 1 }
        rowStart = file.start
        rowEnd = p
        file.start = p
        line = startLine
        nextLine = startLine + 1
        return .malformed(reason, column: max(column, 1))
    }
}

/// Where each physical field of the row being parsed lies in the file buffer, and whether it
/// holds `""` escapes: columns without copy-on-write checks (`ChunkColumn`), three appends per
/// field. Frees its storage itself (see `ScratchBuffer`).
private final class FieldBounds {
    private(set) var starts = ChunkColumn<Int>(capacity: 16)
    private(set) var ends = ChunkColumn<Int>(capacity: 16)
    private(set) var escaped = ChunkColumn<Bool>(capacity: 16)

    deinit {
        starts.deallocate()
        ends.deallocate()
        escaped.deallocate()
    }

    var count: Int { starts.count }

    /// Whether the row is a blank line: one empty field.
    var isBlankLine: Bool { starts.count == 1 && starts[0] == ends[0] }

    func removeAll() {
        starts.removeAll()
        ends.removeAll()
        escaped.removeAll()
    }

    @inline(__always)
    func append(start: Int, end: Int, escaped isEscaped: Bool) {
        starts.append(start)
        ends.append(end)
        escaped.append(isEscaped)
    }
}

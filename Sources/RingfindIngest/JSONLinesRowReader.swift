import RingfindGraph

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads JSON Lines: one JSON object per line, with the same field names as the CSV header
/// (case-insensitive, with the same aliases). Lines end with LF, CRLF or a lone CR. A byte
/// order mark at the start of any line is ignored, as RFC 8259 allows (files joined with
/// `cat` keep each one's mark).
///
/// Values may be strings, numbers, booleans or null (null means absent); a nested object or
/// array is kept as its JSON text. Strings are unescaped (including `\uXXXX` surrogate
/// pairs) into a scratch buffer; other values are used as written. Blank lines are skipped
/// and counted. Reported columns are the 1-based byte position of the value in the line.
final class JSONLinesRowReader: RowReader {
    let file: ChunkedFile
    private let kind: InputKind
    private(set) var slots: [FieldRef?]
    private(set) var extras: [(name: String, value: FieldRef)] = []
    private(set) var line = 0
    private(set) var blankLines = 0
    private var ignored: [String] = []
    private var ignoredSet = Set<String>()
    private var rowStart = 0
    private var rowEnd = 0
    let scratch = ScratchBuffer()
    /// Raw key bytes → slot (-1: extra or ignored), so keys are decoded once per file.
    private var keyIDs = ByteStringInterner(expectedCount: 32)
    private var slotOfKey: [Int] = []
    private var nameOfKey: [String] = []
    private var fieldOfSlot: [InputField]
    /// LF, or CR for files with lone-CR line ends (`InputChecks.lineEnd`).
    private var newline: UInt8 = 0x0A

    /// Opens `path` for rows of `kind`.
    init(path: String, kind: InputKind, chunkSize: Int = 1 << 22) throws(IngestError) {
        file = try ChunkedFile(path: path, chunkSize: chunkSize)
        self.kind = kind
        slots = Array(repeating: nil, count: kind.fields.count)
        fieldOfSlot = kind.fields
        try InputChecks.readHead(file)
        if file.end == 0 { throw .emptyFile(file: path) }
        try InputChecks.rejectBinary(file)
        InputChecks.skipByteOrderMark(file)
        newline = try InputChecks.lineEnd(file)
    }

    var bytesRead: Int { file.bytesRead }
    var ignoredColumns: [String] { ignored }
    func sha256Hex() -> String { file.sha256Hex() }

    func withBytes<R>(_ field: FieldRef, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try body(field.bytes(file: file, scratch: scratch))
    }

    func withRawRow<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R { file.withBytes(from: rowStart, to: rowEnd, body) }

    func next() throws(IngestError) -> RowOutcome? {
        while true {
            // Find the end of the line.
            var newline: Int? = nil
            while true {
                if let found = findNewline(from: file.start) {
                    newline = found
                    break
                }
                if file.atEOF { break }
                try file.refill(keepingFrom: file.start)
            }
            let lineEnd = newline ?? file.end
            if file.start >= file.end && newline == nil { return nil }
            rowStart = file.start
            rowEnd = newline.map { $0 + 1 } ?? file.end
            file.start = rowEnd
            line += 1
            var end = lineEnd
            if end > rowStart && file.buffer[end - 1] == 0x0D { end -= 1 }
            var p = rowStart
            if end - p >= 3 && file.buffer[p] == 0xEF && file.buffer[p + 1] == 0xBB && file.buffer[p + 2] == 0xBF {
                p += 3
            }
            skipSpace(&p, end)
            if p == end {
                blankLines += 1
                continue
            }
            if !InputChecks.isValidUTF8(file.buffer, rowStart, end) {
                return .malformed(.invalidUTF8, column: 1)
            }
            scratch.reserveForRow(end - rowStart)
            return parseObject(from: p, to: end)
        }
    }

    private func findNewline(from start: Int) -> Int? {
        let count = file.end - start
        guard count > 0, let hit = memchr(file.base + start, Int32(newline), count) else { return nil }
        return hit - UnsafeMutableRawPointer(file.base)
    }

    private func skipSpace(_ p: inout Int, _ end: Int) {
        let bytes = file.buffer
        while p < end, bytes[p] == 0x20 || bytes[p] == 0x09 || bytes[p] == 0x0D { p += 1 }
    }

    private func column(_ p: Int) -> Int { p - rowStart + 1 }

    private func parseObject(from start: Int, to end: Int) -> RowOutcome {
        for i in slots.indices { slots[i] = nil }
        extras.removeAll(keepingCapacity: true)
        let bytes = file.buffer
        var p = start
        guard bytes[p] == 0x7B else {
            return .malformed(.invalidJSON(detail: "a row must be a JSON object {…}"), column: column(p))
        }
        p += 1
        skipSpace(&p, end)
        if p < end && bytes[p] == 0x7D {
            p += 1
        } else {
            while true {
                skipSpace(&p, end)
                guard p < end, bytes[p] == 0x22 else {
                    return .malformed(.invalidJSON(detail: "expected a field name in quotes"), column: column(p))
                }
                let keyColumn = column(p)
                guard let key = parseString(&p, end) else {
                    return .malformed(.invalidJSON(detail: "unterminated or invalid string"), column: keyColumn)
                }
                skipSpace(&p, end)
                guard p < end, bytes[p] == 0x3A else {
                    return .malformed(.invalidJSON(detail: "expected ':' after a field name"), column: column(p))
                }
                p += 1
                skipSpace(&p, end)
                let valueColumn = column(p)
                guard let (value, isNull) = parseValue(&p, end) else {
                    return .malformed(.invalidJSON(detail: "invalid value"), column: valueColumn)
                }
                let keyID = withBytes(key) { keyIDs.intern($0) }
                if keyID.inserted { registerKey(withBytes(key) { String(decoding: $0, as: UTF8.self) }) }
                let slot = slotOfKey[Int(keyID.id)]
                var field = value
                field.column = valueColumn
                if slot >= 0 {
                    if slots[slot] != nil {
                        return .malformed(.duplicateField(field: fieldOfSlot[slot].rawValue), column: keyColumn)
                    }
                    if !isNull { slots[slot] = field }
                } else if slot == -1 && !isNull {
                    let name = nameOfKey[Int(keyID.id)]
                    if extras.contains(where: { $0.name == name }) {
                        return .malformed(.duplicateField(field: name), column: keyColumn)
                    }
                    extras.append((name, field))
                }
                skipSpace(&p, end)
                guard p < end else {
                    return .malformed(.invalidJSON(detail: "the object is not closed"), column: column(p))
                }
                if bytes[p] == 0x2C {
                    p += 1
                    continue
                }
                if bytes[p] == 0x7D {
                    p += 1
                    break
                }
                return .malformed(.invalidJSON(detail: "expected ',' or '}'"), column: column(p))
            }
        }
        skipSpace(&p, end)
        guard p == end else { return .malformed(.invalidJSON(detail: "text after the object"), column: column(p)) }
        return .row
    }

    /// Decides once per distinct key what it means: a slot, a kept attribute (-1) or ignored (-2).
    private func registerKey(_ key: String) {
        if let field = InputField.field(named: key, in: kind), let slot = kind.slot(of: field) {
            slotOfKey.append(slot)
            nameOfKey.append(field.rawValue)
        } else if kind.keepsExtraColumns && !InputField.normalise(key).isEmpty {
            slotOfKey.append(-1)
            nameOfKey.append(InputField.normalise(key))
        } else {
            slotOfKey.append(-2)
            nameOfKey.append(key)
            if ignoredSet.insert(key).inserted && ignored.count < 100 { ignored.append(key) }
        }
    }
}

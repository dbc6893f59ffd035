import RingfindGraph

/// A run of consecutive rows of an entities file after tokenising, validating and parsing,
/// before any id is declared: what the parsing stage hands to the storing stage of `Ingestor`
/// (`EntityRowParser`, `Ingestor+Entities.swift`).
///
/// Every rule that depends on the row alone is checked here (an id, a visible one, a known
/// kind); whether the id was declared before is the storing stage's to say, in input order, so
/// each row keeps its id's text and its raw text for that rejection.
///
/// A chunk is reused: `reset()` keeps every array's capacity.
///
/// - Complexity: appending a row is O(its bytes); memory about 100 bytes a row plus its text.
final class ParsedEntityChunk: ParsedChunk, @unchecked Sendable {
    /// One row: accepted here (`rejection == nil`), or rejected with its reason.
    struct Row {
        var line: Int
        var rejection: RowRejection?
        /// The trimmed id, and the column it is in.
        var id: Range<Int> = 0..<0
        var idColumn = 0
        var kind: EntityKind?
        var name = ""
        var group = ""
        /// The row as written (for a duplicate's rejection).
        var raw: Range<Int> = 0..<0
        /// Extra columns kept as attributes, non-empty values only.
        var attributes: [(name: String, value: String)] = []
    }

    private(set) var rows: [Row] = []
    /// The ids' and raw rows' bytes, back to back.
    private(set) var bytes: [UInt8] = []
    /// Bytes of the file read when the chunk was completed (for progress).
    var bytesRead = 0
    var ending = ParsedLogChunk.Ending.more

    init(rowCapacity: Int) { rows.reserveCapacity(rowCapacity) }

    /// Empties the chunk, keeping its capacity.
    func reset() {
        rows.removeAll(keepingCapacity: true)
        bytes.removeAll(keepingCapacity: true)
        bytesRead = 0
        ending = .more
    }

    func append(_ row: Row) { rows.append(row) }

    /// Copies `value` into the chunk's bytes; returns where it is.
    func store(_ value: UnsafeRawBufferPointer) -> Range<Int> {
        let start = bytes.count
        bytes.append(contentsOf: value)
        return start..<bytes.count
    }

    /// Calls `body` with the bytes at `range` (from `store`).
    func withBytes<R>(_ range: Range<Int>, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        bytes.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[range])) }
    }

    /// The text at `range`.
    func text(_ range: Range<Int>) -> String { withBytes(range) { String(decoding: $0, as: UTF8.self) } }
}

/// The first stage of reading an entities file: tokenises rows and checks every rule that
/// depends on the row alone, in the order that decides the reason of a row with several
/// faults (as `Ingestor.acceptEntity` does), into a `ParsedEntityChunk`. Nothing here touches
/// the entity table, so it runs on a second thread ahead of the storing stage.
///
/// - Complexity: O(bytes of the rows) per chunk.
struct EntityRowParser<Reader: RowReader> {
    let reader: Reader
    let file: String
    private let row: RowContext

    init(reader: Reader, file: String, fileIndex: UInt16) {
        self.reader = reader
        self.file = file
        row = RowContext(kind: .entities, fileIndex: fileIndex)
    }

    /// Reads rows into `chunk` (emptied first) until it holds `rows` rows or the file ends;
    /// records how reading ended and the bytes read.
    func fill(_ chunk: ParsedEntityChunk, rows: Int) {
        chunk.reset()
        do {
            while chunk.rows.count < rows {
                guard let outcome = try reader.next() else {
                    chunk.ending = .endOfFile
                    break
                }
                switch outcome {
                case .malformed(let reason, let column): reject(reason, column, into: chunk)
                case .row: parse(into: chunk)
                }
            }
        } catch {
            chunk.ending = .failed(error)
        }
        chunk.bytesRead = reader.bytesRead
    }

    private func reject(_ reason: RejectReason, _ column: Int, into chunk: ParsedEntityChunk) {
        let rejection = RowRejection(
            file: file, line: reader.line, column: column, reason: reason, row: reader.rawRow())
        chunk.append(.init(line: reader.line, rejection: rejection))
    }

    private func parse(into chunk: ParsedEntityChunk) {
        let slots = reader.slots
        guard let idField = row.present(slots[0], reader) else {
            return reject(.missingValue(field: "id"), row.column(slots[0]), into: chunk)
        }
        if let (reason, column) = row.invisibleID(idField, named: "id", reader) {
            return reject(reason, column, into: chunk)
        }
        var kind: EntityKind? = nil
        if let kindField = row.present(slots[1], reader) {
            guard let parsed = reader.withBytes(kindField, EntityKind.init(nameBytes:)) else {
                return reject(.unknownKind(value: row.text(kindField, reader)), kindField.column, into: chunk)
            }
            kind = parsed
        }
        var parsed = ParsedEntityChunk.Row(line: reader.line, rejection: nil)
        parsed.id = reader.withBytes(idField) { chunk.store($0.trimmingASCIISpaces()) }
        parsed.idColumn = idField.column
        parsed.kind = kind
        parsed.name = row.present(slots[2], reader).map { row.text($0, reader) } ?? ""
        parsed.group = row.present(slots[3], reader).map { row.text($0, reader) } ?? ""
        parsed.raw = reader.withRawRow { chunk.store($0) }
        for (attribute, value) in reader.extras {
            let text = row.text(value, reader)
            if !text.isEmpty { parsed.attributes.append((attribute, text)) }
        }
        chunk.append(parsed)
    }
}

import RingfindGraph

/// Helpers for reading the values of the current row (shared by the row kinds).
struct RowContext {
    let kind: InputKind
    let fileIndex: UInt16
    private let timestampSlot: Int?
    private let countSlot: Int?

    init(kind: InputKind, fileIndex: UInt16) {
        self.kind = kind
        self.fileIndex = fileIndex
        timestampSlot = kind.slot(of: .timestamp)
        countSlot = kind.slot(of: .count)
    }

    /// The field if it is there and not blank.
    func present<Reader: RowReader>(_ field: FieldRef?, _ reader: Reader) -> FieldRef? {
        guard let field else { return nil }
        return reader.withBytes(field) { $0.trimmingASCIISpaces().isEmpty } ? nil : field
    }

    /// A rejection when the identifier in `field` shows as nothing (only invisible characters:
    /// NBSP, zero-width spaces, bidi controls, …), else `nil`. Visible ASCII answers at once.
    func invisibleID<Reader: RowReader>(_ field: FieldRef, named name: String, _ reader: Reader) -> (RejectReason, Int)?
    {
        let invisible = reader.withBytes(field) { raw -> Bool in
            let bytes = raw.trimmingASCIISpaces()
            for byte in bytes where byte > 0x20 && byte < 0x7F { return false }
            return String(decoding: bytes, as: UTF8.self).unicodeScalars.allSatisfy(TextSafety.isInvisible)
        }
        return invisible ? (.invisibleID(field: name, value: text(field, reader)), field.column) : nil
    }

    /// The column to report for a missing value (its column if the row has one, else 1).
    func column(_ field: FieldRef?) -> Int { field?.column ?? 1 }

    /// The trimmed text of a value.
    func text<Reader: RowReader>(_ field: FieldRef, _ reader: Reader) -> String {
        reader.withBytes(field) { String(decoding: $0.trimmingASCIISpaces(), as: UTF8.self) }
    }

    /// The label id of an optional text value (-1 when absent).
    func labelID<Reader: RowReader>(_ field: FieldRef?, _ reader: Reader, pool: inout ByteStringInterner) -> Int32 {
        guard let field = present(field, reader) else { return -1 }
        return reader.withBytes(field) { pool.intern($0.trimmingASCIISpaces()).id }
    }

    /// The optional `timestamp` and `count` of an event row.
    func timeAndCount<Reader: RowReader>(_ slots: [FieldRef?], _ reader: Reader) -> Result<
        (time: Int64, count: Int32), RejectionError
    > {
        var time = Timestamp.missing
        if let slot = timestampSlot, let field = present(slots[slot], reader) {
            switch reader.withBytes(field, TimestampParser.parse) {
            case .success(let value): time = value
            case .failure(let failure):
                return .failure(
                    RejectionError(
                        .badTimestamp(field: "timestamp", value: text(field, reader), detail: failure.detail),
                        field.column))
            }
        }
        var count: Int32 = 1
        if let slot = countSlot, let field = present(slots[slot], reader) {
            guard let value = reader.withBytes(field, NumberParser.count) else {
                return .failure(
                    RejectionError(
                        .badNumber(field: "count", value: text(field, reader), expected: "a whole number ≥ 1"),
                        field.column))
            }
            count = value
        }
        return .success((time, count))
    }
}

/// A row rejection travelling through a `Result`.
struct RejectionError: Error {
    let reason: RejectReason
    let column: Int
    init(_ reason: RejectReason, _ column: Int) {
        self.reason = reason
        self.column = column
    }
}

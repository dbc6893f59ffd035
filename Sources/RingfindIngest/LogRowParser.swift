import RingfindGraph

/// The first stage of reading a log (communications, payments, access): tokenises rows,
/// checks every rule that depends on the row alone (required values, invisible ids, amounts,
/// timestamps, counts, the time window) and parses numbers and times, into a
/// `ParsedLogChunk`. Nothing here touches the entity table or any other shared state, so it
/// can run on a second thread ahead of the storing stage (`Ingestor+Logs.swift`), which
/// interns ids and appends rows in input order.
///
/// A row is accepted here only if the storing stage cannot reject it: for logs every
/// rejection depends on the row alone, so rows are accepted or rejected exactly as when both
/// stages ran one row at a time. The checks are made in the order that decides which reason
/// a row with several faults is rejected for.
///
/// - Complexity: O(bytes of the rows) per chunk; no allocation per row except for
///   rejected rows (their message and raw text).
struct LogRowParser<Reader: RowReader> {
    let reader: Reader
    let kind: InputKind
    let file: String
    let window: TimeWindow?
    /// Hashes ids as the entity table will (`ParsedLogChunk.idHashes`).
    let idHasher: ByteStringInterner.KeyHasher
    private let row: RowContext
    /// Schema slots: `from` or `employee`; `to` or `vendor`; `amount` (payments); the label
    /// (`channel`, `currency` or `action`); `resource` and `ticket` (access); `origin`.
    private let fromSlot: Int, toSlot: Int, amountSlot: Int?, labelSlot: Int
    private let resourceSlot: Int, ticketSlot: Int, originSlot: Int

    init(
        reader: Reader, kind: InputKind, file: String, fileIndex: UInt16, window: TimeWindow?,
        idHasher: ByteStringInterner.KeyHasher
    ) {
        precondition(kind.isLog, "LogRowParser reads logs only")
        self.reader = reader
        self.kind = kind
        self.file = file
        self.window = window
        self.idHasher = idHasher
        row = RowContext(kind: kind, fileIndex: fileIndex)
        // Every log kind has these fields (`InputKind.fields`); a slot a kind lacks is never read.
        func slot(_ field: InputField) -> Int { kind.slot(of: field) ?? 0 }
        fromSlot = slot(kind == .access ? .employee : .from)
        toSlot = slot(kind == .access ? .vendor : .to)
        amountSlot = kind == .payments ? slot(.amount) : nil
        labelSlot = slot(kind == .payments ? .currency : kind == .access ? .action : .channel)
        resourceSlot = slot(.resource)
        ticketSlot = slot(.ticket)
        originSlot = slot(.origin)
    }

    /// Reads rows into `chunk` (emptied first) until it holds `rows` rows or the file ends;
    /// records how reading ended and the bytes read.
    func fill(_ chunk: ParsedLogChunk, rows: Int) {
        chunk.reset()
        do {
            while chunk.rowCount < rows {
                guard let outcome = try reader.next() else {
                    chunk.ending = .endOfFile
                    break
                }
                switch outcome {
                case .malformed(let reason, let column): reject(reason, column, into: chunk)
                case .row: kind == .access ? parseAccess(into: chunk) : parseEvent(into: chunk)
                }
            }
        } catch {
            chunk.ending = .failed(error)
        }
        chunk.bytesRead = reader.bytesRead
    }

    private func reject(_ reason: RejectReason, _ column: Int, into chunk: ParsedLogChunk) {
        chunk.appendRejected(
            RowRejection(file: file, line: reader.line, column: column, reason: reason, row: reader.rawRow()))
    }

    /// Appends the trimmed bytes of an optional value (absent when missing or blank).
    private func appendText(_ field: FieldRef?, to chunk: ParsedLogChunk) {
        if let field = row.present(field, reader) {
            reader.withBytes(field) { chunk.appendText($0.trimmingASCIISpaces()) }
        } else {
            chunk.appendAbsentText()
        }
    }

    /// Appends the trimmed bytes of an optional id and their hash (absent when missing or blank).
    private func appendID(_ field: FieldRef?, to chunk: ParsedLogChunk) {
        if let field = row.present(field, reader) {
            reader.withBytes(field) { raw in
                let id = raw.trimmingASCIISpaces()
                chunk.appendID(id, hash: idHasher.hash(id))
            }
        } else {
            chunk.appendAbsentID()
        }
    }

    /// Communications and payments: `from`, `to`, then type-specific fields.
    private func parseEvent(into chunk: ParsedLogChunk) {
        let slots = reader.slots
        guard let from = row.present(slots[fromSlot], reader) else {
            return reject(.missingValue(field: "from"), row.column(slots[fromSlot]), into: chunk)
        }
        guard let to = row.present(slots[toSlot], reader) else {
            return reject(.missingValue(field: "to"), row.column(slots[toSlot]), into: chunk)
        }
        if let (reason, column) = row.invisibleID(from, named: "from", reader)
            ?? row.invisibleID(to, named: "to", reader)
        {
            return reject(reason, column, into: chunk)
        }
        var amount = 0.0
        if let amountSlot {
            let slot = slots[amountSlot]
            guard let field = row.present(slot, reader) else {
                return reject(.missingValue(field: "amount"), row.column(slot), into: chunk)
            }
            guard let value = reader.withBytes(field, NumberParser.decimal), value >= 0 else {
                return reject(
                    .badNumber(
                        field: "amount", value: row.text(field, reader), expected: "a number ≥ 0 such as 1250.50"),
                    field.column, into: chunk)
            }
            guard value <= NumberParser.maximumAmount else {
                return reject(
                    .amountTooLarge(field: "amount", value: row.text(field, reader)), field.column, into: chunk)
            }
            amount = value
        }
        let common: (time: Int64, count: Int32)
        switch row.timeAndCount(slots, reader) {
        case .failure(let rejection): return reject(rejection.reason, rejection.column, into: chunk)
        case .success(let values): common = values
        }
        if let window, !window.contains(common.time) { return chunk.appendOutsideWindow(line: reader.line) }
        chunk.appendAccepted(line: reader.line, time: common.time, count: common.count, amount: amount)
        appendID(from, to: chunk)
        appendID(to, to: chunk)
        appendText(slots[labelSlot], to: chunk)
        appendText(slots[originSlot], to: chunk)
    }

    /// Access: `employee`, `action`, and a `vendor` or a `resource` (or both).
    private func parseAccess(into chunk: ParsedLogChunk) {
        let slots = reader.slots
        guard let employee = row.present(slots[fromSlot], reader) else {
            return reject(.missingValue(field: "employee"), row.column(slots[fromSlot]), into: chunk)
        }
        guard let action = row.present(slots[labelSlot], reader) else {
            return reject(.missingValue(field: "action"), row.column(slots[labelSlot]), into: chunk)
        }
        let vendorField = slots[toSlot]
        let resourceField = slots[resourceSlot]
        let vendor = row.present(vendorField, reader)
        let resource = row.present(resourceField, reader)
        if vendor == nil && resource == nil {
            return reject(.missingVendorAndResource, row.column(vendorField ?? resourceField), into: chunk)
        }
        if let (reason, column) = row.invisibleID(employee, named: "employee", reader)
            ?? vendor.flatMap({ row.invisibleID($0, named: "vendor", reader) })
        {
            return reject(reason, column, into: chunk)
        }
        let common: (time: Int64, count: Int32)
        switch row.timeAndCount(slots, reader) {
        case .failure(let rejection): return reject(rejection.reason, rejection.column, into: chunk)
        case .success(let values): common = values
        }
        if let window, !window.contains(common.time) { return chunk.appendOutsideWindow(line: reader.line) }
        chunk.appendAccepted(line: reader.line, time: common.time, count: common.count, amount: 0)
        appendID(employee, to: chunk)
        appendID(vendor, to: chunk)
        appendText(resource, to: chunk)
        appendText(action, to: chunk)
        appendText(slots[ticketSlot], to: chunk)
        appendText(slots[originSlot], to: chunk)
    }
}

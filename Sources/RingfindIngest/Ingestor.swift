import Foundation
import RingfindGraph

/// Reads input files into the entity table and the event store, validating every row.
///
/// Each row is either accepted (stored, with its file and line) or rejected with a reason,
/// a line and a column, and handed to `onReject` (which writes `rejected.csv`). Text values
/// are trimmed of surrounding spaces; empty optional values mean absent.
///
/// Files must be given entities first (as `InputDiscovery` orders them) so that declared
/// kinds are known before events refer to an entity.
public struct Ingestor: ~Copyable {
    public private(set) var entities = EntityTable()
    public private(set) var events = EventStore()
    private let policy: RejectPolicy
    private let onReject: (RowRejection) throws(IngestError) -> Void
    /// Called about every 64k rows with the bytes read so far of the current file.
    public var onProgress: ((Int) -> Void)? = nil

    /// - Parameters:
    ///   - policy: strict or not; `--max-rejects`.
    ///   - onReject: receives every rejected row, in input order.
    public init(policy: RejectPolicy, onReject: @escaping (RowRejection) throws(IngestError) -> Void) {
        self.policy = policy
        self.onReject = onReject
    }

    /// Gives up the entities and events read so far.
    public consuming func finish() -> (EntityTable, EventStore) { (entities, events) }

    /// Reads one file to the end.
    /// - Parameter chunkSize: bytes read at a time (tests use tiny chunks to exercise rows
    ///   that straddle chunk boundaries).
    public mutating func ingest(_ input: InputFile, chunkSize: Int = 1 << 22) throws(IngestError) -> FileReport {
        guard events.sourceFiles.count < Int(UInt16.max) else {
            throw .unreadableFile(file: input.path, reason: "more than 65,535 input files")
        }
        let fileIndex = UInt16(events.sourceFiles.count)
        events.sourceFiles.append(input.path)
        switch input.format {
        case .csv:
            return try ingestRows(CSVRowReader(path: input.path, kind: input.kind, chunkSize: chunkSize), input, fileIndex)
        case .jsonLines:
            return try ingestRows(JSONLinesRowReader(path: input.path, kind: input.kind, chunkSize: chunkSize), input, fileIndex)
        }
    }

    private mutating func ingestRows<Reader: RowReader>(_ reader: Reader, _ input: InputFile, _ fileIndex: UInt16) throws(IngestError) -> FileReport {
        var report = FileReport(
            path: input.path, kind: input.kind.rawValue, format: input.format.rawValue, bytes: 0, sha256: "",
            rowsRead: 0, rowsAccepted: 0, rowsRejected: 0, blankLines: 0, rejectsByReason: [:], ignoredColumns: [],
            rowsWithoutVendor: 0)
        var row = RowContext(kind: input.kind, fileIndex: fileIndex)
        reserveRows(for: input)
        while let outcome = try reader.next() {
            report.rowsRead += 1
            if report.rowsRead & 0xFFFF == 0, let onProgress { onProgress(reader.bytesRead) }
            var rejection: (RejectReason, Int)? = nil
            switch outcome {
            case .malformed(let reason, let column): rejection = (reason, column)
            case .row:
                switch input.kind {
                case .entities: rejection = acceptEntity(reader, &row)
                case .communications: rejection = acceptEvent(reader, &row, type: .communication)
                case .payments: rejection = acceptEvent(reader, &row, type: .payment)
                case .access: rejection = acceptAccess(reader, &row, report: &report)
                }
            }
            if let (reason, column) = rejection {
                report.rowsRejected += 1
                report.rejectsByReason[reason.code, default: 0] += 1
                let rejected = RowRejection(file: input.path, line: reader.line, column: column, reason: reason, row: reader.rawRow())
                if policy.strict { throw .strictRejection(rejected) }
                try onReject(rejected)
            } else {
                report.rowsAccepted += 1
            }
        }
        if entities.count >= Int(Int32.max) { throw .tooManyEntities(file: input.path) }
        report.bytes = reader.bytesRead
        report.sha256 = reader.sha256Hex()
        report.blankLines = reader.blankLines
        report.ignoredColumns = reader.ignoredColumns
        if policy.exceeded(rejected: report.rowsRejected, rows: report.rowsRead) {
            throw .tooManyRejects(file: input.path, rejected: report.rowsRejected, rows: report.rowsRead, limit: policy.description)
        }
        return report
    }

    /// Reserves column capacity from the file size (about one row per 32 bytes) so the
    /// columns are not copied while they grow; untouched reserved pages cost no memory.
    private mutating func reserveRows(for input: InputFile) {
        guard let size = (try? FileManager.default.attributesOfItem(atPath: input.path))?[.size] as? Int else { return }
        let rows = size / 32
        switch input.kind {
        case .entities: break
        case .communications: events.communications.reserve(rows)
        case .payments: events.payments.reserve(rows)
        case .access: events.access.reserve(rows)
        }
    }

    // MARK: - Rows of each kind

    private mutating func acceptEntity<Reader: RowReader>(_ reader: Reader, _ row: inout RowContext) -> (RejectReason, Int)? {
        let slots = reader.slots
        guard let idField = row.present(slots[0], reader) else { return (.missingValue(field: "id"), row.column(slots[0])) }
        if let rejection = row.invisibleID(idField, named: "id", reader) { return rejection }
        var kind: EntityKind? = nil
        if let kindField = row.present(slots[1], reader) {
            let text = row.text(kindField, reader)
            guard let parsed = EntityKind(name: text) else { return (.unknownKind(value: text), kindField.column) }
            kind = parsed
        }
        let name = row.present(slots[2], reader).map { row.text($0, reader) } ?? ""
        let group = row.present(slots[3], reader).map { row.text($0, reader) } ?? ""
        let line = reader.line
        let (entity, duplicateOf) = reader.withBytes(idField) { bytes in
            entities.declare(id: Trim.bytes(bytes), kind: kind, name: name, group: group, line: line)
        }
        if let firstLine = duplicateOf {
            return (.duplicateEntity(id: row.text(idField, reader), firstLine: Int(firstLine)), idField.column)
        }
        for (attribute, value) in reader.extras {
            let text = row.text(value, reader)
            if !text.isEmpty { entities.setAttribute(attribute, of: entity, to: text) }
        }
        return nil
    }

    /// Communications and payments: `from`, `to`, then type-specific fields.
    private mutating func acceptEvent<Reader: RowReader>(_ reader: Reader, _ row: inout RowContext, type: EdgeType) -> (RejectReason, Int)? {
        let slots = reader.slots
        let kind = row.kind
        guard let from = row.present(slots[kind.slot(of: .from)!], reader) else {
            return (.missingValue(field: "from"), row.column(slots[kind.slot(of: .from)!]))
        }
        guard let to = row.present(slots[kind.slot(of: .to)!], reader) else {
            return (.missingValue(field: "to"), row.column(slots[kind.slot(of: .to)!]))
        }
        if let rejection = row.invisibleID(from, named: "from", reader) ?? row.invisibleID(to, named: "to", reader) { return rejection }
        var amount = 0.0
        if type == .payment {
            let slot = slots[kind.slot(of: .amount)!]
            guard let field = row.present(slot, reader) else { return (.missingValue(field: "amount"), row.column(slot)) }
            guard let value = reader.withBytes(field, NumberParser.decimal), value >= 0 else {
                return (.badNumber(field: "amount", value: row.text(field, reader), expected: "a number ≥ 0 such as 1250.50"), field.column)
            }
            guard value <= NumberParser.maximumAmount else { return (.amountTooLarge(field: "amount", value: row.text(field, reader)), field.column) }
            amount = value
        }
        let common: (time: Int64, count: Int32)
        switch row.timeAndCount(slots, reader) {
        case .failure(let rejection): return (rejection.reason, rejection.column)
        case .success(let values): common = values
        }
        let labelField = kind == .payments ? InputField.currency : .channel
        let label = row.labelID(slots[kind.slot(of: labelField)!], reader, pool: &events.labels)
        let source = reader.withBytes(from) { entities.entity(for: Trim.bytes($0), seenAs: .external) }
        let target = reader.withBytes(to) { entities.entity(for: Trim.bytes($0), seenAs: .external) }
        let line = UInt32(clamping: reader.line)
        let fileIndex = row.fileIndex
        func append(_ log: inout EventLog) {
            log.source.append(source)
            log.target.append(target)
            log.time.append(common.time)
            log.count.append(common.count)
            log.label.append(label)
            log.file.append(fileIndex)
            log.line.append(line)
            if type == .payment { log.amount.append(amount) }
        }
        if type == .payment { append(&events.payments) } else { append(&events.communications) }
        return nil
    }

    private mutating func acceptAccess<Reader: RowReader>(_ reader: Reader, _ row: inout RowContext, report: inout FileReport) -> (RejectReason, Int)? {
        let slots = reader.slots
        guard let employee = row.present(slots[0], reader) else { return (.missingValue(field: "employee"), row.column(slots[0])) }
        guard let action = row.present(slots[1], reader) else { return (.missingValue(field: "action"), row.column(slots[1])) }
        let vendor = row.present(slots[2], reader)
        let resource = row.present(slots[3], reader)
        if vendor == nil && resource == nil { return (.missingVendorAndResource, row.column(slots[2] ?? slots[3])) }
        if let rejection = row.invisibleID(employee, named: "employee", reader) ?? vendor.flatMap({ row.invisibleID($0, named: "vendor", reader) }) {
            return rejection
        }
        let common: (time: Int64, count: Int32)
        switch row.timeAndCount(slots, reader) {
        case .failure(let rejection): return (rejection.reason, rejection.column)
        case .success(let values): common = values
        }
        let source = reader.withBytes(employee) { entities.entity(for: Trim.bytes($0), seenAs: .employee) }
        let target = vendor.map { field in reader.withBytes(field) { entities.entity(for: Trim.bytes($0), seenAs: .vendor) } } ?? -1
        if vendor == nil { report.rowsWithoutVendor += 1 }
        events.access.source.append(source)
        events.access.target.append(target)
        events.access.time.append(common.time)
        events.access.count.append(common.count)
        events.access.label.append(reader.withBytes(action) { events.labels.intern(Trim.bytes($0)).id })
        events.access.resource.append(resource.map { field in reader.withBytes(field) { events.resources.intern(Trim.bytes($0)).id } } ?? -1)
        if let ticket = row.present(slots[5], reader) {
            reader.withBytes(ticket) { events.access.ticket.append(Trim.bytes($0)) }
        } else {
            events.access.ticket.append(UnsafeRawBufferPointer(start: nil, count: 0))
        }
        events.access.file.append(row.fileIndex)
        events.access.line.append(UInt32(clamping: reader.line))
        return nil
    }
}

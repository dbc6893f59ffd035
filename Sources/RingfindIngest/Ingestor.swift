import Foundation
import RingfindGraph

/// Reads input files into the entity table and the event store, validating every row.
///
/// Each row is either accepted (stored, with its file and line) or rejected with a reason,
/// a line and a column, and handed to `onReject` (which writes `rejected.csv`). Text values
/// are trimmed of surrounding spaces; empty optional values mean absent.
///
/// Files must be given in `InputDiscovery`'s order: aliases and resources first (every id
/// is resolved to its canonical id, and every resource to its vendor, as rows are read), then
/// entities (so declared kinds are known before events refer to an entity), then the logs.
/// Log rows dated outside `window` are counted, not stored.
public struct Ingestor: ~Copyable {
    public internal(set) var entities = EntityTable()
    public internal(set) var events = EventStore()
    /// The aliases read so far (resolved before the first file of another kind).
    public internal(set) var aliases = AliasTable()
    /// The resource → vendor rules read so far.
    public internal(set) var resources = ResourceMap()
    /// What identity resolution and resource mapping did (for `build.json`).
    public internal(set) var mapping = MappingReport()
    let policy: RejectPolicy
    let window: TimeWindow?
    /// For each interned resource: -2 not looked up yet, -1 unmapped, else the vendor entity.
    var resourceVendor: [Int32] = []
    /// For each alias-table name: whether it has been seen in the data (merged).
    var aliasSeen: [Bool] = []
    /// For each alias-table name: its index in `entities.aliases`, or -1.
    var aliasIndex: [Int32] = []
    /// Entities with aliases that an entities row has declared: where, and whether by the
    /// canonical id itself (its row's values win).
    var aliasedDeclarations: [Int32: (file: String, line: Int, raw: String, own: Bool)] = [:]
    /// Alias-table names declared by an entities row (a second row with the same name is a duplicate).
    var declaredNames: [Int32: Int] = [:]
    let onReject: (RowRejection) throws(IngestError) -> Void
    /// Called about every 64k rows with the bytes read so far of the current file.
    public var onProgress: ((Int) -> Void)? = nil
    /// How logs are read: parsed on a second thread ahead of storing (the standard), or
    /// inline. Results are the same either way (`ParseAhead`).
    public var parseAhead = ParseAhead.standard

    /// - Parameters:
    ///   - policy: strict or not; `--max-rejects`.
    ///   - onReject: receives every rejected row, in input order.
    ///   - window: log rows dated outside it are counted as outside, not stored.
    public init(
        policy: RejectPolicy, window: TimeWindow? = nil, onReject: @escaping (RowRejection) throws(IngestError) -> Void
    ) {
        self.policy = policy
        self.window = window
        self.onReject = onReject
    }

    /// Gives up the entities and events read so far. Every declared alias of an entity that
    /// was read is recorded on it (`EntityTable.aliases`), used or not.
    public consuming func finish() -> (EntityTable, EventStore) {
        let (entities, events, _) = finishWithMapping()
        return (entities, events)
    }

    /// `finish()`, with the account of what aliases and resource rules did.
    public consuming func finishWithMapping() -> (EntityTable, EventStore, MappingReport) {
        if !aliases.isResolved, aliases.resolve() == nil {
            aliasSeen = [Bool](repeating: false, count: aliases.names.count)
            aliasIndex = [Int32](repeating: -1, count: aliases.names.count)
        }
        for (alias, canonical) in aliases.allAliases() where aliasIndex[Int(alias)] < 0 {
            let entity = aliases.names.withBytes(canonical) { entities.entity(forIDBytes: $0) }
            if let entity { aliases.names.withBytes(alias) { _ = entities.addAlias($0, of: entity) } }
        }
        mapping.aliasesOfReadEntities = entities.aliases.count
        mapping.canonicalEntitiesWithAliases = Set(entities.aliasEntity).count
        mapping.exactResourceRules = resources.exactRules
        mapping.prefixResourceRules = resources.prefixRules
        return (entities, events, mapping)
    }

    /// Reads one file to the end.
    /// - Parameter chunkSize: bytes read at a time (tests use tiny chunks to exercise rows
    ///   that straddle chunk boundaries).
    public mutating func ingest(_ input: InputFile, chunkSize: Int = 1 << 22) throws(IngestError) -> FileReport {
        guard events.sourceFiles.count < Int(UInt16.max) else {
            throw .unreadableFile(file: input.path, reason: "more than 65,535 input files")
        }
        if input.kind != .aliases { try resolveAliasesIfNeeded() }
        if input.kind == .aliases && aliases.isResolved {
            throw .unreadableFile(file: input.path, reason: "alias files must be read before every other input")
        }
        let fileIndex = UInt16(events.sourceFiles.count)
        events.sourceFiles.append(input.path)
        switch input.format {
        case .csv:
            return try read(CSVRowReader(path: input.path, kind: input.kind, chunkSize: chunkSize), input, fileIndex)
        case .jsonLines:
            return try read(
                JSONLinesRowReader(path: input.path, kind: input.kind, chunkSize: chunkSize), input, fileIndex)
        }
    }

    /// Reads `input` with `reader`, whose header is read: logs, and entities without aliases, in
    /// two stages; everything else row by row.
    private mutating func read<Reader: RowReader>(_ reader: Reader, _ input: InputFile, _ fileIndex: UInt16)
        throws(IngestError) -> FileReport
    {
        if input.kind.isLog { return try ingestLog(reader, input, fileIndex) }
        if input.kind == .entities && entitiesInTwoStages { return try ingestEntities(reader, input, fileIndex) }
        return try ingestRows(reader, input, fileIndex)
    }

    /// Reads a file of aliases, resources, entities or totals one row at a time (logs:
    /// `ingestLog`).
    private mutating func ingestRows<Reader: RowReader>(_ reader: Reader, _ input: InputFile, _ fileIndex: UInt16)
        throws(IngestError) -> FileReport
    {
        var report = FileReport.empty(for: input)
        var row = RowContext(kind: input.kind, fileIndex: fileIndex)
        while let outcome = try reader.next() {
            report.rowsRead += 1
            if report.rowsRead & 0xFFFF == 0, let onProgress { onProgress(reader.bytesRead) }
            var verdict = RowVerdict.accepted
            switch outcome {
            case .malformed(let reason, let column): verdict = .rejected(reason, column)
            case .row:
                switch input.kind {
                case .aliases: verdict = try acceptAlias(reader, &row, file: input.path)
                case .resources: verdict = try acceptResource(reader, &row, file: input.path)
                case .entities: verdict = try acceptEntity(reader, &row, file: input.path)
                case .totals: verdict = acceptTotal(reader, &row)
                case .communications, .payments, .access: preconditionFailure("logs are read by ingestLog")
                }
            }
            if case .outsideWindow = verdict {
                report.rowsOutsideWindow += 1
            } else if case .rejected(let reason, let column) = verdict {
                report.rowsRejected += 1
                report.rejectsByReason[reason.code, default: 0] += 1
                let rejected = RowRejection(
                    file: input.path, line: reader.line, column: column, reason: reason, row: reader.rawRow())
                if policy.strict { throw .strictRejection(rejected) }
                try onReject(rejected)
            } else {
                report.rowsAccepted += 1
            }
        }
        return try finishedFile(report, reader: reader, input: input)
    }

    /// A file read to the end: its report completed from the reader (bytes, SHA-256, blank
    /// lines, ignored columns); throws when ids ran out or rejects passed `--max-rejects`.
    func finishedFile<Reader: RowReader>(_ report: FileReport, reader: Reader, input: InputFile) throws(IngestError)
        -> FileReport
    {
        var report = report
        if entities.count >= Int(Int32.max) { throw .tooManyEntities(file: input.path) }
        report.bytes = reader.bytesRead
        report.sha256 = reader.sha256Hex()
        report.blankLines = reader.blankLines
        report.ignoredColumns = reader.ignoredColumns
        if policy.exceeded(rejected: report.rowsRejected, rows: report.rowsRead) {
            throw .tooManyRejects(
                file: input.path, rejected: report.rowsRejected, rows: report.rowsRead, limit: policy.description)
        }
        return report
    }

    /// Reserves column capacity from the file size (about one row per 32 bytes) so the
    /// columns are not copied while they grow; untouched reserved pages cost no memory.
    mutating func reserveRows(for input: InputFile) {
        guard let size = (try? FileManager.default.attributesOfItem(atPath: input.path))?[.size] as? Int else { return }
        let rows = size / 32
        switch input.kind {
        case .aliases, .resources, .entities, .totals: break
        case .communications: events.communications.reserve(rows)
        case .payments: events.payments.reserve(rows)
        case .access: events.access.reserve(rows)
        }
    }

    // MARK: - Rows of each kind

    private mutating func acceptEntity<Reader: RowReader>(_ reader: Reader, _ row: inout RowContext, file: String)
        throws(IngestError) -> RowVerdict
    {
        let slots = reader.slots
        guard let idField = row.present(slots[0], reader) else {
            return .rejected(.missingValue(field: "id"), row.column(slots[0]))
        }
        if let (reason, column) = row.invisibleID(idField, named: "id", reader) { return .rejected(reason, column) }
        var kind: EntityKind? = nil
        if let kindField = row.present(slots[1], reader) {
            let text = row.text(kindField, reader)
            guard let parsed = EntityKind(name: text) else {
                return .rejected(.unknownKind(value: text), kindField.column)
            }
            kind = parsed
        }
        let name = row.present(slots[2], reader).map { row.text($0, reader) } ?? ""
        let group = row.present(slots[3], reader).map { row.text($0, reader) } ?? ""
        let line = reader.line
        // An id that is an alias, or that aliases point to: declarations under its several
        // names merge into one entity.
        if !aliases.isEmpty {
            let resolved = reader.withBytes(idField) { aliases.canonical(of: $0.trimmingASCIISpaces()) }
            let isTarget = resolved == nil && reader.withBytes(idField) { aliases.isTarget($0.trimmingASCIISpaces()) }
            if resolved != nil || isTarget {
                return try declareAliased(
                    reader, row, idField, resolved: resolved, kind: kind, name: name, group: group, line: line,
                    file: file)
            }
        }
        let (entity, duplicateOf) = reader.withBytes(idField) { bytes in
            entities.declare(id: bytes.trimmingASCIISpaces(), kind: kind, name: name, group: group, line: line)
        }
        if let firstLine = duplicateOf {
            return .rejected(.duplicateEntity(id: row.text(idField, reader), firstLine: Int(firstLine)), idField.column)
        }
        for (attribute, value) in reader.extras {
            let text = row.text(value, reader)
            if !text.isEmpty { entities.setAttribute(attribute, of: entity, to: text) }
        }
        return .accepted
    }

    /// The entity an event names by `id`, resolving aliases, and the alias used (an index into
    /// `entities.aliases`, -1 when the row used the canonical id).
    /// - Complexity: expected O(length of the id); one more hash probe when aliases exist.
    @inline(__always)
    mutating func eventEntity(_ id: UnsafeRawBufferPointer, seenAs role: EntityKind) -> (entity: Int32, alias: Int32) {
        let bytes = id.trimmingASCIISpaces()
        return eventEntity(trimmed: bytes, hash: entities.ids.keyHasher.hash(bytes), seenAs: role)
    }

    /// `eventEntity(_:seenAs:)` for a trimmed id whose hash (`entities.ids.keyHasher`) is known.
    @inline(__always)
    mutating func eventEntity(trimmed bytes: UnsafeRawBufferPointer, hash: UInt64, seenAs role: EntityKind) -> (
        entity: Int32, alias: Int32
    ) {
        guard let resolved = aliases.canonical(of: bytes) else {
            return (entities.entity(for: bytes, hash: hash, seenAs: role), -1)
        }
        let entity = aliases.names.withBytes(resolved.canonical) { entities.entity(for: $0, seenAs: role) }
        noteAlias(resolved.alias, of: entity)
        mapping.rowsRenamed += 1
        return (entity, aliasIndex[Int(resolved.alias)])
    }

    /// `measure,id,count`: a total of access rows left out of the log (`AccessTotals`). The
    /// measures: `jobs`, `unticketed_jobs`, `bulk_jobs`, `bulk_unticketed_jobs` of employee
    /// `id`; `accesses` of vendor `id`; `other_accesses` (any `id`): accesses naming vendors not
    /// listed; `action_rows` of action `id` (rows naming it). Ids are resolved like log ids
    /// (aliases), and an id first seen here is an employee or a vendor by its measure.
    private mutating func acceptTotal<Reader: RowReader>(_ reader: Reader, _ row: inout RowContext) -> RowVerdict {
        let slots = reader.slots
        guard let measureField = row.present(slots[0], reader) else {
            return .rejected(.missingValue(field: "measure"), row.column(slots[0]))
        }
        guard let id = row.present(slots[1], reader) else {
            return .rejected(.missingValue(field: "id"), row.column(slots[1]))
        }
        guard let countField = row.present(slots[2], reader) else {
            return .rejected(.missingValue(field: "count"), row.column(slots[2]))
        }
        if let (reason, column) = row.invisibleID(id, named: "id", reader) { return .rejected(reason, column) }
        let measure = row.text(measureField, reader)
        guard let kind = TotalMeasure(rawValue: measure) else {
            return .rejected(.unknownMeasure(value: measure), measureField.column)
        }
        guard let count = reader.withBytes(countField, NumberParser.count) else {
            return .rejected(
                .badNumber(field: "count", value: row.text(countField, reader), expected: "a whole number ≥ 1"),
                countField.column)
        }
        let n = Int(count)
        switch kind {
        case .actionRows:
            events.omittedAccess.actions.insert(
                reader.withBytes(id) { events.labels.intern($0.trimmingASCIISpaces()).id })
        case .otherAccesses:
            events.omittedAccess.otherAccesses += Int64(n)
        case .accesses:
            let vendor = reader.withBytes(id) { eventEntity($0, seenAs: .vendor) }.entity
            events.omittedAccess.accesses[vendor, default: 0] += Int64(n)
        case .jobs, .unticketedJobs, .bulkJobs, .bulkUnticketedJobs:
            let employee = reader.withBytes(id) { eventEntity($0, seenAs: .employee) }.entity
            var jobs = events.omittedAccess.jobs[employee] ?? AccessTotals.Jobs()
            switch kind {
            case .jobs: jobs.vendor += n
            case .unticketedJobs: jobs.vendorUnticketed += n
            case .bulkJobs: jobs.bulk += n
            default: jobs.bulkUnticketed += n
            }
            events.omittedAccess.jobs[employee] = jobs
        }
        return .accepted
    }

}

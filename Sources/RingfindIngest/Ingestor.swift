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
    public private(set) var entities = EntityTable()
    public private(set) var events = EventStore()
    /// The aliases read so far (resolved before the first file of another kind).
    public private(set) var aliases = AliasTable()
    /// The resource → vendor rules read so far.
    public private(set) var resources = ResourceMap()
    /// What identity resolution and resource mapping did (for `build.json`).
    public private(set) var mapping = MappingReport()
    private let policy: RejectPolicy
    private let window: TimeWindow?
    /// For each interned resource: -2 not looked up yet, -1 unmapped, else the vendor entity.
    private var resourceVendor: [Int32] = []
    /// For each alias-table name: whether it has been seen in the data (merged).
    private var aliasSeen: [Bool] = []
    /// For each alias-table name: its index in `entities.aliases`, or -1.
    private var aliasIndex: [Int32] = []
    /// Entities with aliases that an entities row has declared: where, and whether by the
    /// canonical id itself (its row's values win).
    private var aliasedDeclarations: [Int32: (file: String, line: Int, raw: String, own: Bool)] = [:]
    /// Alias-table names declared by an entities row (a second row with the same name is a duplicate).
    private var declaredNames: [Int32: Int] = [:]
    private let onReject: (RowRejection) throws(IngestError) -> Void
    /// Called about every 64k rows with the bytes read so far of the current file.
    public var onProgress: ((Int) -> Void)? = nil

    /// - Parameters:
    ///   - policy: strict or not; `--max-rejects`.
    ///   - onReject: receives every rejected row, in input order.
    ///   - window: log rows dated outside it are counted as outside, not stored.
    public init(policy: RejectPolicy, window: TimeWindow? = nil, onReject: @escaping (RowRejection) throws(IngestError) -> Void) {
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

    /// Resolves the aliases once all alias files are read (before any other file).
    private mutating func resolveAliasesIfNeeded() throws(IngestError) {
        guard !aliases.isResolved else { return }
        if let cycle = aliases.resolve() { throw .aliasCycle(rows: cycle) }
        aliasSeen = [Bool](repeating: false, count: aliases.names.count)
        aliasIndex = [Int32](repeating: -1, count: aliases.names.count)
        mapping.aliasRows = aliases.rows
        mapping.aliases = aliases.aliasCount
        mapping.chainedAliases = aliases.chained
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
            return try ingestRows(CSVRowReader(path: input.path, kind: input.kind, chunkSize: chunkSize), input, fileIndex)
        case .jsonLines:
            return try ingestRows(JSONLinesRowReader(path: input.path, kind: input.kind, chunkSize: chunkSize), input, fileIndex)
        }
    }

    private mutating func ingestRows<Reader: RowReader>(_ reader: Reader, _ input: InputFile, _ fileIndex: UInt16) throws(IngestError) -> FileReport {
        var report = FileReport(
            path: input.path, kind: input.kind.rawValue, format: input.format.rawValue, bytes: 0, sha256: "",
            rowsRead: 0, rowsAccepted: 0, rowsRejected: 0, blankLines: 0, rejectsByReason: [:], ignoredColumns: [],
            rowsWithoutVendor: 0, rowsOutsideWindow: 0, rowsVendorFromResource: 0)
        var row = RowContext(kind: input.kind, fileIndex: fileIndex)
        reserveRows(for: input)
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
                case .communications: verdict = acceptEvent(reader, &row, type: .communication)
                case .payments: verdict = acceptEvent(reader, &row, type: .payment)
                case .access: verdict = acceptAccess(reader, &row, report: &report)
                case .totals: verdict = acceptTotal(reader, &row)
                }
            }
            if case .outsideWindow = verdict {
                report.rowsOutsideWindow += 1
            } else if case .rejected(let reason, let column) = verdict {
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
        case .aliases, .resources, .entities, .totals: break
        case .communications: events.communications.reserve(rows)
        case .payments: events.payments.reserve(rows)
        case .access: events.access.reserve(rows)
        }
    }

    // MARK: - Rows of each kind

    /// `alias,id`: another name of an entity.
    private mutating func acceptAlias<Reader: RowReader>(_ reader: Reader, _ row: inout RowContext, file: String) throws(IngestError) -> RowVerdict {
        let slots = reader.slots
        guard let alias = row.present(slots[0], reader) else { return .rejected(.missingValue(field: "alias"), row.column(slots[0])) }
        guard let id = row.present(slots[1], reader) else { return .rejected(.missingValue(field: "id"), row.column(slots[1])) }
        if let (reason, column) = row.invisibleID(alias, named: "alias", reader) ?? row.invisibleID(id, named: "id", reader) {
            return .rejected(reason, column)
        }
        let line = reader.line
        let conflict = reader.withBytes(alias) { a in
            reader.withBytes(id) { i in aliases.add(alias: Trim.bytes(a), id: Trim.bytes(i), file: file, line: line) }
        }
        if let conflict {
            throw .conflictingAlias(alias: row.text(alias, reader), first: "\(conflict.file):\(conflict.line)", firstID: conflict.target,
                                    second: "\(file):\(line)", secondID: row.text(id, reader))
        }
        return .accepted
    }

    /// `resource,vendor`: the vendor a resource (or, ending in `*`, every resource with that
    /// prefix) belongs to.
    private mutating func acceptResource<Reader: RowReader>(_ reader: Reader, _ row: inout RowContext, file: String) throws(IngestError) -> RowVerdict {
        let slots = reader.slots
        guard let resource = row.present(slots[0], reader) else { return .rejected(.missingValue(field: "resource"), row.column(slots[0])) }
        guard let vendor = row.present(slots[1], reader) else { return .rejected(.missingValue(field: "vendor"), row.column(slots[1])) }
        if let (reason, column) = row.invisibleID(resource, named: "resource", reader) ?? row.invisibleID(vendor, named: "vendor", reader) {
            return .rejected(reason, column)
        }
        if row.text(resource, reader) == "*" { return .rejected(.emptyPrefix, resource.column) }
        let origin = "\(file):\(reader.line)"
        let conflict = reader.withBytes(resource) { r in
            reader.withBytes(vendor) { v in resources.add(resource: Trim.bytes(r), vendor: Trim.bytes(v), origin: origin) }
        }
        if let conflict {
            throw .conflictingResource(resource: row.text(resource, reader), first: conflict.origin, firstVendor: conflict.vendor,
                                       second: origin, secondVendor: row.text(vendor, reader))
        }
        return .accepted
    }

    private mutating func acceptEntity<Reader: RowReader>(_ reader: Reader, _ row: inout RowContext, file: String) throws(IngestError) -> RowVerdict {
        let slots = reader.slots
        guard let idField = row.present(slots[0], reader) else { return .rejected(.missingValue(field: "id"), row.column(slots[0])) }
        if let (reason, column) = row.invisibleID(idField, named: "id", reader) { return .rejected(reason, column) }
        var kind: EntityKind? = nil
        if let kindField = row.present(slots[1], reader) {
            let text = row.text(kindField, reader)
            guard let parsed = EntityKind(name: text) else { return .rejected(.unknownKind(value: text), kindField.column) }
            kind = parsed
        }
        let name = row.present(slots[2], reader).map { row.text($0, reader) } ?? ""
        let group = row.present(slots[3], reader).map { row.text($0, reader) } ?? ""
        let line = reader.line
        // An id that is an alias, or that aliases point to: declarations under its several
        // names merge into one entity.
        if !aliases.isEmpty {
            let resolved = reader.withBytes(idField) { aliases.canonical(of: Trim.bytes($0)) }
            let isTarget = resolved == nil && reader.withBytes(idField) { aliases.isTarget(Trim.bytes($0)) }
            if resolved != nil || isTarget {
                return try declareAliased(reader, row, idField, resolved: resolved, kind: kind, name: name, group: group, line: line, file: file)
            }
        }
        let (entity, duplicateOf) = reader.withBytes(idField) { bytes in
            entities.declare(id: Trim.bytes(bytes), kind: kind, name: name, group: group, line: line)
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

    /// An entities row whose id is an alias (`resolved`) or the canonical id of aliases: the
    /// row merges into the canonical entity. Kinds declared under two names must agree.
    private mutating func declareAliased<Reader: RowReader>(
        _ reader: Reader, _ row: RowContext, _ idField: FieldRef, resolved: (alias: Int32, canonical: Int32)?,
        kind: EntityKind?, name: String, group: String, line: Int, file: String
    ) throws(IngestError) -> RowVerdict {
        let raw = row.text(idField, reader)
        let nameIndex = resolved?.alias ?? reader.withBytes(idField) { aliases.names.lookup(Trim.bytes($0)) } ?? -1
        if let firstLine = declaredNames[nameIndex] {
            return .rejected(.duplicateEntity(id: raw, firstLine: firstLine), idField.column)
        }
        declaredNames[nameIndex] = line
        let own = resolved == nil
        let entity: Int32
        if let resolved {
            aliasSeen[Int(resolved.alias)] = true
            entity = aliases.names.withBytes(resolved.canonical) { entities.entity(for: $0, seenAs: .external) }
            noteAlias(resolved.alias, of: entity)
        } else {
            entity = reader.withBytes(idField) { entities.entity(for: Trim.bytes($0), seenAs: .external) }
        }
        if let earlier = aliasedDeclarations[entity] {
            if let conflict = entities.mergeDeclaration(of: entity, kind: kind, name: name, group: group, line: line, overwrite: own) {
                let aliasRow = resolved.map { aliases.origin(of: $0.alias) }
                    ?? reader.withBytes(idField) { b in aliases.names.lookup(Trim.bytes(b)) }.map { _ in "" } ?? ""
                throw .aliasKindConflict(first: "\(earlier.file):\(earlier.line)", firstID: earlier.raw, firstKind: conflict.kind.description,
                                         second: "\(file):\(line)", secondID: raw, secondKind: kind?.description ?? "",
                                         canonical: entities.id(entity), aliasRow: aliasRow)
            }
            if own { aliasedDeclarations[entity] = (file, line, raw, true) }
        } else {
            // The first declaration of this entity under any of its names.
            _ = entities.mergeDeclaration(of: entity, kind: kind, name: name, group: group, line: line, overwrite: true)
            aliasedDeclarations[entity] = (file, line, raw, own)
        }
        for (attribute, value) in reader.extras {
            let text = row.text(value, reader)
            guard !text.isEmpty else { continue }
            if own { entities.setAttribute(attribute, of: entity, to: text) } else { entities.setAttributeIfEmpty(attribute, of: entity, to: text) }
        }
        return .accepted
    }

    /// Records alias name `alias` (of the alias table) on `entity` the first time it is seen.
    private mutating func noteAlias(_ alias: Int32, of entity: Int32) {
        if aliasIndex[Int(alias)] < 0 {
            aliasIndex[Int(alias)] = aliases.names.withBytes(alias) { entities.addAlias($0, of: entity) }
            mapping.aliasesMerged += 1
        }
    }

    /// The entity an event names by `id`, resolving aliases, and the alias used (an index into
    /// `entities.aliases`, -1 when the row used the canonical id).
    /// - Complexity: expected O(length of the id); one more hash probe when aliases exist.
    @inline(__always)
    private mutating func eventEntity(_ id: UnsafeRawBufferPointer, seenAs role: EntityKind) -> (entity: Int32, alias: Int32) {
        let bytes = Trim.bytes(id)
        guard let resolved = aliases.canonical(of: bytes) else { return (entities.entity(for: bytes, seenAs: role), -1) }
        let entity = aliases.names.withBytes(resolved.canonical) { entities.entity(for: $0, seenAs: role) }
        noteAlias(resolved.alias, of: entity)
        mapping.rowsRenamed += 1
        return (entity, aliasIndex[Int(resolved.alias)])
    }

    /// Communications and payments: `from`, `to`, then type-specific fields.
    private mutating func acceptEvent<Reader: RowReader>(_ reader: Reader, _ row: inout RowContext, type: EdgeType) -> RowVerdict {
        let slots = reader.slots
        let kind = row.kind
        guard let from = row.present(slots[kind.slot(of: .from)!], reader) else {
            return .rejected(.missingValue(field: "from"), row.column(slots[kind.slot(of: .from)!]))
        }
        guard let to = row.present(slots[kind.slot(of: .to)!], reader) else {
            return .rejected(.missingValue(field: "to"), row.column(slots[kind.slot(of: .to)!]))
        }
        if let (reason, column) = row.invisibleID(from, named: "from", reader) ?? row.invisibleID(to, named: "to", reader) {
            return .rejected(reason, column)
        }
        var amount = 0.0
        if type == .payment {
            let slot = slots[kind.slot(of: .amount)!]
            guard let field = row.present(slot, reader) else { return .rejected(.missingValue(field: "amount"), row.column(slot)) }
            guard let value = reader.withBytes(field, NumberParser.decimal), value >= 0 else {
                return .rejected(.badNumber(field: "amount", value: row.text(field, reader), expected: "a number ≥ 0 such as 1250.50"), field.column)
            }
            guard value <= NumberParser.maximumAmount else { return .rejected(.amountTooLarge(field: "amount", value: row.text(field, reader)), field.column) }
            amount = value
        }
        let common: (time: Int64, count: Int32)
        switch row.timeAndCount(slots, reader) {
        case .failure(let rejection): return .rejected(rejection.reason, rejection.column)
        case .success(let values): common = values
        }
        if let window, !window.contains(common.time) { return .outsideWindow }
        let labelField = kind == .payments ? InputField.currency : .channel
        let label = row.labelID(slots[kind.slot(of: labelField)!], reader, pool: &events.labels)
        let (source, sourceAlias) = reader.withBytes(from) { eventEntity($0, seenAs: .external) }
        let (target, targetAlias) = reader.withBytes(to) { eventEntity($0, seenAs: .external) }
        let line = UInt32(clamping: reader.line)
        let fileIndex = row.fileIndex
        let origin = row.present(slots[kind.slot(of: .origin)!], reader)
        func append(_ log: inout EventLog) {
            if let origin { reader.withBytes(origin) { log.origins.append(row: log.rowCount, origin: Trim.bytes($0)) } }
            if sourceAlias >= 0 { log.aliasUses.append(row: log.rowCount, side: 0, alias: sourceAlias) }
            if targetAlias >= 0 { log.aliasUses.append(row: log.rowCount, side: 1, alias: targetAlias) }
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
        return .accepted
    }

    private mutating func acceptAccess<Reader: RowReader>(_ reader: Reader, _ row: inout RowContext, report: inout FileReport) -> RowVerdict {
        let slots = reader.slots
        guard let employee = row.present(slots[0], reader) else { return .rejected(.missingValue(field: "employee"), row.column(slots[0])) }
        guard let action = row.present(slots[1], reader) else { return .rejected(.missingValue(field: "action"), row.column(slots[1])) }
        let vendor = row.present(slots[2], reader)
        let resource = row.present(slots[3], reader)
        if vendor == nil && resource == nil { return .rejected(.missingVendorAndResource, row.column(slots[2] ?? slots[3])) }
        if let (reason, column) = row.invisibleID(employee, named: "employee", reader) ?? vendor.flatMap({ row.invisibleID($0, named: "vendor", reader) }) {
            return .rejected(reason, column)
        }
        let common: (time: Int64, count: Int32)
        switch row.timeAndCount(slots, reader) {
        case .failure(let rejection): return .rejected(rejection.reason, rejection.column)
        case .success(let values): common = values
        }
        if let window, !window.contains(common.time) { return .outsideWindow }
        let rowIndex = events.access.rowCount
        let (source, sourceAlias) = reader.withBytes(employee) { eventEntity($0, seenAs: .employee) }
        if sourceAlias >= 0 { events.access.aliasUses.append(row: rowIndex, side: 0, alias: sourceAlias) }
        var target: Int32 = -1
        if let vendor {
            let (entity, alias) = reader.withBytes(vendor) { eventEntity($0, seenAs: .vendor) }
            if alias >= 0 { events.access.aliasUses.append(row: rowIndex, side: 1, alias: alias) }
            target = entity
        }
        let resourceID = resource.map { field in reader.withBytes(field) { events.resources.intern(Trim.bytes($0)).id } } ?? -1
        if vendor == nil && resourceID >= 0 {
            target = vendorOfResource(resourceID)
            if target >= 0 { report.rowsVendorFromResource += 1 } else if !resources.isEmpty { mapping.rowsUnmappedResource += 1 }
        }
        if target < 0 { report.rowsWithoutVendor += 1 }
        events.access.source.append(source)
        events.access.target.append(target)
        events.access.time.append(common.time)
        events.access.count.append(common.count)
        events.access.label.append(reader.withBytes(action) { events.labels.intern(Trim.bytes($0)).id })
        events.access.resource.append(resourceID)
        if let ticket = row.present(slots[5], reader) {
            reader.withBytes(ticket) { events.access.ticket.append(Trim.bytes($0)) }
        } else {
            events.access.ticket.append(UnsafeRawBufferPointer(start: nil, count: 0))
        }
        if let origin = row.present(slots[6], reader) {
            reader.withBytes(origin) { events.access.origins.append(row: rowIndex, origin: Trim.bytes($0)) }
        }
        events.access.file.append(row.fileIndex)
        events.access.line.append(UInt32(clamping: reader.line))
        return .accepted
    }

    /// `measure,id,count`: a total of access rows left out of the log (`AccessTotals`). The
    /// measures: `jobs`, `unticketed_jobs`, `bulk_jobs`, `bulk_unticketed_jobs` of employee
    /// `id`; `accesses` of vendor `id`; `other_accesses` (any `id`): accesses naming vendors not
    /// listed; `action_rows` of action `id` (rows naming it). Ids are resolved like log ids
    /// (aliases), and an id first seen here is an employee or a vendor by its measure.
    private mutating func acceptTotal<Reader: RowReader>(_ reader: Reader, _ row: inout RowContext) -> RowVerdict {
        let slots = reader.slots
        guard let measureField = row.present(slots[0], reader) else { return .rejected(.missingValue(field: "measure"), row.column(slots[0])) }
        guard let id = row.present(slots[1], reader) else { return .rejected(.missingValue(field: "id"), row.column(slots[1])) }
        guard let countField = row.present(slots[2], reader) else { return .rejected(.missingValue(field: "count"), row.column(slots[2])) }
        if let (reason, column) = row.invisibleID(id, named: "id", reader) { return .rejected(reason, column) }
        let measure = row.text(measureField, reader)
        guard let kind = TotalMeasure(rawValue: measure) else { return .rejected(.unknownMeasure(value: measure), measureField.column) }
        guard let count = reader.withBytes(countField, NumberParser.count) else {
            return .rejected(.badNumber(field: "count", value: row.text(countField, reader), expected: "a whole number ≥ 1"), countField.column)
        }
        let n = Int(count)
        switch kind {
        case .actionRows:
            events.omittedAccess.actions.insert(reader.withBytes(id) { events.labels.intern(Trim.bytes($0)).id })
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

    /// The vendor entity of interned resource `resource` under the `resources` rules (aliases
    /// resolved), or -1; looked up once per distinct resource and cached.
    private mutating func vendorOfResource(_ resource: Int32) -> Int32 {
        guard !resources.isEmpty else { return -1 }
        let r = Int(resource)
        if r >= resourceVendor.count { resourceVendor.append(contentsOf: repeatElement(-2, count: r + 1 - resourceVendor.count)) }
        if resourceVendor[r] != -2 { return resourceVendor[r] }
        var entity: Int32 = -1
        if let vendor = events.resources.withBytes(resource, { resources.vendor(of: $0) }) {
            entity = resources.vendors.withBytes(vendor) { bytes in
                if let resolved = aliases.canonical(of: bytes) {
                    return aliases.names.withBytes(resolved.canonical) { entities.entity(for: $0, seenAs: .vendor) }
                }
                return entities.entity(for: bytes, seenAs: .vendor)
            }
            mapping.resourcesMapped += 1
        } else {
            mapping.unmappedResources += 1
        }
        resourceVendor[r] = entity
        return entity
    }
}

/// The measures of a `totals` row.
enum TotalMeasure: String {
    case jobs
    case unticketedJobs = "unticketed_jobs"
    case bulkJobs = "bulk_jobs"
    case bulkUnticketedJobs = "bulk_unticketed_jobs"
    case accesses
    case otherAccesses = "other_accesses"
    case actionRows = "action_rows"
}

/// What became of one row.
enum RowVerdict {
    case accepted
    case rejected(RejectReason, Int)
    /// A log row dated outside `--since/--until`: counted, not stored.
    case outsideWindow
}

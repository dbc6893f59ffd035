import RingfindGraph

/// Reading a log (communications, payments, access) in two stages, parsing and storing
/// (`ParseAhead`).
///
/// Profile of the serial reader on the 10 M-event benchmark (perf): about half of the time
/// interns ids (hash probes into tables much larger than the cache, bound by memory
/// latency), the rest tokenises, validates, parses times and numbers and hashes the file
/// (SHA-256). Only interning and appending need the entity table; everything else depends on
/// the row alone. So a second thread runs `LogRowParser` — reading, hashing, tokenising,
/// validating, parsing — on the rows ahead, while this thread stores the rows already
/// parsed, in input order: ids are interned in first-seen order exactly as before, rows are
/// accepted or rejected exactly as before, and rejections reach `onReject` in input order.
///
/// - Complexity: O(bytes) for parsing plus expected O(1) per id for storing; with a second
///   thread, wall time is about the larger of the two stages rather than their sum. Extra
///   memory: `ParseAhead.chunksInFlight` chunks (a few MB).
extension Ingestor {
    /// Reads a log file to the end with `reader`, whose header is read.
    mutating func ingestLog<Reader: RowReader>(_ reader: Reader, _ input: InputFile, _ fileIndex: UInt16)
        throws(IngestError) -> FileReport
    {
        reserveRows(for: input)
        let parser = LogRowParser(
            reader: reader, kind: input.kind, file: input.path, fileIndex: fileIndex, window: window,
            idHasher: entities.ids.keyHasher)
        let kind = input.kind
        return try readInTwoStages(
            reader, input, chunk: { ParsedLogChunk(kind: kind, rowCapacity: $0) }, fill: { parser.fill($0, rows: $1) }
        ) { (ingestor: inout Self, chunk, report: inout FileReport) throws(IngestError) in
            try ingestor.store(chunk, fileIndex: fileIndex, report: &report)
        }
    }

    /// Reads `input` with `reader` in two stages (`ParseAhead`): `fill` parses `Chunk`s of rows
    /// (made by `chunk`, with room for as many rows) — on a second thread unless
    /// `ParseAhead.serial` — while `store` takes each in input order; then completes the file's
    /// report from the reader.
    mutating func readInTwoStages<Reader: RowReader, Chunk: ParsedChunk>(
        _ reader: Reader, _ input: InputFile, chunk make: (Int) -> Chunk, fill: @escaping (Chunk, Int) -> Void,
        store: (inout Self, Chunk, inout FileReport) throws(IngestError) -> Void
    ) throws(IngestError) -> FileReport {
        var report = FileReport.empty(for: input)
        let settings = parseAhead
        let chunks = (0..<settings.chunksInFlight).map { _ in make(settings.rowsPerChunk) }
        let queue = ParsedChunkQueue(chunks: chunks, onSecondThread: settings.onSecondThread) { chunk in
            fill(chunk, settings.rowsPerChunk)
        }
        // The parser must have stopped before the reader is read below or released, including
        // when a rejection stops the build.
        defer { queue.stop() }
        try queue.forEachInOrder { chunk throws(IngestError) in try store(&self, chunk, &report) }
        queue.stop()
        return try finishedFile(report, reader: reader, input: input)
    }

    /// Counts, reports and stores the rows of one chunk, in order.
    private mutating func store(_ chunk: ParsedLogChunk, fileIndex: UInt16, report: inout FileReport)
        throws(IngestError)
    {
        let rows = chunk.rows
        var nextRejection = 0
        var prefetched = [Int32](repeating: -1, count: 2 * rows.count)
        for row in -3 * Self.prefetchDistance..<0 { prefetchIDs(of: rows, aheadOf: row, &prefetched) }
        for row in 0..<rows.count {
            prefetchIDs(of: rows, aheadOf: row, &prefetched)
            report.rowsRead += 1
            if report.rowsRead & 0xFFFF == 0, let onProgress { onProgress(chunk.bytesRead) }
            switch rows.status[row] {
            case .accepted:
                report.rowsAccepted += 1
                if rows.kind == .access {
                    storeAccess(rows, row, fileIndex: fileIndex, report: &report)
                } else {
                    storeEvent(rows, row, fileIndex: fileIndex)
                }
            case .outsideWindow:
                report.rowsOutsideWindow += 1
            case .rejected:
                let rejected = chunk.rejections[nextRejection]
                nextRejection += 1
                report.rowsRejected += 1
                report.rejectsByReason[rejected.reason.code, default: 0] += 1
                if policy.strict { throw .strictRejection(rejected) }
                try onReject(rejected)
            }
        }
    }

    /// Rows between the prefetch steps of an id (`ByteStringInterner+Prefetch.swift`,
    /// `EntityTable+Prefetch.swift`): its slot is asked for 3 × this many rows before the row
    /// is stored, its entry 2 ×, its kind 1 ×. Storing a row whose lines are cached takes about
    /// 50 ns, so 4 rows give each load about 200 ns, longer than a miss to memory.
    static var prefetchDistance: Int { 4 }

    /// Runs the prefetch steps due when row `row` is stored: step 1 for the ids of row
    /// `row + 3d`, step 2 for row `row + 2d`, and for an access step 3 for row `row + d`
    /// (d = `prefetchDistance`), keeping what step 2 found in `prefetched` (two per row). Rows
    /// outside the chunk are skipped. Hints only: no result depends on them.
    @inline(__always)
    private func prefetchIDs(of rows: ParsedLogChunk.Rows, aheadOf row: Int, _ prefetched: inout [Int32]) {
        let distance = Self.prefetchDistance, count = rows.count
        let slotRow = row + 3 * distance, entryRow = row + 2 * distance, kindRow = row + distance
        // Only an access names ids seen as an employee or a vendor, whose kind is read.
        let kind = rows.kind == .access
        for side in 0..<2 {
            if slotRow >= 0 && slotRow < count {
                let hash = rows.idHashes[2 * slotRow + side]
                if hash != 0 { entities.prefetchSlot(hash: hash) }
            }
            if entryRow >= 0 && entryRow < count {
                let hash = rows.idHashes[2 * entryRow + side]
                if hash != 0 { prefetched[2 * entryRow + side] = entities.prefetchEntry(hash: hash) }
            }
            if kind && kindRow >= 0 && kindRow < count {
                entities.prefetchKind(ofEntry: prefetched[2 * kindRow + side])
            }
        }
    }

    /// The entity of id `side` (0 or 1) of `row`, resolving aliases, with its hash from the parser.
    @inline(__always)
    private mutating func storedEntity(_ rows: ParsedLogChunk.Rows, _ row: Int, side: Int, seenAs role: EntityKind) -> (
        entity: Int32, alias: Int32
    ) {
        let hash = rows.idHashes[2 * row + side]
        return rows.withText(row, side) { eventEntity(trimmed: $0, hash: hash, seenAs: role) }
    }

    /// A communication or payment: the label, then the two entities, then the columns.
    private mutating func storeEvent(_ rows: ParsedLogChunk.Rows, _ row: Int, fileIndex: UInt16) {
        typealias Text = ParsedLogChunk.Text
        let label =
            rows.range(row, Text.label).isPresent ? rows.withText(row, Text.label) { events.labels.intern($0).id } : -1
        let (source, sourceAlias) = storedEntity(rows, row, side: Text.from, seenAs: .external)
        let (target, targetAlias) = storedEntity(rows, row, side: Text.to, seenAs: .external)
        let isPayment = rows.kind == .payments
        func append(_ log: inout EventLog) {
            if rows.range(row, Text.origin).isPresent {
                rows.withText(row, Text.origin) { log.origins.append(row: log.rowCount, origin: $0) }
            }
            if sourceAlias >= 0 { log.aliasUses.append(row: log.rowCount, side: 0, alias: sourceAlias) }
            if targetAlias >= 0 { log.aliasUses.append(row: log.rowCount, side: 1, alias: targetAlias) }
            log.source.append(source)
            log.target.append(target)
            log.time.append(rows.times[row])
            log.count.append(rows.counts[row])
            log.label.append(label)
            log.file.append(fileIndex)
            log.line.append(UInt32(clamping: rows.lines[row]))
            if isPayment { log.amount.append(rows.amounts[row]) }
        }
        if isPayment { append(&events.payments) } else { append(&events.communications) }
    }

    /// An access: the employee, the vendor (named, or from the resource's rule), the resource,
    /// then the columns.
    private mutating func storeAccess(
        _ rows: ParsedLogChunk.Rows, _ row: Int, fileIndex: UInt16, report: inout FileReport
    ) {
        typealias Text = ParsedLogChunk.Text
        let rowIndex = events.access.rowCount
        let (source, sourceAlias) = storedEntity(rows, row, side: Text.employee, seenAs: .employee)
        if sourceAlias >= 0 { events.access.aliasUses.append(row: rowIndex, side: 0, alias: sourceAlias) }
        let hasVendor = rows.range(row, Text.vendor).isPresent
        var target: Int32 = -1
        if hasVendor {
            let (entity, alias) = storedEntity(rows, row, side: Text.vendor, seenAs: .vendor)
            if alias >= 0 { events.access.aliasUses.append(row: rowIndex, side: 1, alias: alias) }
            target = entity
        }
        let resourceID =
            rows.range(row, Text.resource).isPresent
            ? rows.withText(row, Text.resource) { events.resources.intern($0).id } : -1
        if !hasVendor && resourceID >= 0 {
            target = vendorOfResource(resourceID)
            if target >= 0 {
                report.rowsVendorFromResource += 1
            } else if !resources.isEmpty {
                mapping.rowsUnmappedResource += 1
            }
        }
        if target < 0 { report.rowsWithoutVendor += 1 }
        events.access.source.append(source)
        events.access.target.append(target)
        events.access.time.append(rows.times[row])
        events.access.count.append(rows.counts[row])
        events.access.label.append(rows.withText(row, Text.action) { events.labels.intern($0).id })
        events.access.resource.append(resourceID)
        if rows.range(row, Text.ticket).isPresent {
            rows.withText(row, Text.ticket) { events.access.ticket.append($0) }
        } else {
            events.access.ticket.append(UnsafeRawBufferPointer(start: nil, count: 0))
        }
        if rows.range(row, Text.accessOrigin).isPresent {
            rows.withText(row, Text.accessOrigin) { events.access.origins.append(row: rowIndex, origin: $0) }
        }
        events.access.file.append(fileIndex)
        events.access.line.append(UInt32(clamping: rows.lines[row]))
    }
}

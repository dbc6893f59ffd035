import Foundation
import RingfindGraph

/// Reading an entities file in two stages, parsing and declaring, like the logs
/// (`Ingestor+Logs.swift`): a second thread tokenises and checks the rows ahead
/// (`EntityRowParser`) while this thread declares the rows already parsed, in input order — so
/// ids are assigned in the same order, duplicates are found against the same earlier rows, and
/// every row is accepted, rejected or stops `--strict`/`--max-rejects` exactly as when one
/// thread read row by row (`ingestRows`, still used when aliases are declared, whose merging
/// reads the row again, and with `ParseAhead.serial`).
///
/// The entities file comes before every log, so without this the second core would wait while
/// it is read: about a sixth of ingest on the 1 M-entity world.
///
/// - Complexity: O(bytes) for parsing plus expected O(1) per row for declaring; extra memory
///   `ParseAhead.chunksInFlight` chunks.
extension Ingestor {
    /// Whether an entities file is read in two stages: on a second thread, and without aliases.
    var entitiesInTwoStages: Bool { parseAhead.onSecondThread && aliases.isEmpty }

    /// Reads an entities file to the end with `reader`, whose header is read.
    mutating func ingestEntities<Reader: RowReader>(_ reader: Reader, _ input: InputFile, _ fileIndex: UInt16)
        throws(IngestError) -> FileReport
    {
        reserveEntities(for: input)
        let parser = EntityRowParser(reader: reader, file: input.path, fileIndex: fileIndex)
        let file = input.path
        return try readInTwoStages(
            reader, input, chunk: { ParsedEntityChunk(rowCapacity: $0) }, fill: { parser.fill($0, rows: $1) }
        ) { (ingestor: inout Self, chunk, report: inout FileReport) throws(IngestError) in
            try ingestor.declare(chunk, file: file, report: &report)
        }
    }

    /// Counts, reports and declares the rows of one chunk, in order.
    private mutating func declare(_ chunk: ParsedEntityChunk, file: String, report: inout FileReport)
        throws(IngestError)
    {
        for row in chunk.rows {
            report.rowsRead += 1
            if report.rowsRead & 0xFFFF == 0, let onProgress { onProgress(chunk.bytesRead) }
            var rejection = row.rejection
            if rejection == nil {
                let (entity, duplicateOf) = chunk.withBytes(row.id) { id in
                    entities.declare(id: id, kind: row.kind, name: row.name, group: row.group, line: row.line)
                }
                if let firstLine = duplicateOf {
                    rejection = RowRejection(
                        file: file, line: row.line, column: row.idColumn,
                        reason: .duplicateEntity(id: chunk.text(row.id), firstLine: Int(firstLine)),
                        row: chunk.text(row.raw))
                } else {
                    for (attribute, value) in row.attributes { entities.setAttribute(attribute, of: entity, to: value) }
                }
            }
            if let rejected = rejection {
                report.rowsRejected += 1
                report.rejectsByReason[rejected.reason.code, default: 0] += 1
                if policy.strict { throw .strictRejection(rejected) }
                try onReject(rejected)
            } else {
                report.rowsAccepted += 1
            }
        }
    }

    /// Sizes the entity table for the rows the file may hold (about one per 32 bytes), so its
    /// id table is not rebuilt while it grows (0.05 s of 0.3 on the 1 M-entity world); a file of
    /// longer rows grows it as usual. At most `reservedEntities` are reserved: the id table is
    /// filled when made, and a file of long rows must not cost memory for entities it lacks.
    mutating func reserveEntities(for input: InputFile) {
        guard let size = (try? FileManager.default.attributesOfItem(atPath: input.path))?[.size] as? Int else { return }
        entities.reserve(entities.count + min(size / 32, Self.reservedEntities))
    }

    /// The most entities an entities file reserves room for: 4 M (a 64 MB id table).
    static var reservedEntities: Int { 1 << 22 }
}

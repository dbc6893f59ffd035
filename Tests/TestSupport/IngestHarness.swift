import Foundation
import RingfindGraph
import RingfindIngest

/// Runs the ingestor over files written for a test and keeps everything it produced.
public struct IngestRun {
    public var reports: [FileReport] = []
    public var rejections: [RowRejection] = []
    public var entities = EntityTable()
    public var events = EventStore()
    /// What aliases and resource rules did.
    public var mapping = MappingReport()

    /// Ingests `files` (name → contents, e.g. `"payments.csv": "from,to,amount\n…"`) in
    /// discovery order, with `policy`, reads of `chunkSize` bytes and logs read `parseAhead`.
    public static func of(
        _ files: [String: String], policy: RejectPolicy = RejectPolicy(strict: false, limit: .count(.max)),
        window: TimeWindow? = nil, chunkSize: Int = 1 << 22, parseAhead: ParseAhead = .standard
    ) throws(IngestError) -> IngestRun {
        let folder = TemporaryFolder()
        for (name, contents) in files { folder.write(name, contents) }
        return try of(folder: folder.path, policy: policy, window: window, chunkSize: chunkSize, parseAhead: parseAhead)
    }

    /// Ingests every input of `folder`. `onReject` sees each rejection as the ingestor
    /// reports it (and may throw to stop the build).
    public static func of(
        folder: String, policy: RejectPolicy = RejectPolicy(strict: false, limit: .count(.max)),
        window: TimeWindow? = nil, chunkSize: Int = 1 << 22, parseAhead: ParseAhead = .standard,
        onReject: @escaping (RowRejection) throws(IngestError) -> Void = { _ throws(IngestError) in }
    ) throws(IngestError) -> IngestRun {
        var run = IngestRun()
        final class Box: @unchecked Sendable { var rejections: [RowRejection] = [] }
        let box = Box()
        var ingestor = Ingestor(policy: policy, window: window) { (rejection: RowRejection) throws(IngestError) in
            box.rejections.append(rejection)
            try onReject(rejection)
        }
        ingestor.parseAhead = parseAhead
        for input in try InputDiscovery.discover(folder: folder).inputs {
            run.reports.append(try ingestor.ingest(input, chunkSize: chunkSize))
        }
        (run.entities, run.events, run.mapping) = ingestor.finishWithMapping()
        run.rejections = box.rejections
        return run
    }

    /// The external ids of the sources and targets of a log, as pairs.
    public func pairs(_ type: EdgeType) -> [[String]] {
        let log = events[type]
        return (0..<log.rowCount).map { r in
            [entities.id(log.source[r]), log.target[r] >= 0 ? entities.id(log.target[r]) : "-"]
        }
    }
}

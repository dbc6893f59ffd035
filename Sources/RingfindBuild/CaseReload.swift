import Foundation
import RingfindGraph
import RingfindIngest
import RingfindRings

/// Reloads the graph of a finished build from the inputs its `build.json` lists, after
/// checking that they have not changed (SHA-256), for pictures drawn after the build.
public enum CaseReload {
    public struct Case: Sendable {
        public var entities: EntityTable
        public var graph: MultiplexGraph
        /// Roles from the build's `entities.csv`.
        public var roles: [Int32: RingRole]
    }

    public static func load(outputFolder: String) throws(BuildError) -> Case {
        try CaseReading.with(outputFolder, checking: ["entities.csv"]) { (manifest) throws(BuildError) in
            try load(manifest, outputFolder: outputFolder)
        }
    }

    private static func load(_ manifest: BuildManifest, outputFolder: String) throws(BuildError) -> Case {
        // Reloading reads the raw inputs: a pseudonymised case must not show them.
        if manifest.pseudonyms?.applied == true {
            throw .cannotRead(path: outputFolder, reason: "the case is pseudonymised and pictures drawn from the raw inputs would show real ids; "
                              + "use `ringfind query \(outputFolder) -e 'render ego ID'`, which draws from the case file")
        }
        // The same window as the build.
        let window = manifest.window.map { w in
            TimeWindow(start: w.start.flatMap { try? TimestampParser.parse($0).get() }, end: w.end.flatMap { try? TimestampParser.parse($0).get() })
        }
        var ingestor = Ingestor(policy: RejectPolicy(strict: false, limit: .count(.max)), window: window) { (_: RowRejection) throws(IngestError) in }
        for input in manifest.inputs {
            guard let kind = InputKind(rawValue: input.kind), let format = InputFormat(rawValue: input.format) else { continue }
            let report: FileReport
            do { report = try ingestor.ingest(InputFile(path: input.path, kind: kind, format: format)) } catch { throw .input(error) }
            guard report.sha256 == input.sha256 else {
                throw .cannotRead(path: input.path, reason: "the input changed since the build (SHA-256 differs); build again")
            }
        }
        let (entities, events) = ingestor.finish()
        let graph = GraphBuilder.build(nodeCount: entities.count, events: events)
        var roles: [Int32: RingRole] = [:]
        let entitiesPath = outputFolder + "/entities.csv"
        if let table = try? CSVTable(path: entitiesPath), let id = table.header.firstIndex(of: "id"), let role = table.header.firstIndex(of: "role") {
            for row in table.rows where row.count > max(id, role) {
                if let r = RingRole(rawValue: row[role]), let e = entities.entity(forID: row[id]) { roles[e] = r }
            }
        }
        return Case(entities: entities, graph: graph, roles: roles)
    }
}

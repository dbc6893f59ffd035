import Foundation
import RingfindGraph
import RingfindIngest
import RingfindRings

/// What a build found, in a few numbers: the head of `index.html` (`facts`) and of the
/// summary `ringfind build` prints (`text`), from one value so the two cannot disagree.
public struct BuildSummary: Sendable {
    /// The input folder.
    public var input: String
    public var entities: Int
    /// Events over all logs (rows weighted by their `count`).
    public var events: Int64
    public var rowsRejected: Int
    public var communities: Int
    public var modularity: Double
    public var rings: Int

    public init(analysis: CaseAnalysis, ingest: IngestRecord, input: String) {
        self.input = input
        entities = analysis.entities.count
        events = EdgeType.allCases.reduce(Int64(0)) { $0 + analysis.events[$1].eventCount }
        rowsRejected = ingest.inputs.reduce(0) { $0 + $1.rowsRejected }
        communities = analysis.communities.partition.count
        modularity = analysis.communities.modularity
        rings = analysis.rings.rings.count
    }

    /// The facts `index.html` lists, as (label, value).
    public var facts: [(String, String)] {
        [
            ("input", input), ("entities", "\(entities)"), ("events", "\(events)"),
            ("rows rejected", "\(rowsRejected)"),
            ("communities", "\(communities) (modularity \(String(format: "%.4f", modularity)))"), ("rings", "\(rings)"),
            ("ringfind", RingfindVersion.current),
        ]
    }

    /// The summary `ringfind build` prints: several lines ending in a newline; every value
    /// from the data is made terminal-safe.
    public static func text(_ result: BuildResult, outputFolder: String) -> String {
        let m = result.manifest
        var lines: [String] = []
        lines.append(
            "ringfind build: \(TextSafety.terminal(result.summary.input)) → \(TextSafety.terminal(outputFolder))")
        lines += m.inputs.map(inputLine)
        lines += ignoredFilesAndWindowLines(m)
        if let mapping = m.mapping { lines += mappingLines(mapping) }
        lines += graphLines(m, summary: result.summary)
        lines += ringLines(result.analysis)
        lines += closingLines(result, outputFolder: outputFolder)
        return lines.joined(separator: "\n") + "\n"
    }

    /// One input file: rows read, accepted, rejected, outside the window, given their vendor by
    /// their resource, and the columns ignored.
    private static func inputLine(_ input: FileReport) -> String {
        var line =
            "  \(TextSafety.terminal((input.path as NSString).lastPathComponent)): \(grouped(input.rowsRead)) rows, \(grouped(input.rowsAccepted)) accepted"
        if input.rowsRejected > 0 { line += ", \(grouped(input.rowsRejected)) rejected" }
        if input.rowsOutsideWindow > 0 { line += ", \(grouped(input.rowsOutsideWindow)) outside the window" }
        if input.rowsVendorFromResource > 0 {
            line += ", \(grouped(input.rowsVendorFromResource)) with the vendor of their resource"
        }
        if !input.ignoredColumns.isEmpty {
            line +=
                "; ignored columns: "
                + input.ignoredColumns.prefix(5).map { TextSafety.quoted($0, limit: 30) }.joined(separator: ", ")
        }
        return line
    }

    /// The files of the input folder that are not inputs, and the window the logs were cut to
    /// (each only when there is one).
    private static func ignoredFilesAndWindowLines(_ m: BuildManifest) -> [String] {
        var lines: [String] = []
        if !m.ignoredFiles.isEmpty {
            lines.append(
                "  not inputs, ignored: "
                    + m.ignoredFiles.prefix(5).map { TextSafety.quoted($0, limit: 40) }.joined(separator: ", ")
                    + (m.ignoredFiles.count > 5 ? " and \(m.ignoredFiles.count - 5) more" : ""))
        }
        if let window = m.window {
            lines.append(
                "  window: \(window.start ?? "the beginning") up to \(window.end ?? "the end") (exclusive); "
                    + "\(grouped(window.rowsOutsideWindow)) log rows outside it counted, not used")
        }
        return lines
    }

    /// What the mapping files did: aliases merged and ids renamed, resources mapped to vendors
    /// (each only when the file declared any).
    private static func mappingLines(_ mapping: MappingReport) -> [String] {
        var lines: [String] = []
        if mapping.aliases > 0 {
            lines.append(
                "  aliases: \(grouped(mapping.aliases)) declared, \(grouped(mapping.aliasesMerged)) merged into "
                    + "\(grouped(mapping.canonicalEntitiesWithAliases)) entities, \(grouped(mapping.rowsRenamed)) ids in log rows renamed"
            )
        }
        if mapping.exactResourceRules + mapping.prefixResourceRules > 0 {
            lines.append(
                "  resources: \(grouped(mapping.exactResourceRules)) exact and \(grouped(mapping.prefixResourceRules)) prefix rules; "
                    + "\(grouped(mapping.resourcesMapped)) resources mapped to a vendor, \(grouped(mapping.unmappedResources)) unmapped "
                    + "(\(grouped(mapping.rowsUnmappedResource)) access rows without a vendor)")
        }
        return lines
    }

    /// The graph: entities by kind, edges and events by type, then communities and connected
    /// components.
    private static func graphLines(_ m: BuildManifest, summary: BuildSummary) -> [String] {
        let kinds = EntityKind.allCases.map { "\($0) \(grouped(m.graph.entitiesByKind[$0.description] ?? 0))" }.joined(
            separator: ", ")
        let edges = EdgeType.allCases.map {
            "\($0) \(grouped(m.graph.edgesByType[$0.description] ?? 0)) edges / \(grouped(Int(m.graph.eventsByType[$0.description] ?? 0))) events"
        }.joined(separator: ", ")
        let c = m.communities
        return [
            "  entities: \(grouped(summary.entities)) (\(kinds))",
            "  graph: \(edges)",
            "  communities: \(grouped(summary.communities)) (\(c.algorithm), resolution \(c.resolution), seed \(c.seed)), modularity "
                + String(format: "%.4f", c.modularity) + ", largest \(grouped(c.largest)); "
                + "\(grouped(m.components.count)) connected components, largest \(grouped(m.components.largest))",
        ]
    }

    /// The rings found (of the candidates tested), then the three strongest, one line each.
    private static func ringLines(_ analysis: CaseAnalysis) -> [String] {
        let rings = analysis.rings.rings
        return [
            "  rings: \(rings.count) (\(analysis.rings.candidates) candidate broker account\(analysis.rings.candidates == 1 ? "" : "s") tested, "
                + "\(analysis.rings.counted) of them could have reached significance)"
                + (rings.isEmpty ? "" : "; the strongest:")
        ] + rings.prefix(3).map { ringLine($0, entities: analysis.entities) }
    }

    /// One ring: its rank, score, p-value, broker and how many members of each other role.
    private static func ringLine(_ ring: Ring, entities: EntityTable) -> String {
        let broker = ring.members(.broker).first.map { TextSafety.quoted(entities.id($0.entity), limit: 40) } ?? "?"
        func count(_ role: RingRole, _ one: String, _ many: String) -> String {
            let n = ring.members(role).count
            return "\(n) \(n == 1 ? one : many)"
        }
        return String(
            format: "    ring %d  score %.2f  p %.1e  broker %@, ", ring.rank, ring.score, ring.pValue, broker)
            + [
                count(.insider, "insider", "insiders"), count(.client, "client", "clients"),
                count(.intermediary, "intermediary", "intermediaries"),
            ].joined(separator: ", ")
    }

    /// Evidence not looked for, role conflicts, rejected rows (with examples), what was
    /// written and how long it took, and the build's warnings.
    private static func closingLines(_ result: BuildResult, outputFolder: String) -> [String] {
        let m = result.manifest, summary = result.summary
        var lines: [String] = []
        for note in result.analysis.rings.unavailable { lines.append("  not looked for: \(TextSafety.terminal(note))") }
        if m.graph.kindConflicts > 0 {
            lines.append(
                "  note: \(grouped(m.graph.kindConflicts)) times an entity appeared in a role that disagrees with its kind"
            )
        }
        if summary.rowsRejected > 0 {
            lines.append(
                "  warning: \(grouped(summary.rowsRejected)) row\(summary.rowsRejected == 1 ? "" : "s") rejected (details in \(TextSafety.terminal(outputFolder))/rejected.csv), e.g.:"
            )
            for rejection in result.ingest.sampleRejections { lines.append("    \(rejection)") }
        }
        let pages = m.outputs.filter { $0.hasPrefix("rings/") && $0.hasSuffix(".html") }.count
        lines.append(
            "  wrote \(BuildPipeline.outputs.joined(separator: ", ")), \(pages) ring\(pages == 1 ? "" : "s") drawn in rings/ "
                + "(picture, timeline and page each), overview.svg and index.html in \(String(format: "%.2f", m.totalSeconds)) s"
        )
        for warning in m.warnings { lines.append("  warning: \(TextSafety.terminal(warning))") }
        return lines
    }

    /// `1234567` as `1,234,567`.
    public static func grouped(_ n: Int) -> String { NumberText.grouped(n) }
}

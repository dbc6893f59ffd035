import Foundation
import RingfindCase
import RingfindGraph
import RingfindGraphviz
import RingfindIngest
import RingfindRender
import RingfindRings

/// Writes the pictures and the HTML report of a build: for the best `ringLimit` rings
/// `rings/ring-NNN.dot|svg` (the picture), `rings/ring-NNN-timeline.svg` (`RingTimeline`) and
/// `rings/ring-NNN.html` (`RingPage`); `overview.dot|svg` and `index.html`.
///
/// Layout engine by size: `dot` for rings up to 60 members (readable left-to-right flow),
/// `sfdp` above that (force-directed, scales to thousands of nodes). The overview is the case
/// map (`CaseMap`, `sfdp`) when there are rings — at most 50
/// rings of at most 11 members drawn, plus their communities and associates — and otherwise
/// the communities (`OverviewDiagram`, `sfdp`, at most 150 communities and 400 edges), so
/// layout time is bounded whatever the input. A Graphviz failure on one picture is reported and skipped; the DOT is still written.
public enum RenderStage {
    /// What the stage drew.
    public struct Outcome: Sendable {
        /// Files written, relative to the output folder.
        public var files: [String]
        /// One line per picture that could not be drawn (its DOT is still written).
        public var warnings: [String]
        /// Every picture's DOT source and layout engine, in the order drawn (for the case file).
        public var drawings: [Drawing] = []
    }

    /// A picture as the build drew it: its path without extension, engine and DOT source.
    public struct Drawing: Sendable {
        public var picture: String
        public var engine: GraphvizRenderer.Engine
        public var dot: String
    }

    /// Draws `analysis`'s pictures and pages into `staging`; `summary` and `inputs` head the index.
    public static func run(
        staging: OutputStaging, analysis result: CaseAnalysis, summary: BuildSummary, inputs: [FileReport],
        ringLimit: Int
    ) throws(BuildError) -> Outcome {
        var files: [String] = [], warnings: [String] = [], drawings: [Drawing] = []
        let ringsFolder = staging.stagedPath("rings")
        do { try FileManager.default.createDirectory(atPath: ringsFolder, withIntermediateDirectories: true) } catch {
            throw .cannotWrite(path: ringsFolder, reason: "cannot create the folder")
        }
        var pictures: [Int: HTMLReport.RingPictures] = [:]
        let window = result.parameters.rings.window
        let windowDays = Double(window) / 86_400_000
        for ring in result.rings.rings.prefix(ringLimit) {
            let name = CaseSchema.Pictures.ringPicture(ring.rank)
            let dot = RingDiagram.dot(ring: ring, entities: result.entities, graph: result.graph, events: result.events)
            try staging.write(Data(dot.utf8), as: name + ".dot")
            files.append(name + ".dot")
            var entry = HTMLReport.RingPictures(
                page: name + ".html",
                story: RingPage.story(
                    ring: ring, entities: result.entities, events: result.events, windowDays: windowDays))
            let engine: GraphvizRenderer.Engine = ring.members.count <= 60 ? .dot : .sfdp
            drawings.append(Drawing(picture: name, engine: engine, dot: dot))
            switch draw(dot, engine: engine) {
            case .success(let svg):
                try staging.write(svg, as: name + ".svg")
                files.append(name + ".svg")
                entry.picture = name + ".svg"
                entry.pictureInline = RingPage.inlineSVG(svg)
            case .failure(let error):
                warnings.append("ring \(ring.rank): \(error)")
            }
            let timeline = RingTimeline.svg(
                ring: ring, entities: result.entities, events: result.events, window: window)
            try staging.write(Data(timeline.utf8), as: name + "-timeline.svg")
            files.append(name + "-timeline.svg")
            let page = RingPage.html(
                ring: ring, entities: result.entities, events: result.events, story: entry.story,
                picture: entry.pictureInline, timeline: timeline, caseTitle: "ringfind case report")
            try staging.write(Data(page.utf8), as: name + ".html")
            files.append(name + ".html")
            pictures[ring.rank] = entry
        }
        // The case map when there are rings; the communities alone when there are none.
        let overview =
            result.rings.rings.isEmpty
            ? OverviewDiagram.dot(
                projection: result.communities.projection, communities: result.communities.partition.labels,
                communityCount: result.communities.partition.count, sizes: result.communities.sizes,
                rings: result.rings)
            : CaseMap.dot(
                rings: result.rings, entities: result.entities, graph: result.graph,
                communities: result.communities.partition.labels, communitySizes: result.communities.sizes)
        try staging.write(Data(overview.utf8), as: "overview.dot")
        files.append("overview.dot")
        var overviewLink: String? = nil
        drawings.append(Drawing(picture: CaseSchema.Pictures.overview, engine: .sfdp, dot: overview))
        switch draw(overview, engine: .sfdp) {
        case .success(let svg):
            try staging.write(svg, as: "overview.svg")
            files.append("overview.svg")
            overviewLink = "overview.svg"
        case .failure(let error):
            warnings.append("overview: \(error)")
        }
        let html = HTMLReport.html(
            title: "ringfind case report", summary: summary.facts, rings: result.rings, entities: result.entities,
            inputs: inputs.map {
                HTMLReport.Input(path: $0.path, rows: $0.rowsRead, rejected: $0.rowsRejected, sha256: $0.sha256)
            }, ringPictures: pictures, overview: overviewLink)
        try staging.write(Data(html.utf8), as: "index.html")
        files.append("index.html")
        return Outcome(files: files, warnings: warnings, drawings: drawings)
    }
}

/// SVG of `dot`, or Graphviz's error.
func draw(_ dot: String, engine: GraphvizRenderer.Engine) -> Result<Data, GraphvizError> {
    do { return .success(try GraphvizRenderer.render(dot, engine: engine, format: .svg)) } catch {
        return .failure(error)
    }
}

import ArgumentParser
import Foundation
import RingfindBuild
import RingfindCase
import RingfindGraph
import RingfindGraphviz
import RingfindQuery
import RingfindRender

extension GraphvizRenderer.Format: ExpressibleByArgument {}

/// `ringfind render OUT --ring N | --overview | --ego ID`: draws a picture of a finished build.
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Draw a ring, the overview or an entity's neighbourhood of a finished build (SVG, PNG or DOT).",
        discussion: """
            --ring and --overview read the DOT the build wrote (OUT/rings/ring-NNN.dot, \
            OUT/overview.dot) and lay it out again with Graphviz, in-process, writing next to it. \
            --ego draws an entity's neighbourhood from the case file (OUT/case.sqlite; the inputs \
            are not read again): at most \(EgoDiagram.nodeCap) entities, strongest ties first, as OUT/ego/ID.svg|png \
            with its DOT source OUT/ego/ID.dot, the same picture as `render ego ID` in ringfind \
            query, drawn from the whole graph at any scale. Prints the path written.
            """
    )

    @Argument(help: ArgumentHelp("The output folder of a build.", valueName: "out"), completion: .directory)
    var output: String = "Output"

    @Option(help: "Rank of the ring to draw.")
    var ring: Int?

    @Flag(help: "Draw the community overview instead of a ring.")
    var overview = false

    @Option(help: ArgumentHelp("Draw the neighbourhood of this entity id.", valueName: "entity"))
    var ego: String?

    @Option(help: "Steps around the --ego entity, 1 to 4.")
    var hops: Int = EgoDiagram.defaultHops

    @Option(help: "svg, png or dot (for --ego, dot writes the DOT source only).")
    var format: GraphvizRenderer.Format = .svg

    func validate() throws {
        guard [ring != nil, overview, ego != nil].filter({ $0 }).count == 1 else {
            throw ValidationError("give one of --ring N, --overview or --ego ENTITY")
        }
        if let ring, ring < 1 { throw ValidationError("--ring must be 1 or more") }
        guard EgoDiagram.hopRange.contains(hops) else {
            throw ValidationError(
                "--hops must be between \(EgoDiagram.hopRange.lowerBound) and \(EgoDiagram.hopRange.upperBound)")
        }
    }

    func run() throws {
        if let ego { return try drawEgo(ego) }
        let stem = ring.map { String(format: "rings/ring-%03d", $0) } ?? "overview"
        let source = output + "/" + stem + ".dot"
        let read: Data?
        read = try CommandFailure.reporting("render") {
            try CaseReading.with(output, checking: [stem + ".dot"]) { (_) throws(BuildError) in
                FileManager.default.contents(atPath: source)
            }
        }
        guard let data = read else {
            let hint =
                ring.map { "ring \($0) was not drawn by the build (see rings.csv; only the best rings are drawn)" }
                ?? "no overview"
            throw CommandFailure.exit("render", "cannot read \(source): \(hint)")
        }
        let dot = String(decoding: data, as: UTF8.self)
        let target = output + "/" + stem + "." + format.rawValue
        try CommandFailure.reporting("render") {
            let engine: GraphvizRenderer.Engine =
                overview || dot.components(separatedBy: "\n").count > 200 ? .sfdp : .dot
            let rendered = try GraphvizRenderer.render(dot, engine: engine, format: format)
            try AtomicFile.replace(target, with: rendered, mode: 0o600)
        }
        print(target)
    }

    private func drawEgo(_ id: String) throws {
        try CommandFailure.reporting("render") {
            let store = try CaseReading.store(output)
            let drawn = try EgoPicture.draw(id, in: store, folder: output, hops: hops, format: format)
            print(drawn.path)
        }
    }
}

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
            --ring and --overview draw the picture the build drew, from the DOT source and layout \
            engine stored in the case file (OUT/case.sqlite; the build's .dot files are not read), \
            with Graphviz in-process, as OUT/rings/ring-NNN.FORMAT or OUT/overview.FORMAT. \
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
        let picture = ring.map(CaseSchema.Pictures.ringPicture) ?? CaseSchema.Pictures.overview
        try CommandFailure.reporting("render") {
            let store = try CaseReading.store(output)
            guard let drawn = try StoredPicture.draw(picture, in: store, folder: output, format: format) else {
                throw CommandFailure.exit(
                    "render",
                    ring.map { "ring \($0) was not drawn by the build (see rings.csv; only the best rings are drawn)" }
                        ?? "the build drew no overview")
            }
            print(drawn.path)
        }
    }

    private func drawEgo(_ id: String) throws {
        try CommandFailure.reporting("render") {
            let store = try CaseReading.store(output)
            let drawn = try EgoPicture.draw(id, in: store, folder: output, hops: hops, format: format)
            print(drawn.path)
        }
    }
}

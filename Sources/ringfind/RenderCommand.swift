import ArgumentParser
import Foundation
import RingfindGraphviz

extension GraphvizRenderer.Format: ExpressibleByArgument {}

/// `ringfind render OUT --ring N`: re-renders a picture of a finished build.
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Re-render a ring (or the overview) of a finished build as SVG, PNG or DOT.",
        discussion: """
            Reads the DOT the build wrote (OUT/rings/ring-NNN.dot, OUT/overview.dot) and lays it \\
            out again with Graphviz, in-process. Writes next to it and prints the path.
            """
    )

    @Argument(help: ArgumentHelp("The output folder of a build.", valueName: "out"), completion: .directory)
    var output: String = "Output"

    @Option(help: "Rank of the ring to draw.")
    var ring: Int?

    @Flag(help: "Draw the community overview instead of a ring.")
    var overview = false

    @Option(help: "svg, png or dot.")
    var format: GraphvizRenderer.Format = .svg

    func validate() throws {
        guard (ring != nil) != overview else { throw ValidationError("give either --ring N or --overview") }
        if let ring, ring < 1 { throw ValidationError("--ring must be 1 or more") }
    }

    func run() throws {
        let stem = ring.map { String(format: "rings/ring-%03d", $0) } ?? "overview"
        let source = output + "/" + stem + ".dot"
        guard let data = FileManager.default.contents(atPath: source) else {
            let hint = ring.map { "ring \($0) was not drawn by the build (see rings.csv; only the best rings are drawn)" } ?? "no overview"
            FileHandleOutput.standardError("ringfind render: error: cannot read \(source): \(hint)\n")
            throw ExitCode.failure
        }
        let dot = String(decoding: data, as: UTF8.self)
        let target = output + "/" + stem + "." + format.rawValue
        do {
            let engine: GraphvizRenderer.Engine = overview || dot.components(separatedBy: "\n").count > 200 ? .sfdp : .dot
            let rendered = try GraphvizRenderer.render(dot, engine: engine, format: format)
            try rendered.write(to: URL(fileURLWithPath: target + ".tmp"))
            guard rename(target + ".tmp", target) == 0 else { throw CocoaError(.fileWriteUnknown) }
            print(target)
        } catch {
            FileHandleOutput.standardError("ringfind render: error: \(error)\n")
            throw ExitCode.failure
        }
    }
}

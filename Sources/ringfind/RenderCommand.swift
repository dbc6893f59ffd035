import RingfindGraph
import ArgumentParser
import Foundation
import RingfindBuild
import RingfindGraphviz
import RingfindIngest
import RingfindRender

extension GraphvizRenderer.Format: ExpressibleByArgument {}

/// `ringfind render OUT --ring N`: re-renders a picture of a finished build.
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Re-render a ring (or the overview) of a finished build as SVG, PNG or DOT.",
        discussion: """
            Reads the DOT the build wrote (OUT/rings/ring-NNN.dot, OUT/overview.dot) and lays it \
            out again with Graphviz, in-process. Writes next to it and prints the path.
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

    @Option(help: "Steps around the --ego entity.")
    var hops: Int = 1

    @Option(help: "svg, png or dot.")
    var format: GraphvizRenderer.Format = .svg

    func validate() throws {
        guard [ring != nil, overview, ego != nil].filter({ $0 }).count == 1 else {
            throw ValidationError("give one of --ring N, --overview or --ego ENTITY")
        }
        if let ring, ring < 1 { throw ValidationError("--ring must be 1 or more") }
        guard (1...4).contains(hops) else { throw ValidationError("--hops must be between 1 and 4") }
    }

    func run() throws {
        if let ego { return try drawEgo(ego) }
        let stem = ring.map { String(format: "rings/ring-%03d", $0) } ?? "overview"
        let source = output + "/" + stem + ".dot"
        let read: Data?
        do { read = try CaseReading.with(output, checking: [stem + ".dot"]) { (_) throws(BuildError) in FileManager.default.contents(atPath: source) } } catch {
            FileHandleOutput.error("render", "\(error)")
            throw ExitCode.failure
        }
        guard let data = read else {
            let hint = ring.map { "ring \($0) was not drawn by the build (see rings.csv; only the best rings are drawn)" } ?? "no overview"
            FileHandleOutput.error("render", "cannot read \(source): \(hint)")
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
            FileHandleOutput.error("render", "\(error)")
            throw ExitCode.failure
        }
    }

    private func drawEgo(_ id: String) throws {
        do {
            let loaded = try CaseReload.load(outputFolder: output)
            guard let center = loaded.entities.entity(forID: id) else {
                FileHandleOutput.error("render", "no entity \(TextSafety.quoted(id)) in this case")
                throw ExitCode.failure
            }
            let dot = EgoDiagram.dot(center: center, hops: hops, graph: loaded.graph, entities: loaded.entities, roles: loaded.roles)
            let folder = output + "/ego"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let safe = String(id.unicodeScalars.map { CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_" ? Character($0) : "_" }.prefix(80))
            let target = folder + "/" + (safe.isEmpty ? "entity" : safe) + "." + format.rawValue
            let rendered = try GraphvizRenderer.render(dot, engine: dot.components(separatedBy: "\n").count > 200 ? .sfdp : .dot, format: format)
            try rendered.write(to: URL(fileURLWithPath: target + ".tmp"))
            guard rename(target + ".tmp", target) == 0 else { throw CocoaError(.fileWriteUnknown) }
            print(target)
        } catch let exit as ExitCode {
            throw exit
        } catch {
            FileHandleOutput.error("render", "\(error)")
            throw ExitCode.failure
        }
    }
}

import Foundation
import TestSupport
import Testing

/// A ring's picture and the overview, drawn again from the case file alone: the build's own
/// bytes, from `render --ring`/`--overview` and from the query's `render ring`.
extension RingfindBinaryTests {
    @Test func ringPicturesAndTheOverviewAreDrawnAgainFromTheCaseFileAlone() throws {
        let (input, output) = try buildACopyOfTheHandmadeWorld()
        let built = ["rings/ring-001.svg", "overview.svg"].map { output.read($0) }
        #expect(built.allSatisfy { $0?.contains("<svg") == true })
        // Neither the inputs nor the build's DOT files are read.
        try FileManager.default.removeItem(atPath: input.path)
        for file in ["rings/ring-001.dot", "rings/ring-001.svg", "overview.dot", "overview.svg"] {
            try FileManager.default.removeItem(atPath: output.path + "/" + file)
        }
        let ring = try run(["render", output.path, "--ring", "1"])
        #expect(ring.status == 0 && ring.stdout == output.path + "/rings/ring-001.svg\n", "\(ring.stderr)")
        let overview = try run(["render", output.path, "--overview"])
        #expect(overview.status == 0 && overview.stdout == output.path + "/overview.svg\n", "\(overview.stderr)")
        #expect([output.read("rings/ring-001.svg"), output.read("overview.svg")] == built)
        let source = try run(["render", output.path, "--ring", "1", "--format", "dot"])
        #expect(source.status == 0 && output.read("rings/ring-001.dot")?.hasPrefix("digraph") == true)

        try FileManager.default.removeItem(atPath: output.path + "/rings/ring-001.svg")
        let repl = try run(["query", output.path, "--format", "csv", "-e", "render ring 1"])
        #expect(repl.status == 0 && repl.stdout == "written\n\(output.path)/rings/ring-001.svg\n", "\(repl.stderr)")
        #expect(output.read("rings/ring-001.svg") == built[0])
        let missing = try run(["query", output.path, "-e", "render ring 9"])
        #expect(missing.stderr.contains("ring 9 was not drawn by the build"))
    }
}

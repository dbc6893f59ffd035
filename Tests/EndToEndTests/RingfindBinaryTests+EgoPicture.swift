import Foundation
import TestSupport
import Testing

/// The ego picture: drawn from the case file, one and the same from `render --ego` and from
/// the query's `render ego`, and drawn from the whole graph at any scale.
extension RingfindBinaryTests {
    @Test func theCommandLineAndTheQueryDrawOneEgoPicture() throws {
        let (input, output) = try buildACopyOfTheHandmadeWorld()
        for (id, hops, format) in [
            ("X007", "1", "svg"), ("E014", "2", "svg"), ("V011", "3", "png"), ("E001", "4", "svg"),
        ] {
            let cli = try run(["render", output.path, "--ego", id, "--hops", hops, "--format", format])
            #expect(cli.status == 0 && cli.stdout == "\(output.path)/ego/\(id).\(format)\n", "\(cli.stderr)")
            let picture = try #require(FileManager.default.contents(atPath: "\(output.path)/ego/\(id).\(format)"))
            let dot = try #require(output.read("ego/\(id).dot"))
            for file in ["dot", format] {
                try FileManager.default.removeItem(atPath: "\(output.path)/ego/\(id).\(file)")
            }

            let repl = try run([
                "query", output.path, "--format", "csv", "-e", "render ego \(id) --hops \(hops) --format \(format)",
            ])
            #expect(
                repl.status == 0 && repl.stdout == "written\n\(output.path)/ego/\(id).\(format)\n", "\(repl.stderr)")
            #expect(output.read("ego/\(id).dot") == dot, "\(id) DOT")
            #expect(
                FileManager.default.contents(atPath: "\(output.path)/ego/\(id).\(format)") == picture, "\(id) \(format)"
            )
            #expect(dot.contains("\(id) and ") && dot.contains("within \(hops) step") && !dot.contains("incomplete"))
        }
        // A picture of a case names people: owner-only, like the rest of the case.
        let mode = { (path: String) in
            (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? -1
        }
        #expect(try mode("\(output.path)/ego") == 0o700)
        #expect(try mode("\(output.path)/ego/X007.dot") == 0o600 && mode("\(output.path)/ego/X007.svg") == 0o600)
        // The inputs are not read again: the picture is drawn with them gone.
        try FileManager.default.removeItem(atPath: input.path)
        let alone = try run(["render", output.path, "--ego", "X007", "--format", "dot"])
        #expect(alone.status == 0 && alone.stdout == "\(output.path)/ego/X007.dot\n", "\(alone.stderr)")
        // The same bounds on both sides.
        #expect(try run(["render", output.path, "--ego", "X007", "--hops", "5"]).status == 64)
        #expect(
            try run(["query", output.path, "-e", "render ego X007 --hops 5"]).stderr.contains(
                "--hops must be between 1 and 4"))
    }

    /// A large case keeps only suspects' input rows but every connection: an ego picture of
    /// anyone is the one a case that keeps everything draws.
    @Test func aLargeCasesEgoPictureIsThatOfTheWholeGraph() throws {
        let output = TemporaryFolder("ringfind-e2e")
        let small = ["RINGFIND_CASE_WHOLE_UP_TO": "5"]  // the handmade world then counts as large
        var pictures: [[String?]] = []
        for extra in [[], ["--full-case"]] {
            #expect(
                try run(["build", "Datasets/handmade", "--out", output.path, "--quiet"] + extra, environment: small)
                    .status == 0)
            var drawn: [String?] = []
            for id in ["E001", "X007"] {
                let cli = try run(["render", output.path, "--ego", id, "--hops", "2", "--format", "dot"])
                #expect(cli.status == 0 && cli.stderr.isEmpty, "\(cli.stderr)")
                drawn.append(output.read("ego/\(id).dot"))
            }
            pictures.append(drawn)
        }
        #expect(pictures[0] == pictures[1] && pictures[0].allSatisfy { $0?.contains("incomplete") == false })
    }
}

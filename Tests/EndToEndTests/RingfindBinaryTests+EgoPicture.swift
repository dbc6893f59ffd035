import Foundation
import TestSupport
import Testing

/// The ego picture: drawn from the case file, one and the same from `render --ego` and from
/// the query's `render ego`, and honest about what a large case file leaves out.
extension RingfindBinaryTests {
    @Test func theCommandLineAndTheQueryDrawOneEgoPicture() throws {
        let input = TemporaryFolder("ringfind-in")
        let output = TemporaryFolder("ringfind-e2e")
        try FileManager.default.removeItem(atPath: input.path)
        try FileManager.default.copyItem(atPath: RepositoryFiles.path("Datasets/handmade"), toPath: input.path)
        #expect(try run(["build", input.path, "--out", output.path, "--quiet"]).status == 0)
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
        let mode = { (path: String) in (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? -1 }
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

    /// With only suspects' connections in the case file, a picture that may lack some says so in
    /// its caption and on standard error; one that cannot lack any does not.
    @Test func aLargeCasesEgoPictureSaysWhatItMayLack() throws {
        let output = TemporaryFolder("ringfind-e2e")
        let small = ["RINGFIND_CASE_WHOLE_UP_TO": "5"]  // the handmade world then counts as large
        #expect(
            try run(["build", "Datasets/handmade", "--out", output.path, "--quiet"], environment: small).status == 0)
        let bystander = try run(["render", output.path, "--ego", "E001", "--hops", "2"])
        #expect(bystander.status == 0)
        #expect(
            bystander.stderr.hasPrefix(
                "ringfind render: note: this case is large, so its case file keeps only the connections that touch a suspect"
            ))
        #expect(
            output.read("ego/E001.dot")?.contains(
                "\\nincomplete: this large case file keeps only connections that touch a suspect") == true)
        let repl = try run(["query", output.path, "-e", "render ego E001 --hops 2"])
        #expect(repl.stdout.contains("note: this case is large"))
        // The broker's own ties are all kept, and its neighbours here are all suspects.
        let broker = try run(["render", output.path, "--ego", "X007"])
        #expect(
            broker.status == 0 && broker.stderr.isEmpty && output.read("ego/X007.dot")?.contains("incomplete") == false)
        // --full-case keeps every connection: no note.
        #expect(
            try run(["build", "Datasets/handmade", "--out", output.path, "--quiet", "--full-case"], environment: small)
                .status == 0)
        let full = try run(["render", output.path, "--ego", "E001", "--hops", "2"])
        #expect(full.status == 0 && full.stderr.isEmpty && output.read("ego/E001.dot")?.contains("incomplete") == false)
    }
}

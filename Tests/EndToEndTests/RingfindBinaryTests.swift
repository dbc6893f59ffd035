import Foundation
import TestSupport
import Testing

/// Runs the real `ringfind` binary, as a user would.
@Suite struct RingfindBinaryTests {
    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
        /// Whether the process was ended by a signal (`status` is then its number).
        var signaled = false
    }

    /// The package root (this file is Tests/EndToEndTests/…).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The built binary, next to the test bundle.
    static var binary: URL {
        var dir = Bundle.main.bundleURL
        for _ in 0..<4 where !FileManager.default.fileExists(atPath: dir.appendingPathComponent("ringfind").path) {
            dir.deleteLastPathComponent()
        }
        return dir.appendingPathComponent("ringfind")
    }

    /// Builds a copy of `Datasets/handmade` (which a test may then delete) into a new output
    /// folder.
    func buildACopyOfTheHandmadeWorld() throws -> (input: TemporaryFolder, output: TemporaryFolder) {
        let input = TemporaryFolder("ringfind-in")
        let output = TemporaryFolder("ringfind-e2e")
        try FileManager.default.removeItem(atPath: input.path)
        try FileManager.default.copyItem(atPath: RepositoryFiles.path("Datasets/handmade"), toPath: input.path)
        #expect(try run(["build", input.path, "--out", output.path, "--quiet"]).status == 0)
        return (input, output)
    }

    func run(_ arguments: [String], input: String? = nil, environment: [String: String] = [:]) throws -> Outcome {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        process.currentDirectoryURL = Self.root
        let out = Pipe(), err = Pipe(), inPipe = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = inPipe
        try process.run()
        if let input { inPipe.fileHandleForWriting.write(Data(input.utf8)) }
        try inPipe.fileHandleForWriting.close()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self), signaled: process.terminationReason == .uncaughtSignal)
    }

    @Test func buildsTheHandmadeWorld() throws {
        let output = TemporaryFolder("ringfind-e2e")
        let result = try run(["build", "Datasets/handmade", "--out", output.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("entities: 110 (employee 40, vendor 60, external 10, broker 0)"))
        #expect(result.stdout.contains("communications.csv: 216 rows, 215 accepted, 1 rejected"))
        #expect(result.stdout.contains("communications.csv:217:3: 'timestamp' is '31/02/2025 10:00'"))
        let manifest =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: output.path + "/build.json")))
            as! [String: Any]
        let inputs = manifest["inputs"] as! [[String: Any]]
        #expect(inputs.count == 4)
        for input in inputs {
            #expect(input["rows_read"] as! Int == (input["rows_accepted"] as! Int) + (input["rows_rejected"] as! Int))
        }
        let entities = output.read("entities.csv")!
        #expect(
            entities.hasPrefix("id,kind,name,group,degree,strength,community,kind_origin,communication_out_degree,"))
        #expect(entities.split(separator: "\n").first?.hasSuffix(",brokerage_z,role,ring,score,rank,hired") == true)
        let rows = entities.split(separator: "\n").dropFirst().map {
            $0.split(separator: ",", omittingEmptySubsequences: false)
        }
        #expect(rows.count == 110)
        // The planted ring: broker X007, paid by four vendors, paying two employees, who touch
        // those vendors' data. Leiden puts exactly these seven in one community…
        let broker = try #require(rows.first { $0[0] == "X007" })
        #expect(broker[4] == "6")
        let community = rows.filter { $0[6] == broker[6] }.map { String($0[0]) }
        #expect(community == ["E014", "E027", "V011", "V023", "V037", "V042", "X007"])
        // …and ring detection reports it, with the same members and roles.
        let rings = output.read("rings.csv")!.split(separator: "\n")
        #expect(rings.count == 2)
        #expect(rings[1].hasPrefix("1,"))
        #expect(rings[1].contains(",X007,E014;E027,V011;V023;V037;V042,,"))  // core insider first
        let suspects = output.read("suspects.csv")!
        #expect(suspects.contains("\n1,X007,external,broker,core,1,"))
        #expect(output.read("evidence.csv")!.contains("Datasets/handmade/payments.csv:"))
    }

    @Test func buildsAndEvaluatesTheGeneratedDemo() throws {
        let output = TemporaryFolder("ringfind-e2e")
        let build = try run(["build", "Datasets/demo", "--out", output.path])
        #expect(build.status == 0, "\(build.stderr)")
        #expect(build.stdout.contains("rings: 3 ("))
        let eval = try run(["eval", output.path, "--truth", "Datasets/demo-truth.csv", "--json"])
        #expect(eval.status == 0, "\(eval.stderr)")
        let metrics = try JSONSerialization.jsonObject(with: Data(eval.stdout.utf8)) as! [String: Any]
        func value(_ name: String, _ who: String = "ringfind") -> Double { (metrics[name] as! [String: Double])[who]! }
        #expect(value("ring_recall") == 1)
        #expect(value("ring_precision") == 1)
        #expect(value("average_precision") >= 0.9)
        #expect(value("broker_recall") == 1)
        #expect(value("ring_recall", "baseline") < 1)
        // The table, exactly as the reference evaluation (eval_rings.py) gives it.
        let table = try run(["eval", output.path, "--truth", "Datasets/demo-truth.csv"])
        #expect(
            table.stdout == """
                true rings 3; predicted by ringfind 3, by the baseline 2
                metric               ringfind  baseline
                ring recall             1.000     0.667
                ring precision          1.000     1.000
                mean best Jaccard       1.000     0.633
                average precision       1.000     0.674
                broker recall           1.000     0.667
                broker precision        1.000     1.000

                """)
    }

    @Test func generateThenBuildThenEvaluate() throws {
        let world = TemporaryFolder("ringfind-world")
        let generated = try run([
            "generate", world.path, "--scale", "800", "--rings", "3", "--seed", "11", "--camouflage", "heavy",
        ])
        #expect(generated.status == 0, "\(generated.stderr)")
        #expect(world.exists("data/entities.csv") && world.exists("truth.csv") && !world.exists("data/truth.csv"))
        let build = try run(["build", world.path + "/data", "--out", world.path + "/out", "--quiet"])
        #expect(build.status == 0, "\(build.stderr)")
        let eval = try run(["eval", world.path + "/out", "--truth", world.path + "/truth.csv"])
        #expect(eval.status == 0, "\(eval.stderr)")
        #expect(eval.stdout.contains("ring recall"))
        let missing = try run(["eval", world.path + "/nowhere", "--truth", world.path + "/truth.csv"])
        #expect(missing.status == 1)
        #expect(missing.stderr.hasPrefix("ringfind eval: error: cannot read"))
        // eval reads the case file alone: without it, the build is to be made again.
        try FileManager.default.removeItem(atPath: world.path + "/out/case.sqlite")
        let older = try run(["eval", world.path + "/out", "--truth", world.path + "/truth.csv"])
        #expect(older.status == 1 && older.stderr.contains("there is no case file"))
        #expect(older.stderr.contains("build again"))
    }

    @Test func generateMarketplaceStylesDecoysAndAWorldWithoutRings() throws {
        let world = TemporaryFolder("ringfind-world")
        let generated = try run([
            "generate", world.path, "--scale", "400", "--rings", "0", "--style", "mixed", "--seed", "3",
        ])
        #expect(generated.status == 0, "\(generated.stderr)")
        #expect(generated.stdout.contains("style mixed") && generated.stdout.contains("decoys"))
        #expect(world.read("truth.csv") == "entity_id,ring_id,role\n")
        #expect(world.exists("decoys.csv") && world.exists("planted.csv") && !world.exists("data/decoys.csv"))
        let plain = try run([
            "generate", world.path + "/plain", "--scale", "400", "--rings", "2", "--style", "timed", "--no-decoys",
        ])
        #expect(plain.status == 0 && !FileManager.default.fileExists(atPath: world.path + "/plain/decoys.csv"))
        let classic = try run(["generate", world.path + "/classic", "--decoys"])
        #expect(classic.status == 64 && classic.stderr.contains("--decoys needs --style"))
        let unknown = try run(["generate", world.path + "/other", "--style", "timed", "--without", "rival,teleport"])
        #expect(unknown.status == 64 && unknown.stderr.contains("--without teleport"))
    }

    @Test func rendersRingsEgoNetworksAndTheOverview() throws {
        let output = TemporaryFolder("ringfind-e2e")
        #expect(try run(["build", "Datasets/handmade", "--out", output.path, "--quiet"]).status == 0)
        let png = try run(["render", output.path, "--ring", "1", "--format", "png"])
        #expect(png.status == 0, "\(png.stderr)")
        #expect(png.stdout == output.path + "/rings/ring-001.png\n")
        let bytes = try #require(FileManager.default.contents(atPath: output.path + "/rings/ring-001.png"))
        #expect(bytes.prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]))
        let ego = try run(["render", output.path, "--ego", "X007", "--hops", "2"])
        #expect(ego.status == 0, "\(ego.stderr)")
        let svg = try #require(output.read("ego/X007.svg"))
        #expect(svg.contains("E014") && svg.contains("V042"))
        let unknown = try run(["render", output.path, "--ego", "nobody"])
        #expect(unknown.status == 1 && unknown.stderr.contains("no entity 'nobody'"))
        let missing = try run(["render", output.path, "--ring", "9"])
        #expect(missing.status == 1 && missing.stderr.contains("ring 9 was not drawn"))
    }

    @Test func buildsEmailEuCore() throws {
        let output = TemporaryFolder("ringfind-e2e")
        let result = try run(["build", "Datasets/email-eu-core", "--out", output.path, "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        let manifest =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: output.path + "/build.json")))
            as! [String: Any]
        let graph = manifest["graph"] as! [String: Any]
        #expect(graph["entities"] as? Int == 1005)
        #expect((graph["edges_by_type"] as! [String: Int])["communication"] == 25_571)
    }

    @Test func errorsAreOneLineWithoutAStackTrace() throws {
        let missing = try run(["build", "no/such/folder"])
        #expect(missing.status == 1)
        #expect(missing.stderr == "ringfind build: error: input folder 'no/such/folder' does not exist\n")

        let badOption = try run(["build", "Datasets/demo", "--max-rejects", "lots"])
        #expect(badOption.status == 64)  // EX_USAGE: the command line is wrong (README, "Exit status")
        #expect(badOption.stderr.contains("--max-rejects lots: expected a whole number (250) or a percentage (0.5%)"))
    }

    /// `bench build` times every stage of a generated world's build and reports memory.
    @Test func benchBuildReportsEveryStageAndPeakMemory() throws {
        let work = TemporaryFolder("ringfind-bench")
        let result = try run([
            "bench", "build", "--scale", "400", "--rings", "1", "--camouflage", "none", "--work", work.path, "--json",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let line = try #require(result.stdout.split(separator: "\n").first { $0.hasPrefix("{") })
        let measured = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        let stages = try #require(measured["stages"] as? [String: Double])
        #expect(
            Set(stages.keys).isSuperset(of: [
                "ingest", "graph", "communities", "centrality", "rings", "reports", "pictures", "case file",
            ]))
        #expect(
            (measured["total_seconds"] as? Double ?? 0) > 0 && (measured["peak_rss_gb"] as? Double ?? 0) > 0
                && (measured["cpu_seconds"] as? Double ?? 0) > 0)
        // The world is generated once and reused.
        #expect(
            try run(["bench", "build", "--scale", "400", "--rings", "1", "--camouflage", "none", "--work", work.path])
                .stderr.isEmpty)
    }

    @Test func helpReadsWell() throws {
        let help = try run(["build", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("--max-rejects <n|p%>"))
        #expect(help.stdout.contains("--strict"))
        // build --help names every output it writes.
        let prose = help.stdout.replacingOccurrences(of: "\n", with: " ")
        for output in [
            "rings.csv", "suspects.csv", "evidence.csv", "entities.csv", "communities.csv", "baseline-rings.csv",
            "rejected.csv", "rings/", "overview.svg", "index.html", "case.sqlite", "build.json",
            "alias-suggestions.csv",
        ] {
            #expect(prose.contains(output), "build --help does not mention \(output)")
        }
        let top = try run(["--help"])
        // Every command appears in the typical uses, and no line is wrapped mid-phrase.
        for command in ["build", "query", "render", "generate", "eval", "bench"] {
            #expect(top.stdout.contains("  ringfind \(command) "), "typical use of \(command)")
        }
        #expect(top.stdout.split(separator: "\n").allSatisfy { $0.count <= 80 })
        // Discussions read as prose: no line-continuation backslash leaks into the text.
        for command in ["build", "query", "render", "generate", "eval", "bench"] {
            #expect(!(try run([command, "--help"])).stdout.contains("\\\n"), "\(command) --help")
        }
    }
}

import Foundation
import TestSupport
import Testing

/// `ringfind query` as a user runs it: large cases, scripted and interactive sessions, terminal
/// safety, SQL and errors.
extension RingfindBinaryTests {
    /// A large case's case file keeps only suspects' input rows but the whole graph: answers
    /// that walk the graph are whole, and an answer that needs rows it did not store says so.
    @Test func aLargeCasesGraphIsWholeAndItsMissingRowsAreNamed() throws {
        let output = TemporaryFolder("ringfind-e2e")
        let small = ["RINGFIND_CASE_WHOLE_UP_TO": "5"]  // the handmade world then counts as large
        #expect(
            try run(["build", "Datasets/handmade", "--out", output.path, "--quiet"], environment: small).status == 0)
        let scopes = try run([
            "query", output.path, "--format", "csv", "-e",
            "sql SELECT key, value FROM manifest WHERE key LIKE '%_scope' ORDER BY key",
        ])
        #expect(scopes.stdout == "key,value\nedges_scope,suspects\nevents_scope,suspects\n")
        // E001 is no suspect: its neighbours, and a path through non-suspects, come from the whole graph.
        let graphQuestions = ["query", output.path, "-e", "neighbors E001", "-e", "path E001 E002"]
        let bystander = try run(graphQuestions)
        #expect(
            bystander.status == 0 && !bystander.stdout.contains("note:") && bystander.stdout.contains("E017"),
            "\(bystander.stderr)")
        let summary = try run(["query", output.path, "-e", "summary"]).stdout
        #expect(summary.contains("only those touching a suspect, for SQL (the graph itself, in adjacency, is whole)"))
        // Its input rows were not stored, and the answer says so instead of showing none.
        let events = try run(["query", output.path, "-e", "events E001"])
        #expect(
            events.status == 1 && events.stdout.isEmpty
                && events.stderr.contains(
                    "events of E001 were not stored: the case keeps every input row only up to 5 rows (this case has 505)"
                ))
        // Some rows of E033 (those with suspects) were stored: shown, with what is missing; in
        // CSV the note goes to standard error, so the output stays machine-readable.
        let csv = try run(["query", output.path, "--format", "csv", "-e", "events E033"])
        #expect(
            csv.status == 0 && !csv.stdout.contains("note")
                && csv.stderr.contains("note: only the rows of E033 that touch a suspect were stored"))
        // --full-case keeps every row: the graph answers are the same, and the rows are there.
        #expect(
            try run(["build", "Datasets/handmade", "--out", output.path, "--quiet", "--full-case"], environment: small)
                .status == 0)
        #expect(try run(graphQuestions).stdout == bystander.stdout)
        let full = try run(["query", output.path, "-e", "events E001"])
        #expect(full.status == 0 && !full.stdout.contains("note:") && full.stdout.contains("(23 rows)"))
    }

    @Test func scriptedQuerySessionMatchesTheGoldenTranscript() throws {
        let output = TemporaryFolder("ringfind-e2e")
        #expect(try run(["build", "Datasets/handmade", "--out", output.path, "--quiet"]).status == 0)
        let script = """
            summary
            rings
            ring 1
            suspects --role insider
            show E014
            neighbors X007 --type payment
            events E014 --type access --since 2025-04-01 --until 2025-04-10
            explain 1
            explain E027
            top betweenness 3
            find "quick"
            sql SELECT role, count(*) AS n FROM entities WHERE role IS NOT NULL GROUP BY role ORDER BY role
            path V011 E027
            path V011 E027 --time-ordered
            render ring 1
            render ego E014
            help
            """
        let result = try run(["query", output.path], input: script)
        #expect(result.status == 0, "\(result.stderr)")
        let golden = RepositoryFiles.path("Tests/Fixtures/golden/query-handmade.txt")
        let transcript = result.stdout.replacingOccurrences(of: output.path, with: "OUT")
        if ProcessInfo.processInfo.environment["RINGFIND_RECORD_GOLDEN"] == "1" {
            try transcript.write(toFile: golden, atomically: true, encoding: .utf8)
        }
        #expect(
            transcript == (try String(contentsOfFile: golden, encoding: .utf8)),
            "re-record with RINGFIND_RECORD_GOLDEN=1 if intended")
        // Every command is in the audit log.
        let audit = try #require(output.read("audit.log")).split(separator: "\n")
        #expect(audit.count == 17 && audit[0].hasSuffix("\tsummary"))
        #expect(output.exists("ego/E014.svg") && output.exists("ego/E014.dot"))
        // As JSON, for scripts.
        let json = try run(["query", output.path, "--format", "json", "-e", "suspects --top 1"])
        let rows = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [[String: String]]
        #expect(rows.first?["id"] == "X007" && rows.first?["role"] == "broker")
    }

    /// Interactive mode under a pseudo-terminal (util-linux `script`): tab completion and history.
    @Test func interactiveQueryCompletesAndKeepsHistory() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else { return }
        let output = TemporaryFolder("ringfind-e2e")
        #expect(try run(["build", "Datasets/handmade", "--out", output.path, "--quiet"]).status == 0)
        let keys = output.write("keys.txt", "summ\t\nshow X00\t7\nquit\n")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qc", "\(Self.binary.path) query \(output.path)", "/dev/null"]
        process.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: keys))
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let screen = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(screen.contains("ringfind> "))
        #expect(screen.contains("brokers found"))  // `summ` + Tab completed to `summary`
        #expect(screen.contains("Quickstar Consulting"))  // `show X00` + Tab + 7 = `show X007`
        let history = try #require(output.read(".query-history"))
        #expect(history.contains("summary") && history.contains("X007"))
    }

    /// Under a pseudo-terminal, no query format writes raw escape, bell, C1 or bidi characters.
    @Test func queryNeverWritesHiddenCharactersToATerminal() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else { return }
        let output = TemporaryFolder("ringfind-e2e")
        #expect(try run(["build", "Datasets/handmade", "--out", output.path, "--quiet"]).status == 0)
        for format in ["csv", "json", "table"] {
            let command = output.write(
                "run-\(format).sh",
                """
                exec '\(Self.binary.path)' query '\(output.path)' --format \(format) -e 'sql SELECT char(27, 91, 50, 74, 7, 8238, 155) AS x'
                """)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
            process.arguments = ["-qc", "sh \(command)", "/dev/null"]
            let out = Pipe()
            process.standardOutput = out
            process.standardInput = FileHandle.nullDevice
            try process.run()
            let screen = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(
                !screen.unicodeScalars.contains { [0x1B, 0x07, 0x9B, 0x202E].contains($0.value) },
                "\(format): \(screen.debugDescription)")
            #expect(
                screen.contains(
                    format == "json" ? "\\u001b[2J\\u0007\\u202e\\u009b" : "\\u{1b}[2J\\u{7}\\u{202e}\\u{9b}"),
                "\(format): \(screen.debugDescription)")
        }
        let missing = try run(["query", output.path + "/no\u{1B}]0;pwned\u{07}where", "-e", "summary"])
        #expect(missing.status == 1)
        #expect(!missing.stderr.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
        #expect(missing.stderr.contains("no\\u{1b}]0;pwned\\u{7}where"))
    }

    @Test func aPlantedAuditLogLinkIsRefusedAndNothingIsWrittenOutside() throws {
        let output = TemporaryFolder("ringfind-e2e"), elsewhere = TemporaryFolder("ringfind-elsewhere")
        #expect(try run(["build", "Datasets/handmade", "--out", output.path, "--quiet"]).status == 0)
        try FileManager.default.createSymbolicLink(
            atPath: output.path + "/audit.log", withDestinationPath: elsewhere.path + "/stolen.log")
        let result = try run(["query", output.path, "-e", "summary"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("audit.log: it is a symbolic link, which ringfind does not follow"))
        #expect(!elsewhere.exists("stolen.log"))
        try FileManager.default.removeItem(atPath: output.path + "/audit.log")
        #expect(try run(["query", output.path, "-e", "summary"]).status == 0)
        let mode =
            try FileManager.default.attributesOfItem(atPath: output.path + "/audit.log")[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func sqlTakesTheStatementAsTypedAndPrintsNumbersExactly() throws {
        let output = TemporaryFolder("ringfind-e2e")
        #expect(try run(["build", "Datasets/handmade", "--out", output.path, "--quiet"]).status == 0)
        let result = try run([
            "query", output.path, "--format", "csv",
            "-e", "sql SELECT count(*) AS n FROM entities WHERE kind = 'vendor'",
            "-e", "sql \"SELECT id FROM entities WHERE id = 'X007'\"",
            "-e", "sql SELECT 1234567.891 AS a, 0.1 AS b, 1e20 AS c, 2.5e-7 AS d, 3.0 AS e",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "n\n60\nid\nX007\na,b,c,d,e\n1234567.891,0.1,1e+20,2.5e-07,3\n")
    }

    @Test func queryErrorsAreOneLineWithSuggestions() throws {
        let output = TemporaryFolder("ringfind-e2e")
        let none = try run(["query", output.path, "-e", "summary"])
        #expect(none.status == 1)
        #expect(
            none.stderr.contains("no case file at \(output.path)/case.sqlite; build one with `ringfind build DIR --out")
        )
        #expect(try run(["build", "Datasets/handmade", "--out", output.path, "--quiet"]).status == 0)
        let bad = try run([
            "query", output.path, "-e", "summry", "-e", "show X07", "-e", "sql DELETE FROM entities", "-e", "ring 9",
            "-e", "top magic", "-e", "events E014 --since yesterday", "-e", "suspects --role boss", "-e",
            "find \"unclosed",
            "-e", "events E014 --type bogus", "-e", "events E014 --limit -1", "-e", "neighbors E014 --type emails",
        ])
        #expect(bad.status == 1)
        let lines = bad.stderr.split(separator: "\n").map(String.init)
        #expect(
            lines == [
                "error: unknown command 'summry'; did you mean 'summary'? (type help)",
                "error: no entity 'X07'; did you mean 'X007'?",
                "error: case file \(output.path)/case.sqlite: only reading statements are allowed",
                "error: no ring 9 (see `rings`)",
                "error: unknown metric 'magic'",
                "error: --since 'yesterday': expected a date such as 2025-03-01 or 2025-03-01T10:00:00Z",
                "error: --role boss: expected broker, insider, client or intermediary",
                "error: a quote is not closed",
                "error: --type bogus: expected one of communication, payment, access",
                "error: --limit -1: expected a whole number ≥ 0",
                "error: --type emails: expected one of communication, payment, access",
            ])
    }
}

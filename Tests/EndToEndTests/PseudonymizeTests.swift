import Foundation
import TestSupport
import Testing

/// `--pseudonymize`: no raw id or name in any byte of any output, `reveal` maps back, and the
/// same key gives the same case.
@Suite struct PseudonymizeTests {
    let binary = RingfindBinaryTests()
    static let keyText = "Q2FzZSA0MiBrZXk6IG5ldmVyIGluIGFuIG91dHB1dC4=\n"

    /// Every id and name of the demo's inputs (entities' ids and names, every id in the logs).
    func rawIDsAndNames() throws -> Set<String> {
        var raw = Set<String>()
        for (file, columns) in [
            ("entities.csv", ["id", "name"]), ("communications.csv", ["from", "to"]),
            ("payments.csv", ["from", "to"]), ("access.csv", ["employee", "vendor", "resource"]),
        ] {
            let text = try String(contentsOfFile: RepositoryFiles.path("Datasets/demo/" + file), encoding: .utf8)
            try #require(!text.contains("\""))
            let lines = text.split(separator: "\n").map {
                $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            }
            let indexes = columns.compactMap { lines[0].firstIndex(of: $0) }
            for line in lines.dropFirst() {
                for i in indexes where i < line.count && !line[i].isEmpty { raw.insert(line[i]) }
            }
        }
        return raw
    }

    /// Files under `folder` holding any of `patterns` (fixed strings, any byte), by grep.
    func filesContaining(_ patterns: Set<String>, in folder: String) throws -> [String] {
        let list = TemporaryFolder("ringfind-patterns")
        let patternFile = list.write("patterns.txt", patterns.sorted().joined(separator: "\n") + "\n")
        let grep = Process()
        grep.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        grep.arguments = ["grep", "-r", "-l", "-a", "-F", "-f", patternFile, folder]
        let out = Pipe()
        grep.standardOutput = out
        try grep.run()
        let found = out.fileHandleForReading.readDataToEndOfFile()
        grep.waitUntilExit()
        try #require(grep.terminationStatus <= 1, "grep failed")
        return String(decoding: found, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    @Test func noRawIDOrNameReachesAnyOutputAndRevealMapsBack() throws {
        let folder = TemporaryFolder("ringfind-pseudo")
        let key = folder.write("case.key", Self.keyText)
        let build = try binary.run(["build", "Datasets/demo", "--out", folder.path + "/out", "--pseudonymize", key])
        try #require(build.status == 0, "\(build.stderr)")
        let raw = try rawIDsAndNames()
        #expect(raw.count > 1000)
        // The grep itself works: it finds the raw ids in the inputs.
        #expect(try filesContaining(raw, in: RepositoryFiles.path("Datasets/demo")).count == 4)
        // Nothing of them, nor the key, in any output — the terminal summary included.
        let outputs = try FileManager.default.subpathsOfDirectory(atPath: folder.path + "/out")
        #expect(
            outputs.contains("case.sqlite") && outputs.contains("index.html") && outputs.contains("rings/ring-001.svg"))
        let keyPatterns: Set<String> = [Self.keyText.trimmingCharacters(in: .newlines), "Case 42 key"]
        #expect(try filesContaining(raw.union(keyPatterns), in: folder.path + "/out") == [])
        #expect(!raw.contains { build.stdout.contains($0) })
        #expect(build.stdout.contains("broker 'P-"))

        // Reveal: the top broker is the raw build's top broker.
        let plain = try binary.run(["build", "Datasets/demo", "--out", folder.path + "/plain", "--quiet"])
        try #require(plain.status == 0)
        func topBroker(_ out: String) throws -> String {
            let suspects = try #require(FileManager.default.contents(atPath: folder.path + "/" + out + "/suspects.csv"))
            return String(String(decoding: suspects, as: UTF8.self).split(separator: "\n")[1].split(separator: ",")[1])
        }
        let pseudonym = try topBroker("out")
        let revealed = try binary.run(["reveal", key, pseudonym, "--case", folder.path + "/out"])
        #expect(revealed.status == 0, "\(revealed.stderr)")
        #expect(revealed.stdout == "pseudonym\tis\toriginal\n\(pseudonym)\tid\t\(try topBroker("plain"))\n")
        let unknown = try binary.run(["reveal", key, "P-0123456789ABCDEF", "--case", folder.path + "/out"])
        #expect(unknown.status == 1 && unknown.stdout.contains("(not found)"))

        // The same key gives the same case, byte for byte.
        let again = try binary.run([
            "build", "Datasets/demo", "--out", folder.path + "/again", "--pseudonymize", key, "--quiet",
        ])
        try #require(again.status == 0)
        for name in [
            "entities.csv", "rings.csv", "suspects.csv", "evidence.csv", "case.sqlite", "index.html",
            "rings/ring-001.svg",
        ] {
            #expect(
                FileManager.default.contents(atPath: folder.path + "/out/" + name)
                    == FileManager.default.contents(atPath: folder.path + "/again/" + name), "\(name)")
        }
    }

    @Test func badKeyFilesAreRefusedBeforeAnythingIsRead() throws {
        let folder = TemporaryFolder("ringfind-key")
        let short = folder.write("short.key", "secret\n")
        let result = try binary.run(["build", "Datasets/demo", "--out", folder.path + "/out", "--pseudonymize", short])
        #expect(result.status == 64 && result.stderr.contains("holds 6 bytes; a key needs at least 32"))
        let missing = try binary.run([
            "build", "Datasets/demo", "--out", folder.path + "/out", "--pseudonymize", folder.path + "/none.key",
        ])
        #expect(missing.status == 64 && missing.stderr.contains("does not exist"))
        let groups = try binary.run(["build", "Datasets/demo", "--out", folder.path + "/out", "--keep-groups"])
        #expect(groups.status == 64 && groups.stderr.contains("--keep-groups needs --pseudonymize"))
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/out"))
    }
}

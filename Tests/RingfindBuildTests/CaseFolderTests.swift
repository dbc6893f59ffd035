import Foundation
import RingfindCase
import RingfindIngest
import TestSupport
import Testing

@testable import RingfindBuild

/// The output folder: what a build may touch, who may write it, and that its files are one case.
@Suite struct CaseFolderTests {
    /// A copy of `Datasets/handmade` (one planted ring); `extraRow` adds a message, so every
    /// report differs.
    private func inputs(extraRow: Bool = false) -> TemporaryFolder {
        let folder = TemporaryFolder("ringfind-in")
        let source = RepositoryFiles.path("Datasets/handmade")
        for name in (try? FileManager.default.contentsOfDirectory(atPath: source)) ?? [] {
            folder.write(name, bytes: Array(FileManager.default.contents(atPath: source + "/" + name) ?? Data()))
        }
        if extraRow, let text = folder.read("communications.csv") {
            folder.write("communications.csv", text + "E001,E002,2025-05-01T09:00:00Z,email,3\n")
        }
        return folder
    }

    @discardableResult
    private func build(
        _ input: String, _ output: String, seed: UInt64 = 1, policy: RejectPolicy = .standard,
        groupReadable: Bool = false
    ) throws -> BuildResult {
        var options = BuildOptions(
            inputFolder: input, outputFolder: output, rejectPolicy: policy, commandLine: ["test"])
        options.communities.seed = seed
        options.groupReadable = groupReadable
        return try BuildPipeline.run(options)
    }

    private func contents(_ folder: String) -> [String: Data] {
        var files: [String: Data] = [:]
        for name in (try? FileManager.default.subpathsOfDirectory(atPath: folder)) ?? [] {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder + "/" + name, isDirectory: &isDirectory),
                !isDirectory.boolValue
            {
                files[name] = FileManager.default.contents(atPath: folder + "/" + name)
            }
        }
        return files
    }

    // MARK: - Ownership

    @Test func anOutputFolderThatIsHoldsOrLiesInsideTheInputFolderIsRefused() throws {
        let input = inputs()
        let before = contents(input.path)
        for output in [
            input.path, input.path + "/out", input.path + "/./", (input.path as NSString).deletingLastPathComponent,
        ] {
            #expect(throws: BuildError.self, "\(output)") { try build(input.path, output) }
        }
        // Through a symbolic link too.
        let links = TemporaryFolder("ringfind-links")
        try FileManager.default.createSymbolicLink(atPath: links.path + "/logs", withDestinationPath: input.path)
        #expect(throws: BuildError.self) { try build(links.path + "/logs", input.path + "/reports") }
        // `build P/rings -o P`: the input folder inside the output folder.
        let parent = TemporaryFolder("ringfind-parent")
        parent.write("rings/payments.csv", "from,to,amount\na,b,1\n")
        #expect(throws: BuildError.self) { try build(parent.path + "/rings", parent.path) }
        #expect(parent.read("rings/payments.csv") == "from,to,amount\na,b,1\n")
        #expect(contents(input.path) == before)
        var message = "built"
        do { try build(input.path, input.path) } catch { message = "\(error)" }
        #expect(message.contains("is the input folder"))
    }

    @Test func aFileTheBuildDidNotWriteIsNeverReplaced() throws {
        let input = inputs(), output = TemporaryFolder("ringfind-out")
        output.write("entities.csv", "my own spreadsheet")
        #expect(throws: BuildError.self) { try build(input.path, output.path) }
        #expect(output.read("entities.csv") == "my own spreadsheet")
        #expect(!output.exists("build.json") && !output.exists("case.sqlite"))
    }

    @Test func foreignFilesInTheOutputFolderSurviveRebuilds() throws {
        let input = inputs(), output = TemporaryFolder("ringfind-out")
        try build(input.path, output.path)
        #expect(output.exists("rings/ring-001.svg"))
        output.write("rings/notes.txt", "ring 1: call the bank")
        output.write("notes.md", "mine")
        let changed = inputs(extraRow: true)
        try build(changed.path, output.path)
        try build(input.path, output.path, seed: 3)
        #expect(output.read("rings/notes.txt") == "ring 1: call the bank")
        #expect(output.read("notes.md") == "mine")
    }

    @Test func aCaseWrittenBeforeOwnershipWasRecordedIsReplacedWhole() throws {
        // Older builds kept no owned.json and listed build.json among their outputs.
        let input = inputs(), output = TemporaryFolder("ringfind-out")
        try build(input.path, output.path)
        try FileManager.default.removeItem(atPath: output.path + "/.ringfind")
        let manifest = try #require(output.read("build.json"))
        output.write(
            "build.json",
            manifest.replacingOccurrences(of: "\"outputs\" : [", with: "\"outputs\" : [\n    \"build.json\","))
        #expect(output.read("build.json")?.contains("\"build.json\",") == true)
        output.write("notes.md", "mine")
        let changed = inputs(extraRow: true)
        try build(changed.path, output.path)
        #expect(output.read("notes.md") == "mine")
        let owned = try #require(try OwnedFiles.read(CaseFolder(path: output.path)))
        #expect(owned.publish != "legacy" && owned.files.contains("build.json"))
    }

    @Test func filesOfThePreviousCaseThatTheNewOneLacksAreRemoved() throws {
        let input = inputs(), output = TemporaryFolder("ringfind-out")
        try build(input.path, output.path)
        #expect(output.exists("rings/ring-001.dot"))
        let quiet = TemporaryFolder("ringfind-in")
        quiet.write("communications.csv", "from,to\na,b\n")
        try build(quiet.path, output.path)
        #expect(!output.exists("rings/ring-001.dot") && !output.exists("rings/ring-001.svg"))
        let owned = try #require(try OwnedFiles.read(CaseFolder(path: output.path)))
        #expect(Set(owned.files) == Set(contents(output.path).keys.filter { !$0.hasPrefix(".") }))
    }

    @Test func aStaleRejectedRowsFileDoesNotOutliveTheNextSuccessfulBuild() throws {
        let input = inputs(), output = TemporaryFolder("ringfind-out")
        try build(input.path, output.path)
        input.write("communications.csv", "from,to,timestamp\na,b,never\nc,d,nope\n")
        #expect(throws: BuildError.self) {
            try build(input.path, output.path, policy: .init(strict: false, limit: .count(1)))
        }
        #expect(output.read("rejected-failed-build.csv")?.contains("nope") == true)
        input.write("communications.csv", "from,to\na,b\n")
        try build(input.path, output.path)
        #expect(!output.exists("rejected-failed-build.csv"))
        // A file of that name that ringfind did not write is left alone.
        output.write("rejected-failed-build.csv", "mine")
        input.write("communications.csv", "from,to,timestamp\na,b,never\nc,d,nope\n")
        #expect(throws: BuildError.self) {
            try build(input.path, output.path, policy: .init(strict: false, limit: .count(1)))
        }
        #expect(output.read("rejected-failed-build.csv") == "mine")
    }

    // MARK: - One case at a time

    @Test func aSecondBuildIntoABusyFolderIsRefused() throws {
        let input = inputs(), output = TemporaryFolder("ringfind-out")
        try build(input.path, output.path)
        let folder = CaseFolder(path: output.path)
        let held = try folder.lock(.build, exclusive: true, create: true, wait: nil)
        #expect(held != nil)
        var message = "built"
        do { try build(input.path, output.path) } catch { message = "\(error)" }
        #expect(message.contains("another ringfind build is writing"))
        withExtendedLifetime(held) {}
    }

    @Test func aReaderWaitsForAPublishAndGivesUpClearly() throws {
        let input = inputs(), output = TemporaryFolder("ringfind-out")
        try build(input.path, output.path)
        var publishing = try CaseFolder(path: output.path).lock(.publication, exclusive: true, create: false, wait: nil)
        #expect(publishing != nil)
        var message = "opened"
        do { _ = try CaseStore(folder: output.path, wait: 0.2) } catch { message = "\(error)" }
        #expect(message.contains("has been publishing"))
        publishing = nil
        #expect(try CaseStore(folder: output.path, wait: 0.2).buildID.count == 32)
    }

    @Test func everyOutputBelongsToTheBuildIdInBuildJSON() throws {
        let input = inputs(), output = TemporaryFolder("ringfind-out"), again = TemporaryFolder("ringfind-out")
        let result = try build(input.path, output.path)
        let id = result.manifest.buildId
        #expect(id.count == 32)
        #expect(try CaseStore(folder: output.path).buildID == id)
        let digests = try #require(result.manifest.outputSha256)
        #expect(Set(digests.keys) == Set(result.manifest.outputs.filter { $0 != "build.json" }))
        for (name, digest) in digests { #expect(try FileDigest.sha256(output.path + "/" + name) == digest, "\(name)") }
        // Deterministic: the same inputs and options give the same id; another seed another one.
        #expect(try build(input.path, again.path).manifest.buildId == id)
        #expect(try build(input.path, again.path, seed: 9).manifest.buildId != id)
    }

    @Test func readersRefuseAMixedCase() throws {
        let a = TemporaryFolder("ringfind-out"), b = TemporaryFolder("ringfind-out")
        let inputA = inputs(), inputB = inputs(extraRow: true)
        try build(inputA.path, a.path)
        try build(inputB.path, b.path)
        let truth = TemporaryFolder("ringfind-truth")
        truth.write("truth.csv", "entity_id,ring_id,role\nX007,1,broker\n")
        _ = try BuildEvaluation.run(outputFolder: a.path, truthPath: truth.path + "/truth.csv")

        // A file replaced by another build's: reading it as part of the case (`render --ring`,
        // `reveal`) is refused.
        #expect(a.read("entities.csv") != b.read("entities.csv"))
        a.write("entities.csv", b.read("entities.csv")!)
        #expect(throws: BuildError.self) {
            try CaseReading.with(a.path, checking: ["entities.csv"]) { (_) throws(BuildError) in }
        }
        // The case file replaced by another build's: query and eval refuse it.
        try FileManager.default.removeItem(atPath: a.path + "/case.sqlite")
        try FileManager.default.copyItem(atPath: b.path + "/case.sqlite", toPath: a.path + "/case.sqlite")
        var message = "opened"
        do { _ = try CaseStore(folder: a.path) } catch { message = "\(error)" }
        #expect(message.contains("does not hold one whole case"))
        #expect(throws: BuildError.self) {
            try BuildEvaluation.run(outputFolder: a.path, truthPath: truth.path + "/truth.csv")
        }
    }

    // MARK: - Permissions

    @Test func outputsAreOwnerOnlyUnlessGroupReadable() throws {
        let input = inputs(), parent = TemporaryFolder("ringfind-out")
        func mode(_ path: String) throws -> Int {
            (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? -1
        }
        for (groupReadable, folderMode, fileMode) in [(false, 0o700, 0o600), (true, 0o750, 0o640)] {
            let output = parent.path + "/case-\(groupReadable)"
            try build(input.path, output, groupReadable: groupReadable)
            #expect(
                try mode(output) == folderMode && mode(output + "/rings") == folderMode
                    && mode(output + "/.ringfind") == folderMode)
            for name in [
                "entities.csv", "case.sqlite", "build.json", "index.html", "rings/ring-001.svg", ".ringfind/owned.json",
            ] {
                #expect(try mode(output + "/" + name) == fileMode, "\(name)")
            }
        }
    }

    @Test func anOutputFolderOpenToOthersIsAWarning() throws {
        let input = inputs(), output = TemporaryFolder("ringfind-out")
        _ = chmod(output.path, 0o755)
        let result = try build(input.path, output.path)
        #expect(result.manifest.warnings.contains { $0.contains("mode 755") })
    }
}

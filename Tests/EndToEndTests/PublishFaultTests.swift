import Foundation
import TestSupport
import Testing

/// A case is published whole or not at all: the real binary killed (as by kill -9) after every
/// single step of publishing, or interrupted while it works, leaves the previous case or the
/// new one — never a mix, never its staging folder.
@Suite(.serialized) struct PublishFaultTests {
    let binary = RingfindBinaryTests()

    /// Every file of the case in `folder` (hidden bookkeeping, the user's files and the query
    /// audit log aside), with `build.json` reduced
    /// to its build id (its timings differ from run to run).
    func snapshot(_ folder: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.subpathsOfDirectory(atPath: folder)
        where !name.hasPrefix(".") && !name.hasPrefix("mine") {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder + "/" + name, isDirectory: &isDirectory),
                !isDirectory.boolValue,
                name != "rings/mine.txt", name != "audit.log"
            else { continue }
            files[name] = FileManager.default.contents(atPath: folder + "/" + name)
        }
        if let data = files["build.json"] {
            let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
            files["build.json"] = Data(((object?["build_id"] as? String) ?? "no id").utf8)
        }
        return files
    }

    /// `Datasets/handmade` with one more message, so every report differs from the original's.
    func changedInputs(in work: TemporaryFolder) throws -> String {
        let source = RepositoryFiles.path("Datasets/handmade"), target = work.path + "/changed"
        try FileManager.default.copyItem(atPath: source, toPath: target)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: target + "/communications.csv"))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("E001,E002,2025-05-01T09:00:00Z,email,3\n".utf8))
        try handle.close()
        return target
    }

    func leftovers(_ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder + "/.ringfind")) ?? [])
            .filter { $0.hasPrefix("staging-") || $0.hasPrefix("previous-") || $0 == "publish.json" }
    }

    @Test func killedAfterAnyPublishStepTheFolderHoldsTheOldCaseOrTheNew() throws {
        let work = TemporaryFolder("ringfind-fault")
        let changed = try changedInputs(in: work)
        #expect(try binary.run(["build", "Datasets/handmade", "--out", work.path + "/old", "--quiet"]).status == 0)
        #expect(try binary.run(["build", changed, "--out", work.path + "/new", "--quiet"]).status == 0)
        let old = try snapshot(work.path + "/old"), new = try snapshot(work.path + "/new")
        #expect(
            Set(old.keys).isSubset(of: new.keys)
                && old.keys.allSatisfy {
                    old[$0] != new[$0] || $0.hasPrefix("rings/") || $0 == "rings.csv" || $0 == "suspects.csv"
                        || $0 == "baseline-rings.csv" || $0 == "communities.csv" || $0.hasPrefix("overview")
                        || $0 == "evidence.csv"
                })
        #expect(
            old["build.json"] != new["build.json"] && old["case.sqlite"] != new["case.sqlite"]
                && old["entities.csv"] != new["entities.csv"])

        var step = 1, rolledBack = 0, rolledForward = 0
        while step < 300 {
            let out = work.path + "/out-\(step)"
            try FileManager.default.copyItem(atPath: work.path + "/old", toPath: out)
            try Data("mine".utf8).write(to: URL(fileURLWithPath: out + "/rings/mine.txt"))
            let killed = try binary.run(
                ["build", changed, "--out", out, "--quiet"],
                environment: ["RINGFIND_FAULT_AFTER_PUBLISH_STEP": "\(step)"])
            if !killed.signaled {
                // More steps than the publish has: it ran to the end.
                #expect(killed.status == 0, "\(killed.stderr)")
                #expect(try snapshot(out) == new)
                break
            }
            #expect(killed.status == SIGKILL)
            // A reader finishes or undoes the publish, then sees one whole case.
            let query = try binary.run(["query", out, "-e", "summary"])
            #expect(query.status == 0, "step \(step): \(query.stderr)")
            let state = try snapshot(out)
            #expect(state == old || state == new, "step \(step): a mixed case")
            if state == old { rolledBack += 1 } else { rolledForward += 1 }
            #expect(leftovers(out).isEmpty, "step \(step): \(leftovers(out))")
            #expect(FileManager.default.contents(atPath: out + "/rings/mine.txt") == Data("mine".utf8))
            try FileManager.default.removeItem(atPath: out)
            step += 1
        }
        #expect(rolledBack > 10 && rolledForward >= 3, "back \(rolledBack), forward \(rolledForward)")
    }

    @Test func theNextBuildRecoversAnInterruptedPublishToo() throws {
        let work = TemporaryFolder("ringfind-fault")
        let changed = try changedInputs(in: work), out = work.path + "/out"
        #expect(try binary.run(["build", "Datasets/handmade", "--out", out, "--quiet"]).status == 0)
        let killed = try binary.run(
            ["build", changed, "--out", out, "--quiet"], environment: ["RINGFIND_FAULT_AFTER_PUBLISH_STEP": "5"])
        #expect(killed.signaled)
        #expect(FileManager.default.fileExists(atPath: out + "/.ringfind/publish.json"))
        #expect(try binary.run(["build", changed, "--out", out, "--quiet"]).status == 0)
        #expect(leftovers(out).isEmpty)
        #expect(try binary.run(["build", changed, "--out", work.path + "/new", "--quiet"]).status == 0)
        #expect(try snapshot(out) == snapshot(work.path + "/new"))
    }

    @Test(arguments: [SIGINT, SIGTERM])
    func anInterruptedBuildLeavesThePreviousCaseAndNoStagingFolder(signal: Int32) throws {
        let work = TemporaryFolder("ringfind-interrupt")
        #expect(
            try binary.run(["generate", work.path + "/world", "--scale", "3000", "--rings", "2", "--seed", "5"]).status
                == 0)
        let out = work.path + "/out"
        #expect(try binary.run(["build", "Datasets/handmade", "--out", out, "--quiet"]).status == 0)
        let before = try snapshot(out)
        let process = Process()
        process.executableURL = RingfindBinaryTests.binary
        process.arguments = ["build", work.path + "/world/data", "--out", out, "--quiet"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(30)
        while leftovers(out).isEmpty && Date() < deadline { usleep(10_000) }
        usleep(300_000)
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit && process.terminationStatus == 128 + signal)
        #expect(leftovers(out).isEmpty)
        #expect(try snapshot(out) == before)
    }
}

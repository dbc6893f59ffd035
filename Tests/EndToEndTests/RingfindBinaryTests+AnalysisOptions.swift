import Foundation
import TestSupport
import Testing

/// The analysis options of `ringfind build`: a value out of range is a usage error naming the
/// option; a value in range is used, and build.json records it as it ran.
extension RingfindBinaryTests {
    @Test func analysisOptionsOutOfRangeAreUsageErrorsNamingTheOption() throws {
        let output = TemporaryFolder("ringfind-e2e")
        for (arguments, message) in [
            (["--leiden-randomness", "0"], "--leiden-randomness 0.0: expected a number > 0, such as 0.01"),
            (["--leiden-iterations", "0"], "--leiden-iterations 0: expected a whole number ≥ 1"),
            (["--pagerank-damping", "1"], "--pagerank-damping 1.0: expected a number between 0 and 1, such as 0.85"),
            (["--pagerank-damping", "nan"], "--pagerank-damping nan: expected a number between 0 and 1"),
            (["--resolution=-1"], "--resolution -1.0: expected a number > 0"),
            (["--alpha", "1"], "--alpha 1.0: expected a probability between 0 and 1"),
        ] {
            let result = try run(["build", "Datasets/handmade", "--out", output.path + "/case"] + arguments)
            #expect(result.status == 64, "\(arguments)")  // EX_USAGE
            #expect(result.stderr.contains(message), "\(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: output.path + "/case"), "a refused build wrote nothing")
        }
        let help = try run(["build", "--help"]).stdout
        for option in ["--leiden-randomness <θ>", "--leiden-iterations <n>", "--pagerank-damping <d>"] {
            #expect(help.contains(option), "\(option) is not in the help")
        }
    }

    @Test func analysisOptionsAreUsedAndRecordedAsTheyRan() throws {
        let output = TemporaryFolder("ringfind-e2e")
        let result = try run([
            "build", "Datasets/handmade", "--out", output.path, "--quiet", "--leiden-randomness", "0.05",
            "--leiden-iterations", "4", "--pagerank-damping", "0.6",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let data = try #require(FileManager.default.contents(atPath: output.path + "/build.json"))
        let manifest = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let communities = try #require(manifest["communities"] as? [String: Any])
        #expect(communities["randomness"] as? Double == 0.05 && communities["maximum_iterations"] as? Int == 4)
        let centrality = try #require(manifest["centrality"] as? [String: Any])
        let pagerank = try #require(centrality["pagerank"] as? [String: Any])
        #expect(pagerank["damping"] as? Double == 0.6)
    }
}

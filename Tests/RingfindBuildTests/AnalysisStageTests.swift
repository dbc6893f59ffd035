import Foundation
import RingfindCentrality
import RingfindCommunity
import RingfindGraph
import RingfindIngest
import TestSupport
import Testing

@testable import RingfindBuild

/// Community detection as part of the build.
@Suite struct CommunityStageTests {
    @Test func communitiesAreNumberedBySizeAndAccountForEveryEntity() throws {
        let input = TemporaryFolder("ringfind-in")
        // A triangle of employees, a pair of vendors, one isolated external.
        input.write("entities.csv", "id,kind\nlonely,external\n")
        input.write("communications.csv", "from,to,count\na,b,5\nb,c,5\nc,a,5\nv1,v2,1\n")
        let output = TemporaryFolder("ringfind-out")
        let result = try BuildPipeline.run(BuildOptions(inputFolder: input.path, outputFolder: output.path))
        #expect(result.analysis.communities.sizes == [3, 2, 1])
        #expect(result.analysis.communities.partition.labels == [2, 0, 0, 0, 1, 1])
        #expect(result.manifest.components.count == 3 && result.manifest.components.isolated == 1)
        #expect(
            output.read("communities.csv") == """
                community,size,employees,vendors,externals,brokers,internal_weight,external_weight,modularity
                0,3,0,0,3,0,15,0,0.05859375
                1,2,0,0,2,0,1,0,0.05859375
                2,1,0,0,1,0,0,0,0

                """)
        // m = 16: Q = (15/16 − (30/32)²) + (1/16 − (2/32)²).
        #expect(abs(result.manifest.communities.modularity - 0.1171875) < 1e-12)
    }

    @Test func typeWeightsParseAndValidate() {
        #expect(
            EdgeTypeWeights.parse("payment=5, access=0")
                == .success(
                    {
                        var w = EdgeTypeWeights()
                        w.payment = 5
                        w.access = 0
                        return w
                    }()))
        #expect(
            EdgeTypeWeights.parse("emails=2")
                == .failure(
                    .init(message: "'emails=2' is not TYPE=WEIGHT with TYPE one of communication, payment, access")))
        #expect(
            EdgeTypeWeights.parse("payment=-1")
                == .failure(.init(message: "the weight of payment must be a number ≥ 0, not '-1'")))
        #expect(EdgeTypeWeights().description == "communication=1,payment=3,access=2")
    }
}

/// Centrality in the build: seeds, betweenness modes, columns.
@Suite struct CentralityStageTests {
    private func world() -> TemporaryFolder {
        let input = TemporaryFolder("ringfind-in")
        input.write("entities.csv", "id,kind\nb,broker\n")
        input.write("payments.csv", "from,to,amount\nv1,b,10\nv2,b,10\nb,e1,5\nb,e2,5\n")
        input.write("access.csv", "employee,action,vendor\ne1,delete_review,v1\ne2,view,v2\n")
        return input
    }

    @Test func brokersAndGivenSeedsPersonalisePageRank() throws {
        let input = world(), output = TemporaryFolder("ringfind-out")
        var options = BuildOptions(inputFolder: input.path, outputFolder: output.path)
        options.centrality.seeds = ["e1"]
        let result = try BuildPipeline.run(options)
        #expect(result.manifest.centrality.seeds == 2)
        let seeded = try #require(result.analysis.centrality.seedPageRank)
        #expect(abs(seeded.scores.reduce(0, +) - 1) < 1e-9)
        #expect(result.manifest.centrality.betweenness.mode == "exact")
        // The broker is a liaison: vendors → b → employees, with no vendor → employee tie.
        let b = Int(result.analysis.entities.entity(forID: "b")!)
        #expect(result.analysis.centrality.brokerage.counts[Brokerage.Role.liaison.rawValue][b] == 4)
    }

    /// Betweenness that the time budget could only estimate to within more than its limit is
    /// not computed (empty, and build.json says why) rather than reported as noise; a limit the
    /// sample meets, or a number of sources, computes it.
    @Test func betweennessTooUncertainToRankIsNotComputed() throws {
        let input = TemporaryFolder("ringfind-in"), output = TemporaryFolder("ringfind-out")
        input.write("payments.csv", "from,to,amount\n" + (0..<30).map { "v\($0),b,10\nb,e\($0),5\n" }.joined())
        var options = BuildOptions(inputFolder: input.path, outputFolder: output.path)
        options.centrality.exactBetweennessBudget = 0  // as if the graph were huge:
        options.centrality.sampledBetweennessBudget = 1  // 16 sources of 61 entities, ε ≈ 0.47
        let skipped = try BuildPipeline.run(options)
        let run = skipped.manifest.centrality.betweenness
        #expect(run.mode == "not computed" && run.sources == 0 && run.errorBound > 0.05)
        #expect(skipped.analysis.centrality.betweenness.normalized.allSatisfy { $0.isNaN })
        #expect(skipped.manifest.warnings.contains { $0.hasPrefix("betweenness not computed") })
        let csv = try #require(output.read("entities.csv"))
        let header = csv.split(separator: "\n")[0].split(separator: ",", omittingEmptySubsequences: false)
        let column = try #require(header.firstIndex(of: "betweenness"))
        for line in csv.split(separator: "\n").dropFirst() {
            #expect(line.split(separator: ",", omittingEmptySubsequences: false)[column].isEmpty)
        }
        options.centrality.betweennessErrorLimit = 1  // accept any bound: sampled
        let accepted = try BuildPipeline.run(options)
        #expect(accepted.manifest.centrality.betweenness.mode == "sampled")
        options.centrality.betweennessErrorLimit = 0.05
        options.centrality.betweennessSamples = 3  // asked for: sampled whatever the bound
        let asked = try BuildPipeline.run(options)
        #expect(asked.manifest.centrality.betweenness.mode == "sampled")
    }

    @Test func anUnknownSeedIsAnError() {
        let input = world(), output = TemporaryFolder("ringfind-out")
        var options = BuildOptions(inputFolder: input.path, outputFolder: output.path)
        options.centrality.seeds = ["nobody"]
        #expect(throws: BuildError.self) { try BuildPipeline.run(options) }
        #expect(!output.exists("entities.csv"))
    }

    @Test func sampledBetweennessIsRecorded() throws {
        let input = world(), output = TemporaryFolder("ringfind-out")
        var options = BuildOptions(inputFolder: input.path, outputFolder: output.path)
        options.centrality.betweennessSamples = 3
        let result = try BuildPipeline.run(options)
        #expect(result.manifest.centrality.betweenness.mode == "sampled")
        #expect(result.manifest.centrality.betweenness.sources == 3)
        #expect(result.manifest.centrality.betweenness.errorBound > 0)
    }
}

import Foundation
import RingfindGraph
import TestSupport
import Testing

@testable import RingfindCommunity

/// Leiden and Louvain: textbook graphs with known answers, and quality against igraph.
@Suite struct CommunityDetectionTests {
    /// Two 5-cliques joined by one edge, plus an isolated pair.
    private func twoCliquesAndAPair() -> WeightedGraph {
        var s: [Int32] = [], t: [Int32] = []
        for base in [0, 5] as [Int32] {
            for i in 0..<5 as Range<Int32> {
                for j in (i + 1)..<5 {
                    s.append(base + i)
                    t.append(base + j)
                }
            }
        }
        s += [4, 10]
        t += [5, 11]
        return WeightedGraph(nodeCount: 12, sources: s, targets: t, weights: Array(repeating: 1, count: s.count))
    }

    @Test(arguments: CommunityAlgorithm.allCases)
    func findsTheTwoCliques(algorithm: CommunityAlgorithm) {
        let result = algorithm.run(on: twoCliquesAndAPair(), resolution: 1, seed: 3)
        #expect(result.partition.labels == [0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2])
        #expect(abs(result.modularity - Modularity.quality(twoCliquesAndAPair(), result.partition)) < 1e-12)
    }

    @Test func componentsAreFoundFirst() {
        let components = ConnectedComponents.run(on: twoCliquesAndAPair())
        #expect(components.count == 2)
        #expect(components.sizes() == [10, 2])
    }

    @Test func graphBuilderMergesParallelEdgesAndKeepsSelfLoops() {
        let g = WeightedGraph(
            nodeCount: 3, sources: [0, 1, 0, 2, 2], targets: [1, 0, 1, 2, 0], weights: [1, 2, 0.5, 4, -1])
        #expect(g.neighbors == [1, 0])
        #expect(g.weights == [3.5, 3.5])
        #expect(g.selfLoops == [0, 0, 4])
        #expect(g.strengths == [3.5, 3.5, 8])
        #expect(g.totalWeight == 7.5)
    }

    @Test(arguments: ["karate", "karate_unweighted", "football", "polbooks", "lesmis", "email_eu_core"])
    func leidenIsWithinOnePercentOfIgraphAndConnected(name: String) {
        let reference = ReferenceGraph.named(name)
        var best = -1.0
        for seed in 0..<10 as Range<UInt64> {
            let result = Leiden(resolution: 1, seed: seed).run(on: reference.graph)
            #expect(everyCommunityIsConnected(reference.graph, result.partition), "seed \(seed)")
            best = max(best, result.modularity)
        }
        #expect(
            best >= reference.igraphBestModularity * 0.99,
            "\(name): \(best) vs igraph \(reference.igraphBestModularity)")
    }

    @Test(arguments: ["karate", "football", "polbooks", "email_eu_core"])
    func louvainIsCloseToIgraphLeiden(name: String) {
        let reference = ReferenceGraph.named(name)
        let best = (0..<10 as Range<UInt64>).map {
            Louvain(resolution: 1, seed: $0).run(on: reference.graph).modularity
        }.max()!
        #expect(
            best >= reference.igraphBestModularity * 0.98,
            "\(name): \(best) vs igraph \(reference.igraphBestModularity)")
    }

    @Test(arguments: CommunityAlgorithm.allCases)
    func sameSeedSamePartition(algorithm: CommunityAlgorithm) {
        let graph = ReferenceGraph.named("email_eu_core").graph
        let a = algorithm.run(on: graph, resolution: 1, seed: 42), b = algorithm.run(on: graph, resolution: 1, seed: 42)
        #expect(a.partition == b.partition)
    }

    @Test func higherResolutionGivesMoreCommunities() {
        let graph = ReferenceGraph.named("email_eu_core").graph
        let coarse = Leiden(resolution: 0.5, seed: 1).run(on: graph),
            fine = Leiden(resolution: 2, seed: 1).run(on: graph)
        #expect(fine.partition.count > coarse.partition.count)
    }

    @Test func edgelessGraphs() {
        for algorithm in CommunityAlgorithm.allCases {
            let empty = algorithm.run(
                on: WeightedGraph(nodeCount: 0, sources: [], targets: [], weights: []), resolution: 1, seed: 1)
            #expect(empty.partition.count == 0)
            let isolated = algorithm.run(
                on: WeightedGraph(nodeCount: 3, sources: [], targets: [], weights: []), resolution: 1, seed: 1)
            #expect(isolated.partition.count == 3 && isolated.modularity == 0)
        }
    }
}

/// Results do not depend on how many cores run them.
@Suite struct CommunityThreadingTests {
    /// A planted partition: 10,000 nodes in communities of 50, 60,000 edges, 30% leaving.
    static let planted: WeightedGraph = {
        var rng = SplitMix64(seed: 9)
        var s: [Int32] = [], t: [Int32] = []
        for _ in 0..<60_000 {
            let u = rng.below(10_000)
            let v = rng.below(10) < 3 ? rng.below(10_000) : u - u % 50 + rng.below(50)
            s.append(Int32(u))
            t.append(Int32(v))
        }
        return WeightedGraph(nodeCount: 10_000, sources: s, targets: t, weights: Array(repeating: 1, count: s.count))
    }()

    @Test func leidenGivesTheSamePartitionOnOneOrTwoThreads() {
        var one = Leiden(resolution: 1, seed: 5), two = Leiden(resolution: 1, seed: 5)
        one.threads = 1
        two.threads = 2
        let a = one.run(on: Self.planted), b = two.run(on: Self.planted)
        #expect(a.partition == b.partition)
        #expect(a.modularity > 0.6)
        #expect(everyCommunityIsConnected(Self.planted, a.partition))
    }

    @Test func collapsingOnOneOrFourThreadsIsIdentical() {
        let labels = Leiden(resolution: 1, seed: 2).run(on: Self.planted).partition
        let a = Aggregation.collapse(Self.planted, labels: labels.labels, communityCount: labels.count, threads: 1)
        let b = Aggregation.collapse(Self.planted, labels: labels.labels, communityCount: labels.count, threads: 4)
        #expect(
            a.offsets == b.offsets && a.neighbors == b.neighbors && a.weights == b.weights && a.selfLoops == b.selfLoops
        )
    }
}

/// An LFR benchmark graph (networkx, n = 10,000, μ = 0.3) with its planted partition.
@Suite struct LFRTests {
    @Test func leidenRecoversThePlantedPartitionAsWellAsIgraph() throws {
        let graph = try EdgeListReader.read(
            path: RepositoryFiles.path("Tests/Fixtures/lfr-10000-mu0.3-edges.csv"), nodeCount: 10_000)
        let planted = Partition(
            labels: try String(
                contentsOfFile: RepositoryFiles.path("Tests/Fixtures/lfr-10000-mu0.3-planted.csv"), encoding: .utf8
            )
            .split(separator: "\n").map { Int32($0)! })
        let reference = ReferenceGraph.reference["lfr_mu0.3"] as! [String: Double]
        let best = (0..<3 as Range<UInt64>).map { Leiden(resolution: 1, seed: $0).run(on: graph) }.max {
            $0.modularity < $1.modularity
        }!
        let nmi = NormalizedMutualInformation.between(best.partition, planted)
        #expect(
            nmi >= reference["igraph_nmi_vs_planted"]! - 0.02,
            "NMI \(nmi) vs igraph \(reference["igraph_nmi_vs_planted"]!)")
        #expect(best.modularity >= reference["igraph_best_modularity"]! * 0.99)
    }
}

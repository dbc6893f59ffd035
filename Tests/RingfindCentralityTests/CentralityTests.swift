import RingfindGraph
import Testing

@testable import RingfindCentrality

/// Every measure against networkx on a weighted graph, a directed weighted graph and a
/// disconnected graph.
@Suite struct CentralityTests {
    @Test(arguments: CentralityReference.names)
    func pageRankMatchesNetworkx(name: String) {
        let reference = CentralityReference.named(name)
        var pageRank = PageRank()
        pageRank.tolerance = 1e-13
        let plain = pageRank.run(on: reference.directedGraph)
        #expect(plain.converged)
        let (ok, detail) = agree(plain.scores, reference.values("pagerank"), tolerance: 1e-6)
        #expect(ok, "\(detail)")
        #expect(abs(plain.scores.reduce(0, +) - 1) < 1e-9)
        let personal = pageRank.run(on: reference.directedGraph, seeds: reference.seeds)
        let (ok2, detail2) = agree(personal.scores, reference.values("personalized_pagerank"), tolerance: 1e-6)
        #expect(ok2, "\(detail2)")
    }

    @Test(arguments: CentralityReference.names)
    func betweennessMatchesNetworkx(name: String) {
        let reference = CentralityReference.named(name)
        let graph = reference.undirectedGraph
        let hops = Betweenness().run(on: graph)
        #expect(hops.exact && hops.sources == graph.nodeCount)
        for (got, key) in [(hops.normalized, "betweenness_normalized"), (hops.raw, "betweenness_raw")] {
            let (ok, detail) = agree(got, reference.values(key), tolerance: 1e-9)
            #expect(ok, "\(key): \(detail)")
        }
        let weighted = Betweenness(lengths: .given(graph.weights)).run(on: graph)
        for (got, key) in [
            (weighted.normalized, "betweenness_weighted_normalized"), (weighted.raw, "betweenness_weighted_raw"),
        ] {
            let (ok, detail) = agree(got, reference.values(key), tolerance: 1e-9)
            #expect(ok, "\(key): \(detail)")
        }
    }

    @Test(arguments: CentralityReference.names)
    func coreNumberMatchesNetworkx(name: String) {
        let reference = CentralityReference.named(name)
        let got = CoreNumber.run(on: reference.undirectedGraph).map(Double.init)
        let (ok, detail) = agree(got, reference.values("core_number"), tolerance: 0)
        #expect(ok, "\(detail)")
    }

    @Test(arguments: CentralityReference.names)
    func constraintAndEffectiveSizeMatchNetworkx(name: String) {
        let reference = CentralityReference.named(name)
        let weighted = StructuralHoles.run(on: reference.undirectedGraph)
        for (got, key) in [
            (weighted.constraint, "constraint_weighted"), (weighted.effectiveSize, "effective_size_weighted"),
        ] {
            let (ok, detail) = agree(got, reference.values(key), tolerance: 1e-9)
            #expect(ok, "\(key): \(detail)")
        }
        let g = reference.undirectedGraph
        let unit = WeightedGraph(
            offsets: g.offsets, neighbors: g.neighbors, weights: Array(repeating: 1, count: g.neighbors.count),
            selfLoops: Array(repeating: 0, count: g.nodeCount))
        let plain = StructuralHoles.run(on: unit)
        for (got, key) in [(plain.constraint, "constraint"), (plain.effectiveSize, "effective_size")] {
            let (ok, detail) = agree(got, reference.values(key), tolerance: 1e-9)
            #expect(ok, "\(key): \(detail)")
        }
    }

    @Test func sampledBetweennessStaysWithinItsErrorBound() {
        let reference = CentralityReference.named("ukfaculty_directed_weighted")
        let graph = reference.undirectedGraph
        let exact = Betweenness().run(on: graph).normalized
        for seed in 1...5 as ClosedRange<UInt64> {
            let sampled = Betweenness(sampleSize: 40, seed: seed).run(on: graph)
            #expect(!sampled.exact && sampled.sources == 40)
            let worst = zip(sampled.normalized, exact).map { abs($0 - $1) }.max()!
            #expect(worst <= sampled.errorBound, "seed \(seed): error \(worst) > bound \(sampled.errorBound)")
        }
        #expect(abs(Betweenness.errorBound(nodes: 81, samples: 40) - 0.30396) < 1e-4)
    }

    @Test func betweennessIsTheSameWhateverTheSchedule() {
        let graph = CentralityReference.named("karate_weighted").undirectedGraph
        let a = Betweenness().run(on: graph), b = Betweenness().run(on: graph)
        #expect(a.normalized == b.normalized)
    }
}

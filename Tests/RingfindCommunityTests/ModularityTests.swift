import RingfindGraph
import Testing

@testable import RingfindCommunity

/// Modularity and NMI against networkx and igraph.
@Suite struct ModularityTests {
    @Test(arguments: ReferenceGraph.all)
    func modularityMatchesNetworkx(name: String) {
        let reference = ReferenceGraph.named(name)
        for (partitionName, partition, expected) in reference.partitions {
            for (resolution, q) in expected {
                let got = Modularity.quality(reference.graph, partition, resolution: resolution)
                #expect(abs(got - q) < 1e-9, "\(name) \(partitionName) γ=\(resolution): \(got) vs networkx \(q)")
            }
        }
    }

    @Test(arguments: ["karate", "football", "polbooks", "email_eu_core"])
    func nmiMatchesIgraph(name: String) {
        let entry = ReferenceGraph.named(name).entry["nmi_reference"] as! [String: Any]
        let a = Partition(labels: (entry["a"] as! [Int]).map { Int32($0) })
        let b = Partition(labels: (entry["b"] as! [Int]).map { Int32($0) })
        #expect(abs(NormalizedMutualInformation.between(a, b) - (entry["nmi"] as! Double)) < 1e-9)
        #expect(abs(NormalizedMutualInformation.between(a, a) - 1) < 1e-12)
    }

    @Test func collapsingCommunitiesKeepsModularity() {
        let reference = ReferenceGraph.named("football")
        let truth = reference.groundTruth!
        let collapsed = Aggregation.collapse(reference.graph, labels: truth.labels, communityCount: truth.count)
        #expect(abs(collapsed.totalWeight - reference.graph.totalWeight) < 1e-9)
        let q = Modularity.quality(reference.graph, truth)
        #expect(abs(Modularity.quality(collapsed, .singletons(truth.count)) - q) < 1e-12)
    }

    @Test func contributionsAddUp() {
        let reference = ReferenceGraph.named("karate")
        let parts = Modularity.contributions(reference.graph, reference.groundTruth!)
        let internalTwice = parts.reduce(0) { $0 + 2 * $1.internalWeight + $1.externalWeight }
        #expect(abs(internalTwice - 2 * reference.graph.totalWeight) < 1e-9)
    }
}

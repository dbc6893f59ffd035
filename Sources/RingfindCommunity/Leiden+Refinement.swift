import CPrefetch
import Dispatch
import Foundation
import RingfindGraph

extension Leiden {
    /// Phase 2: refinement of each community of `partition` (Traag et al. 2019,
    /// `RefinePartition` and `MergeNodesSubset`).
    ///
    /// Communities are refined independently — a node only merges with sub-communities of its
    /// own community — so they are split across `threads` workers. Each community draws from
    /// its own generator, seeded from `seed` and the community's label, and writes only the
    /// entries of its own nodes: the result is the same for any number of threads.
    func refine(_ graph: WeightedGraph, _ partition: Partition, seed: UInt64) -> Partition {
        let n = graph.nodeCount
        let groups = partition.labels
        var groupStrength = [Double](repeating: 0, count: partition.count)
        for v in 0..<n { groupStrength[Int(groups[v])] += graph.strengths[v] }
        let grouped = CSRLayout(keys: groups, keyCount: partition.count)
        let groupStart = grouped.offsets
        let memberList = grouped.order
        let workspace = RefinementWorkspace(graph: graph, groups: groups)
        // Contiguous ranges of communities with about equal numbers of nodes.
        let chunks = max(1, min(threads, n / 4096 + 1))
        var bounds = [0]
        for c in 0..<partition.count where bounds.count < chunks && groupStart[c] >= n * bounds.count / chunks {
            bounds.append(c)
        }
        bounds.append(partition.count)
        let strengths = groupStrength
        let ranges = bounds
        DispatchQueue.concurrentPerform(iterations: ranges.count - 1) { chunk in
            var scratch = RefinementScratch()
            graph.withAdjacency { adjacency in
                groups.withUnsafeBufferPointer { groupOf in
                    for s in ranges[chunk]..<ranges[chunk + 1] where groupStart[s + 1] - groupStart[s] > 1 {
                        var rng = SplitMix64(seed: seed ^ (UInt64(s) &* 0x9E37_79B9_7F4A_7C15))
                        mergeNodesSubset(
                            Array(memberList[groupStart[s]..<groupStart[s + 1]]), group: Int32(s),
                            groupStrength: strengths[s],
                            graph: graph, adjacency: adjacency, groupOf: groupOf, workspace: workspace,
                            scratch: &scratch, rng: &rng)
                    }
                }
            }
        }
        return Partition(labels: Array(workspace.community))
    }

    /// Refines one community S: visits its nodes in random order and merges each still-single,
    /// well-connected node into a well-connected sub-community with non-negative gain Δ,
    /// drawn with probability ∝ exp(Δ/θ).
    private func mergeNodesSubset(
        _ nodes: [Int32], group: Int32, groupStrength strengthS: Double, graph: WeightedGraph,
        adjacency: WeightedGraph.Adjacency, groupOf: UnsafeBufferPointer<Int32>, workspace: RefinementWorkspace,
        scratch: inout RefinementScratch, rng: inout SplitMix64
    ) {
        let scale = resolution / (2 * graph.totalWeight)
        var order = nodes
        rng.shuffle(&order)
        let community = workspace.community, strength = workspace.strength, size = workspace.size
        let external = workspace.external, insideGroup = workspace.insideGroup
        let weightTo = workspace.weightTo, isTouched = workspace.isTouched
        for (j, v32) in order.enumerated() {
            let v = Int(v32)
            // As in local moving: fetch ahead what the next nodes will read (timing only).
            if j + 3 < order.count {
                let w1 = Int(order[j + 1]), w2 = Int(order[j + 2]), w3 = Int(order[j + 3])
                ringfind_prefetch(community.baseAddress! + w3)
                ringfind_prefetch(insideGroup.baseAddress! + w3)
                adjacency.prefetch(next: w1, second: w2, third: w3) { u in
                    ringfind_prefetch(groupOf.baseAddress! + u)
                    ringfind_prefetch(community.baseAddress! + u)
                }
            }
            let own = community[v]
            guard size[Int(own)] == 1 else { continue }
            let k = graph.strengths[v]
            guard insideGroup[v] >= scale * k * (strengthS - k) else { continue }
            // Take v out of its singleton and gather its weight to each sub-community of S.
            size[Int(own)] = 0
            strength[Int(own)] = 0
            scratch.touched.removeAll(keepingCapacity: true)
            for i in adjacency.offsets[v]..<adjacency.offsets[v + 1] {
                let u = Int(adjacency.neighbors[i])
                guard groupOf[u] == group else { continue }
                let c = Int(community[u])
                if !isTouched[c] {
                    isTouched[c] = true
                    scratch.touched.append(Int32(c))
                }
                weightTo[c] += adjacency.weights[i]
            }
            scratch.candidates.removeAll(keepingCapacity: true)
            scratch.gains.removeAll(keepingCapacity: true)
            scratch.candidates.append(own)
            scratch.gains.append(0)
            var maxGain = 0.0
            for r in scratch.touched where r != own {
                let strengthR = strength[Int(r)]
                guard external[Int(r)] >= scale * strengthR * (strengthS - strengthR) else { continue }
                let g = weightTo[Int(r)] - scale * k * strengthR
                guard g >= 0 else { continue }
                scratch.candidates.append(r)
                scratch.gains.append(g)
                maxGain = max(maxGain, g)
            }
            var chosen = own
            if scratch.candidates.count > 1 {
                var total = 0.0
                for i in scratch.gains.indices {
                    scratch.gains[i] = exp((scratch.gains[i] - maxGain) / randomness)
                    total += scratch.gains[i]
                }
                var draw = rng.unit() * total
                chosen = scratch.candidates[scratch.candidates.count - 1]
                for i in scratch.gains.indices {
                    draw -= scratch.gains[i]
                    if draw < 0 {
                        chosen = scratch.candidates[i]
                        break
                    }
                }
            }
            let weightToChosen = weightTo[Int(chosen)]
            for c in scratch.touched {
                weightTo[Int(c)] = 0
                isTouched[Int(c)] = false
            }
            community[v] = chosen
            strength[Int(chosen)] += k
            size[Int(chosen)] += 1
            if chosen != own { external[Int(chosen)] += insideGroup[v] - 2 * weightToChosen }
        }
    }
}

/// Per-worker scratch lists of the refinement.
private struct RefinementScratch {
    var touched: [Int32] = []
    var candidates: [Int32] = []
    var gains: [Double] = []
}

/// Shared arrays of the refinement, indexed by node (a sub-community is named after a node of
/// it, so every index a community's worker touches belongs to that community's nodes).
private final class RefinementWorkspace: @unchecked Sendable {
    /// Sub-community of each node; starts as the node itself.
    let community: UnsafeMutableBufferPointer<Int32>
    /// Strength of each sub-community.
    let strength: UnsafeMutableBufferPointer<Double>
    /// Nodes in each sub-community.
    let size: UnsafeMutableBufferPointer<Int32>
    /// E(r, S − r): weight from each sub-community to the rest of its community S.
    let external: UnsafeMutableBufferPointer<Double>
    /// E(v, S − v) of each node.
    let insideGroup: UnsafeMutableBufferPointer<Double>
    let weightTo: UnsafeMutableBufferPointer<Double>
    let isTouched: UnsafeMutableBufferPointer<Bool>

    init(graph: WeightedGraph, groups: [Int32]) {
        let n = graph.nodeCount
        community = .allocate(capacity: n)
        strength = .allocate(capacity: n)
        size = .allocate(capacity: n)
        external = .allocate(capacity: n)
        insideGroup = .allocate(capacity: n)
        weightTo = .allocate(capacity: n)
        isTouched = .allocate(capacity: n)
        for v in 0..<n {
            community[v] = Int32(v)
            strength[v] = graph.strengths[v]
            size[v] = 1
            var w = 0.0
            for i in graph.range(v) where groups[Int(graph.neighbors[i])] == groups[v] { w += graph.weights[i] }
            insideGroup[v] = w
            external[v] = w
        }
        weightTo.initialize(repeating: 0)
        isTouched.initialize(repeating: false)
    }

    deinit {
        community.deallocate()
        strength.deallocate()
        size.deallocate()
        external.deallocate()
        insideGroup.deallocate()
        weightTo.deallocate()
        isTouched.deallocate()
    }
}

import Foundation
import RingfindGraph

/// Leiden community detection (Traag, Waltman & van Eck, "From Louvain to Leiden:
/// guaranteeing well-connected communities", Scientific Reports 9, 5233, 2019), maximising
/// modularity with resolution γ.
///
/// Each level has three phases:
/// 1. *Fast local moving*: nodes are taken from a queue (initially all, in random order) and
///    moved to the neighbouring — or an empty — community with the largest gain; the
///    neighbours of a moved node that are outside its new community are queued again.
/// 2. *Refinement*: inside each community S, starting from singletons, every still-single,
///    well-connected node v merges into a well-connected sub-community r of S with
///    non-negative gain Δ, chosen at random with probability ∝ exp(Δ/θ). A set is
///    well-connected when its edge weight to the rest of S is at least γ·K·(K_S − K)/2m.
/// 3. *Aggregation* by the refined partition (by the unrefined one when refinement merged
///    nothing), starting the next level from the unrefined communities.
///
/// Levels repeat until local moving leaves every node alone; whole iterations repeat (from
/// the previous result) until one raises modularity by less than `minimumImprovement`, up
/// to `maximumIterations` (an iteration that lowers modularity is discarded). Every
/// community found is connected — the guarantee Louvain lacks.
///
/// The gains and θ are in units of edge weight, as in igraph's implementation, so θ = 0.01
/// makes refinement nearly greedy with random tie-breaking.
///
/// - Complexity: near linear in edges per iteration on sparse graphs; O(nodes + edges) memory.
public struct Leiden: Sendable {
    public var resolution: Double
    public var seed: UInt64
    /// θ, the randomness of refinement.
    public var randomness: Double = 0.01
    /// Threads for refinement and aggregation (each community is refined with its own
    /// generator, seeded from the run's seed and the community, and collapsed on its own, so
    /// the result does not depend on the thread count).
    public var threads: Int = min(ProcessInfo.processInfo.activeProcessorCount, 8)
    /// Iterations at most (igraph also defaults to 2: later iterations on real graphs gain
    /// little modularity and cost a full pass each; raise it for the last 0.01%).
    public var maximumIterations: Int = 2
    /// Iteration stops when one raises modularity by less than this (or changes nothing).
    public var minimumImprovement: Double = 1e-4

    /// - Parameters:
    ///   - resolution: γ (1: classic modularity).
    ///   - seed: seed of the node visiting order and of the refinement's random choices.
    public init(resolution: Double = 1, seed: UInt64 = 1) {
        self.resolution = resolution
        self.seed = seed
    }

    /// Communities of `graph` (every node in exactly one), with the modularity and the levels
    /// and iterations that ran; the same graph and seed give the same result.
    ///
    /// - Complexity: near linear in edges per iteration on sparse graphs (see the type).
    public func run(on graph: WeightedGraph) -> CommunityResult {
        var rng = SplitMix64(seed: seed)
        var flat = Partition.singletons(graph.nodeCount)
        var quality = Modularity.quality(graph, flat, resolution: resolution)
        var levels = 0, iterations = 0
        while iterations < maximumIterations {
            iterations += 1
            let (next, used) = iterate(graph, from: flat.labels, &rng)
            levels = used
            let unchanged = next == flat
            let nextQuality = Modularity.quality(graph, next, resolution: resolution)
            let improvement = nextQuality - quality
            if improvement >= 0 || iterations == 1 {
                flat = next
                quality = nextQuality
            }
            if unchanged || improvement < minimumImprovement { break }
        }
        return CommunityResult(partition: flat, modularity: quality, levels: levels, iterations: iterations)
    }

    /// One Leiden iteration from `initial` (labels of `graph`'s nodes).
    private func iterate(_ graph: WeightedGraph, from initial: [Int32], _ rng: inout SplitMix64) -> (Partition, Int) {
        var current = graph
        var membership = (0..<Int32(graph.nodeCount)).map { $0 }
        var labels = initial
        var levels = 0
        while true {
            let state = CommunityState(graph: current, labels: labels)
            moveNodesFast(current, state, &rng)
            levels += 1
            let moved = Partition(labels: state.labels)
            if moved.count == current.nodeCount || current.totalWeight <= 0 {
                return (Partition(labels: membership.map { moved.labels[Int($0)] }), levels)
            }
            let refined = refine(current, moved, seed: rng.next())
            let collapseBy = refined.count < current.nodeCount ? refined : moved
            var nextLabels = [Int32](repeating: 0, count: collapseBy.count)
            for v in 0..<current.nodeCount { nextLabels[Int(collapseBy.labels[v])] = moved.labels[v] }
            for i in membership.indices { membership[i] = collapseBy.labels[Int(membership[i])] }
            current = Aggregation.collapse(
                current, labels: collapseBy.labels, communityCount: collapseBy.count, threads: threads)
            labels = nextLabels
        }
    }

    /// Phase 1: queue-based local moving (Traag et al. 2019, `MoveNodesFast`).
    private func moveNodesFast(_ graph: WeightedGraph, _ state: CommunityState, _ rng: inout SplitMix64) {
        let n = graph.nodeCount
        guard n > 0, graph.totalWeight > 0 else { return }
        graph.withAdjacency { moveNodesFast(graph, $0, state, &rng) }
    }

    private func moveNodesFast(
        _ graph: WeightedGraph, _ adjacency: WeightedGraph.Adjacency, _ state: CommunityState,
        _ rng: inout SplitMix64
    ) {
        let n = graph.nodeCount
        let scale = resolution / (2 * graph.totalWeight)
        var queue = (0..<Int32(n)).map { $0 }
        rng.shuffle(&queue)
        var inQueue = [Bool](repeating: true, count: n)
        var head = 0, queued = n
        while queued > 0 {
            let v = Int(queue[head])
            // The loop waits on memory (each node's row, its neighbours' communities), and the
            // queue says which nodes come next: fetch the row of the node three ahead, the
            // neighbour list of the one two ahead, and the communities of the next one's
            // neighbours. Prefetches change nothing but timing; past the queue's tail they
            // fetch a stale (still valid) node's data.
            if queued > 1 {
                let w1 = Int(queue[head + 1 < n ? head + 1 : head + 1 - n])
                let w2 = Int(queue[head + 2 < n ? head + 2 : (head + 2 - n) % n])
                let w3 = Int(queue[head + 3 < n ? head + 3 : (head + 3 - n) % n])
                adjacency.prefetch(next: w1, second: w2, third: w3) { state.prefetchCommunity(of: $0) }
            }
            head = head + 1 == n ? 0 : head + 1
            queued -= 1
            inQueue[v] = false
            let k = graph.strengths[v]
            let own = state.community[v]
            state.remove(v, strength: k)
            state.gatherNeighborWeights(of: v, own: own, adjacency)
            var best = own
            var bestGain = state.weight(to: own) - scale * k * state.communityStrength[Int(own)]
            for c in state.touched where c != own {
                let g = state.weight(to: c) - scale * k * state.communityStrength[Int(c)]
                if g > bestGain {
                    best = c
                    bestGain = g
                }
            }
            state.clearNeighborWeights()
            if bestGain < 0, let fresh = state.anEmptyCommunity {
                best = fresh
            }
            state.insert(v, strength: k, into: best)
            guard best != own else { continue }
            for i in adjacency.offsets[v]..<adjacency.offsets[v + 1] {
                let u = Int(adjacency.neighbors[i])
                if !inQueue[u] && state.community[u] != best {
                    inQueue[u] = true
                    var tail = head + queued
                    if tail >= n { tail -= n }
                    queue[tail] = Int32(u)
                    queued += 1
                }
            }
        }
    }
}

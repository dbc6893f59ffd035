import Dispatch
import Foundation
import RingfindGraph

/// Betweenness centrality (Brandes, "A faster algorithm for betweenness centrality", J.
/// Math. Sociology 25, 2001): for every node v, the sum over pairs (s, t) of the fraction of
/// shortest s–t paths that pass through v. Brokers sit on many shortest paths between the
/// employee side and the vendor side.
///
/// Paths are counted in an undirected graph, by hops (breadth-first search) or by edge
/// lengths (Dijkstra with a binary heap; two paths tie only when their lengths are equal as
/// floating-point sums, as in networkx). Values follow networkx's
/// `betweenness_centrality`: unnormalised values count each unordered pair once;
/// normalised ones divide the sum over ordered pairs by (n − 1)(n − 2).
///
/// Sources are split into four fixed blocks processed on all cores; each block accumulates
/// into its own array and the blocks are added in order, so the result does not depend on
/// the number of cores.
///
/// **Sampling** (Brandes & Pich, "Centrality estimation in large networks", 2007): with
/// `sampleSize` k < n, only k sources drawn uniformly without replacement are expanded and
/// the sums are scaled by n / k. Each source's contribution to v's normalised value lies in
/// [0, 1/(n − 1)]·n/k, so by Hoeffding's inequality and a union bound over the n nodes, every
/// normalised estimate is within ε = √(ln(2n/δ) / 2k) of the exact value with probability at
/// least 1 − δ (reported for δ = 0.1).
///
/// - Complexity: O(k·m) for hop counts, O(k·(m + n log n)) with lengths, k sources
///   (k = n when exact); O(n) memory per block.
public struct Betweenness: Sendable {
    /// How path length is measured.
    public enum Lengths: Sendable {
        /// Every edge has length 1.
        case hops
        /// Edge lengths, one per half-edge of the graph (same order as `neighbors`).
        case given([Double])
    }

    /// How path length is measured.
    public var lengths: Lengths = .hops
    /// Number of sampled sources; `nil` for the exact computation.
    public var sampleSize: Int? = nil
    /// Seed of the sampled sources.
    public var seed: UInt64 = 1

    /// - Parameters:
    ///   - lengths: hops, or a length per half-edge.
    ///   - sampleSize: sources to expand (Brandes & Pich); `nil` for all of them (exact).
    ///   - seed: seed of the sample.
    public init(lengths: Lengths = .hops, sampleSize: Int? = nil, seed: UInt64 = 1) {
        self.lengths = lengths
        self.sampleSize = sampleSize
        self.seed = seed
    }

    /// Betweenness values and how they were obtained.
    public struct Result: Sendable {
        /// Normalised betweenness (networkx `normalized=True`).
        public var normalized: [Double]
        /// Unnormalised betweenness (networkx `normalized=False`).
        public var raw: [Double]
        /// Sources expanded (n when exact).
        public var sources: Int
        /// Whether every source was expanded.
        public var exact: Bool
        /// With sampling: the additive error bound ε on normalised values at confidence 0.9.
        public var errorBound: Double
        /// False when betweenness was not computed (every value NaN, no source expanded).
        public var computed = true

        public init(normalized: [Double], raw: [Double], sources: Int, exact: Bool, errorBound: Double) {
            self.normalized = normalized
            self.raw = raw
            self.sources = sources
            self.exact = exact
            self.errorBound = errorBound
        }

        /// The result of not computing betweenness: NaN for every node (an empty cell in reports,
        /// NULL in the case file); `errorBound` is the bound the affordable sample would have had.
        public static func notComputed(nodes n: Int, wouldBeOffBy bound: Double) -> Result {
            var result = Result(
                normalized: [Double](repeating: .nan, count: n), raw: [Double](repeating: .nan, count: n),
                sources: 0, exact: false, errorBound: bound)
            result.computed = false
            return result
        }
    }

    /// The ε of a sample of `k` sources among `n` nodes at confidence 1 − δ.
    public static func errorBound(nodes n: Int, samples k: Int, delta: Double = 0.1) -> Double {
        guard k < n, k > 0 else { return 0 }
        return (log(2 * Double(n) / delta) / (2 * Double(k))).squareRoot()
    }

    /// Betweenness of every node of `graph`, exact or from the sample, with the sample's error
    /// bound; the result does not depend on the number of cores.
    ///
    /// - Complexity: O(k·m) for hop counts, O(k·(m + n log n)) with lengths (see the type).
    public func run(on graph: WeightedGraph) -> Result {
        let n = graph.nodeCount
        var sources = Array(0..<n)
        var exact = true
        if let k = sampleSize, k < n {
            var rng = SplitMix64(seed: seed)
            for i in 0..<k { sources.swapAt(i, i + rng.below(n - i)) }
            sources = Array(sources[0..<k]).sorted()
            exact = false
        }
        let blocks = 4
        let bounds = (0...blocks).map { $0 * sources.count / blocks }
        var partial = [[Double]](repeating: [], count: blocks)
        partial.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let out = buffer
            let sources = sources, lengths = lengths
            DispatchQueue.concurrentPerform(iterations: blocks) { b in
                let workspace = BrandesWorkspace(nodeCount: n)
                graph.withAdjacency { adjacency in
                    for s in sources[bounds[b]..<bounds[b + 1]] {
                        switch lengths {
                        case .hops: workspace.accumulateHops(from: s, adjacency)
                        case .given(let lengths): workspace.accumulateWeighted(from: s, graph, lengths: lengths)
                        }
                    }
                }
                out[b] = workspace.result
            }
        }
        var sum = [Double](repeating: 0, count: n)
        for block in partial where !block.isEmpty { for v in 0..<n { sum[v] += block[v] } }
        let scale = exact ? 1.0 : Double(n) / Double(sources.count)
        let raw = sum.map { $0 * scale / 2 }
        let normalizer = n > 2 ? 1 / (Double(n - 1) * Double(n - 2)) : 0
        let normalized = sum.map { $0 * scale * normalizer }
        return Result(
            normalized: normalized, raw: raw, sources: sources.count, exact: exact,
            errorBound: exact ? 0 : Self.errorBound(nodes: n, samples: sources.count))
    }
}

/// Per-worker buffers of Brandes' algorithm, in owned unchecked buffers (the innermost loop
/// of the most expensive measure); freed when the worker is done.
final class BrandesWorkspace {
    private(set) var centrality: UnsafeMutableBufferPointer<Double>
    private let sigma: UnsafeMutableBufferPointer<Double>
    /// (1 + δ(w)) / σ(w) of every node finished in the back-propagation.
    private let coefficient: UnsafeMutableBufferPointer<Double>
    private let delta: UnsafeMutableBufferPointer<Double>
    private let hops: UnsafeMutableBufferPointer<Int32>
    private let distance: UnsafeMutableBufferPointer<Double>
    private let stack: UnsafeMutableBufferPointer<Int32>
    private var heap = IndexedMinHeap()

    init(nodeCount n: Int) {
        centrality = .allocate(capacity: n)
        centrality.initialize(repeating: 0)
        sigma = .allocate(capacity: n)
        sigma.initialize(repeating: 0)
        coefficient = .allocate(capacity: n)
        coefficient.initialize(repeating: 0)
        delta = .allocate(capacity: n)
        delta.initialize(repeating: 0)
        hops = .allocate(capacity: n)
        hops.initialize(repeating: -1)
        distance = .allocate(capacity: n)
        distance.initialize(repeating: .infinity)
        stack = .allocate(capacity: max(n, 1))
    }

    deinit {
        centrality.deallocate()
        sigma.deallocate()
        coefficient.deallocate()
        delta.deallocate()
        hops.deallocate()
        distance.deallocate()
        stack.deallocate()
    }

    /// The accumulated centrality, as an array.
    var result: [Double] { Array(centrality) }

    /// One breadth-first search from `s`, then dependencies summed over successors:
    /// δ(v) = σ(v) · Σ_{w: d(w) = d(v) + 1} (1 + δ(w)) / σ(w), so each node's sum stays in a
    /// register instead of being scattered over its predecessors.
    func accumulateHops(from s: Int, _ adjacency: WeightedGraph.Adjacency) {
        var count = 0
        sigma[s] = 1
        hops[s] = 0
        stack[0] = Int32(s)
        count = 1
        var head = 0
        while head < count {
            let v = Int(stack[head])
            head += 1
            let next = hops[v] + 1
            let sigmaV = sigma[v]
            for e in adjacency.offsets[v]..<adjacency.offsets[v + 1] {
                let w = Int(adjacency.neighbors[e])
                var hw = hops[w]
                if hw < 0 {
                    hops[w] = next
                    hw = next
                    stack[count] = Int32(w)
                    count += 1
                }
                if hw == next { sigma[w] += sigmaV }
            }
        }
        var i = count - 1
        while i >= 0 {
            let v = Int(stack[i])
            let deeper = hops[v] + 1
            var sum = 0.0
            for e in adjacency.offsets[v]..<adjacency.offsets[v + 1] {
                let w = Int(adjacency.neighbors[e])
                if hops[w] == deeper { sum += coefficient[w] }
            }
            let dependency = sigma[v] * sum
            coefficient[v] = (1 + dependency) / sigma[v]
            if v != s { centrality[v] += dependency }
            i -= 1
        }
        for k in 0..<count {
            let v = Int(stack[k])
            sigma[v] = 0
            hops[v] = -1
        }
    }

    /// One Dijkstra search from `s` with half-edge `lengths`, then back-propagation.
    func accumulateWeighted(from s: Int, _ graph: WeightedGraph, lengths: [Double]) {
        var count = 0
        sigma[s] = 1
        distance[s] = 0
        heap.push(s, 0)
        while let (v, d) = heap.pop() {
            guard d == distance[v] else { continue }
            stack[count] = Int32(v)
            count += 1
            for e in graph.range(v) {
                let w = Int(graph.neighbors[e])
                let candidate = d + lengths[e]
                if candidate < distance[w] {
                    distance[w] = candidate
                    sigma[w] = sigma[v]
                    heap.push(w, candidate)
                } else if candidate == distance[w] {
                    sigma[w] += sigma[v]
                }
            }
        }
        var i = count - 1
        while i >= 0 {
            let w = Int(stack[i])
            let c = (1 + delta[w]) / sigma[w]
            for e in graph.range(w) {
                let v = Int(graph.neighbors[e])
                if distance[v] + lengths[e] == distance[w] && distance[v] < distance[w] { delta[v] += sigma[v] * c }
            }
            if w != s { centrality[w] += delta[w] }
            i -= 1
        }
        for k in 0..<count {
            let v = Int(stack[k])
            sigma[v] = 0
            delta[v] = 0
            distance[v] = .infinity
        }
    }
}

import Dispatch
import RingfindGraph

/// PageRank (Brin & Page, "The anatomy of a large-scale hypertextual Web search engine",
/// 1998) on a weighted directed graph, and personalised PageRank (Haveliwala 2002) from a
/// set of seed entities: the probability that a random walk which follows edges in
/// proportion to their weight — and with probability 1 − α jumps back to the seeds (or to any
/// node) — is at each node. Risk spreading from confirmed bad actors is personalised
/// PageRank from them.
///
/// The iteration is networkx's: `x ← α (x·P + (Σ dangling x)·p) + (1 − α)·p`, where P is the
/// row-normalised weight matrix, p the personalisation (uniform without seeds) and dangling
/// nodes (no out-edges) jump by p; it stops when the L1 change is below `tolerance`.
/// Each iteration pulls along in-edges in 16 fixed chunks computed on all cores and summed
/// in chunk order, so the result does not depend on the number of cores.
///
/// - Complexity: O(edges) per iteration, O(log(tolerance) / log(α)) iterations; O(nodes) memory.
public struct PageRank: Sendable {
    /// α, the probability of following an edge rather than jumping.
    public var damping: Double = 0.85
    /// Stop when the L1 norm of the change is below this.
    public var tolerance: Double = 1e-9
    public var maximumIterations: Int = 1000

    public init() {}

    /// The result: scores summing to 1, and how the iteration ended.
    public struct Result: Sendable {
        public var scores: [Double]
        public var iterations: Int
        public var converged: Bool
    }

    /// PageRank of every node; with `seeds`, personalised to them (uniform over the seeds).
    public func run(on graph: DirectedGraph, seeds: [Int32] = []) -> Result {
        run(on: InEdgeGraph(graph), seeds: seeds)
    }

    /// PageRank of every node of a graph kept for pulling along in-edges (the same scores as
    /// on the `DirectedGraph` it equals, in half the memory or less).
    public func run(on graph: InEdgeGraph, seeds: [Int32] = []) -> Result {
        let n = graph.nodeCount
        guard n > 0 else { return Result(scores: [], iterations: 0, converged: true) }
        var personalization = [Double](repeating: seeds.isEmpty ? 1 / Double(n) : 0, count: n)
        if !seeds.isEmpty {
            let unique = Set(seeds)
            for s in unique { personalization[Int(s)] = 1 / Double(unique.count) }
        }
        let outWeight = graph.outWeights
        let chunkCount = 16
        let bounds = (0...chunkCount).map { $0 * n / chunkCount }
        var x = [Double](repeating: 1 / Double(n), count: n)
        var scaled = [Double](repeating: 0, count: n)
        var next = [Double](repeating: 0, count: n)
        var iterations = 0
        while iterations < maximumIterations {
            iterations += 1
            var danglingChunks = [Double](repeating: 0, count: chunkCount)
            // x / outWeight, and the mass sitting on dangling nodes, per fixed chunk.
            scaled.withUnsafeMutableBufferPointer { scaledOut in
                danglingChunks.withUnsafeMutableBufferPointer { dangling in
                    nonisolated(unsafe) let scaledOut = scaledOut, dangling = dangling
                    let x = x, outWeight = outWeight
                    DispatchQueue.concurrentPerform(iterations: chunkCount) { c in
                        var sum = 0.0
                        for v in bounds[c]..<bounds[c + 1] {
                            if outWeight[v] > 0 {
                                scaledOut[v] = x[v] / outWeight[v]
                            } else {
                                scaledOut[v] = 0
                                sum += x[v]
                            }
                        }
                        dangling[c] = sum
                    }
                }
            }
            let danglingMass = danglingChunks.reduce(0, +)
            var changeChunks = [Double](repeating: 0, count: chunkCount)
            next.withUnsafeMutableBufferPointer { nextOut in
                changeChunks.withUnsafeMutableBufferPointer { change in
                    nonisolated(unsafe) let nextOut = nextOut, change = change
                    let x = x, scaled = scaled, personalization = personalization
                    DispatchQueue.concurrentPerform(iterations: chunkCount) { c in
                        var delta = 0.0
                        graph.sources.withUnsafeBufferPointer { sources in
                            graph.inWeights.withUnsafeBufferPointer { weights in
                                for v in bounds[c]..<bounds[c + 1] {
                                    var pulled = 0.0
                                    for e in graph.inRange(v) { pulled += scaled[Int(sources[e])] * weights[e] }
                                    let value =
                                        damping * (pulled + danglingMass * personalization[v]) + (1 - damping)
                                        * personalization[v]
                                    nextOut[v] = value
                                    delta += abs(value - x[v])
                                }
                            }
                        }
                        change[c] = delta
                    }
                }
            }
            swap(&x, &next)
            if changeChunks.reduce(0, +) < tolerance {
                return Result(scores: x, iterations: iterations, converged: true)
            }
        }
        return Result(scores: x, iterations: iterations, converged: false)
    }
}

import CPrefetch
import Dispatch
import Foundation
import RingfindGraph

/// Collapses each community of a partition into one node (the aggregation step of Louvain
/// and Leiden). Edges between communities are summed; edges inside a community become its
/// self-loop, so strengths and the total weight are preserved and modularity of the
/// collapsed partition equals modularity on the original graph.
///
/// Communities are collapsed in contiguous ranges on all cores; each collapsed node's row
/// depends only on its community, so the result is the same for any number of threads or
/// ranges. Neighbours of a collapsed node are listed in first-seen order (deterministic, not
/// sorted).
///
/// Memory: the ranges are collapsed a few at a time (one per thread) and copied into the
/// result as each few is done, so what is held twice is those few ranges' rows, not the
/// whole collapsed graph (Leiden's first collapse of the 1 M-entity benchmark keeps 11.8 M of
/// 14.7 M half-edges: 140 MB at the build's peak when every range was copied at the end).
/// The result's arrays are reserved for as many half-edges as the graph has — an upper bound,
/// whose unused part is never touched and so never resident.
///
/// - Complexity: O(nodes + edges) time; O(nodes) scratch per thread.
enum Aggregation {
    /// The graph whose node `c` is community `c` of `labels` (dense, `0..<communityCount`).
    static func collapse(
        _ graph: WeightedGraph, labels: [Int32], communityCount k: Int,
        threads: Int = min(ProcessInfo.processInfo.activeProcessorCount, 8)
    ) -> WeightedGraph {
        let n = graph.nodeCount
        // Members grouped by community.
        let grouped = CSRLayout(keys: labels, keyCount: k)
        let groupStart = grouped.offsets
        let memberList = grouped.order
        let rangesPerThread = 4
        let chunks = max(1, min(threads * rangesPerThread, graph.neighbors.count / 100_000 + 1))
        var bounds = [0]
        for c in 0..<k where bounds.count < chunks && groupStart[c] >= n * bounds.count / chunks { bounds.append(c) }
        bounds.append(k)
        let ranges = bounds
        var offsets = [Int](repeating: 0, count: k + 1)
        var neighbors: [Int32] = [], weights: [Double] = [], selfLoops: [Double] = []
        // A collapsed edge stands for at least one half-edge between two communities.
        neighbors.reserveCapacity(graph.neighbors.count)
        weights.reserveCapacity(graph.neighbors.count)
        selfLoops.reserveCapacity(k)
        var first = 0
        while first < ranges.count - 1 {
            let window = min(max(1, threads), ranges.count - 1 - first)
            let from = first
            var rows = [CollapsedRows?](unsafeUninitializedCapacity: window) { buffer, initialized in
                buffer.initialize(repeating: nil)
                nonisolated(unsafe) let results = buffer
                DispatchQueue.concurrentPerform(iterations: window) { i in
                    results[i] = collapseRange(
                        graph, labels: labels, communities: ranges[from + i]..<ranges[from + i + 1],
                        start: groupStart, members: memberList, communityCount: k)
                }
                initialized = window
            }
            for p in rows.indices {
                guard let part = rows[p] else { continue }
                rows[p] = nil  // each part is freed once copied
                let base = neighbors.count
                for (i, end) in part.ends.enumerated() { offsets[part.first + i + 1] = base + end }
                neighbors.append(contentsOf: part.neighbors)
                weights.append(contentsOf: part.weights)
                selfLoops.append(contentsOf: part.selfLoops)
            }
            first += window
        }
        return WeightedGraph(offsets: offsets, neighbors: neighbors, weights: weights, selfLoops: selfLoops)
    }

    /// The rows of a range of collapsed nodes.
    private struct CollapsedRows: Sendable {
        var first: Int
        var ends: [Int] = []
        var neighbors: [Int32] = []
        var weights: [Double] = []
        var selfLoops: [Double] = []
    }

    private static func collapseRange(
        _ graph: WeightedGraph, labels: [Int32], communities: Range<Int>, start: [Int],
        members: [Int32], communityCount k: Int
    ) -> CollapsedRows {
        // Members are visited in community order, so their rows are scattered: the rows of the
        // members a few ahead are prefetched (`WeightedGraph.Adjacency.prefetch`, the labels of
        // the next one's neighbours per neighbour). Changes nothing but timing.
        graph.withAdjacency { adjacency in
            labels.withUnsafeBufferPointer { labelOf in
                var rows = CollapsedRows(first: communities.lowerBound)
                var accumulated = [Double](repeating: 0, count: k)
                var seen = [Bool](repeating: false, count: k)
                var touched: [Int32] = []
                for c in communities {
                    var insideWeight = 0.0
                    for m in start[c]..<start[c + 1] {
                        let v = Int(members[m])
                        if m + 3 < members.count {
                            let next = Int(members[m + 1]), second = Int(members[m + 2]), third = Int(members[m + 3])
                            adjacency.prefetch(next: next, second: second, third: third) {
                                ringfind_prefetch(labelOf.baseAddress! + $0)
                            }
                        }
                        insideWeight += 2 * graph.selfLoops[v]
                        for i in graph.range(v) {
                            let d = labels[Int(graph.neighbors[i])]
                            if Int(d) == c {
                                insideWeight += graph.weights[i]
                            } else {
                                if !seen[Int(d)] {
                                    seen[Int(d)] = true
                                    touched.append(d)
                                }
                                accumulated[Int(d)] += graph.weights[i]
                            }
                        }
                    }
                    rows.selfLoops.append(insideWeight / 2)
                    for d in touched {
                        rows.neighbors.append(d)
                        rows.weights.append(accumulated[Int(d)])
                        accumulated[Int(d)] = 0
                        seen[Int(d)] = false
                    }
                    touched.removeAll(keepingCapacity: true)
                    rows.ends.append(rows.neighbors.count)
                }
                return rows
            }
        }
    }
}

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
/// depends only on its community, so the result is the same for any number of threads.
/// Neighbours of a collapsed node are listed in first-seen order (deterministic, not sorted).
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
        let chunks = max(1, min(threads, graph.neighbors.count / 100_000 + 1))
        var bounds = [0]
        for c in 0..<k where bounds.count < chunks && groupStart[c] >= n * bounds.count / chunks { bounds.append(c) }
        bounds.append(k)
        var rows = [CollapsedRows?](unsafeUninitializedCapacity: bounds.count - 1) { buffer, initialized in
            buffer.initialize(repeating: nil)
            nonisolated(unsafe) let results = buffer
            let ranges = bounds
            DispatchQueue.concurrentPerform(iterations: ranges.count - 1) { chunk in
                results[chunk] = collapseRange(
                    graph, labels: labels, communities: ranges[chunk]..<ranges[chunk + 1],
                    start: groupStart, members: memberList, communityCount: k)
            }
            initialized = ranges.count - 1
        }
        var offsets = [Int](repeating: 0, count: k + 1)
        var neighbors: [Int32] = [], weights: [Double] = [], selfLoops: [Double] = []
        selfLoops.reserveCapacity(k)
        neighbors.reserveCapacity(rows.reduce(0) { $0 + ($1?.neighbors.count ?? 0) })
        weights.reserveCapacity(neighbors.capacity)
        for p in rows.indices {
            guard let part = rows[p] else { continue }
            rows[p] = nil  // each part is freed once copied: the peak is the graph and one part
            let base = neighbors.count
            for (i, end) in part.ends.enumerated() { offsets[part.first + i + 1] = base + end }
            neighbors.append(contentsOf: part.neighbors)
            weights.append(contentsOf: part.weights)
            selfLoops.append(contentsOf: part.selfLoops)
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

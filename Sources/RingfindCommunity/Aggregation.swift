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
/// Two passes over the edges: the first counts each collapsed node's neighbours, the second
/// writes the rows in place. Writing each range's rows apart and then copying them together
/// (one pass) held the collapsed graph twice at once: Leiden's first collapse of the
/// 1 M-entity benchmark keeps 80 % of the edges (11.8 M of 14.7 M half-edges), so that was
/// 140 MB more at the build's peak, for about a tenth of the stage's time saved.
///
/// - Complexity: O(nodes + edges) time; O(communities) scratch per thread.
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
        let ranges = bounds
        @Sendable func forEachRow(in chunk: Int, _ body: (_ community: Int, _ row: Row) -> Void) {
            forEachCollapsedRow(
                graph, labels: labels, communities: ranges[chunk]..<ranges[chunk + 1], start: groupStart,
                members: memberList, communityCount: k, body)
        }
        // Pass 1: how many neighbours each collapsed node has.
        var offsets = [Int](repeating: 0, count: k + 1)
        offsets.withUnsafeMutableBufferPointer { offsets in
            nonisolated(unsafe) let offsets = offsets
            DispatchQueue.concurrentPerform(iterations: ranges.count - 1) { chunk in
                forEachRow(in: chunk) { c, row in offsets[c + 1] = row.neighbors.count }
            }
        }
        for c in 0..<k { offsets[c + 1] += offsets[c] }
        // Pass 2: the rows, each written where it belongs.
        var neighbors = [Int32](repeating: 0, count: offsets[k])
        var weights = [Double](repeating: 0, count: offsets[k])
        var selfLoops = [Double](repeating: 0, count: k)
        neighbors.withUnsafeMutableBufferPointer { neighbors in
            weights.withUnsafeMutableBufferPointer { weights in
                selfLoops.withUnsafeMutableBufferPointer { selfLoops in
                    nonisolated(unsafe) let neighbors = neighbors, weights = weights, selfLoops = selfLoops
                    let offsets = offsets
                    DispatchQueue.concurrentPerform(iterations: ranges.count - 1) { chunk in
                        forEachRow(in: chunk) { c, row in
                            selfLoops[c] = row.insideWeight / 2
                            var at = offsets[c]
                            for d in row.neighbors {
                                neighbors[at] = d
                                weights[at] = row.accumulated[Int(d)]
                                at += 1
                            }
                        }
                    }
                }
            }
        }
        return WeightedGraph(offsets: offsets, neighbors: neighbors, weights: weights, selfLoops: selfLoops)
    }

    /// One collapsed node as `forEachCollapsedRow` hands it over: its neighbours (communities)
    /// in first-seen order, the summed weight to each (indexed by community), and twice the
    /// weight inside it.
    private struct Row {
        let neighbors: [Int32]
        let accumulated: UnsafeBufferPointer<Double>
        let insideWeight: Double
    }

    /// Calls `body` with the row of each community in `communities`, in order.
    private static func forEachCollapsedRow(
        _ graph: WeightedGraph, labels: [Int32], communities: Range<Int>, start: [Int], members: [Int32],
        communityCount k: Int, _ body: (Int, Row) -> Void
    ) {
        // Members are visited in community order, so their rows are scattered: the rows of the
        // members a few ahead are prefetched (`WeightedGraph.Adjacency.prefetch`, the labels of
        // the next one's neighbours per neighbour). Changes nothing but timing.
        graph.withAdjacency { adjacency in
            labels.withUnsafeBufferPointer { labelOf in
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
                    accumulated.withUnsafeBufferPointer { sums in
                        body(c, Row(neighbors: touched, accumulated: sums, insideWeight: insideWeight))
                    }
                    for d in touched {
                        accumulated[Int(d)] = 0
                        seen[Int(d)] = false
                    }
                    touched.removeAll(keepingCapacity: true)
                }
            }
        }
    }
}

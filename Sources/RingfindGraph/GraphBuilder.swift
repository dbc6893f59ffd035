import Dispatch

/// Builds the immutable `MultiplexGraph` from the raw events.
///
/// Each log is aggregated into edges by a two-pass LSD radix sort of its rows (by target,
/// then stably by source) followed by one pass that merges runs of equal (source, target).
/// No comparisons and no hashing: linear in rows and nodes, which matters at 10 M events.
///
/// The three logs are aggregated concurrently (one per core); each log's result does not
/// depend on scheduling, so the graph is the same whatever the core count.
///
/// - Complexity: O(nodes + rows) time per log; extra space two `Int32` arrays of the rows.
public enum GraphBuilder {
    /// Aggregates every log of `events` into a graph over `nodeCount` entities.
    public static func build(nodeCount: Int, events: EventStore) -> MultiplexGraph {
        var built = [TypedEdges?](repeating: nil, count: EdgeType.allCases.count)
        built.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let results = buffer
            DispatchQueue.concurrentPerform(iterations: EdgeType.allCases.count) { i in
                let type = EdgeType.allCases[i]
                results[i] = aggregate(events[type], nodeCount: nodeCount)
            }
        }
        return MultiplexGraph(communications: built[0]!, payments: built[1]!, access: built[2]!)
    }

    /// Aggregates one log into typed edges; rows with no target (access to a resource only)
    /// take part in no edge.
    public static func aggregate(_ log: EventLog, nodeCount: Int) -> TypedEdges {
        let rows = log.rowCount
        // Pass 1: rows with a target, bucketed by target.
        var bucketStart = [Int](repeating: 0, count: nodeCount + 1)
        var usable = 0
        for r in 0..<rows where log.target[r] >= 0 {
            bucketStart[Int(log.target[r]) + 1] += 1
            usable += 1
        }
        for v in 0..<nodeCount { bucketStart[v + 1] += bucketStart[v] }
        var byTarget = [Int32](repeating: 0, count: usable)
        var next = bucketStart
        for r in 0..<rows where log.target[r] >= 0 {
            let t = Int(log.target[r])
            byTarget[next[t]] = Int32(r)
            next[t] += 1
        }
        // Pass 2: stable by source, giving rows sorted by (source, target).
        for v in 0...nodeCount { bucketStart[v] = 0 }
        for r in byTarget { bucketStart[Int(log.source[Int(r)]) + 1] += 1 }
        for v in 0..<nodeCount { bucketStart[v + 1] += bucketStart[v] }
        var sorted = [Int32](repeating: 0, count: usable)
        next = bucketStart
        for r in byTarget {
            let s = Int(log.source[Int(r)])
            sorted[next[s]] = r
            next[s] += 1
        }
        byTarget = []
        next = []

        // Merge runs of equal (source, target).
        var outOffsets = [Int](repeating: 0, count: nodeCount + 1)
        var sources: [Int32] = [], targets: [Int32] = [], counts: [Int64] = []
        var amounts: [Double] = [], firstTimes: [Int64] = [], lastTimes: [Int64] = []
        let hasAmounts = log.type == .payment
        var i = 0
        while i < usable {
            let r0 = Int(sorted[i])
            let s = log.source[r0], t = log.target[r0]
            var count: Int64 = 0, amount = 0.0
            var first = Int64.max, last = Timestamp.missing
            repeat {
                let r = Int(sorted[i])
                count += Int64(log.count[r])
                if hasAmounts { amount += log.amount[r] }
                let time = log.time[r]
                if time != Timestamp.missing {
                    first = min(first, time)
                    last = max(last, time)
                }
                i += 1
            } while i < usable && log.source[Int(sorted[i])] == s && log.target[Int(sorted[i])] == t
            sources.append(s)
            targets.append(t)
            counts.append(count)
            if hasAmounts { amounts.append(amount) }
            firstTimes.append(first == Int64.max ? Timestamp.missing : first)
            lastTimes.append(last)
            outOffsets[Int(s) + 1] += 1
        }
        for v in 0..<nodeCount { outOffsets[v + 1] += outOffsets[v] }

        // In-edges: edges bucketed by target, stable, hence sorted by source within a bucket.
        var inOffsets = [Int](repeating: 0, count: nodeCount + 1)
        for t in targets { inOffsets[Int(t) + 1] += 1 }
        for v in 0..<nodeCount { inOffsets[v + 1] += inOffsets[v] }
        var inEdges = [Int32](repeating: 0, count: targets.count)
        next = inOffsets
        for (e, t) in targets.enumerated() {
            inEdges[next[Int(t)]] = Int32(e)
            next[Int(t)] += 1
        }
        return TypedEdges(
            type: log.type, outOffsets: outOffsets, sources: sources, targets: targets, counts: counts,
            amounts: amounts, firstTimes: firstTimes, lastTimes: lastTimes, inOffsets: inOffsets, inEdges: inEdges
        )
    }
}

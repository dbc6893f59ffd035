import Dispatch
import Foundation

/// A stable counting sort of items by small integer keys, laid out as a CSR array: the one
/// construction step behind every CSR structure in ringfind (event rows by source or target,
/// edges by source, half-edges by neighbour, nodes by community, rows by entity).
///
/// `order[offsets[k]..<offsets[k + 1]]` holds the items whose key is `k`, in the order they
/// were given: the sort is stable, so sorting by a secondary key and then by a primary key
/// sorts by the pair (an LSD radix sort, no comparisons). Items whose key is negative (`-1`:
/// a row with no target, an edge filtered out) are left out of `order` and of every bucket.
///
/// Every key must be below `keyCount`; a larger key traps. Items are `Int32` (row, edge or
/// node numbers), so at most `Int32.max` of them can be sorted.
///
/// - Complexity: O(items + keyCount) time; `keyCount + 1` offsets, one `Int32` per kept
///   item and one working copy of the offsets.
public struct CSRLayout: Sendable {
    /// `offsets[k]..<offsets[k + 1]` index the items of key `k` in `order`; `keyCount + 1`
    /// entries, starting at 0, non-decreasing, the last equal to `order.count`.
    public let offsets: [Int]
    /// The kept items grouped by key, in input order within a key.
    public let order: [Int32]

    /// The number of keys (buckets).
    public var keyCount: Int { offsets.count - 1 }

    /// The items of key `k`, in input order.
    ///
    /// - Complexity: O(1).
    @inlinable
    public func bucket(_ k: Int) -> ArraySlice<Int32> { order[offsets[k]..<offsets[k + 1]] }

    /// Groups the positions `0..<keys.count` by `keys[i]` (positions with a negative key are
    /// left out).
    ///
    /// - Parameters:
    ///   - keys: the key of each position, in `-1..<keyCount`.
    ///   - keyCount: the number of buckets.
    /// - Complexity: O(keys.count + keyCount).
    @inlinable
    public init(keys: [Int32], keyCount: Int) {
        precondition(keys.count <= Int(Int32.max), "too many items for Int32 positions")
        self.init(grouping: nil, count: keys.count, keys: keys, keyCount: keyCount)
    }

    /// Groups `items` by `keys[item]`, keeping their order within a key (items with a negative
    /// key are left out). Sorting the `order` of one layout by another key is the second pass
    /// of a two-key radix sort.
    ///
    /// - Parameters:
    ///   - items: indices into `keys`, in the order to keep within a bucket.
    ///   - keys: the key of each possible item, in `-1..<keyCount`.
    ///   - keyCount: the number of buckets.
    /// - Complexity: O(items.count + keyCount).
    @inlinable
    public init(sorting items: [Int32], byKeys keys: [Int32], keyCount: Int) {
        self = items.withUnsafeBufferPointer { Self(grouping: $0, count: $0.count, keys: keys, keyCount: keyCount) }
    }

    /// The two counting passes over `count` items: `items`, or without it the positions
    /// 0..<count. From a million items on, both passes run in contiguous chunks side by side
    /// (below, one chunk): each chunk counts its keys, then scatters its items from where the
    /// earlier chunks' items of the same key end, so every bucket still holds its items in
    /// input order (the same layout as one pass).
    @inlinable
    init(grouping items: UnsafeBufferPointer<Int32>?, count total: Int, keys: [Int32], keyCount n: Int) {
        precondition(n >= 0, "negative key count")
        let chunks = total >= Self.parallelFrom ? Self.chunkCount : 1
        nonisolated(unsafe) let all = items
        /// Calls `body` with each item of chunk `c`, in order.
        @Sendable @inline(__always) func forEachItem(inChunk c: Int, _ body: (Int32) -> Void) {
            let range = total * c / chunks..<total * (c + 1) / chunks
            if let all {
                for i in range { body(all[i]) }
            } else {
                for i in range { body(Int32(truncatingIfNeeded: i)) }
            }
        }
        // Pass 1: each chunk's count of every key.
        var cursors = [[Int]](repeating: [], count: chunks)
        cursors.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let out = buffer
            DispatchQueue.concurrentPerform(iterations: chunks) { c in
                var counts = [Int](repeating: 0, count: n)
                forEachItem(inChunk: c) { item in
                    let k = keys[Int(item)]
                    if k >= 0 { counts[Int(k)] += 1 }
                }
                out[c] = counts
            }
        }
        // Offsets, and where each chunk's items of each key start.
        var offsets = [Int](repeating: 0, count: n + 1)
        var start = 0
        for k in 0..<n {
            offsets[k] = start
            for c in 0..<chunks {
                let count = cursors[c][k]
                cursors[c][k] = start
                start += count
            }
        }
        offsets[n] = start
        // Pass 2: each chunk scatters its items.
        var order = [Int32](repeating: 0, count: start)
        order.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let out = buffer
            cursors.withUnsafeMutableBufferPointer { cursorBuffer in
                nonisolated(unsafe) let cursorsOf = cursorBuffer
                DispatchQueue.concurrentPerform(iterations: chunks) { c in
                    cursorsOf[c].withUnsafeMutableBufferPointer { next in
                        forEachItem(inChunk: c) { item in
                            let k = Int(keys[Int(item)])
                            guard k >= 0 else { return }
                            out[next[k]] = item
                            next[k] += 1
                        }
                    }
                }
            }
        }
        self.offsets = offsets
        self.order = order
    }

    /// Items from which the passes run in chunks side by side (below it, a single pass is
    /// faster than starting threads).
    @usableFromInline static let parallelFrom = 1 << 20
    /// Chunks side by side: one per core, at most 4 (each chunk holds a count per key).
    @usableFromInline static let chunkCount = min(4, max(1, ProcessInfo.processInfo.activeProcessorCount))
}

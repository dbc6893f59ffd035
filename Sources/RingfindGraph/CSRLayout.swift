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
        self.init(grouping: 0..<Int32(keys.count), keys: keys, keyCount: keyCount)
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
        self.init(grouping: items, keys: keys, keyCount: keyCount)
    }

    /// The two counting passes, specialised for an array or a range of items.
    @inlinable
    init<Items: Collection<Int32>>(grouping items: Items, keys: [Int32], keyCount n: Int) {
        precondition(n >= 0, "negative key count")
        var offsets = [Int](repeating: 0, count: n + 1)
        for item in items {
            let k = keys[Int(item)]
            if k >= 0 { offsets[Int(k) + 1] += 1 }
        }
        for k in 0..<n { offsets[k + 1] += offsets[k] }
        var order = [Int32](repeating: 0, count: offsets[n])
        var next = offsets
        for item in items {
            let k = Int(keys[Int(item)])
            guard k >= 0 else { continue }
            order[next[k]] = item
            next[k] += 1
        }
        self.offsets = offsets
        self.order = order
    }
}

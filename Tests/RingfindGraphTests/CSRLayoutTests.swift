import Testing

@testable import RingfindGraph

/// The shared stable counting sort behind every CSR array.
@Suite struct CSRLayoutTests {
    @Test func groupsPositionsByKeyInInputOrder() {
        let layout = CSRLayout(keys: [2, 0, 2, 1, 0, 2], keyCount: 4)
        #expect(layout.offsets == [0, 2, 3, 6, 6])
        #expect(layout.order == [1, 4, 3, 0, 2, 5])
        #expect(layout.keyCount == 4)
        #expect(Array(layout.bucket(2)) == [0, 2, 5])
        #expect(layout.bucket(3).isEmpty)
    }

    @Test func leavesOutNegativeKeys() {
        let layout = CSRLayout(keys: [-1, 1, -1, 0, 1], keyCount: 2)
        #expect(layout.offsets == [0, 1, 3])
        #expect(layout.order == [3, 1, 4])
    }

    @Test func emptyKeysGiveEmptyBuckets() {
        let layout = CSRLayout(keys: [], keyCount: 3)
        #expect(layout.offsets == [0, 0, 0, 0])
        #expect(layout.order.isEmpty)
    }

    @Test func noKeysAtAll() {
        let layout = CSRLayout(keys: [-1, -1], keyCount: 0)
        #expect(layout.offsets == [0])
        #expect(layout.order.isEmpty)
        #expect(layout.keyCount == 0)
        let none = CSRLayout(keys: [], keyCount: 0)
        #expect(none.offsets == [0] && none.order.isEmpty)
    }

    @Test func sortingItemsKeepsTheirGivenOrder() {
        // Items 4, 1, 0, 3, 2 (in that order) by keys[item]; item 1's key is -1 and is left out.
        let keys: [Int32] = [1, -1, 0, 1, 0]
        let layout = CSRLayout(sorting: [4, 1, 0, 3, 2], byKeys: keys, keyCount: 2)
        #expect(layout.offsets == [0, 2, 4])
        #expect(layout.order == [4, 2, 0, 3])
    }

    /// Two passes (secondary key, then primary) sort by the pair, ties in input order.
    @Test func twoPassesSortByPairs() {
        let sources: [Int32] = [2, 0, 1, 0, 2, 0, 1]
        let targets: [Int32] = [1, 2, 0, 2, 0, 1, -1]
        let byTarget = CSRLayout(keys: targets, keyCount: 3)
        let sorted = CSRLayout(sorting: byTarget.order, byKeys: sources, keyCount: 3)
        func sortKey(_ i: Int32) -> (Int32, Int32, Int32) { (sources[Int(i)], targets[Int(i)], i) }
        let expected = (0..<Int32(sources.count)).filter { targets[Int($0)] >= 0 }.sorted { sortKey($0) < sortKey($1) }
        #expect(sorted.order == expected)
        #expect(sorted.offsets == [0, 3, 4, 6])
    }

    /// A larger random case against a comparison sort.
    @Test func matchesAStableComparisonSort() {
        var rng = SplitMix64(seed: 7)
        let n = 50
        let keys = (0..<2_000).map { _ in Int32(Int(rng.next() % UInt64(n + 1))) - 1 }
        let layout = CSRLayout(keys: keys, keyCount: n)
        func sortKey(_ i: Int32) -> (Int32, Int32) { (keys[Int(i)], i) }
        let expected = (0..<Int32(keys.count)).filter { keys[Int($0)] >= 0 }.sorted { sortKey($0) < sortKey($1) }
        #expect(layout.order == expected)
        for k in 0..<n { #expect(layout.bucket(k).allSatisfy { keys[Int($0)] == Int32(k) }) }
        #expect(layout.offsets.last == expected.count)
    }

    /// From a million items the passes run in chunks side by side (`CSRLayout.parallelFrom`):
    /// the layout is the same as one pass's, for positions and for given items, with negative
    /// keys left out, buckets spanning chunk boundaries, and more keys than items per chunk.
    @Test func chunksSideBySideGiveTheSameLayoutAsOnePass() {
        var rng = SplitMix64(seed: 11)
        let count = CSRLayout.parallelFrom + 12_345, n = 3_000
        let keys = (0..<count).map { _ in Int32(Int(rng.next() % UInt64(n + 1))) - 1 }
        let layout = CSRLayout(keys: keys, keyCount: n)
        // One pass by hand: bucket starts, then items in input order.
        var offsets = [Int](repeating: 0, count: n + 1)
        for k in keys where k >= 0 { offsets[Int(k) + 1] += 1 }
        for k in 0..<n { offsets[k + 1] += offsets[k] }
        var order = [Int32](repeating: 0, count: offsets[n])
        var next = offsets
        for (i, k) in keys.enumerated() where k >= 0 {
            order[next[Int(k)]] = Int32(i)
            next[Int(k)] += 1
        }
        // Compared as booleans: a failure should not print a million items.
        let sameOffsets = layout.offsets == offsets, sameOrder = layout.order == order
        #expect(sameOffsets && sameOrder)
        // Given items (a permutation): stable within each bucket in the given order.
        let items = (0..<Int32(count)).reversed().map { $0 }
        let sorted = CSRLayout(sorting: items, byKeys: keys, keyCount: n)
        let sameGivenOffsets = sorted.offsets == offsets
        let stableInGivenOrder = (0..<n).allSatisfy { sorted.bucket($0).elementsEqual(layout.bucket($0).reversed()) }
        #expect(sameGivenOffsets && stableInGivenOrder)
    }
}

import CPrefetch

/// Software prefetching for visiting nodes in a scattered order known a few nodes ahead (a
/// queue, a shuffled list, a community's members), as Leiden's local moves, refinement and
/// aggregation do: each node's row, its neighbour list and then something per neighbour are
/// waited on in turn, so they are fetched in three steps a node apart.
extension WeightedGraph.Adjacency {
    /// Starts loading the row bounds of `third` (three nodes on), the neighbour list and
    /// weights of `second` (two on), and, through `eachNeighbourOfNext`, whatever the caller
    /// reads per neighbour of `next` (one on; its row arrived a step ago). Changes nothing but
    /// timing.
    ///
    /// - Complexity: O(degree of `next`).
    @inlinable @inline(__always)
    public func prefetch(next: Int, second: Int, third: Int, eachNeighbourOfNext: (Int) -> Void) {
        ringfind_prefetch(offsets.baseAddress! + third)
        let start = offsets[second]
        ringfind_prefetch(neighbors.baseAddress! + start)
        ringfind_prefetch(weights.baseAddress! + start)
        for i in offsets[next]..<offsets[next + 1] { eachNeighbourOfNext(Int(neighbors[i])) }
    }
}

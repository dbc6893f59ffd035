import CPrefetch
import RingfindGraph

/// The mutable state shared by Louvain's and Leiden's node moves: each node's community,
/// each community's total strength and size, and a scratch accumulator of the weight from
/// one node to each neighbouring community.
///
/// The gain of moving node v (strength k_v, already taken out of its community) into
/// community c is, up to a positive factor that is the same for every c,
///
///     Δ(v → c) = w(v, c) − γ · k_v · K_c / 2m
///
/// with w(v, c) the weight of edges from v into c and K_c the strength of c (Blondel et al.
/// 2008, eq. 2, rearranged). An empty community has Δ = 0.
///
/// This is the innermost loop of community detection, so the state lives in manually
/// allocated buffers (no bounds checks, no copy-on-write checks), owned and freed by this
/// object; the graph is read through `WeightedGraph.withAdjacency`.
final class CommunityState {
    private(set) var community: UnsafeMutableBufferPointer<Int32>
    private(set) var communityStrength: UnsafeMutableBufferPointer<Double>
    /// Number of nodes in each community.
    private(set) var communitySize: UnsafeMutableBufferPointer<Int32>
    private let weightTo: UnsafeMutableBufferPointer<Double>
    private let isTouched: UnsafeMutableBufferPointer<Bool>
    /// Communities adjacent to the node being considered, in first-seen order.
    private(set) var touched: [Int32] = []
    /// Communities that are currently empty (for moves to a fresh community).
    private var empty: [Int32] = []

    /// Starts from `labels` (values `< graph.nodeCount`).
    init(graph: WeightedGraph, labels: [Int32]) {
        let n = graph.nodeCount
        community = .allocate(capacity: n)
        _ = community.initialize(from: labels)
        communityStrength = .allocate(capacity: n)
        communityStrength.initialize(repeating: 0)
        communitySize = .allocate(capacity: n)
        communitySize.initialize(repeating: 0)
        for v in 0..<n {
            communityStrength[Int(labels[v])] += graph.strengths[v]
            communitySize[Int(labels[v])] += 1
        }
        weightTo = .allocate(capacity: n)
        weightTo.initialize(repeating: 0)
        isTouched = .allocate(capacity: n)
        isTouched.initialize(repeating: false)
        touched.reserveCapacity(64)
        for c in (0..<n).reversed() where communitySize[c] == 0 { empty.append(Int32(c)) }
    }

    deinit {
        community.deallocate()
        communityStrength.deallocate()
        communitySize.deallocate()
        weightTo.deallocate()
        isTouched.deallocate()
    }

    /// The communities as an array.
    var labels: [Int32] { Array(community) }

    /// Accumulates w(v, c) for every community c adjacent to `v` (self-loops excluded).
    /// `own` is always included, so staying can be compared.
    @inline(__always)
    func gatherNeighborWeights(of v: Int, own: Int32, _ adjacency: WeightedGraph.Adjacency) {
        isTouched[Int(own)] = true
        touched.append(own)
        for i in adjacency.offsets[v]..<adjacency.offsets[v + 1] {
            let c = Int(community[Int(adjacency.neighbors[i])])
            if !isTouched[c] {
                isTouched[c] = true
                touched.append(Int32(c))
            }
            weightTo[c] += adjacency.weights[i]
        }
    }

    /// A hint that node `v`'s community will be read soon (see `Leiden`'s local moving).
    @inline(__always)
    func prefetchCommunity(of v: Int) { ringfind_prefetch(community.baseAddress! + v) }

    /// w(v, c) gathered by the last `gatherNeighborWeights`.
    @inline(__always)
    func weight(to c: Int32) -> Double { weightTo[Int(c)] }

    /// Clears the accumulator for the next node.
    @inline(__always)
    func clearNeighborWeights() {
        for c in touched {
            weightTo[Int(c)] = 0
            isTouched[Int(c)] = false
        }
        touched.removeAll(keepingCapacity: true)
    }

    /// Takes `v` out of its community.
    @inline(__always)
    func remove(_ v: Int, strength: Double) {
        let c = Int(community[v])
        communityStrength[c] -= strength
        communitySize[c] -= 1
        if communitySize[c] == 0 {
            empty.append(Int32(c))
            communityStrength[c] = 0
        }
    }

    /// Puts `v` into community `c`.
    @inline(__always)
    func insert(_ v: Int, strength: Double, into c: Int32) {
        if communitySize[Int(c)] == 0 {
            if let last = empty.last, last == c {
                empty.removeLast()
            } else if let index = empty.lastIndex(of: c) {
                empty.remove(at: index)
            }
        }
        community[v] = c
        communityStrength[Int(c)] += strength
        communitySize[Int(c)] += 1
    }

    /// An empty community, if any.
    var anEmptyCommunity: Int32? { empty.last }
}

/// The mutable state shared by Louvain's and Leiden's node moves: each node's community,
/// each community's total strength, and a scratch accumulator of the weight from one node
/// to each neighbouring community.
///
/// The gain of moving node v (strength k_v, already taken out of its community) into
/// community c is, up to a positive factor that is the same for every c,
///
///     Δ(v → c) = w(v, c) − γ · k_v · K_c / 2m
///
/// with w(v, c) the weight of edges from v into c and K_c the strength of c (Blondel et al.
/// 2008, eq. 2, rearranged). An empty community has Δ = 0.
struct CommunityState {
    var community: [Int32]
    var communityStrength: [Double]
    /// Number of nodes in each community.
    var communitySize: [Int32]
    private var weightTo: [Double]
    private var isTouched: [Bool]
    /// Communities adjacent to the node being considered, in first-seen order.
    private(set) var touched: [Int32] = []
    /// Communities that are currently empty (for moves to a fresh community).
    private var empty: [Int32] = []

    /// Starts from `labels` (values `< graph.nodeCount`).
    init(graph: WeightedGraph, labels: [Int32]) {
        let n = graph.nodeCount
        community = labels
        communityStrength = [Double](repeating: 0, count: n)
        communitySize = [Int32](repeating: 0, count: n)
        for v in 0..<n {
            communityStrength[Int(labels[v])] += graph.strengths[v]
            communitySize[Int(labels[v])] += 1
        }
        weightTo = [Double](repeating: 0, count: n)
        isTouched = [Bool](repeating: false, count: n)
        touched.reserveCapacity(64)
        for c in (0..<n).reversed() where communitySize[c] == 0 { empty.append(Int32(c)) }
    }

    /// Accumulates w(v, c) for every community c adjacent to `v` (self-loops excluded).
    /// `own` is always included, so staying can be compared.
    @inline(__always)
    mutating func gatherNeighborWeights(of v: Int, in graph: WeightedGraph, own: Int32) {
        isTouched[Int(own)] = true
        touched.append(own)
        for i in graph.range(v) {
            let c = community[Int(graph.neighbors[i])]
            if !isTouched[Int(c)] {
                isTouched[Int(c)] = true
                touched.append(c)
            }
            weightTo[Int(c)] += graph.weights[i]
        }
    }

    /// Like `gatherNeighborWeights`, but only over neighbours u with `restriction[u] == group`
    /// (Leiden's refinement works inside one community of the unrefined partition).
    @inline(__always)
    mutating func gatherNeighborWeights(of v: Int, in graph: WeightedGraph, own: Int32, restrictedTo restriction: [Int32], group: Int32) {
        isTouched[Int(own)] = true
        touched.append(own)
        for i in graph.range(v) {
            let u = Int(graph.neighbors[i])
            guard restriction[u] == group else { continue }
            let c = community[u]
            if !isTouched[Int(c)] {
                isTouched[Int(c)] = true
                touched.append(c)
            }
            weightTo[Int(c)] += graph.weights[i]
        }
    }

    /// w(v, c) gathered by the last `gatherNeighborWeights`.
    @inline(__always)
    func weight(to c: Int32) -> Double { weightTo[Int(c)] }

    /// Clears the accumulator for the next node.
    @inline(__always)
    mutating func clearNeighborWeights() {
        for c in touched {
            weightTo[Int(c)] = 0
            isTouched[Int(c)] = false
        }
        touched.removeAll(keepingCapacity: true)
    }

    /// Takes `v` out of its community.
    @inline(__always)
    mutating func remove(_ v: Int, strength: Double) {
        let c = Int(community[v])
        communityStrength[c] -= strength
        communitySize[c] -= 1
        if communitySize[c] == 0 { empty.append(Int32(c)); communityStrength[c] = 0 }
    }

    /// Puts `v` into community `c`.
    @inline(__always)
    mutating func insert(_ v: Int, strength: Double, into c: Int32) {
        if communitySize[Int(c)] == 0, let last = empty.last, last == c {
            empty.removeLast()
        } else if communitySize[Int(c)] == 0, let index = empty.lastIndex(of: c) {
            empty.remove(at: index)
        }
        community[v] = c
        communityStrength[Int(c)] += strength
        communitySize[Int(c)] += 1
    }

    /// An empty community, if any.
    var anEmptyCommunity: Int32? { empty.last }
}

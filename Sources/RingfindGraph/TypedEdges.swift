/// The aggregated edges of one type in compressed sparse row form, immutable once built.
///
/// Edge `e` (in `0..<edgeCount`) is the aggregate of every event from `sources[e]` to
/// `targets[e]` of this type: how many (`counts`), how much money (`amounts`, payments
/// only) and when (`firstTimes`, `lastTimes`; `Timestamp.missing` when no event had a
/// time). Edges are sorted by source, then target, so the out-edges of node `v` are the
/// contiguous range `outOffsets[v]..<outOffsets[v + 1]`. The in-edges of `v` are
/// `inEdges[inOffsets[v]..<inOffsets[v + 1]]`, edge indices sorted by source.
///
/// Memory: about 32 bytes per edge plus 16 bytes per node.
public struct TypedEdges: Sendable {
    /// The log these edges aggregate.
    public let type: EdgeType
    /// `outOffsets[v]..<outOffsets[v + 1]` are the out-edges of `v`; `nodeCount + 1` entries.
    public let outOffsets: [Int]
    /// Source of each edge.
    public let sources: [Int32]
    /// Target of each edge.
    public let targets: [Int32]
    /// Number of events aggregated into each edge.
    public let counts: [Int64]
    /// Total amount of each edge (payments); empty for other types.
    public let amounts: [Double]
    /// Earliest event time of each edge, or `Timestamp.missing`.
    public let firstTimes: [Int64]
    /// Latest event time of each edge, or `Timestamp.missing`.
    public let lastTimes: [Int64]
    /// `inEdges[inOffsets[v]..<inOffsets[v + 1]]` are the in-edges of `v`; `nodeCount + 1` entries.
    public let inOffsets: [Int]
    /// Edge indices grouped by target.
    public let inEdges: [Int32]

    init(
        type: EdgeType, outOffsets: [Int], sources: [Int32], targets: [Int32], counts: [Int64],
        amounts: [Double], firstTimes: [Int64], lastTimes: [Int64], inOffsets: [Int], inEdges: [Int32]
    ) {
        self.type = type
        self.outOffsets = outOffsets
        self.sources = sources
        self.targets = targets
        self.counts = counts
        self.amounts = amounts
        self.firstTimes = firstTimes
        self.lastTimes = lastTimes
        self.inOffsets = inOffsets
        self.inEdges = inEdges
        #if RINGFIND_INVARIANTS
            checkInvariants()
        #endif
    }

    /// The number of nodes the edges are indexed over.
    public var nodeCount: Int { outOffsets.count - 1 }

    /// The number of aggregated edges.
    public var edgeCount: Int { targets.count }

    /// The total number of events (sum of `counts`).
    public var eventCount: Int64 { counts.reduce(0, +) }

    /// The out-edge indices of `node`.
    @inlinable
    public func outEdges(of node: Int32) -> Range<Int> { outOffsets[Int(node)]..<outOffsets[Int(node) + 1] }

    /// The in-edge indices of `node`, as a slice of `inEdges`.
    @inlinable
    public func inEdges(of node: Int32) -> ArraySlice<Int32> {
        inEdges[inOffsets[Int(node)]..<inOffsets[Int(node) + 1]]
    }

    /// Out-degree (distinct targets) of `node`.
    public func outDegree(_ node: Int32) -> Int { outOffsets[Int(node) + 1] - outOffsets[Int(node)] }

    /// In-degree (distinct sources) of `node`.
    public func inDegree(_ node: Int32) -> Int { inOffsets[Int(node) + 1] - inOffsets[Int(node)] }

    /// Whether this build checks `checkInvariants` each time edges are built: debug builds,
    /// and so every test run, do (`RINGFIND_INVARIANTS`, set in Package.swift); release builds
    /// do not.
    public static var checksInvariants: Bool {
        #if RINGFIND_INVARIANTS
            true
        #else
            false
        #endif
    }

    /// Traps unless the CSR arrays are consistent: offsets monotone and complete, edges sorted
    /// by (source, target) without duplicates, in-edge lists a permutation grouped by target.
    public func checkInvariants() {
        precondition(outOffsets.first == 0 && outOffsets.last == edgeCount, "out offsets do not span the edges")
        precondition(inOffsets.first == 0 && inOffsets.last == edgeCount, "in offsets do not span the edges")
        precondition(sources.count == edgeCount && counts.count == edgeCount, "column lengths differ")
        for v in 0..<nodeCount {
            precondition(outOffsets[v] <= outOffsets[v + 1] && inOffsets[v] <= inOffsets[v + 1], "offsets not monotone")
            for e in outOffsets[v]..<outOffsets[v + 1] {
                precondition(Int(sources[e]) == v, "edge in the wrong row")
                if e > outOffsets[v] { precondition(targets[e - 1] < targets[e], "targets not strictly increasing") }
            }
            for i in inOffsets[v]..<inOffsets[v + 1] {
                precondition(Int(targets[Int(inEdges[i])]) == v, "in-edge in the wrong row")
            }
        }
    }
}

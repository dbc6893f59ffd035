/// The case graph: the same entities linked by three kinds of aggregated edges.
///
/// Built once by `GraphBuilder` and never changed; algorithms take it by value (the arrays
/// are shared, not copied).
public struct MultiplexGraph: Sendable {
    /// The number of entities (nodes), ids `0..<nodeCount`.
    public let nodeCount: Int
    /// Who messaged whom.
    public let communications: TypedEdges
    /// Who paid whom.
    public let payments: TypedEdges
    /// Which employee touched which vendor.
    public let access: TypedEdges

    public init(communications: TypedEdges, payments: TypedEdges, access: TypedEdges) {
        precondition(communications.nodeCount == payments.nodeCount && payments.nodeCount == access.nodeCount)
        self.nodeCount = communications.nodeCount
        self.communications = communications
        self.payments = payments
        self.access = access
    }

    /// The edges of one type.
    public subscript(type: EdgeType) -> TypedEdges {
        switch type {
        case .communication: communications
        case .payment: payments
        case .access: access
        }
    }

    /// Total aggregated edges over all types.
    public var edgeCount: Int { EdgeType.allCases.reduce(0) { $0 + self[$1].edgeCount } }

    /// Distinct counterparties of every entity, over all edge types and both directions
    /// (an entity is not its own counterparty).
    ///
    /// - Complexity: O(nodes + edges) time, O(nodes) extra space.
    public func degrees() -> [Int32] {
        var degree = [Int32](repeating: 0, count: nodeCount)
        var lastSeenBy = [Int32](repeating: -1, count: nodeCount)
        for v in 0..<Int32(nodeCount) {
            var d: Int32 = 0
            for type in EdgeType.allCases {
                let edges = self[type]
                for e in edges.outEdges(of: v) {
                    let u = edges.targets[e]
                    if u != v && lastSeenBy[Int(u)] != v {
                        lastSeenBy[Int(u)] = v
                        d += 1
                    }
                }
                for e in edges.inEdges(of: v) {
                    let u = edges.sources[Int(e)]
                    if u != v && lastSeenBy[Int(u)] != v {
                        lastSeenBy[Int(u)] = v
                        d += 1
                    }
                }
            }
            degree[Int(v)] = d
        }
        return degree
    }

    /// Number of events every entity takes part in, over all types and both directions
    /// (a self-addressed event counts once).
    ///
    /// - Complexity: O(nodes + edges).
    public func strengths() -> [Int64] {
        var strength = [Int64](repeating: 0, count: nodeCount)
        for type in EdgeType.allCases {
            let edges = self[type]
            for e in 0..<edges.edgeCount {
                let s = Int(edges.sources[e]), t = Int(edges.targets[e])
                strength[s] += edges.counts[e]
                if t != s { strength[t] += edges.counts[e] }
            }
        }
        return strength
    }
}

import RingfindGraph

/// Degree and strength of every entity per edge type and direction: distinct counterparties
/// (`degree`), events (`events`) and, for payments, money (`amount`), out and in.
///
/// - Complexity: O(entities + edges).
public struct DegreeTable: Sendable {
    /// `outDegree[type.rawValue][v]` etc.
    public var outDegree: [[Int32]]
    public var inDegree: [[Int32]]
    public var outEvents: [[Int64]]
    public var inEvents: [[Int64]]
    /// Money paid and received (payments).
    public var amountPaid: [Double]
    public var amountReceived: [Double]

    public init(_ graph: MultiplexGraph) {
        let n = graph.nodeCount
        outDegree = []
        inDegree = []
        outEvents = []
        inEvents = []
        amountPaid = [Double](repeating: 0, count: n)
        amountReceived = [Double](repeating: 0, count: n)
        for type in EdgeType.allCases {
            let edges = graph[type]
            var outD = [Int32](repeating: 0, count: n), inD = [Int32](repeating: 0, count: n)
            var outE = [Int64](repeating: 0, count: n), inE = [Int64](repeating: 0, count: n)
            for e in 0..<edges.edgeCount {
                let s = Int(edges.sources[e]), t = Int(edges.targets[e])
                outD[s] += 1
                inD[t] += 1
                outE[s] += edges.counts[e]
                inE[t] += edges.counts[e]
                if type == .payment {
                    amountPaid[s] += edges.amounts[e]
                    amountReceived[t] += edges.amounts[e]
                }
            }
            outDegree.append(outD)
            inDegree.append(inD)
            outEvents.append(outE)
            inEvents.append(inE)
        }
    }
}

import RingfindGraph

/// The hand-written rule ringfind must beat: "an external paid by at least two vendors who
/// pays an employee who accessed one of them". Each such external forms a ring with those
/// employees and the vendors they accessed, scored by the number of such accesses. No timing,
/// no chance model, no intermediaries.
public enum BaselineRule {
    /// A baseline ring: its members by role, and its score (accesses to paying vendors).
    public struct BaselineRing: Sendable {
        /// The external paid by the vendors.
        public var broker: Int32
        /// The employees it pays who accessed one of its paying vendors.
        public var insiders: [Int32]
        /// The paying vendors those employees accessed.
        public var clients: [Int32]
        /// How many such accesses.
        public var score: Double
    }

    /// Every external the rule flags, strongest first.
    ///
    /// - Complexity: O(payment edges + access edges) with hashing.
    public static func run(graph: MultiplexGraph, entities: EntityTable) -> [BaselineRing] {
        let payments = graph.payments, access = graph.access
        var rings: [BaselineRing] = []
        var paying = [Int32](repeating: -1, count: graph.nodeCount)
        for x in 0..<Int32(graph.nodeCount)
        where entities.kinds[Int(x)] == .external || entities.kinds[Int(x)] == .broker {
            var vendors = 0
            for e in payments.inEdges(of: x) where entities.kinds[Int(payments.sources[Int(e)])] == .vendor {
                paying[Int(payments.sources[Int(e)])] = x
                vendors += 1
            }
            guard vendors >= 2 else { continue }
            var insiders: [Int32] = [], clients = Set<Int32>()
            var hits = 0.0
            for e in payments.outEdges(of: x) {
                let employee = payments.targets[e]
                guard entities.kinds[Int(employee)] == .employee else { continue }
                var touched = false
                for a in access.outEdges(of: employee) where paying[Int(access.targets[a])] == x {
                    touched = true
                    clients.insert(access.targets[a])
                    hits += Double(access.counts[a])
                }
                if touched { insiders.append(employee) }
            }
            if !insiders.isEmpty {
                rings.append(BaselineRing(broker: x, insiders: insiders, clients: clients.sorted(), score: hits))
            }
        }
        return rings.sorted { ($0.score, -$0.broker) > ($1.score, -$1.broker) }
    }
}

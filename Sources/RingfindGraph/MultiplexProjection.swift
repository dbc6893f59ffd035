import Foundation

/// How much one event of each type weighs in the undirected projection that community
/// detection runs on.
///
/// Defaults: communication 1, payment 3, access 2. Messages are cheap and numerous;
/// a payment or a touch of a vendor's data is a deliberate act with consequences, and far
/// rarer, so one payment counts as much as three messages and one access as two. A weight of
/// 0 leaves a type out.
public struct EdgeTypeWeights: Sendable, Equatable, CustomStringConvertible {
    public var communication: Double = 1
    public var payment: Double = 3
    public var access: Double = 2

    public init() {}

    /// The weight of `type`.
    public subscript(type: EdgeType) -> Double {
        get {
            switch type {
            case .communication: communication
            case .payment: payment
            case .access: access
            }
        }
        set {
            switch type {
            case .communication: communication = newValue
            case .payment: payment = newValue
            case .access: access = newValue
            }
        }
    }

    /// Parses `communication=1,payment=3,access=2` (any subset; others keep their defaults).
    public static func parse(_ text: String) -> Result<EdgeTypeWeights, ParseFailure> {
        var weights = EdgeTypeWeights()
        for item in text.split(separator: ",", omittingEmptySubsequences: true) {
            let parts = item.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2,
                let type = EdgeType.allCases.first(where: { $0.description == parts[0].lowercased() })
            else {
                return .failure(
                    ParseFailure(
                        message: "'\(item)' is not TYPE=WEIGHT with TYPE one of communication, payment, access"))
            }
            guard let value = Double(parts[1]), value.isFinite, value >= 0 else {
                return .failure(ParseFailure(message: "the weight of \(type) must be a number ≥ 0, not '\(parts[1])'"))
            }
            weights[type] = value
        }
        return .success(weights)
    }

    /// Why a weight list could not be parsed.
    public struct ParseFailure: Error, Equatable {
        public let message: String
        public init(message: String) { self.message = message }
    }

    /// `communication=1,payment=3,access=2`.
    public var description: String {
        EdgeType.allCases.map { "\($0)=\(NumberText.shortest(self[$0]))" }.joined(separator: ",")
    }
}

extension WeightedGraph {
    /// The undirected projection of the case graph: the weight of `{u, v}` is the sum over
    /// types of `typeWeight × events` in both directions (`u → v` and `v → u`).
    ///
    /// - Complexity: O(entities + edges).
    public init(projecting graph: MultiplexGraph, typeWeights: EdgeTypeWeights) {
        var sources: [Int32] = [], targets: [Int32] = [], weights: [Double] = []
        let total = EdgeType.allCases.reduce(0) { $0 + (typeWeights[$1] > 0 ? graph[$1].edgeCount : 0) }
        sources.reserveCapacity(total)
        targets.reserveCapacity(total)
        weights.reserveCapacity(total)
        for type in EdgeType.allCases where typeWeights[type] > 0 {
            let edges = graph[type]
            let factor = typeWeights[type]
            sources.append(contentsOf: edges.sources)
            targets.append(contentsOf: edges.targets)
            for count in edges.counts { weights.append(factor * Double(count)) }
        }
        self.init(nodeCount: graph.nodeCount, sources: sources, targets: targets, weights: weights)
    }
}

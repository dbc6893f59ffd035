import Foundation
import RingfindGraph
import TestSupport

/// A graph of `Tests/Fixtures/centrality-reference.json` with networkx's values.
struct CentralityReference: CustomStringConvertible {
    let name: String
    let entry: [String: Any]
    var description: String { name }

    nonisolated(unsafe) static let all =
        try! RepositoryFiles.json("Tests/Fixtures/centrality-reference.json") as! [String: Any]
    static let names = ["karate_weighted", "ukfaculty_directed_weighted", "karate_plus_components"]

    static func named(_ name: String) -> CentralityReference {
        CentralityReference(name: name, entry: (all["graphs"] as! [String: Any])[name] as! [String: Any])
    }

    var nodes: Int { entry["nodes"] as! Int }
    var directed: Bool { entry["directed"] as! Bool }
    var seeds: [Int32] { (entry["seeds"] as! [Int]).map { Int32($0) } }

    private var edges: (s: [Int32], t: [Int32], w: [Double]) {
        let rows = entry["edges"] as! [[Double]]
        return (rows.map { Int32($0[0]) }, rows.map { Int32($0[1]) }, rows.map { $0[2] })
    }

    /// The directed graph (an undirected fixture lists each edge in both directions).
    var directedGraph: DirectedGraph {
        let (s, t, w) = edges
        return directed
            ? DirectedGraph(nodeCount: nodes, sources: s, targets: t, weights: w)
            : DirectedGraph(nodeCount: nodes, sources: s + t, targets: t + s, weights: w + w)
    }

    /// The undirected projection, weights of both directions summed.
    var undirectedGraph: WeightedGraph {
        let (s, t, w) = edges
        return WeightedGraph(nodeCount: nodes, sources: s, targets: t, weights: w)
    }

    /// Values of a column; NaN where networkx gave NaN.
    func values(_ key: String) -> [Double] {
        (entry[key] as! [Any]).map { ($0 as? NSNumber)?.doubleValue ?? .nan }
    }
}

/// Whether two value lists agree within `tolerance` (NaN matches NaN).
func agree(_ got: [Double], _ expected: [Double], tolerance: Double) -> (Bool, String) {
    guard got.count == expected.count else { return (false, "lengths \(got.count) vs \(expected.count)") }
    for i in got.indices {
        if got[i].isNaN && expected[i].isNaN { continue }
        if !(abs(got[i] - expected[i]) <= tolerance) {
            return (false, "node \(i): \(got[i]) vs networkx \(expected[i])")
        }
    }
    return (true, "")
}

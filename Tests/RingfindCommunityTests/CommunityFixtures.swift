import Foundation
import RingfindCommunity
import RingfindGraph
import TestSupport

/// The graphs of `Tests/Fixtures/community-reference.json` (made by networkx and igraph).
struct ReferenceGraph: CustomStringConvertible {
    let name: String
    let graph: WeightedGraph
    let entry: [String: Any]

    var description: String { name }

    /// Partitions with their networkx modularity per resolution.
    var partitions: [(name: String, partition: Partition, modularity: [Double: Double])] {
        let partitions = entry["partitions"] as! [String: [String: Any]]
        return partitions.keys.sorted().map { key in
            let p = partitions[key]!
            let labels = (p["labels"] as! [Int]).map { Int32($0) }
            let q = (p["modularity"] as! [String: Double]).reduce(into: [Double: Double]()) {
                $0[Double($1.key)!] = $1.value
            }
            return (key, Partition(labels: labels), q)
        }
    }

    var igraphBestModularity: Double { (entry["igraph_leiden"] as! [String: Any])["best_modularity"] as! Double }

    var groundTruth: Partition? {
        guard entry["nmi_reference"] is [String: Any] else { return nil }
        return partitions.first { $0.name == "ground_truth" }!.partition
    }

    nonisolated(unsafe) static let reference =
        try! RepositoryFiles.json("Tests/Fixtures/community-reference.json") as! [String: Any]

    static func named(_ name: String) -> ReferenceGraph {
        let entry = (reference["graphs"] as! [String: Any])[name] as! [String: Any]
        let nodes = entry["nodes"] as! Int
        let graph: WeightedGraph
        switch name {
        case "karate":
            graph = try! EdgeListReader.read(
                path: RepositoryFiles.path("Datasets/classic-community/karate_edges.csv"), nodeCount: nodes)
        case "karate_unweighted": graph = unweighted("karate", nodes)
        case "email_eu_core": graph = emailEuCore(nodes)
        default:
            graph = try! EdgeListReader.read(
                path: RepositoryFiles.path("Datasets/classic-community/\(name)_edges.csv"), nodeCount: nodes)
        }
        return ReferenceGraph(name: name, graph: graph, entry: entry)
    }

    static let all = ["karate", "karate_unweighted", "football", "polbooks", "lesmis", "email_eu_core"]

    private static func unweighted(_ file: String, _ nodes: Int) -> WeightedGraph {
        let g = try! EdgeListReader.read(
            path: RepositoryFiles.path("Datasets/classic-community/\(file)_edges.csv"), nodeCount: nodes)
        var s: [Int32] = [], t: [Int32] = []
        for v in 0..<g.nodeCount {
            for i in g.range(v) where Int(g.neighbors[i]) > v {
                s.append(Int32(v))
                t.append(g.neighbors[i])
            }
        }
        return WeightedGraph(nodeCount: nodes, sources: s, targets: t, weights: Array(repeating: 1, count: s.count))
    }

    /// The projection ringfind builds from the communications file: weight 1 per directed pair.
    private static func emailEuCore(_ nodes: Int) -> WeightedGraph {
        let text = try! String(
            contentsOfFile: RepositoryFiles.path("Datasets/email-eu-core/communications.csv"), encoding: .utf8)
        var s: [Int32] = [], t: [Int32] = []
        for line in text.split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",")
            s.append(Int32(f[0])!)
            t.append(Int32(f[1])!)
        }
        return WeightedGraph(nodeCount: nodes, sources: s, targets: t, weights: Array(repeating: 1, count: s.count))
    }
}

/// Whether every community of `partition` induces a connected subgraph of `graph`.
func everyCommunityIsConnected(_ graph: WeightedGraph, _ partition: Partition) -> Bool {
    var seen = [Bool](repeating: false, count: graph.nodeCount)
    var reached = [Int](repeating: 0, count: partition.count)
    for v in 0..<graph.nodeCount where !seen[v] {
        let c = partition.labels[v]
        guard reached[Int(c)] == 0 else { return false }  // a second piece of a community
        var stack = [v]
        seen[v] = true
        while let x = stack.popLast() {
            reached[Int(c)] += 1
            for i in graph.range(x) {
                let u = Int(graph.neighbors[i])
                if !seen[u] && partition.labels[u] == c {
                    seen[u] = true
                    stack.append(u)
                }
            }
        }
    }
    return true
}

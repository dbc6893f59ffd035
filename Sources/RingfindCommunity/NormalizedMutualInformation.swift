import Foundation
import RingfindGraph

/// Normalized mutual information between two partitions of the same nodes (Danon,
/// Díaz-Guilera, Duch & Arenas, "Comparing community structure identification", J. Stat.
/// Mech. P09008, 2005): `2·I(X;Y) / (H(X) + H(Y))`, 1 for identical partitions, near 0 for
/// unrelated ones. Matches igraph's `compare_communities(method="nmi")`.
///
/// - Complexity: O(nodes) expected time and space.
public enum NormalizedMutualInformation {
    /// The NMI of two partitions of the same nodes, in [0, 1].
    ///
    /// - Complexity: O(nodes) expected.
    public static func between(_ a: Partition, _ b: Partition) -> Double {
        precondition(a.nodeCount == b.nodeCount, "partitions of different node sets")
        let n = Double(a.nodeCount)
        guard a.nodeCount > 0 else { return 1 }
        let sizesA = a.sizes(), sizesB = b.sizes()
        var joint: [Int: Int] = [:]
        for v in 0..<a.nodeCount { joint[Int(a.labels[v]) * b.count + Int(b.labels[v]), default: 0] += 1 }
        func entropy(_ sizes: [Int]) -> Double {
            sizes.reduce(0) { $1 == 0 ? $0 : $0 - Double($1) / n * log(Double($1) / n) }
        }
        let hA = entropy(sizesA), hB = entropy(sizesB)
        guard hA + hB > 0 else { return 1 }
        var mutual = 0.0
        for key in joint.keys.sorted() {
            let nij = Double(joint[key]!)
            let i = key / b.count, j = key % b.count
            mutual += nij / n * log(nij * n / (Double(sizesA[i]) * Double(sizesB[j])))
        }
        return 2 * mutual / (hA + hB)
    }
}

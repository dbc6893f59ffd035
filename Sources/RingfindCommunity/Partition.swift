import RingfindGraph

/// A partition of nodes `0..<n` into communities labelled `0..<count`.
///
/// Labels are dense and canonical: communities are numbered in the order of their smallest
/// node, so two equal partitions are equal arrays whatever algorithm produced them.
public struct Partition: Sendable, Equatable {
    /// The community of each node.
    public let labels: [Int32]
    /// The number of communities.
    public let count: Int

    /// Canonicalises any labelling (labels may be sparse or arbitrary integers ≥ 0).
    public init(labels raw: [Int32]) {
        var map = [Int32](repeating: -1, count: (raw.max().map { Int($0) } ?? -1) + 1)
        var labels = [Int32](repeating: 0, count: raw.count)
        var next: Int32 = 0
        for (v, label) in raw.enumerated() {
            if map[Int(label)] < 0 {
                map[Int(label)] = next
                next += 1
            }
            labels[v] = map[Int(label)]
        }
        self.labels = labels
        self.count = Int(next)
    }

    /// Adopts labels that are already dense (`0..<count`, every label used) without
    /// renumbering them, e.g. communities numbered by size.
    public init(numbered labels: [Int32], count: Int) {
        precondition(labels.allSatisfy { $0 >= 0 && Int($0) < count }, "labels outside 0..<count")
        self.labels = labels
        self.count = count
    }

    /// Every node alone.
    public static func singletons(_ n: Int) -> Partition { Partition(labels: (0..<Int32(n)).map { $0 }) }

    /// The number of nodes.
    public var nodeCount: Int { labels.count }

    /// Community sizes, by label.
    public func sizes() -> [Int] {
        var sizes = [Int](repeating: 0, count: count)
        for label in labels { sizes[Int(label)] += 1 }
        return sizes
    }

    /// The members of every community, each sorted.
    public func members() -> [[Int32]] {
        var members = [[Int32]](repeating: [], count: count)
        for (v, label) in labels.enumerated() { members[Int(label)].append(Int32(v)) }
        return members
    }
}

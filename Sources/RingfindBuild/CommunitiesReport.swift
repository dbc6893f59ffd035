import RingfindCSV
import RingfindCommunity
import RingfindGraph

/// `communities.csv`: one row per community, largest first (community 0 is the largest).
///
/// Columns: `community, size, employees, vendors, externals, brokers, internal_weight,
/// external_weight, modularity` — weights in the projection's units (type weight × events),
/// `modularity` the community's share of the partition's modularity.
public enum CommunitiesReport {
    public static let columns = [
        "community", "size", "employees", "vendors", "externals", "brokers",
        "internal_weight", "external_weight", "modularity",
    ]

    /// Writes the report to `path` (created, or emptied first).
    ///
    /// - Complexity: O(entities + communities log communities).
    public static func write(
        to path: String, analysis: CommunityAnalysis,
        entities: EntityTable
    ) throws(CSVWriteError) {
        var kindCounts = [[Int]](repeating: [0, 0, 0, 0], count: analysis.partition.count)
        for (e, c) in analysis.partition.labels.enumerated() {
            kindCounts[Int(c)][Int(entities.kinds[e].rawValue)] += 1
        }
        let writer = try CSVWriter(path: path)
        try writer.row(columns)
        for c in 0..<analysis.partition.count {
            let share = analysis.contributions[c]
            writer.number(c)
            writer.number(analysis.sizes[c])
            for kind in EntityKind.allCases { writer.number(kindCounts[c][Int(kind.rawValue)]) }
            writer.number(share.internalWeight)
            writer.number(share.externalWeight)
            writer.number(rounded(share.total))
            try writer.endRow()
        }
        try writer.close()
    }

    /// 12 significant decimals: enough to compare, and immune to last-bit noise in summation.
    static func rounded(_ value: Double) -> Double { (value * 1e12).rounded() / 1e12 }
}

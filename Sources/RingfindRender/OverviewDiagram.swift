import RingfindGraph
import RingfindRings

/// The whole case at a glance: communities as nodes sized by membership, communities that
/// hold ring members highlighted, edges weighted by the projection weight between communities.
/// At most `nodeCap` communities are drawn (the largest, plus every one with a ring member) and
/// the `edgeCap` heaviest edges, so layout time stays bounded on any input.
public enum OverviewDiagram {
    /// The DOT of the community overview (see the type), every value escaped.
    ///
    /// - Complexity: O(projection edges + communities log communities).
    public static func dot(
        projection: WeightedGraph, communities: [Int32], communityCount: Int, sizes: [Int],
        rings: RingDetection, nodeCap: Int = 150, edgeCap: Int = 400
    ) -> String {
        var ringMembers = [Int](repeating: 0, count: communityCount)
        for (e, ring) in rings.ringOf.enumerated() where ring > 0 { ringMembers[Int(communities[e])] += 1 }
        var shown = Set(sizes.indices.sorted { (sizes[$0], -$0) > (sizes[$1], -$1) }.prefix(nodeCap))
        for c in 0..<communityCount where ringMembers[c] > 0 { shown.insert(c) }
        var weight: [Int64: Double] = [:]
        for v in 0..<projection.nodeCount {
            let cv = Int(communities[v])
            guard shown.contains(cv) else { continue }
            for i in projection.range(v) {
                let cu = Int(communities[Int(projection.neighbors[i])])
                guard cu > cv, shown.contains(cu) else { continue }
                weight[Int64(cv) << 32 | Int64(cu), default: 0] += projection.weights[i]
            }
        }
        var w = DOTWriter(
            name: "overview", directed: false,
            attributes: [
                "label": "Communities (\(communityCount) in all, \(shown.count) shown); red: holds ring members",
                "labelloc": "t", "fontname": "Helvetica", "fontsize": "14", "overlap": "prism",
                "outputorder": "edgesfirst",
            ])
        w.defaults(
            "node",
            ["fontname": "Helvetica", "fontsize": "10", "style": "filled", "shape": "circle", "fixedsize": "true"])
        let largest = Double(max(sizes.max() ?? 1, 1))
        for c in shown.sorted() {
            let width = 0.3 + 1.7 * (Double(sizes[c]) / largest).squareRoot()
            w.node(
                "c\(c)",
                [
                    "label": "\(c)\n\(sizes[c])", "width": String(format: "%.2f", width),
                    "fillcolor": ringMembers[c] > 0 ? "#e4572e" : "#9ecae1",
                    "tooltip": "community \(c): \(sizes[c]) entities"
                        + (ringMembers[c] > 0 ? ", \(ringMembers[c]) ring members" : ""),
                ])
        }
        let heaviest = weight.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(edgeCap)
        let top = heaviest.first?.value ?? 1
        for (key, value) in heaviest.sorted(by: { $0.key < $1.key }) {
            let a = key >> 32, b = key & 0xFFFF_FFFF
            w.edge(
                "c\(a)", "c\(b)", directed: false,
                [
                    "penwidth": String(format: "%.2f", 0.4 + 4 * value / top), "color": "#00000055",
                    "tooltip": "weight \(Int(value.rounded())) between communities \(a) and \(b)",
                ])
        }
        return w.text()
    }
}

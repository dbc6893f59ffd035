import Foundation
import RingfindGraphviz
import RingfindRender
import Testing

/// A picture is a function of its DOT text: the same text draws the same bytes whatever the
/// process did before (cgraph's default ids are name-string addresses, which made layouts
/// depend on the heap).
@Suite struct GraphvizDeterminismTests {
    /// Three clusters of eight nodes with edges across them: enough choices for the layout to
    /// differ when cgraph orders subgraphs and nodes by address.
    static let tangledDOT: String = {
        var w = DOTWriter(name: "tangle", directed: true)
        for cluster in 0..<3 {
            w.cluster("c\(cluster)", ["label": "cluster \(cluster)"]) { w in
                for node in 0..<8 { w.node("n\(cluster)_\(node)", ["label": "account \(cluster)-\(node)"]) }
            }
        }
        for step in 0..<60 {
            let from = (step * 7) % 24, to = (step * 11 + 5) % 24
            if from != to { w.edge("n\(from / 8)_\(from % 8)", "n\(to / 8)_\(to % 8)", [:]) }
        }
        return w.text()
    }()

    @Test func sameTextDrawsSameBytesWhateverTheHeapHolds() throws {
        let first = try GraphvizRenderer.render(Self.tangledDOT, engine: .dot, format: .svg)
        var ballast: [[UInt8]] = []
        var state: UInt64 = 12_345
        for _ in 0..<12 {
            for _ in 0..<200 {  // allocations of assorted sizes shift where cgraph's strings land
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                ballast.append([UInt8](repeating: 1, count: 8 + Int(state >> 58)))
            }
            #expect(try GraphvizRenderer.render(Self.tangledDOT, engine: .dot, format: .svg) == first)
        }
        #expect(ballast.count == 2_400)
    }

    /// Graphviz 2.43's `sfdp` reads state its previous layout in the process left behind: the
    /// same text drew differently the first time and after another graph. The renderer's
    /// pictures must not depend on what it drew before.
    @Test func anSfdpLayoutDoesNotDependOnTheLayoutsBeforeIt() throws {
        var other = DOTWriter(name: "other", directed: true)
        for node in 0..<40 { other.edge("a\(node)", "a\((node * 13 + 7) % 40)", [:]) }
        let first = try GraphvizRenderer.render(Self.tangledDOT, engine: .sfdp, format: .svg)
        _ = try GraphvizRenderer.render(other.text(), engine: .sfdp, format: .svg)
        #expect(try GraphvizRenderer.render(Self.tangledDOT, engine: .sfdp, format: .svg) == first)
        #expect(try GraphvizRenderer.render(Self.tangledDOT, engine: .sfdp, format: .svg) == first)
    }

    @Test func namesSurviveTheReaderUnchanged() throws {
        let svg = try GraphvizRenderer.render(Self.tangledDOT, engine: .dot, format: .svg)
        let text = String(decoding: svg, as: UTF8.self)
        #expect(text.contains("<title>n2_7</title>"))
        #expect(text.contains("<title>cluster_c1</title>"))
        #expect(text.contains("account 0&#45;3"))
    }
}

import RingfindGraph
import RingfindRings

/// The elements of a timeline's SVG, each as text: heading, lanes, date ticks, loops, marks
/// and legend.
extension RingTimeline {
    /// The opening `<svg>` tag, sized to `plot`, with `caption` as its title and heading.
    static func header(_ plot: Plot, caption: String) -> String {
        let width = plot.width, height = plot.height
        var s =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" "
            + "viewBox=\"0 0 \(Int(width)) \(Int(height))\" font-family=\"Helvetica,Arial,sans-serif\" font-size=\"11\">\n"
        s += "<title>\(HTMLReport.escape(caption))</title>\n"
        s += "<text x=\"10\" y=\"20\" font-size=\"15\" font-weight=\"bold\">\(HTMLReport.escape(caption))</text>\n"
        return s
    }

    /// The lanes of the members `shown`: every other one tinted, each labelled with the
    /// member's id and role beside a swatch of the role's colour.
    static func laneLabels(_ shown: [RingMember], plot: Plot, entities: EntityTable) -> String {
        var s = ""
        for (i, member) in shown.enumerated() {
            let color = RingDiagram.roleColor[member.role] ?? "#999999"
            if i % 2 == 0 {
                s +=
                    "<rect x=\"\(labelWidth)\" y=\"\(f(plot.y(i) - laneHeight / 2))\" width=\"\(plotWidth)\" height=\"\(laneHeight)\" fill=\"#f6f6f6\"/>\n"
            }
            let id = entities.id(member.entity)
            s += "<rect x=\"6\" y=\"\(f(plot.y(i) - 6))\" width=\"10\" height=\"12\" fill=\"\(color)\"/>"
            s +=
                "<text x=\"22\" y=\"\(f(plot.y(i) + 4))\"><title>\(HTMLReport.escape("\(id) — \(member.role.rawValue), \(member.tier.rawValue)"))</title>"
            s +=
                "\(HTMLReport.escape(DOTWriter.short(id, limit: 18))) <tspan fill=\"#777\">\(member.role.rawValue)</tspan></text>\n"
        }
        return s
    }

    /// Date ticks: a faint vertical line across the lanes and a date above, at each tick.
    static func dateTicks(_ plot: Plot) -> String {
        var s = ""
        for tick in ticks(from: Int64(plot.start), to: Int64(plot.end)) {
            let tx = plot.x(tick)
            s +=
                "<line x1=\"\(f(tx))\" y1=\"\(f(top - 4))\" x2=\"\(f(tx))\" y2=\"\(f(plot.height - 62))\" stroke=\"#ddd\"/>"
            s +=
                "<text x=\"\(f(tx))\" y=\"\(f(top - 8))\" text-anchor=\"middle\" fill=\"#555\">\(Timestamp.iso8601(tick).prefix(10))</text>\n"
        }
        return s
    }

    /// Each loop as a faint polyline through its three marks.
    static func loopPaths(_ loops: ArraySlice<[(time: Int64, lane: Int)]>, plot: Plot) -> String {
        var s = ""
        for loop in loops {
            let points = loop.map { "\(f(plot.x($0.time))),\(f(plot.y($0.lane)))" }.joined(separator: " ")
            s +=
                "<polyline points=\"\(points)\" fill=\"none\" stroke=\"#e4572e\" stroke-opacity=\"0.35\" stroke-width=\"1.5\"/>\n"
        }
        return s
    }

    /// One mark with its hover text: a green circle (payment), a grey diamond (message) or a
    /// square (access: blue, red without a ticket), larger for a merged mark.
    static func shape(of mark: Mark, plot: Plot) -> String {
        let cx = f(plot.x(mark.time)), cy = plot.y(mark.lane)
        let r = mark.count > 1 ? min(9, 3.5 * Double(mark.count).squareRoot()) : 4.0
        let title = "<title>\(HTMLReport.escape(mark.title))</title>"
        switch mark.kind {
        case .payment:
            return "<circle cx=\"\(cx)\" cy=\"\(f(cy))\" r=\"\(f(r))\" fill=\"#2e7d32\">\(title)</circle>\n"
        case .message:
            return
                "<path d=\"M\(cx),\(f(cy - r)) l\(f(r)),\(f(r)) l\(f(-r)),\(f(r)) l\(f(-r)),\(f(-r))z\" fill=\"#607d8b\">\(title)</path>\n"
        case .access, .unticketed:
            let color = mark.kind == .unticketed ? "#c62828" : "#1565c0"
            return
                "<rect x=\"\(f(plot.x(mark.time) - r))\" y=\"\(f(cy - r))\" width=\"\(f(2 * r))\" height=\"\(f(2 * r))\" fill=\"\(color)\">\(title)</rect>\n"
        }
    }

    /// The legend under the lanes: the four kinds of mark, and the loop line (or, when `dense`,
    /// that loops were left out).
    static func legend(_ plot: Plot, dense: Bool) -> String {
        let ly = plot.height - 30
        var s = "<g font-size=\"11\">"
        s +=
            "<circle cx=\"\(labelWidth + 6)\" cy=\"\(f(ly))\" r=\"4\" fill=\"#2e7d32\"/><text x=\"\(labelWidth + 14)\" y=\"\(f(ly + 4))\">payment</text>"
        s +=
            "<path d=\"M\(labelWidth + 96),\(f(ly - 4)) l4,4 l-4,4 l-4,-4z\" fill=\"#607d8b\"/><text x=\"\(labelWidth + 104)\" y=\"\(f(ly + 4))\">message</text>"
        s +=
            "<rect x=\"\(labelWidth + 182)\" y=\"\(f(ly - 4))\" width=\"8\" height=\"8\" fill=\"#1565c0\"/><text x=\"\(labelWidth + 194)\" y=\"\(f(ly + 4))\">access with a ticket</text>"
        s +=
            "<rect x=\"\(labelWidth + 330)\" y=\"\(f(ly - 4))\" width=\"8\" height=\"8\" fill=\"#c62828\"/><text x=\"\(labelWidth + 342)\" y=\"\(f(ly + 4))\">access without a ticket</text>"
        s +=
            "<line x1=\"\(labelWidth + 492)\" y1=\"\(f(ly))\" x2=\"\(labelWidth + 520)\" y2=\"\(f(ly))\" stroke=\"#e4572e\" stroke-opacity=\"0.5\" stroke-width=\"2\"/>"
        s +=
            "<text x=\"\(labelWidth + 526)\" y=\"\(f(ly + 4))\">"
            + (dense
                ? "loops left out: too many marks to draw them" : "loop: client pays, broker contacts, insider acts")
            + "</text></g>\n"
        return s
    }
}

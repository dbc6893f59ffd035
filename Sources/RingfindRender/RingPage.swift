import Foundation
import RingfindGraph
import RingfindRings

/// `rings/ring-NNN.html`: one page per ring, the page an investigator hands on. Its story in one
/// line, the significance, the evidence by kind as a small bar chart, the ring picture and the
/// timeline inline, the members with role, tier, score and reasons, and every evidence row in
/// time order with its `file:line`. Self-contained (inline CSS and SVG, no script, nothing
/// fetched), well-formed XML, every value from the data escaped; a print stylesheet lays it out
/// on A4 (pictures scaled to the page, tables not split mid-row, links without underline).
public enum RingPage {
    /// The CSS shared by the pages and `index.html`, with the print rules.
    static let style = """
        body{font-family:Helvetica,Arial,sans-serif;margin:2em;color:#222;max-width:1200px}
        table{border-collapse:collapse;margin:1em 0;font-size:13px}
        th,td{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}
        th{background:#f2f2f2}td.num{text-align:right}.mono{font-family:Menlo,monospace;font-size:12px}
        .broker{color:#b33}.insider{color:#a66d00}.client{color:#3a7d2c}.intermediary{color:#6a3fa0}
        .story{font-size:16px;margin:0.5em 0 1em}.figure svg{max-width:100%;height:auto}
        .unticketed{color:#c62828;font-weight:bold}.nav{font-size:13px}
        @page{size:A4;margin:14mm}
        @media print{body{margin:0;max-width:none;font-size:11px}.nav{display:none}a{color:inherit;text-decoration:none}
        .figure{page-break-inside:avoid}tr{page-break-inside:avoid}thead{display:table-header-group}
        h2{page-break-after:avoid}table{font-size:8.5px;width:100%}th,td{padding:2px 4px}.mono{font-size:8px}}
        td.when,td.source{white-space:nowrap}
        """

    /// The ring's story in one line, e.g. "7 vendors paid X; 2 employees touched their data or
    /// their market 92 times, 58 without a ticket, 40 of them within 30 days after a client's
    /// payment and a contact" (", 6 under a reused one" after "without a ticket" when any
    /// cited ticket is reused).
    public static func story(ring: Ring, entities: EntityTable, events: EventStore, windowDays: Double) -> String {
        let brokers = ring.members(.broker).map { entities.id($0.entity) }
        let clients = ring.members(.client).count, insiders = ring.members(.insider).count
        var touched = Set<Int>(), timed = Set<Int>()
        for item in ring.evidence where item.type == .access {
            touched.insert(item.row)
            if item.signal == .timedAccess { timed.insert(item.row) }
        }
        let unticketed = touched.filter { events.access.ticket.isEmpty($0) }.count
        let who = brokers.isEmpty ? "the broker" : brokers.joined(separator: " and ")
        let days = windowDays == windowDays.rounded() ? String(Int(windowDays)) : String(format: "%.1f", windowDays)
        var text = "\(clients) vendor\(clients == 1 ? "" : "s") paid \(who)"
        if insiders > 0 {
            text +=
                "; \(insiders) employee\(insiders == 1 ? "" : "s") touched their data or their market \(touched.count) time\(touched.count == 1 ? "" : "s"), "
                + "\(unticketed) without a ticket"
                + (ring.reusedTicketRows.isEmpty ? "" : ", \(ring.reusedTicketRows.count) under a reused one")
            if !timed.isEmpty {
                text += ", \(timed.count) of them within \(days) days after a client's payment and a contact"
            }
        }
        return text
    }

    /// The page. `story` is `story(ring:…)`; `picture` is the ring picture as an inline element
    /// (`inlineSVG`; absent when drawing failed) and `timeline` the ring's `RingTimeline`
    /// (an `<svg>` element already).
    public static func html(
        ring: Ring, entities: EntityTable, events: EventStore, story: String,
        picture: String?, timeline: String?, caseTitle: String
    ) -> String {
        let title = "Ring \(ring.rank)"
        var h = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"/><title>\(HTMLReport.escape(title + " — " + caseTitle))</title>
            <style>
            \(style)
            </style></head><body>
            <p class="nav"><a href="../index.html">← all rings</a></p>
            <h1>\(HTMLReport.escape(title))</h1>
            <p class="story">\(HTMLReport.escape(story)).</p>

            """
        h += "<table><tr><th>score</th><td class=\"num\">\(String(format: "%.3f", ring.score))</td></tr>"
        h += "<tr><th>p-value</th><td class=\"num\">\(String(format: "%.2e", ring.pValue))</td></tr>"
        h += "<tr><th>members</th><td class=\"num\">\(ring.members.count)</td></tr></table>"
        h +=
            "<p>The p-value is the chance that an account with no ring behind it shows conduct this unusual, "
            + "adjusted for every candidate account whose contacts did enough work to show it (a false-discovery rate).</p>"

        h += "<h2>Evidence by kind</h2>" + signalChart(ring.signals)

        if let picture { h += "<h2>Who paid whom, who touched what</h2><div class=\"figure\">\(picture)</div>" }
        if let timeline { h += "<h2>In time</h2><div class=\"figure\">\(timeline)</div>" }

        h +=
            "<h2>Members</h2><table><thead><tr><th>id</th><th>name</th><th>kind</th><th>role</th><th>tier</th><th>score</th><th>reasons</th></tr></thead><tbody>"
        for m in ring.members {
            let e = Int(m.entity)
            h +=
                "<tr><td class=\"mono\">\(HTMLReport.escape(entities.id(m.entity)))</td><td>\(HTMLReport.escape(entities.names[e]))</td>"
            h +=
                "<td>\(HTMLReport.escape(entities.kinds[e].description))</td><td class=\"\(m.role.rawValue)\">\(m.role.rawValue)</td>"
            h += "<td>\(m.tier.rawValue)</td><td class=\"num\">\(String(format: "%.3f", m.score))</td>"
            h += "<td>\(m.reasons.map(HTMLReport.escape).joined(separator: "<br/>"))</td></tr>"
        }
        h += "</tbody></table>"

        var rows: [(time: Int64, item: EvidenceRow)] = ring.evidence.map { (events[$0.type].time[$0.row], $0) }
        rows.sort { ($0.time, $0.item.type.rawValue, $0.item.row) < ($1.time, $1.item.type.rawValue, $1.item.row) }
        h += "<h2>Evidence rows, in time order (\(rows.count))</h2>"
        h +=
            "<table><thead><tr><th>time (UTC)</th><th>signal</th><th>log</th><th>from</th><th>to</th><th>amount</th><th>action</th><th>ticket</th><th>source</th></tr></thead><tbody>"
        for (time, item) in rows {
            let log = events[item.type], r = item.row
            let when =
                time == Timestamp.missing
                ? "" : String(Timestamp.iso8601(time).prefix(19)).replacingOccurrences(of: "T", with: " ")
            let target = log.target[r] >= 0 ? entities.id(log.target[r]) : ""
            let amount = item.type == .payment ? String(format: "%.2f", log.amount[r]) : ""
            let action = item.type == .access && log.label[r] >= 0 ? events.labels.string(log.label[r]) : ""
            let ticket = item.type == .access ? log.ticket[r] : ""
            let open = item.type == .access && ticket.isEmpty
            h +=
                "<tr><td class=\"mono when\">\(when)</td><td\(open ? " class=\"unticketed\"" : "")>\(HTMLReport.escape(item.signal.rawValue))</td>"
            h +=
                "<td>\(item.type)</td><td class=\"mono\">\(HTMLReport.escape(entities.id(log.source[r])))</td><td class=\"mono\">\(HTMLReport.escape(target))</td>"
            h +=
                "<td class=\"num\">\(amount)</td><td>\(HTMLReport.escape(action))</td><td class=\"mono\">\(open ? "none" : HTMLReport.escape(ticket))</td>"
            h += "<td class=\"mono source\">\(HTMLReport.escape(events.origin(of: r, in: item.type)))</td></tr>"
        }
        h += "</tbody></table><p class=\"nav\"><a href=\"../index.html\">← all rings</a></p></body></html>\n"
        return h
    }

    /// A bar per kind of evidence: its surprise (−log₁₀ p), with observed against expected; red
    /// for the kind that counts (concealment, or unusual actions where it cannot be measured),
    /// grey for those explained only; kinds that could not be looked for say so.
    static func signalChart(_ signals: [RingSignal]) -> String {
        let barWidth = 360.0, rowHeight = 26.0
        let top = max(6, signals.map(\.surprise).filter(\.isFinite).max() ?? 0)
        let concealmentMeasured = signals.contains { $0.kind == .concealment && $0.available }
        var s =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"760\" height=\"\(Int(Double(signals.count) * rowHeight + 30))\" "
            + "font-family=\"Helvetica,Arial,sans-serif\" font-size=\"12\">"
        s += "<title>Evidence by kind: surprise −log10 p, 2 = one in a hundred, 6 = one in a million</title>"
        for (i, signal) in signals.enumerated() {
            let y = Double(i) * rowHeight + 6
            s += "<text x=\"0\" y=\"\(y + 14)\">\(HTMLReport.escape(signal.name))</text>"
            if signal.available {
                let width = max(1, min(signal.surprise, top) / top * barWidth)
                // Concealment makes rings; unusual actions only where concealment cannot be measured.
                let counted = signal.kind == .concealment || (signal.kind == .unusualAction && !concealmentMeasured)
                s +=
                    "<rect x=\"120\" y=\"\(y)\" width=\"\(RingTimeline.f(width))\" height=\"18\" fill=\"\(counted ? "#e4572e" : "#b0bec5")\">"
                s += "<title>surprise \(String(format: "%.2f", signal.surprise))</title></rect>"
                s +=
                    "<text x=\"\(RingTimeline.f(126 + barWidth))\" y=\"\(y + 14)\">"
                    + "\(String(format: "%.2f", signal.surprise)) — \(RingDiagram.format(signal.observed, 1)) observed, \(RingDiagram.format(signal.expected, 1)) by chance</text>"
            } else {
                s += "<text x=\"120\" y=\"\(y + 14)\" fill=\"#888\">could not be looked for in these inputs</text>"
            }
        }
        let axis = Double(signals.count) * rowHeight + 22
        s +=
            "<text x=\"120\" y=\"\(axis)\" fill=\"#666\" font-size=\"10\">surprise −log10 p (2: one in a hundred; 6: one in a million); grey: explained, not counted</text>"
        return s + "</svg>"
    }

    /// An SVG document as an element to inline: from its `<svg` on (prolog, doctype and comments
    /// before it dropped), without `id` attributes (several pictures on one page must not clash).
    public static func inlineSVG(_ data: Data) -> String? {
        guard let text = String(data: data, encoding: .utf8), let start = text.range(of: "<svg") else { return nil }
        var body = String(text[start.lowerBound...])
        body = body.replacingOccurrences(of: #" id="[^"]*""#, with: "", options: .regularExpression)
        return body
    }
}

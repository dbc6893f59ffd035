import Foundation
import RingfindGraph
import RingfindRings

/// `index.html`: a self-contained report (inline CSS, no script, no external asset) with the
/// build summary, the ranked rings linking their pictures, the suspects (with their name,
/// group and the entities file's further columns) and the input manifest. Every value from the data is escaped; the page is also well-formed XML.
public enum HTMLReport {
    /// One input file, as listed in the manifest.
    public struct Input: Sendable {
        public var path: String
        public var rows: Int
        public var rejected: Int
        public var sha256: String
        public init(path: String, rows: Int, rejected: Int, sha256: String) {
            self.path = path
            self.rows = rows
            self.rejected = rejected
            self.sha256 = sha256
        }
    }

    /// What the render stage drew for one ring (paths relative to the output folder).
    public struct RingPictures: Sendable {
        public var page: String
        public var picture: String?
        /// The picture as an inline `<svg>` element (`RingPage.inlineSVG`), for the thumbnail.
        public var pictureInline: String?
        /// The ring in one line (`RingPage.story`).
        public var story: String
        public init(page: String, picture: String? = nil, pictureInline: String? = nil, story: String) {
            self.page = page
            self.picture = picture
            self.pictureInline = pictureInline
            self.story = story
        }
    }

    /// The page (see the type): at most `suspectLimit` suspects are listed.
    public static func html(
        title: String, summary: [(String, String)], rings: RingDetection, entities: EntityTable,
        inputs: [Input], ringPictures: [Int: RingPictures], overview: String?, suspectLimit: Int = 200
    ) -> String {
        var h = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"/><title>\(escape(title))</title>
            <style>
            \(RingPage.style)
            .thumbs{display:flex;flex-wrap:wrap;gap:12px}.thumb{border:1px solid #ccc;padding:8px;width:360px}
            .thumb svg{width:100%;height:220px}.thumb p{margin:4px 0;font-size:13px}
            </style></head><body>
            <h1>\(escape(title))</h1>

            """
        h += summarySection(summary, rings: rings, overview: overview)
        h += thumbnailsSection(rings.rings, ringPictures: ringPictures)
        h += ringsTable(rings.rings, entities: entities, ringPictures: ringPictures)
        h += suspectsTable(rings, entities: entities, limit: suspectLimit)
        h += inputsTable(inputs)
        h += "</body></html>\n"
        return h
    }

    /// The summary table, the link to the overview picture, and the evidence that could not be
    /// looked for.
    private static func summarySection(_ summary: [(String, String)], rings: RingDetection, overview: String?) -> String
    {
        var h = "<h2>Summary</h2><table>"
        for (key, value) in summary { h += "<tr><th>\(escape(key))</th><td>\(escape(value))</td></tr>" }
        h += "</table>"
        if let overview {
            h +=
                "<p><a href=\"\(escape(overview))\">\(rings.rings.isEmpty ? "Overview of the communities" : "Case map: the rings, what they share, the communities they span")</a></p>"
        }
        if !rings.unavailable.isEmpty {
            h += "<h2>Evidence that could not be looked for</h2><ul>"
            for note in rings.unavailable { h += "<li>\(escape(note))</li>" }
            h += "</ul>"
        }
        return h
    }

    /// "Rings at a glance": per ring drawn, its link, score, p-value, story and thumbnail
    /// (nothing when no ring was drawn).
    private static func thumbnailsSection(_ rings: [Ring], ringPictures: [Int: RingPictures]) -> String {
        let drawn = rings.filter { ringPictures[$0.rank] != nil }
        guard !drawn.isEmpty else { return "" }
        var h = "<h2>Rings at a glance</h2><div class=\"thumbs\">"
        for ring in drawn {
            guard let entry = ringPictures[ring.rank] else { continue }
            h +=
                "<div class=\"thumb\"><p><a href=\"\(escape(entry.page))\"><b>Ring \(ring.rank)</b></a> — score \(String(format: "%.3f", ring.score)), "
                + "p = \(String(format: "%.1e", ring.pValue))</p><p>\(escape(entry.story)).</p>"
            if let inline = entry.pictureInline { h += "<a href=\"\(escape(entry.page))\">\(inline)</a>" }
            h += "</div>"
        }
        h += "</div>"
        return h
    }

    /// The rings table: one row per ring with its score, p-value, members by role and links to
    /// its page and picture.
    private static func ringsTable(_ rings: [Ring], entities: EntityTable, ringPictures: [Int: RingPictures]) -> String
    {
        var h =
            "<h2>Rings</h2><table><tr><th>ring</th><th>score</th><th>p-value</th><th>broker</th><th>insiders</th><th>clients</th><th>intermediaries</th><th>pages</th></tr>"
        for ring in rings {
            func ids(_ role: RingRole) -> String {
                ring.members(role).map { entities.id($0.entity) }.joined(separator: ", ")
            }
            let picture =
                ringPictures[ring.rank].map { entry in
                    "<a href=\"\(escape(entry.page))\">page</a>"
                        + (entry.picture.map { ", <a href=\"\(escape($0))\">picture</a>" } ?? "")
                } ?? ""
            h += "<tr><td class=\"num\">\(ring.rank)</td><td class=\"num\">\(String(format: "%.3f", ring.score))</td>"
            h += "<td class=\"num\">\(String(format: "%.1e", ring.pValue))</td>"
            h +=
                "<td class=\"broker mono\">\(escape(ids(.broker)))</td><td class=\"insider mono\">\(escape(ids(.insider)))</td>"
            h +=
                "<td class=\"client mono\">\(escape(ids(.client)))</td><td class=\"intermediary mono\">\(escape(ids(.intermediary)))</td>"
            h += "<td>\(picture)</td></tr>"
        }
        h += "</table>"
        return h
    }

    /// The suspects table: the first `limit` entities with a role, best first, with their kind,
    /// name, group, further attributes, role, ring, score and reasons.
    private static func suspectsTable(_ rings: RingDetection, entities: EntityTable, limit suspectLimit: Int) -> String
    {
        let suspects = rings.order.lazy.map(Int.init).filter { rings.roles[$0] != nil }.prefix(suspectLimit)
        var h =
            "<h2>Suspects</h2><table><tr><th>rank</th><th>id</th><th>kind</th><th>name</th><th>group</th><th>attributes</th><th>role</th><th>ring</th><th>score</th><th>reasons</th></tr>"
        for (i, e) in suspects.enumerated() {
            let role = rings.roles[e]!.rawValue
            h += "<tr><td class=\"num\">\(i + 1)</td><td class=\"mono\">\(escape(entities.id(Int32(e))))</td>"
            let attributes = entities.attributeNames.indices.compactMap { column -> String? in
                let value = entities.attribute(column, of: Int32(e))
                return value.isEmpty ? nil : escape(entities.attributeNames[column]) + ": " + escape(value)
            }
            h +=
                "<td>\(escape(entities.kinds[e].description))</td><td>\(escape(entities.names[e]))</td><td>\(escape(entities.groups[e]))</td>"
            h += "<td>\(attributes.joined(separator: "<br/>"))</td><td class=\"\(role)\">\(role)</td>"
            h +=
                "<td class=\"num\">\(rings.ringOf[e])</td><td class=\"num\">\(String(format: "%.3f", rings.scores[e]))</td>"
            h += "<td>\(rings.reasons[e].map(escape).joined(separator: "<br/>"))</td></tr>"
        }
        h += "</table>"
        return h
    }

    /// The inputs table: each input file with its rows, rows rejected and SHA-256.
    private static func inputsTable(_ inputs: [Input]) -> String {
        var h = "<h2>Inputs</h2><table><tr><th>file</th><th>rows</th><th>rejected</th><th>sha256</th></tr>"
        for input in inputs {
            h += "<tr><td class=\"mono\">\(escape(input.path))</td><td class=\"num\">\(input.rows)</td>"
            h += "<td class=\"num\">\(input.rejected)</td><td class=\"mono\">\(escape(input.sha256))</td></tr>"
        }
        h += "</table>"
        return h
    }

    /// Text made safe for HTML and XML: `& < > " '` as entities, controls and bidi overrides dropped.
    public static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                if TextSafety.isHidden(scalar) && scalar != "\n" && scalar != "\t" { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

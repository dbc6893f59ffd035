import Foundation
import RingfindBuild
import RingfindGraph
import RingfindGraphviz
import TestSupport
import Testing

@testable import RingfindRender
@testable import RingfindRings

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Whether `data` is well-formed XML; collects element names (and attribute names, as `@name`)
/// and all text, attribute values included.
func parseXML(_ data: Data) -> (ok: Bool, elements: Set<String>, text: String) {
    final class Collector: NSObject, XMLParserDelegate {
        var elements = Set<String>()
        var text = ""
        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            elements.insert(name.lowercased())
            for (attribute, value) in attributes {
                elements.insert("@" + attribute.lowercased())  // attribute names, marked
                text += value + "\n"
            }
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
    }
    let parser = XMLParser(data: data)
    let collector = Collector()
    parser.delegate = collector
    let ok = parser.parse()
    return (ok, collector.elements, collector.text)
}

@Suite struct DOTEscapingTests {
    static let hostile = [
        "quote \" inside", "back\\slash \\N \\G", "two\nlines", "<script>alert(1)</script>", "Tom & Jerry &foo; &#0;",
        "\u{202E}evil\u{202C} rtl", "emoji 😀🙈", String(repeating: "x", count: 10_000),
    ]

    @Test func quotedStringsCannotBreakOut() {
        for text in Self.hostile {
            let quoted = DOTWriter.quoted(text, limit: 20_000)
            #expect(quoted.hasPrefix("\"") && quoted.hasSuffix("\""))
            let inner = quoted.dropFirst().dropLast()
            // Every quote inside is escaped, and no backslash escapes the closing quote.
            var escaped = false
            for c in inner {
                if c == "\"" { #expect(escaped, "unescaped quote in \(quoted.prefix(60))") }
                escaped = !escaped && c == "\\"
            }
            #expect(!escaped)
            #expect(
                !inner.contains("<") && !inner.contains(">") && !inner.contains("\n") && !inner.contains("\u{202E}"))
        }
        #expect(DOTWriter.quoted("a\\N") == #""a\\N""#)
        #expect(DOTWriter.quoted("x", limit: 10) == "\"x\"")
        #expect(DOTWriter.quoted(String(repeating: "y", count: 100), limit: 5) == "\"yyyyy…\"")
    }

    @Test func hostileNamesRenderToWellFormedSVGWithoutMarkup() throws {
        var w = DOTWriter(attributes: ["label": "title \(Self.hostile[3])"])
        for (i, name) in Self.hostile.enumerated() {
            w.node("n\(i)", ["label": DOTWriter.short(name), "tooltip": name])
            if i > 0 { w.edge("n\(i - 1)", "n\(i)", ["label": name, "tooltip": name]) }
        }
        let svg = try GraphvizRenderer.render(w.text(), engine: .dot, format: .svg)
        let parsed = parseXML(svg)
        #expect(parsed.ok)
        #expect(!parsed.elements.contains("script"))
        #expect(parsed.text.contains("<script>alert(1)</script>"))  // as text, not markup
        #expect(parsed.text.contains("Tom & Jerry &foo;"))
        #expect(parsed.text.contains("emoji 😀🙈"))
    }

    @Test func graphvizErrorsAreThrownWithItsMessage() {
        #expect(throws: GraphvizError.self) {
            try GraphvizRenderer.render("digraph { a -> ", engine: .dot, format: .svg)
        }
        do { _ = try GraphvizRenderer.render("digraph { a -> ", engine: .dot, format: .svg) } catch {
            #expect(error.description.hasPrefix("Graphviz parse failed"))
        }
        #expect(throws: Never.self) {
            _ = try GraphvizRenderer.render("digraph { a -> b }", engine: .dot, format: .png)
        }
    }

    @Test func htmlEscapesEverything() {
        let text = HTMLReport.escape("<b>\"x\" & 'y'</b>\u{202E}")
        #expect(text == "&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/b&gt;")
    }
}

/// Pictures and the report of a real build.
@Suite struct BuildPicturesTests {
    @Test func ringPicturesAndReportAreWellFormedAndShowEveryMember() throws {
        let output = TemporaryFolder("ringfind-render")
        let result = try BuildPipeline.run(
            BuildOptions(inputFolder: RepositoryFiles.path("Datasets/demo"), outputFolder: output.path))
        #expect(result.analysis.rings.rings.count == 3)
        for ring in result.analysis.rings.rings {
            let name = String(format: "rings/ring-%03d", ring.rank)
            let svg = try #require(FileManager.default.contents(atPath: output.path + "/" + name + ".svg"))
            let parsed = parseXML(svg)
            #expect(parsed.ok, "\(name).svg is not well-formed")
            for member in ring.members {
                #expect(parsed.text.contains(result.analysis.entities.id(member.entity)), "\(name) lacks a member")
            }
            #expect(parsed.text.contains("Ring \(ring.rank) — score"))
        }
        let overview = parseXML(try #require(FileManager.default.contents(atPath: output.path + "/overview.svg")))
        #expect(overview.ok)
        let html = try #require(FileManager.default.contents(atPath: output.path + "/index.html"))
        let page = parseXML(html)
        #expect(page.ok)
        #expect(page.text.contains("rings/ring-001.svg"))
        #expect(!page.elements.contains("script"))
    }

    @Test func ringPagesAndTimelinesAreWellFormedScriptFreeAndShowEveryMember() throws {
        let output = TemporaryFolder("ringfind-render")
        let result = try BuildPipeline.run(
            BuildOptions(inputFolder: RepositoryFiles.path("Datasets/demo"), outputFolder: output.path))
        let index = try #require(output.read("index.html"))
        for ring in result.analysis.rings.rings {
            let name = String(format: "rings/ring-%03d", ring.rank)
            for file in [name + "-timeline.svg", name + ".html"] {
                let data = try #require(
                    FileManager.default.contents(atPath: output.path + "/" + file), "\(file) missing")
                let parsed = parseXML(data)
                #expect(parsed.ok, "\(file) is not well-formed")
                for member in ring.members {
                    #expect(parsed.text.contains(result.analysis.entities.id(member.entity)), "\(file) lacks a member")
                }
                expectNoActiveContent(String(decoding: data, as: UTF8.self), parsed, file)
            }
            #expect(index.contains("href=\"\(name).html\""))
        }
        // The page inlines the picture and the timeline, and lists every evidence row with its source.
        let page = try #require(output.read("rings/ring-001.html"))
        let ring = result.analysis.rings.rings[0]
        #expect(page.components(separatedBy: "<svg").count - 1 == 3)  // bar chart, picture, timeline
        #expect(page.contains("Evidence rows, in time order (\(ring.evidence.count))"))
        #expect(page.contains(result.analysis.events.origin(of: ring.evidence[0].row, in: ring.evidence[0].type)))
        #expect(page.contains("@media print") && page.contains("href=\"../index.html\""))
        // The timeline cites input rows in its hover texts and draws loops.
        let timeline = try #require(output.read("rings/ring-001-timeline.svg"))
        #expect(timeline.contains("Datasets/demo/access.csv:") && timeline.contains("<polyline"))
        // index.html shows each ring's picture inline with its one-line story.
        #expect(
            index.contains(
                RingPage.story(
                    ring: ring, entities: result.analysis.entities, events: result.analysis.events, windowDays: 30
                )
                .replacingOccurrences(of: "'", with: "&#39;")))
        #expect(parseXML(Data(index.utf8)).ok)
        // The case map: every ring's broker labelled with its ring, and the communities it spans.
        let map = parseXML(try #require(FileManager.default.contents(atPath: output.path + "/overview.svg")))
        #expect(map.ok)
        for ring in result.analysis.rings.rings {
            #expect(map.text.contains("Ring \(ring.rank) · "))
            for broker in ring.members(.broker) {
                #expect(map.text.contains(result.analysis.entities.id(broker.entity)))
            }
            let community = result.analysis.communities.partition.labels[Int(ring.members[0].entity)]
            #expect(map.text.contains("community \(community)"))
        }
    }

    /// Ids and names that try to break out of markup reach the pages and timelines only as text.
    @Test func hostileIdsAndNamesStayTextInPagesAndTimelines() throws {
        let world = TemporaryFolder("ringfind-hostile")
        let hostileID = "X<img src=x onerror=alert(1)>&amp;\u{202E}7"
        let hostileName = "Quick<script>alert(1)</script> & <a href=javascript:alert(2)>co</a>"
        for file in ["communications.csv", "payments.csv", "entities.csv", "access.jsonl"] {
            var text = try String(contentsOfFile: RepositoryFiles.path("Datasets/handmade/" + file), encoding: .utf8)
            text = text.replacingOccurrences(of: "Quickstar Consulting", with: hostileName).replacingOccurrences(
                of: "X007", with: hostileID)
            world.write(file, text)
        }
        let output = TemporaryFolder("ringfind-render")
        let result = try BuildPipeline.run(BuildOptions(inputFolder: world.path, outputFolder: output.path))
        #expect(result.analysis.rings.rings.count == 1)
        for file in ["rings/ring-001.html", "rings/ring-001-timeline.svg", "index.html"] {
            let data = try #require(FileManager.default.contents(atPath: output.path + "/" + file))
            let parsed = parseXML(data)
            #expect(parsed.ok, "\(file) is not well-formed")
            let text = String(decoding: data, as: UTF8.self)
            expectNoActiveContent(text, parsed, file)
            #expect(!text.contains("\u{202E}"), "\(file) keeps a bidi override")
            #expect(parsed.text.contains("X<img src=x onerror=alert(1)>"), "\(file) lost the hostile id as text")
        }
    }

    func expectNoActiveContent(
        _ text: String, _ parsed: (ok: Bool, elements: Set<String>, text: String), _ file: String
    ) {
        #expect(
            !parsed.elements.contains("script") && !parsed.elements.contains("img")
                && !parsed.elements.contains("iframe"), "\(file) has active elements")
        #expect(!parsed.elements.contains { $0.hasPrefix("@on") }, "\(file) has an event handler attribute")
        #expect(!text.contains("href=\"javascript:") && !text.contains("<script"), "\(file) has a script link")
    }

    /// A dense ring's timeline merges each lane's marks of a kind and a day into one, counted.
    @Test func aDenseTimelineMergesMarksByDay() throws {
        let output = TemporaryFolder("ringfind-render")
        let result = try BuildPipeline.run(
            BuildOptions(inputFolder: RepositoryFiles.path("Datasets/demo"), outputFolder: output.path))
        let ring = result.analysis.rings.rings[0]
        let sparse = RingTimeline.svg(
            ring: ring, entities: result.analysis.entities, events: result.analysis.events, window: 30 * 86_400_000)
        let dense = RingTimeline.svg(
            ring: ring, entities: result.analysis.entities, events: result.analysis.events, window: 30 * 86_400_000,
            dailyAbove: 10)
        for svg in [sparse, dense] { #expect(parseXML(Data(svg.utf8)).ok) }
        #expect(dense.contains("one mark per member, kind and day") && !sparse.contains("one mark per member"))
        func marks(_ svg: String) -> Int {
            ["<circle", "<rect x=\"", "<path d=\"M"].reduce(0) { $0 + svg.components(separatedBy: $1).count - 1 }
        }
        #expect(marks(dense) < marks(sparse))
        #expect(
            dense.range(
                of: #": [0-9]+ (payments|messages|accesses with a ticket|accesses without a ticket); the first: "#,
                options: .regularExpression) != nil)
        #expect(!dense.contains("<polyline"))  // loops are left out when dense
        // byDay keeps every mark's count: nothing is lost by merging.
        let day: Int64 = 86_400_000
        let raw = (0..<30).map {
            RingTimeline.Mark(
                lane: $0 % 3, time: Int64($0 / 6) * day + Int64($0) * 1000, kind: .payment, count: 1, title: "m\($0)")
        }
        let merged = RingTimeline.byDay(raw)
        #expect(merged.reduce(0) { $0 + $1.count } == 30 && merged.count == 15)
    }

    @Test func ringTimelineMatchesTheGoldenFile() throws {
        let output = TemporaryFolder("ringfind-render")
        _ = try BuildPipeline.run(
            BuildOptions(inputFolder: RepositoryFiles.path("Datasets/handmade"), outputFolder: output.path))
        // Hover texts cite input rows by path: made relative, so the golden file holds in any clone.
        let svg = try #require(output.read("rings/ring-001-timeline.svg"))
            .replacingOccurrences(of: RepositoryFiles.path("Datasets/handmade"), with: "Datasets/handmade")
        let golden = RepositoryFiles.path("Tests/Fixtures/golden/handmade-ring-001-timeline.svg")
        if ProcessInfo.processInfo.environment["RINGFIND_RECORD_GOLDEN"] == "1" {
            try svg.write(toFile: golden, atomically: true, encoding: .utf8)
        }
        #expect(
            svg == (try String(contentsOfFile: golden, encoding: .utf8)),
            "re-record with RINGFIND_RECORD_GOLDEN=1 if the change is intended")
    }

    @Test func ringDOTMatchesTheGoldenFile() throws {
        let output = TemporaryFolder("ringfind-render")
        _ = try BuildPipeline.run(
            BuildOptions(inputFolder: RepositoryFiles.path("Datasets/handmade"), outputFolder: output.path))
        let dot = try #require(output.read("rings/ring-001.dot"))
        let golden = RepositoryFiles.path("Tests/Fixtures/golden/handmade-ring-001.dot")
        if ProcessInfo.processInfo.environment["RINGFIND_RECORD_GOLDEN"] == "1" {
            try dot.write(toFile: golden, atomically: true, encoding: .utf8)
        }
        #expect(
            dot == (try String(contentsOfFile: golden, encoding: .utf8)),
            "re-record with RINGFIND_RECORD_GOLDEN=1 if the change is intended")
    }
}

/// The evidence chart on a ring's page shows in red only what made the ring.
@Suite struct SignalChartTests {
    private func signal(_ kind: RingSignal.Kind, available: Bool = true) -> RingSignal {
        RingSignal(kind: kind, observed: 9, expected: 1, surprise: 5, available: available)
    }

    private func reds(_ chart: String) -> Int { chart.components(separatedBy: "fill=\"#e4572e\"").count - 1 }

    @Test func concealmentIsRedAndUnusualActionsBesideItAreGrey() {
        let chart = RingPage.signalChart([
            signal(.concealment), signal(.unusualAction), signal(.timing), signal(.focus),
        ])
        #expect(reds(chart) == 1)
        #expect(chart.components(separatedBy: "fill=\"#b0bec5\"").count - 1 == 3)
    }

    @Test func unusualActionsAreRedWhereConcealmentCouldNotBeMeasured() {
        let chart = RingPage.signalChart([
            signal(.concealment, available: false), signal(.unusualAction), signal(.timing),
        ])
        #expect(reds(chart) == 1)
        #expect(chart.contains("could not be looked for"))
    }
}

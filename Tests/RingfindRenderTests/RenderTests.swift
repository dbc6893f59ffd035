import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import RingfindBuild
import RingfindGraph
import RingfindGraphviz
@testable import RingfindRender
import RingfindRings
import TestSupport

/// Whether `data` is well-formed XML; collects element names and all text.
func parseXML(_ data: Data) -> (ok: Bool, elements: Set<String>, text: String) {
    final class Collector: NSObject, XMLParserDelegate {
        var elements = Set<String>()
        var text = ""
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            elements.insert(name.lowercased())
            for value in attributes.values { text += value + "\n" }
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
            #expect(!inner.contains("<") && !inner.contains(">") && !inner.contains("\n") && !inner.contains("\u{202E}"))
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
        #expect(throws: GraphvizError.self) { try GraphvizRenderer.render("digraph { a -> ", engine: .dot, format: .svg) }
        do { _ = try GraphvizRenderer.render("digraph { a -> ", engine: .dot, format: .svg) } catch {
            #expect(error.description.hasPrefix("Graphviz parse failed"))
        }
        #expect(throws: Never.self) { _ = try GraphvizRenderer.render("digraph { a -> b }", engine: .dot, format: .png) }
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
        let result = try BuildPipeline.run(BuildOptions(inputFolder: RepositoryFiles.path("Datasets/demo"), outputFolder: output.path))
        #expect(result.rings.rings.count == 3)
        for ring in result.rings.rings {
            let name = String(format: "rings/ring-%03d", ring.rank)
            let svg = try #require(FileManager.default.contents(atPath: output.path + "/" + name + ".svg"))
            let parsed = parseXML(svg)
            #expect(parsed.ok, "\(name).svg is not well-formed")
            for member in ring.members { #expect(parsed.text.contains(result.entities.id(member.entity)), "\(name) lacks a member") }
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

    @Test func ringDOTMatchesTheGoldenFile() throws {
        let output = TemporaryFolder("ringfind-render")
        _ = try BuildPipeline.run(BuildOptions(inputFolder: RepositoryFiles.path("Datasets/handmade"), outputFolder: output.path))
        let dot = try #require(output.read("rings/ring-001.dot"))
        let golden = RepositoryFiles.path("Tests/Fixtures/golden/handmade-ring-001.dot")
        if ProcessInfo.processInfo.environment["RINGFIND_RECORD_GOLDEN"] == "1" {
            try dot.write(toFile: golden, atomically: true, encoding: .utf8)
        }
        #expect(dot == (try String(contentsOfFile: golden, encoding: .utf8)), "re-record with RINGFIND_RECORD_GOLDEN=1 if the change is intended")
    }
}

import Foundation
import Testing

@testable import RingfindQuery

/// Query results in each format: nothing hidden reaches a terminal; files and pipes keep values.
@Suite struct ResultTableTests {
    let hostile = ResultTable(columns: ["id", "note\u{1B}"], rows: [["x\u{1B}[2J\u{07}", "=cmd\u{202E}\u{85}"]])

    @Test func csvOnATerminalShowsHiddenCharactersAsEscapes() {
        let text = hostile.render(.csv, terminal: true)
        #expect(
            !text.unicodeScalars.contains {
                $0 != "\n" && ($0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0 == "\u{202E}")
            })
        #expect(text == "id,note\\u{1b}\nx\\u{1b}[2J\\u{7},'=cmd\\u{202e}\\u{85}\n")
    }

    @Test func csvToAPipeKeepsValuesExactWithTheFormulaGuard() {
        #expect(hostile.render(.csv, terminal: false) == "id,note\u{1B}\nx\u{1B}[2J\u{07},'=cmd\u{202E}\u{85}\n")
    }

    /// The reports' escaping, byte by byte: a CR LF inside a value is quoted, not a row break.
    @Test func csvQuotesAValueHoldingCRLF() {
        let table = ResultTable(columns: ["note"], rows: [["a\r\nb"]])
        #expect(table.render(.csv, terminal: false) == "note\n\"a\r\nb\"\n")
    }

    @Test func jsonEscapesEveryHiddenCharacterAndStillParsesBack() throws {
        let text = hostile.render(.json)
        #expect(!text.unicodeScalars.contains { $0 != "\n" && TextSafetyProbe.hidden($0) })
        #expect(text.contains("\\u001b") && text.contains("\\u202e") && text.contains("\\u0085"))
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: String]])
        #expect(rows == [["id": "x\u{1B}[2J\u{07}", "note\u{1B}": "=cmd\u{202E}\u{85}"]])
    }

    @Test func tablesAreAlwaysSafe() {
        let text = hostile.render(.table)
        #expect(!text.unicodeScalars.contains { $0 != "\n" && TextSafetyProbe.hidden($0) })
    }
}

enum TextSafetyProbe {
    static func hidden(_ s: Unicode.Scalar) -> Bool {
        s.value < 0x20 || (0x7F...0x9F).contains(s.value) || (0x202A...0x202E).contains(s.value)
            || (0x2066...0x2069).contains(s.value)
    }
}

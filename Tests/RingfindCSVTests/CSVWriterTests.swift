import Foundation
import TestSupport
import Testing

@testable import RingfindCSV

/// The one CSV writer and escaping function (reports, generated worlds, query results).
@Suite struct CSVWriterTests {
    @Test func csvCellsAreQuotedAndGuardedAgainstFormulas() {
        #expect(CSVWriter.escaped("plain") == "plain")
        #expect(CSVWriter.escaped("a,b") == "\"a,b\"")
        #expect(CSVWriter.escaped("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVWriter.escaped("two\nlines") == "\"two\nlines\"")
        #expect(CSVWriter.escaped("=1+1") == "'=1+1")
        #expect(CSVWriter.escaped("@SUM(A1)") == "'@SUM(A1)")
        #expect(CSVWriter.escaped("-2+3,x") == "\"'-2+3,x\"")
        #expect(CSVWriter.format(12.5) == "12.5" && CSVWriter.format(3) == "3")
    }

    @Test func rowsFormattedApartAreWrittenAsIfWrittenInOrder() throws {
        let folder = TemporaryFolder("ringfind-csv")
        func cells(_ i: Int, _ out: (String) -> Void, _ number: (Double) -> Void) {
            out("id,\(i)")
            number(Double(i) / 3)
            out("=x")
        }
        let direct = try CSVWriter(path: folder.path + "/direct.csv")
        try direct.row(["a", "b", "c"])
        for i in 0..<10 {
            cells(i, { direct.text($0) }, { direct.number($0) })
            try direct.endRow()
        }
        try direct.close()
        let blocks = try CSVWriter(path: folder.path + "/blocks.csv")
        try blocks.row(["a", "b", "c"])
        for part in [0..<4, 4..<10] {
            var rows = CSVRows()
            for i in part {
                cells(i, { rows.text($0) }, { rows.number($0) })
                rows.endRow()
            }
            try blocks.write(rows)
        }
        try blocks.close()
        #expect(folder.read("direct.csv") != nil && folder.read("direct.csv") == folder.read("blocks.csv"))
    }

    @Test func everyLineBreakAndLeadingControlIsHandledByteWise() {
        // CR LF is one Character in Swift but two bytes: the cell is still quoted and guarded.
        #expect(CSVWriter.escaped("a\r\nb") == "\"a\r\nb\"")
        #expect(CSVWriter.escaped("\r\n=x") == "\"'\r\n=x\"")
        #expect(CSVWriter.escaped("=\u{301}x") == "'=\u{301}x")
        #expect(CSVWriter.escaped("") == "")
    }

    @Test func nonFiniteNumbersAreEmptyCells() {
        #expect(CSVWriter.format(.nan) == "" && CSVWriter.format(.infinity) == "" && CSVWriter.format(-.infinity) == "")
        #expect(CSVWriter.format(-0.5) == "-0.5" && CSVWriter.format(1e16) == "1e+16")
        #expect(CSVWriter.format(1e-7) == "1e-07")
    }

    @Test func aFileThatCannotBeCreatedNamesItself() {
        let folder = TemporaryFolder("ringfind-csv")
        #expect(throws: CSVWriteError.self) { try CSVWriter(path: folder.path + "/missing/out.csv") }
        let error = CSVWriteError(path: "/x/out.csv", reason: "cannot create the file")
        #expect(error.description == "cannot write '/x/out.csv': cannot create the file")
    }
}

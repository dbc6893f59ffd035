import RingfindGraph
import TestSupport
import Testing

@testable import RingfindIngest

/// RFC 4180 reading: quoting, line ends, blank lines, byte order marks, chunk boundaries.
@Suite struct CSVReadingTests {
    @Test func readsQuotedFieldsWithCommasQuotesAndNewlines() throws {
        let run = try IngestRun.of([
            "entities.csv": """
            id,kind,name,group
            "a,1",employee,"Ann ""the boss""\nSmith",Sales
            b,vendor,Bob,
            """
        ])
        #expect(run.reports[0].rowsAccepted == 2)
        #expect(run.entities.id(0) == "a,1")
        #expect(run.entities.names[0] == "Ann \"the boss\"\nSmith")
        #expect(run.entities.kinds[1] == .vendor)
        #expect(run.entities.groups[1] == "")
    }

    @Test func acceptsCRLFBlankLinesAndAByteOrderMark() throws {
        let text = "\u{FEFF}from,to\r\na,b\r\n\r\nc,d\r\n\n"
        let run = try IngestRun.of(["communications.csv": text])
        #expect(run.pairs(.communication) == [["a", "b"], ["c", "d"]])
        #expect(run.reports[0].blankLines == 2)
        #expect(run.reports[0].rowsRead == 2)
    }

    /// Read one or two bytes at a time, the mark used to stay in the first column's name
    /// (found by `Fuzz/run.sh … csv`).
    @Test(arguments: [1, 2, 1 << 22])
    func aByteOrderMarkIsSkippedWhateverTheReadSize(chunkSize: Int) throws {
        let run = try IngestRun.of(
            [
                "payments.csv": "\u{FEFF}from,to,amount\nV1,X1,5\n",
                "communications.jsonl": "\u{FEFF}{\"from\":\"X1\",\"to\":\"E1\"}\n",
            ], chunkSize: chunkSize)
        #expect(run.rejections.isEmpty)
        #expect(run.pairs(.payment) == [["V1", "X1"]])
        #expect(run.pairs(.communication) == [["X1", "E1"]])
    }

    @Test func aLineNumberCountsTheLinesInsideQuotedFields() throws {
        let run = try IngestRun.of(["entities.csv": "id,name\na,\"two\nlines\"\nb,x,extra\n"])
        #expect(run.rejections.count == 1)
        #expect(run.rejections[0].line == 4)
        #expect(run.rejections[0].reason == .wrongFieldCount(expected: 2, found: 3))
        #expect(run.rejections[0].column == 3)
        #expect(run.rejections[0].row == "b,x,extra")
    }

    @Test func lastRowWithoutNewlineAndTrailingEmptyField() throws {
        let run = try IngestRun.of(["communications.csv": "from,to,channel\na,b,\nc,d,"])
        #expect(run.reports[0].rowsAccepted == 2)
        #expect(run.events.communications.label == [-1, -1])
    }

    @Test func unterminatedQuoteRejectsOnlyItsLine() throws {
        let run = try IngestRun.of(["communications.csv": "from,to\n\"a,b\nc,d\n"])
        // The quote opened on line 2 never closes: line 2 is rejected, reading resumes at line 3.
        #expect(run.rejections.map(\.line) == [2])
        #expect(run.rejections[0].reason == .unterminatedQuote)
        #expect(run.pairs(.communication) == [["c", "d"]])
    }

    @Test func textAfterAClosingQuoteIsRejected() throws {
        let run = try IngestRun.of(["communications.csv": "from,to\n\"a\"x,b\nc,d\n"])
        #expect(run.rejections.count == 1)
        #expect(run.rejections[0].reason == .textAfterClosingQuote)
        #expect(run.rejections[0].column == 1)
        #expect(run.pairs(.communication) == [["c", "d"]])
    }

    @Test func invalidUTF8IsRejectedWithItsColumn() throws {
        let folder = TemporaryFolder()
        folder.write("communications.csv", bytes: Array("from,to\na,b\nc,".utf8) + [0xC3, 0x28] + Array("\n".utf8))
        let run = try IngestRun.of(folder: folder.path)
        #expect(run.rejections.count == 1)
        #expect(run.rejections[0].reason == .invalidUTF8)
        #expect(run.rejections[0].line == 3)
        #expect(run.rejections[0].column == 2)
    }

    @Test(arguments: [1, 2, 3, 5, 7, 16, 64])
    func rowsStraddlingChunkBoundariesReadTheSame(chunkSize: Int) throws {
        let text =
            "from,to,timestamp,channel,count\n"
            + (0..<50).map {
                "\"s\($0)\",t\($0 % 7),2024-01-0\($0 % 9 + 1)T10:00:00Z,\"e, \"\"mail\"\"\",\($0 + 1)\r\n"
            }.joined()
        let small = try IngestRun.of(["communications.csv": text], chunkSize: chunkSize)
        let large = try IngestRun.of(["communications.csv": text])
        #expect(small.rejections.isEmpty)
        #expect(small.pairs(.communication) == large.pairs(.communication))
        #expect(small.events.communications.time == large.events.communications.time)
        #expect(small.events.communications.count == large.events.communications.count)
        #expect(small.events.labels.string(0) == "e, \"mail\"")
        #expect(small.reports[0].sha256 == large.reports[0].sha256)
    }

    /// The file's digest is SHA-256 of every byte, whatever the read size: it is computed on
    /// another thread while rows are parsed (`BackgroundDigest`), across buffer refills and growth.
    @Test(arguments: [1, 2, 7, 64, 1 << 22])
    func theDigestIsTheFilesSHA256(chunkSize: Int) throws {
        let text =
            "from,to,timestamp\n" + (0..<40).map { "a\($0),b\($0 % 5),2024-02-0\($0 % 9 + 1)T08:00:00Z\n" }.joined()
        let run = try IngestRun.of(["communications.csv": text], chunkSize: chunkSize)
        #expect(run.reports[0].sha256 == "64215868823c6b26165006b4d60d0930861880b512b2608ac6ea60f23ee04e6e")
    }
}

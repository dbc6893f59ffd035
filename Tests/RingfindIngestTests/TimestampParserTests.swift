import RingfindGraph
import Testing

@testable import RingfindIngest

/// The timestamps of the input contract, and the ones it refuses.
@Suite struct TimestampParserTests {
    @Test(
        arguments: [
            ("2024-03-05", 1_709_596_800_000),
            ("2024-03-05T10:20:30Z", 1_709_634_030_000),
            ("2024-03-05 10:20:30Z", 1_709_634_030_000),
            ("2024-03-05T10:20Z", 1_709_634_000_000),
            ("2024-03-05T10:20:30.123Z", 1_709_634_030_123),
            ("2024-03-05T10:20:30,5Z", 1_709_634_030_500),
            ("2024-03-05T12:20:30+02:00", 1_709_634_030_000),
            ("2024-03-05T12:20:30+0200", 1_709_634_030_000),
            ("2024-03-05T05:20:30-05", 1_709_634_030_000),
            ("2024-03-05T10:20:30", 1_709_634_030_000),
            ("2024-02-29T00:00:00Z", 1_709_164_800_000),
            ("1700000000", 1_700_000_000_000),
            ("1700000000.25", 1_700_000_000_250),
            (" 0 ", 0),
            ("-86400", -86_400_000),
        ] as [(String, Int64)])
    func accepts(text: String, milliseconds: Int64) {
        #expect(TimestampParser.parse(text) == .success(milliseconds))
    }

    @Test(arguments: [
        "", "yesterday", "31/02/2025 10:00", "2024-02-30", "2023-02-29", "2024-13-01", "2024-3-5",
        "2024-03-05T25:00:00Z", "2024-03-05T10:20:30Q", "2024-03-05T10:20:30.Z", "1700000000000",
        "1700000000.", "2024-03-05T10:20:30+2", "0x10", "2024-03-05T10:20:30Z junk",
    ])
    func rejects(text: String) {
        guard case .failure = TimestampParser.parse(text) else {
            Issue.record("accepted \(text)")
            return
        }
    }

    @Test func millisecondsGivenAsSecondsGetAnExplanation() {
        #expect(
            TimestampParser.parse("1700000000000")
                == .failure(
                    .init(
                        detail:
                            "Unix seconds outside the years 1900–2199 (milliseconds given where seconds are expected?)")
                ))
    }

    /// The fast path for `2024-03-05T10:20:30.123Z` and its shorter forms must agree with the
    /// general parser on every text, valid or not: the same value, or the same failure.
    @Test func theFastPathAgreesWithTheGeneralParser() {
        var generator = SplitMix64(seed: 7)
        let alphabet = Array("0123456789-T:.Z tz+".utf8)
        var texts = [
            "2024-02-29T23:59:60.999Z", "2023-02-29T00:00:00Z", "2199-12-31T23:59:59.999Z", "2200-01-01T00:00:00Z",
            "1899-12-31T23:59:59Z", "1900-01-01T00:00:00.000", "2024-04-31T00:00:00Z", "2024-00-10T00:00:00Z",
            "2024-01-10t24:00:00z", "2024-01-10 10:60:00", "2024-01-10T10:00:61Z", "2024-01-10T10:00:00.12Z",
        ]
        for _ in 0..<20_000 {
            // A valid canonical timestamp, then one to four characters changed.
            let millis = Int64(generator.next() % 7_000_000_000_000) - 2_000_000_000_000
            var bytes = Array(Timestamp.iso8601(millis).utf8)
            if generator.next() % 3 == 0, let z = bytes.lastIndex(of: 0x5A) { bytes.remove(at: z) }
            for _ in 0..<Int(generator.next() % 5) {
                bytes[Int(generator.next() % UInt64(bytes.count))] =
                    alphabet[Int(generator.next() % UInt64(alphabet.count))]
            }
            texts.append(String(decoding: bytes, as: UTF8.self))
        }
        for text in texts {
            var copy = text
            let general = copy.withUTF8 { TimestampParser.parseWithoutFastPath(UnsafeRawBufferPointer($0)) }
            #expect(TimestampParser.parse(text) == general, "\(text)")
        }
    }
}

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
}

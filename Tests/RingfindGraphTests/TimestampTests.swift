import RingfindGraph
import Testing

@Suite struct TimestampTests {
    @Test func formatsAsISO8601UTC() {
        #expect(Timestamp.iso8601(0) == "1970-01-01T00:00:00Z")
        #expect(Timestamp.iso8601(1_709_634_030_123) == "2024-03-05T10:20:30.123Z")
        #expect(Timestamp.iso8601(-1000) == "1969-12-31T23:59:59Z")
        #expect(Timestamp.iso8601(Timestamp.missing) == "")
    }

    @Test func civilDatesRoundTripOverFourCenturies() {
        var day = Timestamp.daysSinceEpoch(year: 1900, month: 1, day: 1)
        let last = Timestamp.daysSinceEpoch(year: 2300, month: 1, day: 1)
        while day < last {
            let (y, m, d) = Timestamp.civilDate(daysSinceEpoch: day)
            #expect(Timestamp.daysSinceEpoch(year: y, month: m, day: d) == day)
            day += 37
        }
    }
}

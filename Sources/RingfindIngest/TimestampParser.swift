import RingfindGraph

/// Parses the timestamps the input contract allows into milliseconds since the epoch (UTC).
///
/// Accepted:
/// - integer Unix seconds (`1700000000`, optionally with a fraction `1700000000.25`);
/// - ISO 8601 dates `2024-03-05` (midnight UTC);
/// - ISO 8601 date-times `2024-03-05T10:20:30` with `T` or a space, optional seconds,
///   optional fraction (`.5`, `,123456`), and `Z`, `+02:00`, `+0200` or `+02`; a date-time
///   without a zone is taken as UTC.
///
/// Years outside 1900…2199 are rejected: an integer that large is almost always
/// milliseconds or microseconds given where seconds were expected.
public enum TimestampParser {
    /// A parse failure with a human explanation.
    public struct Failure: Error, Equatable { public let detail: String }

    public static let earliest = Timestamp.daysSinceEpoch(year: 1900, month: 1, day: 1) * 86_400_000
    public static let latest = Timestamp.daysSinceEpoch(year: 2200, month: 1, day: 1) * 86_400_000

    /// Parses `text`.
    public static func parse(_ text: String) -> Result<Int64, Failure> {
        var text = text
        return text.withUTF8 { parse(UnsafeRawBufferPointer($0)) }
    }

    /// Parses the bytes of a timestamp.
    public static func parse(_ bytes: UnsafeRawBufferPointer) -> Result<Int64, Failure> {
        parse(bytes, fastPath: true)
    }

    /// The general parser alone (`parse` without its fast path): the reference the fast path
    /// is tested and fuzzed against.
    public static func parseWithoutFastPath(_ bytes: UnsafeRawBufferPointer) -> Result<Int64, Failure> {
        parse(bytes, fastPath: false)
    }

    @inline(__always)
    private static func parse(_ untrimmed: UnsafeRawBufferPointer, fastPath: Bool) -> Result<Int64, Failure> {
        let bytes = untrimmed.trimmingASCIISpaces()
        let s = 0, e = bytes.count
        guard s < e else { return .failure(Failure(detail: "empty")) }
        // Unix seconds: all digits (optional sign, optional fraction) and not a date.
        var p = s
        if bytes[p] == 0x2D || bytes[p] == 0x2B { p += 1 }
        var digits = 0
        while p < e && isDigit(bytes[p]) {
            p += 1
            digits += 1
        }
        if digits > 0 && (p == e || bytes[p] == 0x2E) {
            return unixSeconds(bytes, s, e)
        }
        if fastPath, let millis = canonicalDateTime(bytes, s, e) { return .success(millis) }
        return iso8601(bytes, s, e)
    }

    /// The fast path for the layout most logs write, `2024-03-05T10:20:30Z` or
    /// `2024-03-05T10:20:30.123Z` (`T` or a space, `Z` or none): the value when `bytes[s..<e]`
    /// is exactly that and valid, else `nil`, and `iso8601` decides (with the same value, or
    /// the reason it is not one). A quarter of the parsing thread went to timestamps before
    /// it (perf, 10 M-event benchmark): the general parser reads each field with a loop and a
    /// bounds check per character.
    @inline(__always)
    private static func canonicalDateTime(_ bytes: UnsafeRawBufferPointer, _ s: Int, _ e: Int) -> Int64? {
        let length = e - s
        guard length >= 19, length <= 24, let base = bytes.baseAddress else { return nil }
        let text = base + s
        @inline(__always) func byte(_ i: Int) -> UInt8 { text.load(fromByteOffset: i, as: UInt8.self) }
        // Separators first: most text that is not this layout fails here.
        let separator = byte(10)
        guard byte(4) == 0x2D, byte(7) == 0x2D, byte(13) == 0x3A, byte(16) == 0x3A,
            separator == 0x54 || separator == 0x74 || separator == 0x20
        else { return nil }
        var valid = true
        @inline(__always) func digits(_ at: Int, _ count: Int) -> Int64 {
            var value: Int64 = 0
            for i in at..<at + count {
                let d = byte(i) &- 0x30
                valid = valid && d < 10
                value = value &* 10 &+ Int64(d)
            }
            return value
        }
        let year = digits(0, 4), month = digits(5, 2), day = digits(8, 2)
        let hour = digits(11, 2), minute = digits(14, 2), second = digits(17, 2)
        var millis: Int64 = 0
        switch length {
        case 19: break
        case 20: valid = valid && (byte(19) == 0x5A || byte(19) == 0x7A)
        case 23:
            valid = valid && byte(19) == 0x2E
            millis = digits(20, 3)
        case 24:
            valid = valid && byte(19) == 0x2E && (byte(23) == 0x5A || byte(23) == 0x7A)
            millis = digits(20, 3)
        default: return nil
        }
        guard valid, month >= 1, month <= 12, day >= 1, day <= daysIn(month: month, year: year), hour <= 23,
            minute <= 59, second <= 60
        else { return nil }
        let value =
            Timestamp.daysSinceEpoch(year: year, month: month, day: day) * 86_400_000
            + ((hour * 60 + minute) * 60 + second)
            * 1000 + millis
        guard value >= earliest && value < latest else { return nil }
        return value
    }

    private static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    private static func unixSeconds(_ bytes: UnsafeRawBufferPointer, _ s: Int, _ e: Int) -> Result<Int64, Failure> {
        var p = s
        var negative = false
        if bytes[p] == 0x2D || bytes[p] == 0x2B {
            negative = bytes[p] == 0x2D
            p += 1
        }
        var seconds: Int64 = 0
        while p < e && isDigit(bytes[p]) {
            if seconds > 10_000_000_000_000 { return .failure(outOfRange) }
            seconds = seconds * 10 + Int64(bytes[p] - 0x30)
            p += 1
        }
        var millis: Int64 = 0
        if p < e {
            p += 1  // '.'
            guard let fraction = fractionMilliseconds(bytes, &p, e), p == e else {
                return .failure(Failure(detail: "not ISO 8601 and not Unix seconds"))
            }
            millis = fraction
        }
        var value = seconds * 1000 + millis
        if negative { value = -value }
        guard value >= earliest && value < latest else { return .failure(outOfRange) }
        return .success(value)
    }

    /// The digits of a decimal fraction at `p` as milliseconds (digits past the third are
    /// read and dropped); `nil` when there is no digit.
    private static func fractionMilliseconds(_ bytes: UnsafeRawBufferPointer, _ p: inout Int, _ e: Int) -> Int64? {
        var millis: Int64 = 0, scale: Int64 = 100, any = false
        while p < e && isDigit(bytes[p]) {
            millis += Int64(bytes[p] - 0x30) * scale
            scale /= 10
            any = true
            p += 1
        }
        return any ? millis : nil
    }

    private static let outOfRange = Failure(
        detail: "Unix seconds outside the years 1900–2199 (milliseconds given where seconds are expected?)")

    private static func iso8601(_ bytes: UnsafeRawBufferPointer, _ s: Int, _ e: Int) -> Result<Int64, Failure> {
        let bad = Failure(detail: "expected ISO 8601 (2024-03-05 or 2024-03-05T10:20:30Z) or integer Unix seconds")
        var p = s
        func number(_ width: Int) -> Int64? {
            guard p + width <= e else { return nil }
            var v: Int64 = 0
            for i in p..<p + width {
                guard isDigit(bytes[i]) else { return nil }
                v = v * 10 + Int64(bytes[i] - 0x30)
            }
            p += width
            return v
        }
        func expect(_ b: UInt8) -> Bool {
            guard p < e && bytes[p] == b else { return false }
            p += 1
            return true
        }
        guard let year = number(4), expect(0x2D), let month = number(2), expect(0x2D), let day = number(2) else {
            return .failure(bad)
        }
        guard (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year) else {
            return .failure(Failure(detail: "no such date"))
        }
        var millis = Timestamp.daysSinceEpoch(year: year, month: month, day: day) * 86_400_000
        if p < e {
            guard bytes[p] == 0x54 || bytes[p] == 0x74 || bytes[p] == 0x20 else { return .failure(bad) }
            p += 1
            guard let hour = number(2), expect(0x3A), let minute = number(2) else { return .failure(bad) }
            var second: Int64 = 0
            if p < e && bytes[p] == 0x3A {
                p += 1
                guard let sec = number(2) else { return .failure(bad) }
                second = sec
            }
            guard hour <= 23, minute <= 59, second <= 60 else {
                return .failure(Failure(detail: "no such time of day"))
            }
            millis += ((hour * 60 + minute) * 60 + second) * 1000
            if p < e && (bytes[p] == 0x2E || bytes[p] == 0x2C) {
                p += 1
                guard let fraction = fractionMilliseconds(bytes, &p, e) else { return .failure(bad) }
                millis += fraction
            }
            if p < e {
                if bytes[p] == 0x5A || bytes[p] == 0x7A {
                    p += 1
                } else if bytes[p] == 0x2B || bytes[p] == 0x2D {
                    let sign: Int64 = bytes[p] == 0x2D ? -1 : 1
                    p += 1
                    guard let offsetHours = number(2) else { return .failure(bad) }
                    var offsetMinutes: Int64 = 0
                    if p < e {
                        _ = expect(0x3A)
                        guard let m = number(2) else { return .failure(bad) }
                        offsetMinutes = m
                    }
                    guard offsetHours <= 23, offsetMinutes <= 59 else {
                        return .failure(Failure(detail: "no such time zone offset"))
                    }
                    millis -= sign * (offsetHours * 60 + offsetMinutes) * 60_000
                } else {
                    return .failure(bad)
                }
            }
        }
        guard p == e else { return .failure(bad) }
        guard millis >= earliest && millis < latest else { return .failure(Failure(detail: "year outside 1900–2199")) }
        return .success(millis)
    }

    @inline(__always)
    private static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

import RingfindGraph

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Parses counts and amounts from field bytes, strictly: surrounding spaces are allowed,
/// anything else that is not part of the number is an error (no thousands separators, no
/// currency symbols, no hex, no `inf`/`nan`).
enum NumberParser {
    /// The largest amount accepted: 10¹⁵ (a quadrillion in any currency). Any sum of accepted
    /// amounts then stays finite and exact to the cent far beyond real totals.
    static let maximumAmount = 1e15

    /// A positive integer count up to `Int32.max`.
    static func count(_ untrimmed: UnsafeRawBufferPointer) -> Int32? {
        let bytes = untrimmed.trimmingASCIISpaces()
        var s = 0
        let e = bytes.count
        guard s < e else { return nil }
        if bytes[s] == 0x2B { s += 1 }
        guard s < e else { return nil }
        var value: Int64 = 0
        for i in s..<e {
            let b = bytes[i]
            guard b >= 0x30 && b <= 0x39 else { return nil }
            value = value * 10 + Int64(b - 0x30)
            if value > Int64(Int32.max) { return nil }
        }
        return value >= 1 ? Int32(value) : nil
    }

    /// A finite decimal number (`12`, `-3.5`, `1e6`).
    static func decimal(_ untrimmed: UnsafeRawBufferPointer) -> Double? {
        let bytes = untrimmed.trimmingASCIISpaces()
        let s = 0, e = bytes.count
        guard s < e, e - s < 64 else { return nil }
        // Only the characters of a decimal number, so strtod accepts nothing else.
        var sawDigit = false
        for i in s..<e {
            let b = bytes[i]
            switch b {
            case 0x30...0x39: sawDigit = true
            case 0x2B, 0x2D, 0x2E, 0x45, 0x65: break
            default: return nil
            }
        }
        guard sawDigit else { return nil }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: e - s + 1) { text -> Double? in
            for i in s..<e { text[i - s] = CChar(bitPattern: bytes[i]) }
            text[e - s] = 0
            var parsedEnd: UnsafeMutablePointer<CChar>? = nil
            let value = strtod(text.baseAddress!, &parsedEnd)
            guard let parsedEnd, parsedEnd - text.baseAddress! == e - s, value.isFinite else { return nil }
            return value
        }
    }
}

import Foundation

/// Scanning JSON values inside one line: strings with escapes, numbers and literals, nested
/// values skipped.
extension JSONLinesRowReader {
    /// Parses a JSON string at `p` (on its opening quote); returns its unescaped bytes.
    func parseString(_ p: inout Int, _ end: Int) -> FieldRef? {
        let bytes = file.buffer
        p += 1
        let start = p
        while p < end && bytes[p] != 0x22 && bytes[p] != 0x5C && bytes[p] >= 0x20 { p += 1 }
        guard p < end else { return nil }
        if bytes[p] == 0x22 {
            p += 1
            return FieldRef(inScratch: false, start: start, end: p - 1, column: 0)
        }
        guard bytes[p] == 0x5C else { return nil }  // a control character
        // Escapes: copy into scratch.
        let from = scratch.used
        for i in start..<p { scratch.append(bytes[i]) }
        while p < end {
            let b = bytes[p]
            if b == 0x22 {
                p += 1
                return FieldRef(inScratch: true, start: from, end: scratch.used, column: 0)
            }
            if b < 0x20 { return nil }
            if b != 0x5C {
                scratch.append(b)
                p += 1
                continue
            }
            guard p + 1 < end else { return nil }
            let e = bytes[p + 1]
            p += 2
            switch e {
            case 0x22, 0x5C, 0x2F: scratch.append(e)
            case 0x62: scratch.append(0x08)
            case 0x66: scratch.append(0x0C)
            case 0x6E: scratch.append(0x0A)
            case 0x72: scratch.append(0x0D)
            case 0x74: scratch.append(0x09)
            case 0x75:
                guard var scalar = hex4(p, end) else { return nil }
                p += 4
                if (0xD800...0xDBFF).contains(scalar) {
                    guard p + 1 < end, bytes[p] == 0x5C, bytes[p + 1] == 0x75, let low = hex4(p + 2, end),
                        (0xDC00...0xDFFF).contains(low)
                    else { return nil }
                    p += 6
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else if (0xDC00...0xDFFF).contains(scalar) || scalar == 0 {
                    return nil
                }
                guard let unicode = Unicode.Scalar(scalar) else { return nil }
                for unit in UTF8.encode(unicode)! { scratch.append(unit) }
            default: return nil
            }
        }
        return nil
    }

    func hex4(_ p: Int, _ end: Int) -> UInt32? {
        guard p + 4 <= end else { return nil }
        var value: UInt32 = 0
        for i in p..<p + 4 {
            let b = file.buffer[i]
            let digit: UInt8
            switch b {
            case 0x30...0x39: digit = b - 0x30
            case 0x41...0x46: digit = b - 0x41 + 10
            case 0x61...0x66: digit = b - 0x61 + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    /// Parses any JSON value; returns its bytes (strings unescaped, other values as written)
    /// and whether it was `null`.
    func parseValue(_ p: inout Int, _ end: Int) -> (FieldRef, Bool)? {
        let bytes = file.buffer
        guard p < end else { return nil }
        let start = p
        switch bytes[p] {
        case 0x22:
            guard let s = parseString(&p, end) else { return nil }
            return (s, false)
        case 0x7B, 0x5B:
            guard skipNested(&p, end) else { return nil }
            return (FieldRef(inScratch: false, start: start, end: p, column: 0), false)
        case 0x74, 0x66, 0x6E:
            for word in ["true", "false", "null"] where matches(word, at: p, end) {
                p += word.utf8.count
                return (FieldRef(inScratch: false, start: start, end: p, column: 0), word == "null")
            }
            return nil
        default:
            // A number, as written: -?digits[.digits][e[+-]digits]
            while p < end,
                bytes[p] == 0x2D || bytes[p] == 0x2B || bytes[p] == 0x2E || bytes[p] == 0x45 || bytes[p] == 0x65
                    || (0x30...0x39).contains(bytes[p])
            { p += 1 }
            guard p > start else { return nil }
            return (FieldRef(inScratch: false, start: start, end: p, column: 0), false)
        }
    }

    func matches(_ word: String, at p: Int, _ end: Int) -> Bool {
        let utf8 = Array(word.utf8)
        guard p + utf8.count <= end else { return false }
        for (i, b) in utf8.enumerated() where file.buffer[p + i] != b { return false }
        return true
    }

    /// Skips a nested object or array, respecting strings.
    func skipNested(_ p: inout Int, _ end: Int) -> Bool {
        let bytes = file.buffer
        var depth = 0
        while p < end {
            let b = bytes[p]
            if b == 0x22 {
                p += 1
                while p < end && bytes[p] != 0x22 { p += bytes[p] == 0x5C ? 2 : 1 }
                guard p < end else { return false }
            } else if b == 0x7B || b == 0x5B {
                depth += 1
            } else if b == 0x7D || b == 0x5D {
                depth -= 1
                if depth == 0 {
                    p += 1
                    return true
                }
            }
            p += 1
        }
        return false
    }
}

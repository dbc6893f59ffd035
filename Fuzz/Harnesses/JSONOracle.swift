import Foundation
@testable import RingfindIngest

/// A second opinion on JSON Lines rows: a line that Foundation's JSON parser reads as an
/// object must not be rejected as invalid JSON or invalid UTF-8 (its other rejections — a
/// missing value, a bad number, a field given twice — are about the contract, not JSON).
///
/// Left out, by the contract: lines holding `\u0000` (a NUL is never accepted), and lines
/// holding a CR or LF inside them (a file with lone-CR line ends may hold an LF in a line,
/// which JSON counts as space and the contract does not). Left out, as Foundation is more
/// lenient than JSON: a comma before `}` or `]`.
enum JSONOracle {
    static func check(lines: [ArraySlice<UInt8>], rejections: [RowRejection]) {
        var reasonAtLine: [Int: RejectReason] = [:]
        for r in rejections { reasonAtLine[r.line] = r.reason }
        for (index, line) in lines.enumerated() {
            guard let reason = reasonAtLine[index + 1] else { continue }
            switch reason {
            case .invalidJSON, .invalidUTF8: break
            default: continue
            }
            guard !line.contains(0x0A), !line.contains(0x0D), !containsEscapedNUL(line), !hasTrailingComma(line) else { continue }
            guard (try? JSONSerialization.jsonObject(with: Data(line))) is [String: Any] else { continue }
            require(false, "line \(index + 1) is a JSON object for Foundation, rejected as \(reason.code): \(reason)\n"
                    + "  line: \(String(decoding: line, as: UTF8.self).debugDescription)")
        }
    }

    private static func containsEscapedNUL(_ line: ArraySlice<UInt8>) -> Bool {
        let pattern = Array("\\u0000".utf8)
        let bytes = Array(line)
        guard bytes.count >= pattern.count else { return false }
        return (0...(bytes.count - pattern.count)).contains { bytes[$0..<$0 + pattern.count].elementsEqual(pattern) }
    }

    /// Whether a `,` is followed, after spaces, by `}` or `]` outside strings.
    private static func hasTrailingComma(_ line: ArraySlice<UInt8>) -> Bool {
        var inString = false, escaped = false, lastOutside: UInt8 = 0
        for b in line {
            if inString {
                if escaped { escaped = false } else if b == 0x5C { escaped = true } else if b == 0x22 { inString = false }
                continue
            }
            if b == 0x22 { inString = true; lastOutside = b; continue }
            if b == 0x20 || b == 0x09 { continue }
            if (b == 0x7D || b == 0x5D) && lastOutside == 0x2C { return true }
            lastOutside = b
        }
        return false
    }
}

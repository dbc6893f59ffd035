import Foundation
import RingfindGraph
import RingfindIngest

/// Fuzzes `TimestampParser`: the whole input is one timestamp field.
///
/// Invariants: an accepted time lies in 1900…2199; it formats (`Timestamp.iso8601`) as
/// Foundation's ISO 8601 formatter would and parses back to itself; the bytes and the
/// `String` entry points agree; surrounding spaces and tabs change nothing; integer Unix
/// seconds mean exactly seconds × 1000; the fast path for canonical date-times agrees with
/// the general parser.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTimestamp(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let input = inputBytes(data, size)
    let bytes = Array(input)
    let result = TimestampParser.parse(input)

    require(TimestampParser.parseWithoutFastPath(input) == result, "the fast path and the general parser differ")

    let padded = [0x20, 0x09] + bytes + [0x09, 0x20]
    require(padded.withUnsafeBytes { TimestampParser.parse($0) } == result, "spaces around the value change the result")
    if isValidUTF8(bytes) {
        require(TimestampParser.parse(String(decoding: bytes, as: UTF8.self)) == result, "String and byte entry points differ")
    }

    if case .success(let millis) = result {
        require(millis >= TimestampParser.earliest && millis < TimestampParser.latest, "accepted \(millis) outside 1900…2199")
        let text = Timestamp.iso8601(millis)
        require(TimestampParser.parse(text) == .success(millis), "\(millis) formats as \(text), which does not parse back")
        let expected = TimestampOracle.iso8601(millis)
        require(text == expected, "\(millis) formats as \(text), Foundation says \(expected)")
    }

    // Integer Unix seconds, checked independently.
    let core = trimmed(bytes)
    let sign = core.first == 0x2D ? -1 : 1
    let digits = core.first == 0x2D || core.first == 0x2B ? core.dropFirst() : core
    if !digits.isEmpty, digits.count <= 15, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
        let millis = Int64(sign) * digits.reduce(Int64(0)) { $0 * 10 + Int64($1 - 0x30) } * 1000
        let inRange = millis >= TimestampParser.earliest && millis < TimestampParser.latest
        require(inRange ? result == .success(millis) : (try? result.get()) == nil,
                "Unix seconds \(String(decoding: core, as: UTF8.self)) give \(result), expected \(inRange ? "\(millis)" : "a rejection")")
    }
    return 0
}

/// Foundation's view of an instant, for comparison.
enum TimestampOracle {
    nonisolated(unsafe) static let whole: ISO8601DateFormatter = {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f
    }()

    static func iso8601(_ millis: Int64) -> String {
        let (seconds, rest) = (millis.quotientAndRemainder(dividingBy: 1000))
        let floorSeconds = rest < 0 ? seconds - 1 : seconds
        let floorMillis = rest < 0 ? rest + 1000 : rest
        // Whole seconds through Foundation (exact in a Double); the milliseconds appended,
        // so that no binary fraction can round the text.
        var text = whole.string(from: Date(timeIntervalSince1970: TimeInterval(floorSeconds)))
        if floorMillis != 0 {
            text.removeLast()  // "Z"
            text += "." + String(String(floorMillis + 1000).dropFirst()) + "Z"
        }
        return text
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Stops the fuzzer when an invariant does not hold: the message goes to stderr and
/// `abort()` makes libFuzzer save the input as a crash file.
func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String,
             file: StaticString = #fileID, line: UInt = #line) {
    guard !condition() else { return }
    fputs("invariant failed (\(file):\(line)): \(message())\n", stderr)
    abort()
}

/// The fuzzer's input as a buffer (libFuzzer may pass a null pointer for an empty input).
func inputBytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> UnsafeRawBufferPointer {
    UnsafeRawBufferPointer(start: data.map(UnsafeRawPointer.init), count: data == nil ? 0 : size)
}

/// `bytes` without leading and trailing spaces and tabs (as the parsers trim).
func trimmed(_ bytes: [UInt8]) -> ArraySlice<UInt8> {
    var s = 0, e = bytes.count
    while s < e && (bytes[s] == 0x20 || bytes[s] == 0x09) { s += 1 }
    while e > s && (bytes[e - 1] == 0x20 || bytes[e - 1] == 0x09) { e -= 1 }
    return bytes[s..<e]
}

/// Whether `bytes` is UTF-8 that decodes without replacement.
func isValidUTF8<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
    var decoder = UTF8()
    var iterator = bytes.makeIterator()
    while true {
        switch decoder.decode(&iterator) {
        case .scalarValue: continue
        case .emptyInput: return true
        case .error: return false
        }
    }
}

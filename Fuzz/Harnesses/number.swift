@testable import RingfindIngest

/// Fuzzes `NumberParser` (amounts and counts): the whole input is one field.
///
/// Invariants: an amount is finite and prints (shortest round-trip form) as text that parses
/// back to the same value; amounts agree with Swift's own `Double(_:)` on every text made of
/// the characters of a decimal number; a count is exactly the decimal value of its digits,
/// in 1…Int32.max, checked digit by digit without integer parsing.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNumber(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let input = inputBytes(data, size)
    let bytes = Array(input)
    let core = trimmed(bytes)

    // Amounts.
    let amount = NumberParser.decimal(input)
    if let amount {
        require(amount.isFinite, "amount \(amount) is not finite")
        let text = amount.description
        let again = Array(text.utf8).withUnsafeBytes { NumberParser.decimal($0) }
        require(again == amount, "\(amount) prints as \(text), which parses as \(again.map(String.init(describing:)) ?? "nothing")")
    }
    let decimalCharacters = core.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || [0x2B, 0x2D, 0x2E, 0x45, 0x65].contains($0) }
    if decimalCharacters && core.count < 64 {
        let swift = Double(String(decoding: core, as: UTF8.self)).flatMap { $0.isFinite ? $0 : nil }
        require(amount == swift || (amount?.isNaN == true && swift?.isNaN == true),
                "\(String(decoding: core, as: UTF8.self).debugDescription): parser \(String(describing: amount)), Swift \(String(describing: swift))")
    } else {
        require(amount == nil, "accepted \(String(decoding: core, as: UTF8.self).debugDescription) as \(amount!)")
    }

    // Counts.
    let count = NumberParser.count(input)
    let digits = core.first == 0x2B ? core.dropFirst() : core
    var expected: Int32? = nil
    if !digits.isEmpty && digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
        let significant = Array(digits.drop { $0 == 0x30 })
        let limit = Array("2147483647".utf8)
        // Same length as Int32.max: compare digit by digit.
        let fits = significant.count < limit.count || (significant.count == limit.count && !limit.lexicographicallyPrecedes(significant))
        if !significant.isEmpty && fits {
            expected = significant.reduce(Int32(0)) { $0 * 10 + Int32($1 - 0x30) }
        }
    }
    require(count == expected, "count of \(String(decoding: core, as: UTF8.self).debugDescription): parser \(String(describing: count)), expected \(String(describing: expected))")
    if let count {
        require(Array(String(count).utf8).withUnsafeBytes { NumberParser.count($0) } == count, "count \(count) does not parse back")
    }
    return 0
}

import RingfindGraph

/// Keyed pseudonyms (`--pseudonymize`): every id and name replaced by `HMAC-SHA-256(key,
/// domain ‖ 0 ‖ text)`, of which the first 64 bits are written as 16 upper-case hex digits
/// after a prefix naming the domain: `P-` ids (entities and their aliases), `N-` names, `G-`
/// groups, `A-` attribute values, `R-` resources.
///
/// The same key and text always give the same pseudonym, so a pseudonymised case is as
/// deterministic as any other and two cases built with one key can be compared; without the
/// key a pseudonym cannot be recomputed from a guessed id (HMAC is a pseudo-random function).
/// 64 bits keep accidental collisions negligible (≈ n²/2⁶⁵: 3·10⁻⁸ for a million ids), and a
/// collision among ids is detected and refused rather than merging two entities. Upper-case
/// hex never contains a lower-case id, and the domain separates a name from an equal id.
///
/// - Complexity: O(text length) per pseudonym (two SHA-256 finalisations).
public struct Pseudonymizer: Sendable {
    /// What a text is, which decides its prefix and its HMAC domain.
    public enum Domain: String, CaseIterable, Sendable {
        case id = "P"
        case name = "N"
        case group = "G"
        case attribute = "A"
        case resource = "R"

        /// The word shown by `ringfind reveal`.
        public var word: String {
            switch self {
            case .id: "id"
            case .name: "name"
            case .group: "group"
            case .attribute: "attribute"
            case .resource: "resource"
            }
        }
    }

    private let hmac: HMACSHA256
    /// Whether groups are kept as they are (`--keep-groups`).
    public let keepsGroups: Bool

    public init(key: PseudonymKey, keepGroups: Bool = false) {
        hmac = HMACSHA256(key: key.bytes)
        keepsGroups = keepGroups
    }

    /// The pseudonym of `text` in `domain`; the empty text stays empty (absent stays absent).
    public func pseudonym(_ text: String, _ domain: Domain) -> String {
        if text.isEmpty { return "" }
        var message = Array(domain.rawValue.utf8)
        message.append(0)
        message.append(contentsOf: text.utf8)
        let code = hmac.code(message)
        let digits = Array("0123456789ABCDEF".utf8)
        var out = Array(domain.rawValue.utf8) + [UInt8(ascii: "-")]
        for byte in code.prefix(8) {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether `text` has the form of a pseudonym (`P-` and 16 hex digits, …).
    public static func isPseudonym(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 18, bytes[1] == UInt8(ascii: "-"),
            Domain(rawValue: String(decoding: bytes[0..<1], as: UTF8.self)) != nil
        else { return false }
        return bytes[2...].allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x46) }
    }
}

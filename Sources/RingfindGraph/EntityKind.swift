/// What an entity is on the marketplace.
///
/// `employee` and `vendor` are the two sides a broker connects; `external` is anybody else
/// (relatives, agencies, contractors); `broker` is a confirmed or labelled broker.
public enum EntityKind: UInt8, CaseIterable, Sendable, Comparable, CustomStringConvertible {
    case employee = 0
    case vendor = 1
    case external = 2
    case broker = 3

    /// The lowercase name used in input and output files.
    public var description: String {
        switch self {
        case .employee: "employee"
        case .vendor: "vendor"
        case .external: "external"
        case .broker: "broker"
        }
    }

    /// Parses a kind name, ignoring ASCII case and surrounding spaces; `nil` when unknown.
    public init?(name: some StringProtocol) {
        let lowered = name.trimmingASCIISpaces().lowercased()
        guard let kind = EntityKind.allCases.first(where: { $0.description == lowered }) else { return nil }
        self = kind
    }

    /// `init?(name:)` on the bytes of a value, without making a string (the entities file has
    /// a kind on every row): ASCII case is ignored, and surrounding spaces and tabs.
    public init?(nameBytes bytes: UnsafeRawBufferPointer) {
        let trimmed = bytes.trimmingASCIISpaces()
        // Beyond ASCII, Unicode's lowercasing decides (the Kelvin sign is a `k`).
        if trimmed.contains(where: { $0 >= 0x80 }) {
            self.init(name: String(decoding: trimmed, as: UTF8.self))
            return
        }
        for kind in EntityKind.allCases {
            let name = kind.description.utf8
            guard name.count == trimmed.count else { continue }
            // `| 0x20` lowercases ASCII letters; the names are lowercase letters only.
            if zip(name, trimmed).allSatisfy({ $0 == $1 | 0x20 }) {
                self = kind
                return
            }
        }
        return nil
    }

    public static func < (lhs: EntityKind, rhs: EntityKind) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Where an entity's kind came from.
public enum KindOrigin: UInt8, Sendable {
    /// Given in an `entities` file.
    case declared = 0
    /// Inferred from the role the entity plays in events (access employee, access vendor, other).
    case inferred = 1
}

extension StringProtocol {
    /// The string without leading and trailing ASCII spaces and tabs.
    func trimmingASCIISpaces() -> Substring {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" { s.removeFirst() }
        while let c = s.last, c == " " || c == "\t" { s.removeLast() }
        return s
    }
}

extension UnsafeRawBufferPointer {
    /// The bytes without leading and trailing ASCII spaces and tabs (a slice of the same
    /// memory, indexed from 0).
    ///
    /// Called for every value of every input row, several times (is it blank, is it visible,
    /// its bytes, its number or time), so it reads through the base pointer without slicing:
    /// on an untrimmed value it is two compares.
    @inlinable @inline(__always)
    public func trimmingASCIISpaces() -> UnsafeRawBufferPointer {
        guard let base = baseAddress else { return self }
        @inline(__always) func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
        var s = 0, e = count
        while s < e && isSpace(base.load(fromByteOffset: s, as: UInt8.self)) { s += 1 }
        while e > s && isSpace(base.load(fromByteOffset: e - 1, as: UInt8.self)) { e -= 1 }
        return UnsafeRawBufferPointer(start: base + s, count: e - s)
    }
}
